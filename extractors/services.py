"""Fire and rescue service gazetteer: canonical names and variants from
`data/services.toml`, matched in text the way `extractors.forces` matches police forces.

A place counts as a fire service when a fire word follows it ("Kent Fire and Rescue
Service", "Dorset & Wiltshire FRS", "Hereford & Worcester Fire", "Essex fire service"),
through its names ("LFB", "DWFRS", "London Fire Commissioner"), or, in a fire release's
lists and verdict subjects only, alone ("Cleveland, Derbyshire and Staffordshire were
deemed good": `bare=True`). Abbreviations several services share ("BFRS", "the Brigade")
count only where the release names one of their candidates in full (`known`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .forces import _alternation, _key

_DATA = Path(__file__).resolve().parent / "data" / "services.toml"


@dataclass(frozen=True)
class _Gazetteer:
    canonical: tuple[str, ...]
    places: dict[str, str]  # place stem -> canonical
    names: dict[str, str]  # literal name -> canonical
    ambiguous: dict[str, tuple[str, ...]]  # literal -> candidates
    suffixes: tuple[str, ...]
    offices: tuple[str, ...]
    lookup: dict[str, str]  # _key(any full name) -> canonical


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    data = tomllib.loads(_DATA.read_text("utf-8"))
    places: dict[str, str] = {}
    names: dict[str, str] = {}
    lookup: dict[str, str] = {}
    for canonical, entry in data["services"].items():
        lookup[_key(canonical)] = canonical
        for place in entry.get("places", []):
            places.setdefault(place, canonical)
            for suffix in data["suffixes"]:
                lookup.setdefault(_key(f"{place} {suffix}"), canonical)
        for name in entry.get("names", []):
            names[name] = canonical
            lookup.setdefault(_key(name), canonical)
    for place, canonical in places.items():
        lookup.setdefault(_key(place), canonical)
    return _Gazetteer(
        canonical=tuple(data["services"]),
        places=places,
        names=names,
        ambiguous={k: tuple(v) for k, v in data.get("ambiguous", {}).items()},
        suffixes=tuple(data["suffixes"]),
        offices=tuple(data["commissioner_offices"]),
        lookup=lookup,
    )


def canonical_service(name: str) -> str | None:
    """The canonical name of a fire and rescue service from any of its names, bare place
    names included ("Staffordshire" -> "Staffordshire Fire and Rescue Service")."""
    if not isinstance(name, str) or not name.strip():
        return None
    key = re.sub(r"'s\b", "", _key(name))
    table = gazetteer().lookup
    for candidate in (key, key[4:] if key.startswith("the ") else key):
        if candidate in table:
            return table[candidate]
    return None


# A place followed by a police or council word is that body, not the fire service.
_NOT_OTHER_AFTER = (
    r"(?!\s+(?:[Pp]olice|[Cc]onstabulary|[Cc]ounty\s+[Cc]ouncil|[Cc]ouncil|NHS|[Aa]mbulance|"
    r"PCC|[Ff]ire))"
)
_FIRE_PLURAL = r"(?:[Ff]ire\s+(?:and|&)\s+[Rr]escue\s+[Ss]ervices|[Ff]ire\s+[Ss]ervices|FRSs)"
_VERDICT_VERB = (
    r"\s+(?:was|were|is|has\s+been|had\s+been)\s+(?:also\s+|now\s+)?"
    r"(?:graded|rated|judged|deemed|assessed|found|given|identified)\b"
)


@lru_cache(maxsize=2)
def _pattern(bare: bool) -> re.Pattern[str]:
    g = gazetteer()
    # Headlines and news copy capitalise places ("HEREFORD and Worcester Fire").
    places = "(?i:" + _alternation(list(g.places)) + ")"
    suffixes = _alternation(list(g.suffixes))
    literals = _alternation(list(g.names) + list(g.ambiguous))
    parts = [
        # "Kent Fire and Rescue Service", "Essex County Fire & Rescue", "Surrey FRS"; not
        # "Kent Fire Brigades Union".
        # "Devon and Somerset's fire service" too.
        rf"(?:{places})(?:[’']s)?\s+(?:{suffixes})(?![\w&-])(?!\s+(?:Brigades?\s+)?Union)",
        rf"(?:{literals})",
        # Places sharing the fire word of the last one ("Cleveland, Derbyshire and
        # Staffordshire fire and rescue services") or the subject of a verdict
        # ("Surrey was rated good").
        rf"(?:{places})(?=(?:\s*,\s*(?:{places}))*\s*,?\s*(?:and|&)\s+(?:{places})\s+"
        rf"{_FIRE_PLURAL}|(?:(?:\s*,\s*(?:{places}))*\s*,?\s*(?:and|&)\s+(?:{places}))?"
        rf"{_VERDICT_VERB})",
    ]
    if bare:
        parts.append(rf"(?:{places}){_NOT_OTHER_AFTER}")
    # Every part starts with a place (in either case, as the places are matched) or a
    # literal name: a position at any other character is refused in one step, before the
    # long alternations are tried there.
    place_first = "".join(re.escape(c) for c in sorted({p[0] for p in g.places}))
    literal_first = "".join(re.escape(c) for c in sorted({n[0] for n in [*g.names, *g.ambiguous]}))
    first = rf"(?=(?i:[{place_first}])|[{literal_first}])"
    return re.compile(first + r"(?<![\w&-])(?:" + "|".join(parts) + r")(?![\w-])")


def find_services(
    text: str, *, bare: bool = False, known: tuple[str, ...] | frozenset[str] = ()
) -> list[tuple[str, int, int]]:
    """Services named in `text`: (canonical, start, end) in reading order. An ambiguous
    abbreviation counts when exactly one of its candidates is in `known`."""
    if not isinstance(text, str) or not text:
        return []
    return list(_find(text[:200_000], bare, frozenset(known)))


@lru_cache(maxsize=4096)
def _find(text: str, bare: bool, known: frozenset[str]) -> tuple[tuple[str, int, int], ...]:
    g = gazetteer()
    out: list[tuple[str, int, int]] = []
    for match in _pattern(bare).finditer(text):
        found = match.group(0)
        if found in g.ambiguous:
            candidates = [c for c in g.ambiguous[found] if c in known]
            if len(candidates) == 1:
                out.append((candidates[0], match.start(), match.end()))
            continue
        canonical = g.names.get(found) or canonical_service(found)
        if canonical:
            out.append((canonical, match.start(), match.end()))
    return tuple(out)


def services_in(
    text: str, *, bare: bool = False, known: tuple[str, ...] | frozenset[str] = ()
) -> list[str]:
    """Distinct canonical services named in `text`, in order of first mention."""
    return list(dict.fromkeys(c for c, _s, _e in find_services(text, bare=bare, known=known)))


@lru_cache(maxsize=1)
def _office_pattern() -> re.Pattern[str]:
    g = gazetteer()
    places = _alternation(list(g.places))
    offices = _alternation(list(g.offices))
    return re.compile(
        rf"(?<![\w-])(?P<a>{places})(?:[’']s)?\s+(?:{offices})|"
        rf"\b(?:Commissioner|PFCC|Mayor)\s+(?:for|of)\s+(?P<b>{places})(?![\w-])"
    )


def commissioner_services(text: str) -> list[str]:
    """The services whose commissioners or authorities `text` names ("Essex Police, Fire
    and Crime Commissioner", "the PFCC for Staffordshire"): in a fire release, the
    commissioner answers for the service."""
    if not isinstance(text, str) or not text:
        return []
    out: dict[str, None] = {}
    for match in _office_pattern().finditer(text[:200_000]):
        canonical = canonical_service(match.group("a") or match.group("b"))
        if canonical:
            out.setdefault(canonical, None)
    return list(out)


def services_in_url(url: str) -> list[str]:
    """Services an address's slug names with a fire word after the place
    ("/nottinghamshire-fire-service-celebrates-...", "/notts-fire-and-rescue-service-...")."""
    if not isinstance(url, str) or not url:
        return []
    slug = " " + re.sub(r"[^a-z]+", " ", url[:2000].lower()) + " "
    found: list[tuple[int, str]] = []
    for place, canonical in sorted(gazetteer().places.items(), key=lambda kv: -len(kv[0])):
        key = " " + re.sub(r"[^a-z]+", " ", place.lower()).strip() + " fire "
        start = slug.find(key)
        if start >= 0 and not any(s <= start < s + n for s, n, _ in _spans(found)):
            found.append((start, canonical))
    if not found:
        # A service's own site runs its words together: "humbersidefire.gov.uk".
        host = re.match(r"^(?:[a-z]+://)?([^/:?#]+)", url[:300].lower())
        labels = re.split(r"[.-]", host.group(1)) if host else []
        for place, canonical in sorted(gazetteer().places.items(), key=lambda kv: -len(kv[0])):
            joined = re.sub(r"[^a-z]+", "", place.lower())
            if any(label.startswith(joined + "fire") for label in labels):
                return [canonical]
    return list(dict.fromkeys(c for _p, c in sorted(found)))


def _spans(found: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    return [(start, 1, name) for start, name in found]
