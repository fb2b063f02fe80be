"""PEEL pillars, 2014-2017 and the integrated 2018/19 assessment: effectiveness,
efficiency, legitimacy, leadership graded outstanding / good / requires improvement /
inadequate (and "not yet graded" on 2016 pages)."""

from __future__ import annotations

import re

from .grades import PILLAR_VALUES, cue, graded, with_history
from .vocabulary import area_cues

CUES = area_cues("peel_pillars")
# The pillars graded in every PEEL year of 2015-2017 ("good in all three areas").
GRADED_PILLARS = ("peel_effectiveness", "peel_efficiency", "peel_legitimacy")

# "How efficient is the force at keeping people safe and reducing crime?" then "Good".
QUESTION = (
    ("peel_effectiveness", cue(r"^how\s+effective\s+is\s+the\s+force\b")),
    ("peel_efficiency", cue(r"^how\s+efficient\s+is\s+the\s+force\b")),
    ("peel_legitimacy", cue(r"^how\s+legitimate\s+is\s+the\s+force\b")),
    ("peel_leadership", cue(r"^how\s+well[- ]led\s+is\s+the\s+force\b")),
    # An assessment page's pillar heading alone ("Effectiveness" then "Good").
    ("peel_effectiveness", cue(r"^effectiveness:?$")),
    ("peel_efficiency", cue(r"^efficiency:?$")),
    ("peel_legitimacy", cue(r"^legitimacy:?$")),
    ("peel_leadership", cue(r"^leadership:?$")),
)
GRADE_PARAGRAPH = re.compile(
    r"^(?:graded\s+)?(?P<v>outstanding|good|requires\s+improvement|inadequate)\.?$", re.IGNORECASE
)

AREAS = tuple(name for name, _ in CUES)


# "judged good across all three pillars": each of effectiveness, efficiency, legitimacy
# ("in all three areas" stays a count).
_ALL_THREE = re.compile(
    r"\b(?:is|are|was|were|been|be|judged|graded|rated|assessed)\s+(?:as\s+)?[‘'\"“]?"
    r"(?P<v>outstanding|good|requires\s+improvement|inadequate)[’'\"”]?\s+"
    r"(?:in|across|for)\s+(?:all|each\s+of)\s+(?:the\s+|its\s+)?three\s+(?:PEEL\s+)?pillars\b"
    r"(?!\s*(?:of\s+\w+\s+)?:)",
    re.IGNORECASE,
)


def judge(
    sentence: str, *, default_area: str | None = None, safe_area: str | None = None
) -> list[tuple[str, str, int]]:
    hits = graded(sentence, CUES, PILLAR_VALUES, default_area=default_area, safe_area=safe_area)
    for match in _ALL_THREE.finditer(sentence):
        value = " ".join(match.group("v").lower().split())
        hits.extend(
            (area, value, match.start("v"))
            for area in ("peel_effectiveness", "peel_efficiency", "peel_legitimacy")
            if (area, value, match.start("v")) not in hits
        )
    return with_history(sentence, hits)


def judge_question(question: str, answer: str) -> tuple[str, str] | None:
    """A question heading followed by a grade paragraph."""
    match = GRADE_PARAGRAPH.match(answer.strip())
    if not match:
        return None
    for area, pattern in QUESTION:
        if pattern.search(question.strip()):
            return area, " ".join(match.group("v").lower().split())
    return None


_PILLAR_HEADING = re.compile(
    r"^(?:PEEL\s+)?(?:police\s+)?(?P<p>effectiveness|efficiency|legitimacy|leadership)"
    r"(?:\s+(?:grades?|gradings?|judge?ments?|results?|\((?:19|20)\d\d\)|(?:19|20)\d\d))?\s*:?$",
    re.IGNORECASE,
)


def pillar_heading(paragraph: str) -> str | None:
    """The pillar a short heading names ("Efficiency", "PEEL effectiveness 2016")."""
    match = _PILLAR_HEADING.match(paragraph.strip())
    return f"peel_{match.group('p').lower()}" if match else None
