"""Police-force gazetteer: canonical names, variants, and fast matching in text.

Canonical names are the forces' official names (the warehouse contract reports forces by
these). Matching is conservative: a place name counts as a force only when a police word
follows it ("Staffordshire Police", "Cheshire constabulary"), or when the name is a police
area that means nothing else ("Dyfed-Powys", "West Mercia", "Thames Valley"), or through a
well-known abbreviation ("GMP", "the Met", "PSNI"). Bare county names ("Norfolk 2014") are
only accepted where a caller asks for them (`bare=True`: titles, URL slugs, force lists).

All matching goes through one compiled alternation per mode, so a paragraph is scanned
once, whatever the number of variants.
"""

from __future__ import annotations

import re
from functools import lru_cache

# canonical name -> place stems (the part before "Police"/"Constabulary"), first is main.
_TERRITORIAL: dict[str, tuple[str, ...]] = {
    "Avon and Somerset Constabulary": ("Avon and Somerset", "Avon & Somerset"),
    "Bedfordshire Police": ("Bedfordshire",),
    "Cambridgeshire Constabulary": ("Cambridgeshire",),
    "Cheshire Constabulary": ("Cheshire",),
    "City of London Police": ("City of London",),
    "Cleveland Police": ("Cleveland",),
    "Cumbria Constabulary": ("Cumbria",),
    "Derbyshire Constabulary": ("Derbyshire",),
    "Devon and Cornwall Police": ("Devon and Cornwall", "Devon & Cornwall"),
    "Dorset Police": ("Dorset",),
    "Durham Constabulary": ("Durham",),
    "Dyfed-Powys Police": ("Dyfed-Powys", "Dyfed Powys", "Dyfed–Powys"),
    "Essex Police": ("Essex",),
    "Gloucestershire Constabulary": ("Gloucestershire",),
    "Greater Manchester Police": ("Greater Manchester",),
    "Gwent Police": ("Gwent",),
    "Hampshire Constabulary": (
        "Hampshire",
        "Hampshire and Isle of Wight",
        "Hampshire & Isle of Wight",
    ),
    "Hertfordshire Constabulary": ("Hertfordshire",),
    "Humberside Police": ("Humberside",),
    "Kent Police": ("Kent",),
    "Lancashire Constabulary": ("Lancashire",),
    "Leicestershire Police": ("Leicestershire",),
    "Lincolnshire Police": ("Lincolnshire",),
    "Merseyside Police": ("Merseyside",),
    "Metropolitan Police Service": ("Metropolitan",),
    "Norfolk Constabulary": ("Norfolk",),
    "North Wales Police": ("North Wales",),
    "North Yorkshire Police": ("North Yorkshire",),
    "Northamptonshire Police": ("Northamptonshire",),
    "Northumbria Police": ("Northumbria",),
    "Nottinghamshire Police": ("Nottinghamshire",),
    "South Wales Police": ("South Wales",),
    "South Yorkshire Police": ("South Yorkshire",),
    "Staffordshire Police": ("Staffordshire",),
    "Suffolk Constabulary": ("Suffolk",),
    "Surrey Police": ("Surrey",),
    "Sussex Police": ("Sussex",),
    "Thames Valley Police": ("Thames Valley",),
    "Warwickshire Police": ("Warwickshire",),
    "West Mercia Police": ("West Mercia",),
    "West Midlands Police": ("West Midlands",),
    "West Yorkshire Police": ("West Yorkshire",),
    "Wiltshire Police": ("Wiltshire",),
}

# Other forces and bodies the inspectorate inspects: the national and non-territorial
# forces, the Crown dependencies' and Gibraltar's forces, the port and service police, and
# the National Crime Agency (inspected by statute since 2013). Agencies it inspected only
# alongside others (SOCA, HMRC, Border Force) are not reported.
_OTHER: dict[str, tuple[str, ...]] = {
    "British Transport Police": ("British Transport",),
    "Police Service of Northern Ireland": (),
    "Police Scotland": (),
    "Civil Nuclear Constabulary": ("Civil Nuclear",),
    "Ministry of Defence Police": ("Ministry of Defence", "MoD", "MOD"),
    "National Crime Agency": (),
    "States of Jersey Police": ("States of Jersey", "Jersey"),
    "Isle of Man Constabulary": ("Isle of Man",),
    "Guernsey Police": ("Guernsey", "States of Guernsey", "Bailiwick of Guernsey"),
    "Royal Gibraltar Police": ("Royal Gibraltar",),
    "Gibraltar Defence Police": ("Gibraltar Defence",),
    "Port of Liverpool Police": ("Port of Liverpool",),
    "Port of Tilbury Police": ("Port of Tilbury",),
    "Port of Dover Police": ("Port of Dover", "Dover Harbour Board"),
    "Royal Military Police": ("Royal Military",),
    "Royal Navy Police": ("Royal Navy",),
    "Royal Air Force Police": ("Royal Air Force", "RAF"),
}

CANONICAL: tuple[str, ...] = tuple(_TERRITORIAL) + tuple(_OTHER)
TERRITORIAL: tuple[str, ...] = tuple(_TERRITORIAL)

# Short forms of county names, used with a police word ("Staffs Police", "Notts Police").
_SHORT_STEMS: dict[str, str] = {
    "Beds": "Bedfordshire Police",
    "Cambs": "Cambridgeshire Constabulary",
    "Derbys": "Derbyshire Constabulary",
    "Glos": "Gloucestershire Constabulary",
    "Hants": "Hampshire Constabulary",
    "Herts": "Hertfordshire Constabulary",
    "Leics": "Leicestershire Police",
    "Lincs": "Lincolnshire Police",
    "Northants": "Northamptonshire Police",
    "Notts": "Nottinghamshire Police",
    "Staffs": "Staffordshire Police",
    "Wilts": "Wiltshire Police",
    "Warks": "Warwickshire Police",
    "North Yorks": "North Yorkshire Police",
    "South Yorks": "South Yorkshire Police",
    "West Yorks": "West Yorkshire Police",
    "Greater Manchester Police Service": "Greater Manchester Police",
}

# Literal variants (matched case-sensitively as whole words).
_LITERALS: dict[str, str] = {
    "Metropolitan Police Service": "Metropolitan Police Service",
    "Metropolitan Police": "Metropolitan Police Service",
    "Met Police": "Metropolitan Police Service",
    "the Met": "Metropolitan Police Service",
    "The Met": "Metropolitan Police Service",
    "MPS": "Metropolitan Police Service",
    "Greater Manchester Police": "Greater Manchester Police",
    "GMP": "Greater Manchester Police",
    "BTP": "British Transport Police",
    "PSNI": "Police Service of Northern Ireland",
    "Police Service of Northern Ireland": "Police Service of Northern Ireland",
    "Police Service Northern Ireland": "Police Service of Northern Ireland",
    "Royal Ulster Constabulary": "Police Service of Northern Ireland",
    "Police Scotland": "Police Scotland",
    "Police Service of Scotland": "Police Scotland",
    "MDP": "Ministry of Defence Police",
    "Ministry of Defence Police": "Ministry of Defence Police",
    "MoD Police": "Ministry of Defence Police",
    "States of Jersey Police": "States of Jersey Police",
    "Bailiwick of Guernsey Law Enforcement": "Guernsey Police",
    "Guernsey Police": "Guernsey Police",
    "National Crime Agency": "National Crime Agency",
    "NCA": "National Crime Agency",
    "Civil Nuclear Constabulary": "Civil Nuclear Constabulary",
    "CNC": "Civil Nuclear Constabulary",
    "New Scotland Yard": "Metropolitan Police Service",
    "Scotland Yard": "Metropolitan Police Service",
    "Police Service for Northern Ireland": "Police Service of Northern Ireland",
    # The Welsh forces' Welsh names (their releases are bilingual).
    "Heddlu Dyfed-Powys": "Dyfed-Powys Police",
    "Heddlu Dyfed Powys": "Dyfed-Powys Police",
    "Heddlu Gwent": "Gwent Police",
    "Heddlu De Cymru": "South Wales Police",
    "Heddlu Gogledd Cymru": "North Wales Police",
}

# Police-area names that are unambiguous on their own (no county, council or service
# of the same name is likely to be meant).
_BARE_UNAMBIGUOUS: dict[str, str] = {
    "Dyfed-Powys": "Dyfed-Powys Police",
    "Dyfed Powys": "Dyfed-Powys Police",
    "West Mercia": "West Mercia Police",
    "Thames Valley": "Thames Valley Police",
    "Avon and Somerset": "Avon and Somerset Constabulary",
    "Avon & Somerset": "Avon and Somerset Constabulary",
    "Devon and Cornwall": "Devon and Cornwall Police",
    "Devon & Cornwall": "Devon and Cornwall Police",
}

_SUFFIX = r"(?:[Pp]olice(?:\s+[Ss]ervice|\s+[Ff]orce)?|[Cc]onstabulary)"
# "Warwickshire Police and Crime Commissioner" is the commissioner, not the force;
# "Kent Police Federation" is the staff association.
_NOT_FORCE_AFTER = (
    r"(?!\s+(?:and|&)\s+[Cc]rime\b|\s+[Aa]uthority\b|\s+[Ff]ederation\b|\s+[Cc]ommissioner\b)"
)
# A bare area name followed by another service is that service.
_NOT_SERVICE_AFTER = (
    r"(?!\s+(?:[Ff]ire|[Cc]ounty|[Cc]ouncil|NHS|[Aa]mbulance|[Pp]robation|[Hh]ealth|"
    r"[Pp]olice\s+and\s+[Cc]rime))"
)


def _key(text: str) -> str:
    """Lookup key: lower case, '&' as 'and', dashes and spaces folded."""
    text = text.replace("&", " and ").replace("\u2019", "'")
    text = re.sub(r"[\u2010-\u2015\-]", " ", text)
    text = re.sub(r"[^\w' ]+", " ", text)
    return " ".join(text.lower().split())


@lru_cache(maxsize=1)
def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for canonical, stems in {**_TERRITORIAL, **_OTHER}.items():
        table[_key(canonical)] = canonical
        for stem in stems:
            for suffix in ("Police", "Constabulary", "Police Service", "Police Force"):
                table.setdefault(_key(f"{stem} {suffix}"), canonical)
    for stem, canonical in _SHORT_STEMS.items():
        for suffix in ("Police", "Constabulary"):
            table.setdefault(_key(f"{stem} {suffix}"), canonical)
    for variant, canonical in {**_LITERALS, **_BARE_UNAMBIGUOUS}.items():
        table.setdefault(_key(variant), canonical)
    table[_key("the Metropolitan Police")] = "Metropolitan Police Service"
    table[_key("Met")] = "Metropolitan Police Service"
    return table


def _bare_stems() -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, stems in _TERRITORIAL.items():
        for stem in stems:
            if stem == "Metropolitan":
                continue
            out[stem] = canonical
    return out


@lru_cache(maxsize=1)
def _bare_keys() -> dict[str, str]:
    # Built once: canonical_force reads it for every name the scan finds. Read-only.
    return {_key(k): v for k, v in _bare_stems().items()}


@lru_cache(maxsize=1)
def _url_stems() -> tuple[tuple[str, str, str, str], ...]:
    """(stem, canonical, its ' words ' key, its joined letters), longest stem first: built
    once, not per URL."""
    names = sorted(_bare_stems().items(), key=lambda kv: len(kv[0]), reverse=True)
    return tuple(
        (
            stem,
            canonical,
            " " + re.sub(r"[^a-z]+", " ", stem.lower()).strip() + " ",
            re.sub(r"[^a-z]+", "", stem.lower()),
        )
        for stem, canonical in names
    )


def canonical_force(name: str) -> str | None:
    """The canonical name of a force from any of its names ("Avon & Somerset Police",
    "the Met", "Dyfed Powys"), or None when `name` is not a police force. Bare county
    names are accepted here ("Norfolk" -> "Norfolk Constabulary"): the caller asked."""
    if not isinstance(name, str) or not name.strip():
        return None
    key = _key(name)
    if key.startswith("the "):
        key_no_the = key[4:]
    else:
        key_no_the = key
    table = _lookup()
    for candidate in (key, key_no_the):
        if candidate in table:
            return table[candidate]
    bare = _bare_keys()
    for candidate in (key, key_no_the):
        if candidate in bare:
            return bare[candidate]
    return None


def _alternation(words: list[str]) -> str:
    # Longest first, so "Greater Manchester Police" wins over "Greater Manchester".
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)
    )


@lru_cache(maxsize=2)
def _pattern(bare: bool) -> re.Pattern[str]:
    stems: list[str] = []
    for names in {**_TERRITORIAL, **_OTHER}.values():
        stems.extend(names)
    stems = [s for s in stems if s not in ("MoD", "MOD", "Jersey", "Guernsey")]
    stems += list(_SHORT_STEMS)
    parts = [
        # "<place> Police|Constabulary"
        rf"(?:{_alternation(stems)})\s+{_SUFFIX}{_NOT_FORCE_AFTER}",
        # literal names and abbreviations
        rf"(?:{_alternation([k for k in _LITERALS if not k.startswith(('the ', 'The '))])})"
        + _NOT_FORCE_AFTER,
        r"(?:the|The)\s+Met(?!\s+Office)\b",
        rf"(?:{_alternation(list(_BARE_UNAMBIGUOUS))}){_NOT_SERVICE_AFTER}",
    ]
    places = _alternation(list(_bare_stems()))
    # Places that share the police word of the last one: "South Wales and Gwent police
    # forces", "the Staffordshire and Wiltshire Police", "Surrey, Sussex and Kent Police".
    # A place that is the subject of a verdict: "North Wales was graded good". (One part
    # with the coordinated places, so the place names are scanned once.)
    parts.append(
        rf"(?:{places})(?=(?:\s*,\s*(?:{places}))*\s*,?\s*(?:and|&)\s+(?:{places})\s+"
        rf"(?:[Pp]olice|[Cc]onstabular)\w*|"
        r"\s+(?:was|were|is|has\s+been|had\s+been)\s+(?:also\s+|now\s+)?"
        r"(?:graded|rated|judged|deemed|assessed|found|placed|moved|removed|given|put|taken)\b)"
    )
    if bare:
        parts.append(rf"(?:{places}){_NOT_SERVICE_AFTER}")
    # Every part starts with one of these names (or "the"/"The"): a position at any other
    # character is refused in one step, before the long alternations are tried there.
    names = [*stems, *_LITERALS, *_BARE_UNAMBIGUOUS, *_bare_stems(), "the", "The"]
    first = "".join(re.escape(c) for c in sorted({n[0] for n in names}))
    return re.compile(rf"(?=[{first}])(?<![\w&-])(?:" + "|".join(parts) + r")(?![\w-])")


def find_forces(text: str, *, bare: bool = False) -> list[tuple[str, int, int]]:
    """Forces named in `text`: (canonical, start, end) in reading order.

    With `bare=True` bare county names also count ("Norfolk 2014"): use it for titles,
    URL slugs and "Police Forces:" lists, not for running text.
    """
    if not isinstance(text, str) or not text:
        return []
    # The same sentence or paragraph is asked about by several fields' rules: scan it
    # once. Only short texts are kept, so the cache stays a few MB in every worker.
    return list(_find_forces(text, bare)) if len(text) <= _CACHED_CHARS else _scan(text, bare)


_CACHED_CHARS = 2_000


@lru_cache(maxsize=4096)
def _find_forces(text: str, bare: bool) -> tuple[tuple[str, int, int], ...]:
    return tuple(_scan(text, bare))


def _scan(text: str, bare: bool) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for match in _pattern(bare).finditer(text):
        found = match.group(0)
        canonical = canonical_force(found)
        if canonical is None:
            continue
        out.append((canonical, match.start(), match.end()))
    return out


@lru_cache(maxsize=1)
def _commissioner_pattern() -> re.Pattern[str]:
    places = _alternation(list(_bare_stems()) + list(_BARE_UNAMBIGUOUS))
    office = (
        r"(?:Police,?\s+(?:Fire\s+(?:and|&)\s+Rescue\s+)?(?:and|&)\s+Crime\s+Commissioner|"
        r"PCC|PFCC|Police\s+(?:and|&)\s+Crime\s+Panel)"
    )
    return re.compile(
        rf"(?<![\w-])(?P<a>{places})(?:[’']s)?\s+{office}|"
        rf"\b(?:Commissioner|PCC|PFCC)\s+for\s+(?P<b>{places})(?![\w-])"
    )


def commissioner_forces(text: str) -> list[str]:
    """The forces whose commissioners `text` names ("West Mercia Police and Crime
    Commissioner", "the PCC for Dorset"): a commissioner's area is its force's."""
    if not isinstance(text, str) or not text:
        return []
    out: dict[str, None] = {}
    for match in _commissioner_pattern().finditer(text):
        canonical = canonical_force(match.group("a") or match.group("b"))
        if canonical:
            out.setdefault(canonical, None)
    return list(out)


def forces_in(text: str, *, bare: bool = False) -> list[str]:
    """Distinct canonical forces named in `text`, in order of first mention."""
    seen: dict[str, None] = {}
    for canonical, _start, _end in find_forces(text, bare=bare):
        seen.setdefault(canonical, None)
    return list(seen)


def forces_in_url(url: str) -> list[str]:
    """Forces named in a URL's host or path slug ("/peel-2014/dyfed-powys/",
    "www.dorset.police.uk", "lincolnshire-polices-crime-recording")."""
    if not isinstance(url, str) or not url:
        return []
    slug = re.sub(r"[^A-Za-z]+", " ", url[:2000]).lower()
    slug = f" {slug} "
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    names = _url_stems()
    for _stem, canonical, key, _joined in names:
        start = slug.find(key)
        while start >= 0:
            end = start + len(key)
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                found.append((start, canonical))
                break
            start = slug.find(key, start + 1)
    for word, canonical in (
        (" metropolitan ", "Metropolitan Police Service"),
        (" met police ", "Metropolitan Police Service"),
        (" british transport ", "British Transport Police"),
        (" psni ", "Police Service of Northern Ireland"),
    ):
        pos = slug.find(word)
        if pos >= 0:
            found.append((pos, canonical))
    seen: dict[str, None] = {}
    if not found:
        # Hosts run a force's words together ("www.avonandsomerset.police.uk",
        # "northyorkshire-pfcc.gov.uk").
        host = re.match(r"^(?:[a-z]+://)?([^/:?#]+)", url[:300], re.IGNORECASE)
        labels = re.split(r"[.-]", host.group(1).lower()) if host else []
        for _stem, canonical, _key_words, joined in names:
            if len(joined) >= 5 and joined in labels:
                found.append((0, canonical))
                break
    for _pos, canonical in sorted(found):
        seen.setdefault(canonical, None)
    return list(seen)


# A force's or its commissioner's own website: "www.kent.police.uk",
# "www.staffordshire-pfcc.gov.uk", "www.northyorkshire-pfcc.gov.uk", "opcc.kent.gov.uk".
_OWN_SITE = re.compile(
    r"^[a-z]+://[^/]*(?:\.police\.uk|\bp?f?cc\b[^/]*\.gov\.uk|\bopcc\b[^/]*|-pcc\.[^/]+)(?:[:/]|$)",
    re.IGNORECASE,
)


def force_of_own_site(url: str) -> str | None:
    """The force whose own (or whose commissioner's) website `url` is on, if any."""
    if not isinstance(url, str) or not _OWN_SITE.match(url[:300]):
        return None
    host = re.match(r"^[a-z]+://([^/]+)", url, re.IGNORECASE)
    found = forces_in_url(host.group(1)) if host else []
    return found[0] if len(found) == 1 else None
