"""People named with a role: "HM Inspector of Constabulary for the Western Region, Dru
Sharpling, said", "Zoë Billingham, Her Majesty's Inspector of Constabulary", "Chief
Constable Jane Doe said". Roles are kept as the text states them."""

from __future__ import annotations

import re

from ..forces import canonical_force
from ..records import Person
from .names import FRS, HM, HONORIFICS, NAME, RANK_ABBREVIATIONS, ROLE, either_case
from .titles import is_chrome

# After a name the bare "HMI" ends the role: "Vic Towell, HMI, added".
# So do "PCC" and "PCC for Kent": "Jane Doe, PCC for Kent, said".
# An inspector named after their body, or the body after the office: "HMIC inspector for
# Lancashire", "an inspector for Her Majesty's Inspectorate of Constabulary".
_INSPECTORATE = rf"(?:{HM}\s+)?Inspectorate\s+of\s+Constabulary(?:\s+and\s+{FRS})?"
_BODY_INSPECTOR = (
    r"(?:HMIC|HMICFRS)\s+[Ii]nspector(?:\s+for\s+[A-Z][\w-]*(?:\s+(?:and|&)\s+[A-Z][\w-]*|"
    r"\s+[A-Z][\w-]*){0,2})?"
    rf"|[Ii]nspector\s+(?:for|with|at|from)\s+(?:the\s+)?{_INSPECTORATE}"
)
_ROLE_AFTER = (
    rf"(?:{ROLE}|{_BODY_INSPECTOR}|HMI(?=\s*[,;.)])"
    rf"|(?:HM|(?:Her|His)\s+Majesty[’']s)\s+Inspector(?=\s*[,;.)])"
    r"|(?:Deputy\s+)?PCC(?:\s+for\s+[A-Z][\w-]*(?:\s+(?:and|&)\s+[A-Z][\w-]*|\s+[A-Z][\w-]*){0,2})?"
    r"(?=\s*[,;.)]))"
)
# A force's area before a rank after a name: "Jane Doe, Derbyshire Chief Constable, said".
_AREA_THEN_RANK = (
    # (a rank's own first word is not an area: "Deputy Chief Constable of Cumbria ...")
    r"(?!(?:Deputy|Assistant|Temporary|Acting|Interim)\b)(?P<area>[A-Z][\w-]*(?:\s+(?:and|&)\s+[A-Z][\w-]*|\s+[A-Z][\w-]*){0,2}(?:\s+police)?)\s+"
    + "(?="
    + either_case(
        r"(?:(?:Temporary|Acting|Interim)\s+)?(?:(?:Deputy|Assistant)\s+)?Chief\s+Constable"
    )
    + ")"
)

# Letters after a name (honours, decorations, office): not part of it.
POSTNOMINALS = (
    "QPM", "KPM", "CBE", "OBE", "MBE", "KBE", "DBE", "CB", "DL", "JP", "KC", "QC", "MP",
    "BEM", "CVO", "LVO", "PhD", "MA", "MSc", "MBA",
)  # fmt: skip

# Verbs in the past tense that do not end in "-ed", as a name's verb ("Chief Constable Jo
# Shiner laid out how ...").
IRREGULAR_PAST = "|".join(
    """led met set made took gave spoke laid paid sent went came got put saw felt kept held
    found brought thought began chose won lost left meant ran stood became wrote told
    knew read heard sought taught""".split()
)

# Role first: "HM Inspector of Constabulary Wendy Williams said", "..., Sir Andy Cooke has".
# An abbreviation in brackets between the role and the name is not part of either:
# "Police and Crime Commissioner (PCC) Jane Doe said".
_ABBREVIATION = r"(?:\s*\([A-Z]{2,6}\))?"
# The letters a role can start with (a capital, or the first letter of a word the role
# patterns write in either case) and a name can start with: a position at any other
# character is refused in one step, before the role's or the name's long alternation is
# tried there (tests/test_release_prechecks derives both sets from the patterns).
ROLE_FIRST = "A-Zacdfhimpst"
NAME_FIRST = "A-ZÀ-ÖØ-Þ"
_ROLE_NAME = re.compile(
    rf"(?=[{ROLE_FIRST}])"
    # At a word's start only (and so fast: most positions are refused at once), or where
    # a caption runs into the text before it ("... Catherine RoperChief Constable ...").
    rf"(?:(?<![\w’'-])|(?<=[a-z])(?=[A-Z]))(?P<role>{ROLE}){_ABBREVIATION}\s*,?\s+"
    rf"(?P<name>{NAME})"
    # ... or the name's possessive ("Chief Constable Jane Doe's team").
    r"(?=[’']s\b|\s*(?:,|;|:|\(|\)|$|\.\s|\.$|[“\"]|"
    # (an adverb may come first: "... Michelle Skeer recently said")
    r"\b(?:(?:[a-z]+ly|also|then)\s+)?(?:said|says|saying|added|adds|adding|has|have|had|is|"
    # ... or where they are from, or when they spoke: "Deputy Chief Constable Jason Hogg of
    # Thames Valley Police said", "... to Home Secretary Sajid Javid on 8 March".
    r"of|on|at|from|was|who|"
    r"yesterday|today|commented|explained|stated|welcomed|told|wrote|noted|will|also|and|"
    # Any other verb in the past tense ("... Andy Cooke decided to", "... led the review")
    # or the present ("... Catherine Roper believes the announcement ...").
    r"would|can|could|must|" + IRREGULAR_PAST + r"|[a-z]+ed|[a-z]{3,}[^s\W]s)\b))"
)
# Name first: "Zoë Billingham, Her Majesty’s Inspector of Constabulary(, said)".
_NAME_ROLE = re.compile(
    rf"(?=[{NAME_FIRST}])"
    # "Jane Doe, the Police and Crime Commissioner for Kent, said": the article is not
    # part of the role.
    # "Dru Sharpling, an inspector for ...": nor is "an"; "Wendy Williams from Her
    # Majesty's Inspector of Constabulary has said": the body she is from is her role.
    # (or right after a full stop that lost its space: "... its people.Chris Kirby, ...")
    rf"(?:^|(?<=[\s“\"(])|(?<=[a-z]\.))(?P<name>{NAME})(?:\s*,\s+(?:the\s+|an?\s+)?|\s+from\s+(?=[A-Z]))"
    rf"(?:{_AREA_THEN_RANK})?"
    rf"(?P<role>{_ROLE_AFTER})"
    r"(?=\s*(?:,|;|:|\.|\)|$|\b(?:said|says|added|has|have|is|was|told|[a-z]+ed)\b))"
)

# Offices held in other bodies, written after their body ("The Association of Police
# Authorities chair Mark Burns-Williamson said") or before it ("Derrick Campbell, Adviser
# to Association of Chief Police Officers"; "Cllr Ann Lee, Cabinet Member for Safer
# Communities, welcomed").
OFFICES = (
    "chair", "chairman", "chairwoman", "vice-chair", "vice chair", "deputy chair",
    "president", "vice-president", "chief executive", "director", "deputy director",
    "general secretary", "secretary", "leader", "deputy leader", "head", "adviser",
    "advisor", "spokesman", "spokeswoman", "spokesperson", "cabinet member",
    "portfolio holder", "lead", "national lead", "MP",
)  # fmt: skip
# The last word of a body's name, so that "<body> chair <name>" knows where the body ends.
BODY_NOUNS = (
    "Association", "Authorities", "Authority", "Federation", "Council", "Board", "Panel",
    "Committee", "Union", "Partnership", "Trust", "Society", "Institute", "College",
    "Foundation", "Commission", "Agency", "Office", "Charity", "Network", "Alliance",
    "Forum", "Officers", "Superintendents", "League",
)  # fmt: skip
# Bodies whose staff are named by the body alone: "HMIC's Zoe Billingham said", "Andy
# Cooke, of HMICFRS, said" (the role is the body, as written).
ATTRIBUTING_BODIES = (
    "HMIC", "HMICFRS", "HMIC FRS", "HMCPSI", "HMI Probation", "HMI Prisons", "IOPC", "IPCC",
    "NPCC", "ACPO", "APCC", "College of Policing",
)  # fmt: skip

# Ranks a force's area may precede, as part of the title as written: "Derbyshire Chief
# Constable Mick Creedon", "Lincolnshire police deputy chief constable Craig Naylor".
_AREA_RANK = re.compile(
    r"^(?:(?:Temporary|Acting|Interim)\s+)?(?:(?:Deputy|Assistant)\s+)?Chief\s+"
    r"(?:Constable|Executive|Fire\s+Officer)$",
    re.IGNORECASE,
)
# A force's own capitalised name before a rank is a heading of its own ("Leicestershire
# Police Temporary Chief Constable Rob Nixon"): not taken into the role.
_FORCE_NAME_END = ("Police", "Constabulary", "Service")

_OFFICE = either_case("|".join(re.escape(o).replace(r"\ ", r"\s+") for o in OFFICES))
_CAP_WORD = r"[A-Z][\w’'&-]*"
# Capitalised words with the small words between them ("Environmental Protection and
# Safer Communities", "Association of Chief Police Officers").
# Bounded, so that each start costs a bounded scan (no quadratic time on long capitalised
# runs).
_CAP_CHAIN = rf"{_CAP_WORD}(?:\s+(?:(?:of|for|and|&|the|on|in|to)\s+){{0,2}}{_CAP_WORD}){{0,7}}"
_BODY = (
    rf"(?!The\b){_CAP_WORD}(?:\s+(?:(?:of|for|and|&|the|on|in)\s+){{0,2}}{_CAP_WORD}){{0,6}}?"
    # (the noun in either case: "Fire authority chairman Roger Phillips said")
    rf"\s+{either_case('(?:' + '|'.join(BODY_NOUNS) + ')')}"
)
_OFFICE_OF = rf"{_OFFICE}\s+(?:of|for|to|at)\s+(?:the\s+)?{_CAP_CHAIN}"
_AFTER_NAME = (
    r"(?=\s*(?:,|;|:|\(|\)|$|\.\s|\.$|[“\"]|\b(?:said|says|added|adds|has|have|had|is|was|"
    r"who|yesterday|today|commented|explained|stated|welcomed|told|wrote|noted|will|also|"
    r"and|would|can|could|must|led|met|set|made|took|gave|spoke|[a-z]+ed)\b))"
)
# "<body> chair <name>", "Chair of the Police Federation <name>".
_OFFICE_NAME = re.compile(
    rf"(?P<role>{_BODY}\s+{_OFFICE}|{_OFFICE}\s+(?:of|for|to|at)\s+(?:the\s+)?{_BODY})"
    rf"\s*,?\s+(?P<name>{NAME}){_AFTER_NAME}"
)
# "<name>, Cabinet Member for Safer Communities(,| welcomed)", "<name>, <body> chair,";
# without the comma only where the office closes the paragraph (a signature: "Derrick
# Campbell Adviser to Association of Chief Police Officers").
_NAME_OFFICE = re.compile(
    rf"(?=[{NAME_FIRST}])"
    rf"(?:^|(?<=[\s“\"(]))(?P<name>{NAME})"
    rf"(?:\s*,\s+(?P<role>{_OFFICE_OF}|{_BODY}\s+{_OFFICE})"
    r"(?=\s*(?:,|;|:|\.|\)|$)|\s+(?:said|says|added|adds|has|is|was|welcomed|[a-z]+ed)\b)"
    rf"|\s+(?P<sign>{_OFFICE_OF})\s*$)"
)
_BODIES = "|".join(re.escape(b).replace(r"\ ", r"\s+") for b in ATTRIBUTING_BODIES)
_BODY_POSSESSIVE = re.compile(
    rf"(?<![\w-])(?P<role>{_BODIES})[’']s\s+(?P<name>{NAME}){_AFTER_NAME}"
)
_NAME_OF_BODY = re.compile(
    rf"(?=[{NAME_FIRST}])"
    rf"(?:^|(?<=[\s“\"(]))(?P<name>{NAME}),\s+of\s+(?:the\s+)?(?P<role>{_BODIES})"
    r"(?=\s*[,;.)]|\s+(?:said|says|added)\b)"
)
_OFFICE_INITIALS = "".join(sorted({c for o in OFFICES for c in (o[0].lower(), o[0].upper())}))
# The comma and "of" a name is written with before its body: the body pattern's core
# (found fast: the pattern starts with a literal), so the full pattern runs only where it is.
_OF_BODY_CORE = re.compile(r",\s+of\s")
_OFFICE_WORD = re.compile(rf"(?<![\w-])(?=[{_OFFICE_INITIALS}]){_OFFICE}(?![\w-])")
_OFFICE_CORE = re.compile(
    rf"{either_case('(?:' + '|'.join(BODY_NOUNS) + ')')}\s+{_OFFICE}|{_OFFICE}\s+(?:of|for|to|at)\s"
)
_BODY_WORD = re.compile(rf"(?<![\w-])(?:{_BODIES})(?![\w-])")
# A word some role pattern needs: paragraphs without one are not scanned. (Abbreviations
# are matched as written and whole: "DI" is no role in "did", nor "head" in "headline".)
_ROLE_WORD_LIST = (
    "inspector", "chief", "commissioner", "superintendent", "secretary", "minister",
    "executive", "mayor", "constable", "sergeant", "supt",
    *(o for o in OFFICES if not o.isupper()),
)  # fmt: skip
_ROLE_ABBREVIATIONS = (
    "PCC", "HMI", "ACC", "DCC", *RANK_ABBREVIATIONS, *(o for o in OFFICES if o.isupper()),
)  # fmt: skip
# (Each word's first letter, looked for first: a word that starts with no such letter is
# refused in one step, before the alternation is tried at it.)
_ROLE_INITIALS = "".join(
    sorted({w[0].lower() for w in _ROLE_WORD_LIST + _ROLE_ABBREVIATIONS + ATTRIBUTING_BODIES})
)
_ROLE_WORDS = re.compile(
    rf"\b(?=[{_ROLE_INITIALS}])(?:(?:"
    + "|".join(re.escape(w) for w in _ROLE_WORD_LIST)
    + r")|(?-i:(?:PCC|HMI|[AD]CC|"
    + "|".join(RANK_ABBREVIATIONS + tuple(o for o in OFFICES if o.isupper()))
    + "|"
    + _BODIES
    + r")\b))",
    re.IGNORECASE,
)

_NOT_NAME_WORDS = {
    "police", "constabulary", "service", "services", "inspectorate", "inspector",
    "hmic", "hmicfrs", "the", "his", "her", "majesty", "majesty's", "majesty’s", "force",
    "said", "report", "crime", "peel", "county", "council", "office", "home", "region",
    "commissioner", "chief", "constable", "government", "england", "wales", "national",
    "fire", "rescue", "and", "of", "for", "in", "on", "our", "we", "it", "this", "that",
    # Organisations, not people ("... Behaviour Unit launched", "... Group Limited").
    "unit", "team", "department", "group", "limited", "ltd", "partnership", "board",
    "panel", "authority", "trust", "association", "committee",
}  # fmt: skip

_STRIP_HONORIFIC = re.compile(r"^(?:(?:" + "|".join(HONORIFICS) + r")\.?\s+)+")


def _clean_name(name: str) -> str | None:
    name = " ".join(name.split()).rstrip(".,")
    name = re.sub(r"[’']s$", "", name)  # "PCC John Campion's investments"
    name = _STRIP_HONORIFIC.sub("", name)
    words = name.split()
    # "Chief Constable Sara Thornton CBE QPM said": the letters after the name go.
    while words and words[-1].strip(".,") in POSTNOMINALS:
        words.pop()
    name = " ".join(words)
    if len(words) < 2:
        return None
    if any(w.lower().strip(".’'") in _NOT_NAME_WORDS for w in words):
        return None
    if any(w.isupper() and len(w) > 2 for w in words):  # acronyms are not names
        return None
    return name


_AREA_WORD = re.compile(r"[A-Z][\w’'-]*|and|&")


def _area_before(text: str) -> str | None:
    """The police area that ends `text` ("... Derbyshire ", "... Lincolnshire police "),
    as written, or None."""
    words = text.split()
    if text[-1:] not in (" ", "\t", "\n") or not words:
        return None
    police = words[-1] == "police"  # lowercase: the journalist's compound, not a name
    words = words[:-1] if police else words
    for size in (3, 2, 1):
        area = words[-size:]
        if len(area) < size or not all(_AREA_WORD.fullmatch(w) for w in area):
            continue
        if not area[0][:1].isupper() or area[-1] in _FORCE_NAME_END:
            continue
        # "Durham’s Deputy Chief Constable Jo Farrell": the possessive is written, and kept.
        if canonical_force(re.sub(r"[’']s$", "", " ".join(area))):
            return " ".join(area + (["police"] if police else []))
    return None


# A service's capitalised name right before "Commissioner".
_COMMISSIONED_BODY = re.compile(r"((?:[A-Z][\w’'-]*\s+){1,3}(?:Brigade|Service))\s+$")

_ALONE_NAME = re.compile(rf"(?P<name>{NAME})")
_ALONE_ROLE = re.compile(rf"(?:{_ROLE_AFTER}|{_OFFICE_OF}|{_BODY}\s+{_OFFICE})")


def _signature(name_line: str, role_line: str) -> Person | None:
    """The person of a two-paragraph signature, or None."""
    name_line, role_line = name_line.strip(" ,"), role_line.strip(" ,.")
    if not name_line or len(name_line) > 60 or not role_line or len(role_line) > 120:
        return None
    if not _ALONE_NAME.fullmatch(name_line) or not _ALONE_ROLE.fullmatch(role_line):
        return None
    if is_chrome(name_line):  # "Read More" / "Home Secretary": a page's links
        return None
    name = _clean_name(name_line)
    return Person(name=name, role=" ".join(role_line.split())) if name else None


def find_people(paragraphs: list[str] | tuple[str, ...]) -> list[Person]:
    """People named with their role, distinct by name (first role stated wins)."""
    found: dict[str, Person] = {}
    previous = ""
    for paragraph in paragraphs:
        text = paragraph[:20_000]
        # A signature in two paragraphs: the name alone, then the role alone ("Jane Doe" /
        # "Chief Constable of Kent Police").
        signed, previous = _signature(previous, text), text
        if signed:
            found.setdefault(signed.name.casefold(), signed)
            continue
        if not _ROLE_WORDS.search(text):
            continue
        hits: list[tuple[int, str, str]] = []
        for pattern in (_ROLE_NAME, _NAME_ROLE):
            for match in pattern.finditer(text):
                name = _clean_name(match.group("name"))
                if name is None:
                    continue
                role = " ".join(match.group("role").split()).rstrip(",")
                place = match.group("place")
                if place and not canonical_force(place):
                    # "... HMIC Report Hertfordshire Police and Crime Commissioner": the
                    # area is the words that end the run, when they name one.
                    words = place.split()
                    tail = next(
                        (
                            " ".join(words[i:])
                            for i in range(1, len(words))
                            if canonical_force(" ".join(words[i:]))
                        ),
                        None,
                    )
                    if tail:
                        role = " ".join(role.split()[len(words) - len(tail.split()) :])
                        place = tail
                # (A police area's possessive is part of the role as written, before the
                # name or after it: "Lancashire's Police and Crime Commissioner, Clive
                # Grunshaw", "Hardyal Dhindsa, Derbyshire's Police and Crime Commissioner".)
                if place and not canonical_force(place):
                    # "Meanwhile Police and Crime Commissioner ...": not an area.
                    role = " ".join(role.split()[len(place.split()) :])
                start = match.start()
                area = match.groupdict().get("area")
                if area:
                    area = " ".join(area.split())
                    # After a name the force's own name is part of the role too ("Jane
                    # Doe, Kent Police Chief Constable, said").
                    if not canonical_force(area) or not _AREA_RANK.match(role):
                        continue
                    role = f"{area} {role}"
                if pattern is _ROLE_NAME and _AREA_RANK.match(role):
                    area = _area_before(text[max(0, start - 80) : start])
                    if area:
                        role = f"{area} {role}"
                        start -= len(area) + 1
                elif pattern is _ROLE_NAME and role.casefold() == "commissioner":
                    # "London Fire Brigade Commissioner Dany Cotton": the body whose head
                    # the commissioner is, as written.
                    body = _COMMISSIONED_BODY.search(text[max(0, start - 80) : start])
                    if body:
                        role = f"{' '.join(body.group(1).split())} {role}"
                        start -= len(body.group(0))
                hits.append((start, name, role))
        patterns = []
        if _OFFICE_WORD.search(text):
            # (<body> <office> or <office> of <body>, the office pattern's necessary core,
            # found first: the full pattern is slow to run over a whole paragraph)
            if _OFFICE_CORE.search(text):
                patterns.append(_OFFICE_NAME)
            patterns.append(_NAME_OFFICE)
        if _BODY_WORD.search(text):
            # (the possessive pattern cannot match without its "’s" or "'s")
            if "’s" in text or "'s" in text:
                patterns.append(_BODY_POSSESSIVE)
            if _OF_BODY_CORE.search(text):
                patterns.append(_NAME_OF_BODY)
        for pattern in patterns:
            for match in pattern.finditer(text):
                name = _clean_name(match.group("name"))
                role = match.group("role") or match.groupdict().get("sign")
                if name is None or not role:
                    continue
                hits.append((match.start(), name, " ".join(role.split()).rstrip(",")))
        for _pos, name, role in sorted(hits):
            key = name.casefold()
            if key not in found or _names_the_area(found[key].role, role):
                found[key] = Person(name=name, role=role)
    return list(found.values())


# Abbreviated offices, as their full form ends.
_ABBREVIATED = {"pcc": "police and crime commissioner", "pfcc": "fire and crime commissioner"}


def _names_the_area(first: str, later: str) -> bool:
    """A later statement of one person's role that is the first one with its area before it
    ("Police and Crime Commissioner" -> "Dyfed-Powys Police and Crime Commissioner",
    "PCC" -> "West Mercia Police and Crime Commissioner", "Commissioner" -> "Humberside
    Police Commissioner"): the fuller role, as the text also writes it."""
    first_key, later_key = first.casefold(), later.casefold()
    first_key = _ABBREVIATED.get(first_key, first_key)
    if later_key == first_key:
        return False
    # ... or with its force after it: "Chief Constable" -> "Chief Constable of
    # Northamptonshire Police".
    return later_key.endswith(" " + first_key) or bool(
        re.match(re.escape(first_key) + r"\s+(?:of|for|with|at)\s", later_key)
    )
