"""Crime data integrity (crime-recording) inspections: one overall grade per force,
outstanding / good / requires improvement / inadequate."""

from __future__ import annotations

import re

from .grades import PILLAR_VALUES, graded, with_history
from .vocabulary import area_cues

AREA = "crime_data_integrity"
CUES = area_cues(AREA)
# "Overall judgment" then "graded outstanding"; or a grade standing under the title.
OVERALL_HEADING = re.compile(r"^overall\s+(?:graded\s+)?(?:judge?ment|grade)\s*:?$", re.IGNORECASE)
GRADE_PARAGRAPH = re.compile(
    r"^(?:graded\s+)?(?P<v>outstanding|good|requires\s+improvement|inadequate)\.?$", re.IGNORECASE
)

VALUES = tuple(v for v in PILLAR_VALUES if v != "not yet graded")


def judge(sentence: str, *, default_area: str | None = None) -> list[tuple[str, str, int]]:
    """Graded verdicts on crime recording. In a crime-recording release a grade given by
    a judging verb ("has been graded as inadequate") is the overall grade: the caller
    passes `default_area=AREA` except right after a sub-question."""
    hits = graded(sentence, CUES, VALUES, default_area=default_area)
    return with_history(sentence, hits)


def grade_paragraph(paragraph: str) -> str | None:
    match = GRADE_PARAGRAPH.match(paragraph.strip())
    return " ".join(match.group("v").lower().split()) if match else None
