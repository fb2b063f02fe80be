"""PEEL areas since 2018 (the 2021/22 programme onward): each area graded outstanding /
good / adequate / requires improvement / inadequate."""

from __future__ import annotations

import re

from .grades import AREA_VALUES, graded, with_history
from .vocabulary import area_cues

CUES = area_cues("peel_areas")

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


def heading_area(paragraph: str) -> str | None:
    """The one area a short heading or question names ("Investigating crime", "How good
    is the force at preventing crime and anti-social behaviour?"), else None."""
    text = paragraph.strip()
    if not text or len(text) > 160 or (re.search(r"[.;!]\s", text) and not text.endswith("?")):
        return None
    named = area_name(text)
    if named:
        return named
    if not text.endswith("?"):
        return None
    found = {name for name, pattern in CUES if pattern.search(text)}
    return found.pop() if len(found) == 1 else None
