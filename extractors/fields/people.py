"""People named with a role: "HM Inspector of Constabulary for the Western Region, Dru
Sharpling, said", "Zoë Billingham, Her Majesty's Inspector of Constabulary", "Chief
Constable Jane Doe said". Roles are kept as the text states them."""

from __future__ import annotations

import re

from ..forces import canonical_force
from ..records import Person

_HM = r"(?:(?:Her|His)\s+Majesty[’']s|HM|HMI)"
_FRS = r"Fire\s+(?:&|and)\s+Rescue\s+Services?"
# "for the Western Region", "for Wales and the Western Region".
_REGION = (
    r"(?:\s+for\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){1,3}"
    r"(?:and\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){1,3})?[Rr]egion)"
)
_INSPECTOR = (
    rf"(?:{_HM}\s+)?(?:Chief\s+|Deputy\s+Chief\s+|Assistant\s+)?"
    rf"Inspectors?\s+of\s+(?:Constabulary|{_FRS}|Prisons|Probation)"
    rf"(?:\s+and\s+(?:{_HM}\s+)?(?:Chief\s+)?Inspector\s+of\s+{_FRS}|\s+and\s+{_FRS})?"
    rf"{_REGION}?"
)
_FORCE_ROLE = (
    r"(?:(?:Temporary|Acting|Interim)\s+)?(?:(?:Deputy|Assistant)\s+)?Chief\s+Constable"
    # "Chief Constable of Kent Police, Alan Pughsley, said".
    r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w-]*\s+(?:(?:and|&)\s+)?){1,3}"
    r"(?:Police(?:\s+Service)?|Constabulary))?"
    # "Avon and Somerset Police and Crime Commissioner", "Essex Police, Fire and Crime
    # Commissioner": the area before the role is kept when it names a police area.
    # A possessive area too: "Derbyshire's Police and Crime Commissioner".
    r"|(?:(?P<place>[A-Z][\w-]*(?:\s+(?:and|&)\s+[A-Z][\w-]*|\s+[A-Z][\w-]*){0,2})"
    r"(?:[’']s)?\s+)?"
    # "Police, Crime and Victims' Commissioner" (Durham's title) too; Staffordshire's
    # "Commissioner for Police, Fire and Rescue and Crime".
    r"(?:(?:(?:Deputy|Interim)\s+)?Police(?:,?\s+Fire)?,?\s+"
    r"(?:(?:and|&)\s+Crime|Crime\s+(?:and|&)\s+Victims[’']?)\s+Commissioner"
    r"|Commissioner\s+for\s+Police,\s+Fire\s+(?:and|&)\s+Rescue\s+(?:and|&)\s+Crime)"
    r"(?:\s+for\s+(?:[A-Z][\w-]*)(?:\s+(?:and|&)\s+[A-Z][\w-]*|\s+[A-Z][\w-]*){0,3})?"
    r"|(?:Detective\s+)?(?:Chief\s+)?Superintendent"
    r"|(?:Detective\s+)?Chief\s+Inspector"
    r"|Commissioner(?:\s+of\s+(?:the\s+)?(?:Metropolitan\s+Police(?:\s+Service)?|City\s+of\s+London\s+Police))?"
    r"|Chief\s+Executive(?:\s+of\s+(?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,3})?"
    r"|(?:Deputy\s+)?PCC(?=\s+[A-Z][a-z])"
    # "ACC Rachel Bacon", "T/DCC Jane Doe": the abbreviated ranks, before a name.
    r"|(?:T/)?(?:ACC|DCC)(?=\s+[A-Z][a-z])"
    # "Mayor of Greater Manchester Andy Burnham", "Deputy Mayor for Policing, Crime,
    # Criminal Justice and Fire Bev Hughes".
    r"|(?:Deputy\s+)?Mayor(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w-]*"
    r"(?:(?:,\s+|\s+(?:and|&)\s+|\s+)[A-Z][\w-]*){0,6})?"
    r"|Home\s+Secretary|Policing\s+Minister|Minister\s+for\s+Policing(?:\s+and\s+[A-Z]\w+)?"
)
# "former Chief Constable of Thames Valley Police": kept in the role.
ROLE = rf"(?:(?:[Ff]ormer|[Tt]hen)\s+)?(?:{_INSPECTOR}|{_FORCE_ROLE}|HMI(?=\s+[A-Z]))"
# After a name the bare "HMI" ends the role: "Vic Towell, HMI, added".
_ROLE_AFTER = rf"(?:{ROLE}|HMI(?=\s*[,;.)]))"

_HONORIFIC = (
    r"(?:(?:Sir|Dame|Lord|Lady|Baroness|Dr\.?|Professor|Prof\.?|Mr\.?|Mrs\.?|Ms\.?|Miss)\s+)"
)
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w’'\-]*\w\.?"
_NAME = rf"{_HONORIFIC}?{_NAME_WORD}(?:\s+(?:(?:de|van|von|der|du|le|la)\s+)?{_NAME_WORD}){{1,3}}"

# Role first: "HM Inspector of Constabulary Wendy Williams said", "..., Sir Andy Cooke has".
_ROLE_NAME = re.compile(
    rf"(?P<role>{ROLE})\s*,?\s+(?P<name>{_NAME})"
    r"(?=\s*(?:,|;|:|\(|\)|$|\.\s|\.$|[“\"]|\b(?:said|says|added|adds|has|have|had|is|was|who|"
    r"yesterday|today|commented|explained|stated|welcomed|told|wrote|noted|will|also|and|"
    # Any other verb in the past tense ("... Andy Cooke decided to", "... led the review").
    r"would|can|could|must|led|met|set|made|took|gave|spoke|[a-z]+ed)\b))"
)
# Name first: "Zoë Billingham, Her Majesty’s Inspector of Constabulary(, said)".
_NAME_ROLE = re.compile(
    rf"(?:^|(?<=[\s“\"(]))(?P<name>{_NAME})\s*,\s+(?P<role>{_ROLE_AFTER})"
    r"(?=\s*(?:,|;|:|\.|\)|$|\b(?:said|says|added|has|have|is|was)\b))"
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

_STRIP_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss)\.?\s+")


def _clean_name(name: str) -> str | None:
    name = " ".join(name.split()).rstrip(".,")
    name = _STRIP_HONORIFIC.sub("", name)
    words = name.split()
    if len(words) < 2:
        return None
    if any(w.lower().strip(".’'") in _NOT_NAME_WORDS for w in words):
        return None
    if any(w.isupper() and len(w) > 2 for w in words):  # acronyms are not names
        return None
    return name


def find_people(paragraphs: list[str] | tuple[str, ...]) -> list[Person]:
    """People named with their role, distinct by name (first role stated wins)."""
    found: dict[str, Person] = {}
    for paragraph in paragraphs:
        text = paragraph[:20_000]
        if "Inspector" not in text and not re.search(
            r"Chief|Commissioner|PCC|Superintendent|Secretary|Minister|Executive|Mayor|HMI\b|"
            r"\b[AD]CC\b",
            text,
        ):
            continue
        hits: list[tuple[int, str, str]] = []
        for pattern in (_ROLE_NAME, _NAME_ROLE):
            for match in pattern.finditer(text):
                name = _clean_name(match.group("name"))
                if name is None:
                    continue
                role = " ".join(match.group("role").split()).rstrip(",")
                place = match.group("place")
                if (
                    place
                    and (
                        not canonical_force(place)
                        # "Gwent's Police and Crime Commissioner Jane Mudd": before the name
                        # the possessive introduces the person; after it ("Hardyal
                        # Dhindsa, Derbyshire's Police and Crime Commissioner") it is the
                        # role.
                        or (pattern is _ROLE_NAME and role[len(place) :][:2] in ("'s", "’s"))
                    )
                ):
                    # "Meanwhile Police and Crime Commissioner ...": not an area.
                    role = " ".join(role.split()[len(place.split()) :])
                hits.append((match.start(), name, role))
        for _pos, name, role in sorted(hits):
            found.setdefault(name.casefold(), Person(name=name, role=role))
    return list(found.values())
