"""The rules' vocabularies, read from data files (extractors/rules/data/): area phrasings
per framework (`areas.toml`) and the words of verdicts (`verdict_words.toml`)."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

Cue = tuple[str, re.Pattern[str]]


@cache
def area_cues(framework: str) -> tuple[Cue, ...]:
    """(area, compiled cue) for each area of `framework` ("peel_pillars", "peel_areas",
    "crime_data_integrity"), in the file's order."""
    data = tomllib.loads((DATA / "areas.toml").read_text("utf-8"))
    return tuple(
        (area, re.compile("|".join(patterns), re.IGNORECASE))
        for area, patterns in data[framework].items()
    )
