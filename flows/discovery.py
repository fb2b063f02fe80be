"""Discovery: the documents each source holds now, plus the known ones to revisit or
withdraw."""

from __future__ import annotations

from dataclasses import dataclass, field

from prefect import task
from prefect.cache_policies import NO_CACHE

from crawler.options import FetchOptions
from crawler.sources import Candidate, DiscoveryError, Source, scan_path
from warehouse import KnownDocument


@dataclass(frozen=True)
class Plan:
    candidates: list[Candidate]
    errors: list[DiscoveryError]
    gone: list[Candidate]  # known documents no longer in their folder
    # Files of a folder not read (their kind, or "excluded"), with how many of each.
    skipped: dict[str, int] = field(default_factory=dict)
    # Links of listing pages not followed (hidden files, labels, images...), by why.
    skipped_links: dict[str, int] = field(default_factory=dict)


# A crawl that raises (rather than recording its errors in the plan) is tried again: the
# cause is most often a site that is briefly unreachable.
@task(
    name="discover documents",
    task_run_name="discover {source.id}",
    cache_policy=NO_CACHE,
    retries=2,
    retry_delay_seconds=[2, 10],
)
def discover(
    source: Source, known: dict[str, KnownDocument], options: FetchOptions | None = None
) -> Plan:
    """The documents a source holds now, plus the known ones to revisit or withdraw."""
    if source.kind == "path":
        scan = scan_path(source)
        candidates, errors = scan.candidates, scan.errors
        found = {c.url for c in candidates}
        source_ok = not any(e.url == source.id for e in errors)
        gone = [
            Candidate(url=k.url, source=source.id)
            for k in known.values()
            if source_ok and k.source == source.id and k.status == "active" and k.url not in found
        ]
        return Plan(candidates, errors, gone, scan.skipped)
    return discover_web(source, known, options or FetchOptions())


def discover_web(source: Source, known: dict[str, KnownDocument], options: FetchOptions) -> Plan:
    from crawler import session as web_session
    from crawler.crawl import crawl_source
    from crawler.fetching import WebCandidate, remember_prefetched
    from crawler.urls import SitePolicy

    policy = SitePolicy(source.location, source.allow_hosts)
    with web_session.client_for(options) as client:
        crawl = crawl_source(source, client, set(known), policy)
    if crawl.prefetched is not None and (
        not crawl.prefetched.ok or crawl.prefetched.body is not None
    ):
        remember_prefetched(crawl.prefetched)
    # Each carries the policy: the fetch stage checks the document's redirects against it.
    candidates: list[Candidate] = [
        WebCandidate(url=u, source=source.id, policy=policy, listed_dates=crawl.dates.get(u, ()))
        for u in crawl.documents
    ]
    errors = [DiscoveryError(source.id, url, message) for url, message in crawl.errors]
    # Feeds show only the newest items: every known document of the source is revisited so
    # corrections and withdrawals are seen after a release drops off. Nothing is withdrawn
    # for missing from a feed or listing: only a 404 / 410 withdraws a web document.
    seen = {c.url for c in candidates}
    for k in known.values():
        if k.source == source.id and k.status == "active" and k.url not in seen:
            candidates.append(WebCandidate(url=k.url, source=source.id, policy=policy))
    return Plan(candidates, errors, [], skipped_links=crawl.skipped)
