"""The patterns of a person's name and of the role written beside it ("Chief Constable",
"HM Inspector of Constabulary"), shared by the people and title rules."""

from __future__ import annotations

import re

HM = r"(?:(?:Her|His)\s+Majesty[’']s|HM|HMI|HMIC|HMICFRS)"
FRS = r"Fire\s+(?:&|and)\s+Rescue\s+Services?"
# "for the Western Region", "for Wales and the Western Region".
_REGION = (
    r"(?:\s+for\s+(?:the\s+)?(?:(?:[A-Z][\w-]*|north\w*|south\w*|east\w*|west\w*|central)\s+){1,3}"
    r"(?:and\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){1,3})?[Rr]egion)"
)


# The first letter of each word of a role's vocabulary (a letter not after a backslash or
# another letter, followed by a lower-case one: "Chief" but not "\\s", "HM" or "PCC").
_WORD_INITIAL = re.compile(r"(?<![\\\w])([A-Za-z])(?=[a-z])")


def either_case(pattern: str) -> str:
    """A role's fixed words with either case of their first letter: news copy writes
    "inspector of constabulary Zoe Billingham", "Lincolnshire police deputy chief
    constable Craig Naylor". Only the vocabulary is folded; the names and places around it
    keep their capitals. (Letter classes rather than a case-insensitive group: the
    patterns stay fast.)"""
    folded = _WORD_INITIAL.sub(lambda m: f"[{m.group(1).upper()}{m.group(1).lower()}]", pattern)
    return f"(?:{folded})"


_INSPECTOR = (
    either_case(
        rf"(?:{HM}\s+)?(?:Chief\s+|Deputy\s+Chief\s+|Assistant\s+)?"
        rf"Inspectors?\s+of\s+(?:Constabulary|{FRS}|Prisons|Probation)"
        rf"(?:\s+and\s+(?:{HM}\s+)?(?:Chief\s+)?Inspector\s+of\s+{FRS}|\s+and\s+{FRS})?"
    )
    + rf"{_REGION}?"
)
# Ranks abbreviated before a name ("DCI Ann Roe", "PC Sam Hill"), written as they are.
RANK_ABBREVIATIONS = ("DCI", "DI", "DS", "DC", "PC", "PCSO", "Sgt", "Insp", "CFO")
_FORCE_ROLE = (
    either_case(
        r"(?:(?:Temporary|Acting|Interim)\s+)?(?:(?:Deputy|Assistant)\s+)?Chief\s+Constable"
    )
    # "Chief Constable of Kent Police, Alan Pughsley, said", "Assistant Chief Constable
    # with North Yorkshire Police, ...", "The Chief Constable of Essex, Jim ..." (a police
    # area's place alone, before the comma that closes the role).
    + r"(?:\s+(?:of|with|at)\s+(?:the\s+)?(?:(?:[A-Z][\w-]*\s+(?:(?:and|&)\s+)?){1,3}"
    r"(?:Police(?:\s+Service)?|Constabulary)|[A-Z][\w-]*(?:\s+(?:and|&)\s+[A-Z][\w-]*|"
    r"\s+[A-Z][\w-]*)?(?=,)))?"
    # "Avon and Somerset Police and Crime Commissioner", "Essex Police, Fire and Crime
    # Commissioner": the area before the role is kept when it names a police area.
    # A possessive area too: "Derbyshire's Police and Crime Commissioner".
    r"|(?:(?P<place>[A-Z][\w-]*(?:\s+(?:and|&)\s+[A-Z][\w-]*|\s+[A-Z][\w-]*){0,2})"
    r"(?:[’']s)?\s+)?"
    # "Police, Crime and Victims' Commissioner" (Durham's title) too; Staffordshire's
    # "Commissioner for Police, Fire and Rescue and Crime".
    + either_case(
        r"(?:(?:(?:Deputy|Interim)\s+)?Police(?:,?\s+Fire)?,?\s+"
        r"(?:(?:and|&)\s+Crime|Crime\s+(?:and|&)\s+Victims[’']?)\s+Commissioner"
        # The commissioner's shorter title after the area: "Humberside Police commissioner
        # Matthew Grove".
        r"|Police\s+Commissioner(?=\s+[A-Z][a-z])"
        r"|Commissioner\s+for\s+Police,\s+Fire\s+(?:and|&)\s+Rescue\s+(?:and|&)\s+Crime)"
    )
    # "... for Devon, Cornwall and the Isles of Scilly".
    + r"(?:\s+for\s+(?:[A-Z][\w-]*)"
    r"(?:,\s+[A-Z][\w-]*|\s+(?:and|&)\s+(?:the\s+)?[A-Z][\w-]*|\s+(?:of\s+)?[A-Z][\w-]*){0,5})?"
    + "|"
    + either_case(
        r"(?:Detective\s+)?(?:Chief\s+)?Superintendent"
        r"|(?:(?:HMICFRS|HMIC)\s+)?(?:Detective\s+)?Chief\s+Inspector"
        # A force's other ranks before a name: "Inspector Jane Doe", "Detective Sergeant
        # Tom Lee", "Police Constable Ann Roe"; the Met's "Assistant Commissioner".
        rf"|(?:{HM}\s+)?(?:Detective\s+)?Inspector(?=\s+[A-Z][a-z])(?!\s+of\b)"
        r"|(?:Detective\s+|Police\s+)?Sergeant(?=\s+[A-Z][a-z])"
        r"|(?:Police|Special|Detective)\s+Constable(?=\s+[A-Z][a-z])"
        r"|(?:Deputy\s+)?Assistant\s+Commissioner|Deputy\s+Commissioner"
        r"|(?:(?:Deputy|Assistant)\s+)?Chief\s+Fire\s+Officer"
        r"|Commissioner(?:\s+of\s+(?:the\s+)?(?:Metropolitan\s+Police(?:\s+Service)?"
        r"|City\s+of\s+London\s+Police))?"
    )
    # "chief fire officer at SYFRS", "Chief Fire Officer of Kent Fire and Rescue Service".
    + r"(?:(?<=[Oo]fficer)\s+(?:at|of)\s+(?:the\s+)?[A-Z][\w&-]*"
    r"(?:\s+(?:and\s+|&\s+)?[A-Z][\w&-]*){0,5})?"
    + "|"
    + either_case(r"Chief\s+Executive")
    + r"(?:\s+of\s+(?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,3})?"
    r"|(?:Deputy\s+)?PCC(?=\s+[A-Z][a-z])"
    # "The PCC for Surrey, Kevin Hurley, ...": the area closed by a comma before the name.
    r"|(?:Deputy\s+)?PCC\s+for\s+[A-Z][\w-]*(?:\s+(?:and|&)\s+[A-Z][\w-]*|\s+[A-Z][\w-]*){0,2}"
    r"(?=,)"
    # "ACC Rachel Bacon", "T/DCC Jane Doe": the abbreviated ranks, before a name.
    r"|(?:T/)?(?:ACC|DCC)(?=\s+[A-Z][a-z])"
    # "Supt Jane Doe", "Det Ch Supt Tom Lee", "DCI Ann Roe", "PC Sam Hill".
    r"|(?:(?:Det\.?|Ch\.?)\s+){0,2}Supt\.?(?=\s+[A-Z][a-z])"
    r"|(?:" + "|".join(RANK_ABBREVIATIONS) + r")(?=\s+[A-Z][a-z])"
    # "Mayor of Greater Manchester Andy Burnham", "Deputy Mayor for Policing, Crime,
    # Criminal Justice and Fire Bev Hughes".
    r"|" + either_case(r"(?:Deputy\s+)?Mayor") + r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w-]*"
    r"(?:(?:,\s+|\s+(?:and|&)\s+|\s+)[A-Z][\w-]*){0,6})?"
    r"|"
    + either_case(r"Home\s+Secretary|Policing\s+Minister|Minister\s+for\s+Policing")
    + r"(?:\s+and\s+[A-Z]\w+)?"
)
# "former Chief Constable of Thames Valley Police": kept in the role.
ROLE = rf"(?:(?:[Ff]ormer|[Tt]hen)\s+)?(?:{_INSPECTOR}|{_FORCE_ROLE}|HMI(?=\s+[A-Z]))"

# Honorifics before a name; the labels keep names without them ("Dame Anne Owers" ->
# "Anne Owers", "Lord Willy Bach" -> "Willy Bach").
HONORIFICS = (
    "Sir", "Dame", "Dr", "Professor", "Prof", "Councillor", "Cllr", "Coun", "Mr", "Mrs", "Ms",
    "Miss",
    "Lord", "Lady", "Baroness",
)  # fmt: skip
_PEERAGES: tuple[str, ...] = ()
_HONORIFIC = r"(?:(?:" + "|".join(rf"{h}\.?" for h in HONORIFICS + _PEERAGES) + r")\s+)"
# A name's word; a full stop only after an initial or short abbreviation ("J.", "St."):
# "Derbyshire Chief Constable Mick Creedon. Photo contributed." ends at "Creedon".
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ][\w’'\-]*\w|[A-ZÀ-ÖØ-Þ]\w{0,2}\.)"
NAME = rf"{_HONORIFIC}?{_NAME_WORD}(?:\s+(?:(?:de|van|von|der|du|le|la)\s+)?{_NAME_WORD}){{1,3}}"
