"""Judgement rules, one small module per release family, as data (cue tables and phrase
patterns) run by the shared engine in `grades`.

A family is chosen from the release's topic (`topics.find_topic`); each family module
exposes `judge(sentence) -> list[Hit]` (grades.Hit: area, value, the offset in the
sentence the verdict belongs to, to pick the force named nearest to it, and a `restated`
flag for a verdict recalled from an earlier inspection); a bare (area, value, offset)
tuple is read as a Hit of this release's own.
"""

from __future__ import annotations

from . import asb, crime_data_integrity, engage, peel_2018, peel_pillars, spans, topics
from .grades import AREA_VALUES, PILLAR_VALUES

# topic family -> rule modules run on the body's sentences (engage runs everywhere: its
# phrases are specific).
FAMILIES = {
    "asb": (asb, engage),
    "peel_pillars": (peel_pillars, engage),
    "peel_areas": (peel_2018, engage),
    "cdi": (crime_data_integrity, engage),
    # An Engage decision restates the PEEL grades behind it ("the force was inadequate at
    # responding to the public").
    "engage": (engage, peel_2018),
    "other": (engage,),
}

# topic family -> (area cues, grade values) the structural reader (`spans`) reads.
SPAN_CUES = {
    "peel_pillars": (peel_pillars.CUES, PILLAR_VALUES, peel_pillars.GRADED_PILLARS),
    "peel_areas": (peel_2018.CUES, AREA_VALUES, ()),
    "engage": (peel_2018.CUES, AREA_VALUES, ()),
    "cdi": (crime_data_integrity.CUES, crime_data_integrity.VALUES, ()),
}

__all__ = [
    "FAMILIES",
    "SPAN_CUES",
    "spans",
    "asb",
    "crime_data_integrity",
    "engage",
    "peel_2018",
    "peel_pillars",
    "topics",
]
