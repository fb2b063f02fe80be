"""Discovery: the documents each source holds now, plus the known ones to revisit or
withdraw."""

from __future__ import annotations

from dataclasses import dataclass

from prefect import task
from prefect.cache_policies import NO_CACHE

from warehouse import KnownDocument

from .sources import Candidate, DiscoveryError, Source, discover_path


@dataclass(frozen=True)
class Plan:
    candidates: list[Candidate]
    errors: list[DiscoveryError]
    gone: list[Candidate]  # known documents no longer in their folder


@task(name="discover documents", cache_policy=NO_CACHE)
def discover(source: Source, known: dict[str, KnownDocument]) -> Plan:
    """The documents a source holds now, plus the known ones to revisit or withdraw."""
    if source.kind == "path":
        candidates, errors = discover_path(source)
        found = {c.url for c in candidates}
        source_ok = not any(e.url == source.id for e in errors)
        gone = [
            Candidate(url=k.url, source=source.id)
            for k in known.values()
            if source_ok and k.source == source.id and k.status == "active" and k.url not in found
        ]
        return Plan(candidates, errors, gone)
    candidates = [Candidate(url=source.location, source=source.id)]
    # Feeds show only the newest items: every known document of the source is revisited so
    # corrections and withdrawals are seen after a release drops off.
    seen = {c.url for c in candidates}
    for k in known.values():
        if k.source == source.id and k.status == "active" and k.url not in seen:
            candidates.append(Candidate(url=k.url, source=source.id))
    return Plan(candidates, [], [])
