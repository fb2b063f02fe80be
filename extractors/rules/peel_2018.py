"""PEEL areas since 2018 (the 2021/22 programme onward): each area graded outstanding /
good / adequate / requires improvement / inadequate."""

from __future__ import annotations

import re

from .grades import AREA_VALUES, cue, graded, with_history

CUES = (
    (
        "peel_disrupting_serious_organised_crime",
        cue(
            r"\b(?:disrupt\w*|tackl\w*|deal\w*\s+with)\s+serious\s+(?:and\s+)?organised\s+crime|"
            r"\bserious\s+(?:and\s+)?organised\s+crime\b|\bSOC\b"
        ),
    ),
    (
        "peel_preventing_crime",
        cue(r"\bprevent\w*\s+(?:and\s+\w+\s+)?crime\b|\bcrime\s+prevention\b"),
    ),
    (
        "peel_treatment_of_the_public",
        cue(
            r"\btreat(?:ment\s+of|s|ing)\s+(?:the\s+|members\s+of\s+the\s+)?public\b|\bpublic\s+treatment\b|"
            r"\bpolice\s+powers\b|\blegitimacy\b"
        ),
    ),
    (
        "peel_protecting_vulnerable_people",
        cue(r"\bprotect\w*\s+vulnerable\b|\bvulnerable\s+people\b"),
    ),
    (
        "peel_managing_offenders",
        cue(
            r"\bmanag\w*\s+(?:\w+\s+){0,2}offenders(?:\s+and\s+suspects)?\b|"
            r"\boffender\s+management\b"
        ),
    ),
    (
        "peel_developing_positive_workplace",
        cue(
            r"\bpositive\s+workplace\b|\bdevelop\w*\s+(?:a\s+)?(?:positive\s+)?workplace\b|"
            r"\b(?:building,?\s+)?supporting\s+(?:and\s+protecting\s+)?(?:its|the)\s+workforce\b"
        ),
    ),
    ("peel_good_use_of_resources", cue(r"\b(?:good\s+)?use\s+of\s+(?:its\s+)?resources\b")),
    (
        "peel_responding_to_the_public",
        cue(r"\brespond\w*\s+to\s+the\s+public\b|\bresponse\s+to\s+the\s+public\b"),
    ),
    (
        "peel_investigating_crime",
        cue(r"\binvestigat\w*\s+(?:\w+\s+){0,1}crime\b|\binvestigations?\b"),
    ),
    (
        "peel_recording_crime",
        cue(r"\brecord\w*\s+(?:\w+\s+){0,1}crime\b|\bcrime[- ]recording\b|\brecording\s+data\b"),
    ),
    # PEEL 2023-2025: succeeds strategic planning, but is its own area.
    (
        "peel_leadership_and_force_management",
        cue(
            r"\bleadership\s+and\s+(?:force\s+)?management\b|\bforce\s+management\b|"
            r"\bleadership\b"
        ),
    ),
    (
        "peel_strategic_planning_value_for_money",
        cue(r"\bstrategic\s+planning\b|\bvalue\s+for\s+money\b|\borganisational\s+management\b"),
    ),
)

AREAS = tuple(name for name, _ in CUES)


def judge(sentence: str) -> list[tuple[str, str, int]]:
    hits = graded(sentence, CUES, AREA_VALUES)
    return with_history(sentence, hits)


# A page's judgements grouped under their grade: "Our judgements", then "Good", then one
# area's name a paragraph ("Investigating crime", "Protecting vulnerable people"), then
# "Adequate" and its areas ...
GROUPS_HEADING = re.compile(r"^(?:our\s+)?(?:judge?ments|grades|gradings)\s*:?$", re.IGNORECASE)
_GROUP_GRADE = re.compile(
    r"^(?P<v>outstanding|good|adequate|requires\s+improvement|inadequate)\s*:?$", re.IGNORECASE
)


def group_grade(paragraph: str) -> str | None:
    match = _GROUP_GRADE.match(paragraph.strip())
    return " ".join(match.group("v").lower().split()) if match else None


def area_name(paragraph: str) -> str | None:
    """The area a short paragraph names and nothing more ("Managing offenders and
    suspects", "Preventing crime and anti-social behaviour"): a cue from its start, a few
    words after it at most, and no sentence."""
    text = paragraph.strip().rstrip(".")
    if not text or len(text) > 70 or re.search(r"[.;:!?]", text):
        return None
    for name, pattern in CUES:
        found = pattern.match(text)
        if found and len(text[found.end() :].split()) <= 4:
            return name
    return None
