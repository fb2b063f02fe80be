"""Fire and rescue inspections (since 2018): the pillars (2018/19, 2021/22) and the eleven
areas (every round; 2023-25 grades only these, with "adequate"), read by the same engine
as the police families (`grades.graded`, `spans.read_spans`) with the fire cue tables
(`data/areas.toml`) and rounds (`data/fire.toml`). Causes of concern are not graded
areas: no cue names them, so they give no judgement."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import cache

from .grades import graded, with_history
from .vocabulary import DATA, Cue, area_cues

PILLARS = area_cues("frs_pillars")
AREAS = area_cues("frs_areas")


@dataclass(frozen=True)
class Round:
    name: str  # "2018/19", "2021/22", "2023-25"
    period: re.Pattern[str]
    first_published: dt.date
    cues: tuple[Cue, ...]
    values: tuple[str, ...]
    all_areas: tuple[str, ...]  # what "good in all (three) areas" stands for


@cache
def rounds() -> tuple[Round, ...]:
    data = tomllib.loads((DATA / "fire.toml").read_text("utf-8"))
    out = []
    for entry in data["rounds"]:
        cues = tuple(c for framework in entry["frameworks"] for c in area_cues(framework))
        out.append(
            Round(
                name=entry["name"],
                period=re.compile(entry["period"], re.IGNORECASE),
                first_published=entry["first_published"],
                cues=cues,
                values=tuple(entry["values"]),
                all_areas=tuple(name for name, _ in area_cues(entry["all_areas"])),
            )
        )
    return tuple(out)


def round_of(texts: list[str], published: dt.date | None) -> Round:
    """The round a release is about: the one its title or lead names, else the one its
    date falls in, else the oldest (its cue tables hold every area)."""
    for text in texts:
        for found in rounds():
            if found.period.search(text or ""):
                return found
    if published is not None:
        for found in rounds():
            if published >= found.first_published:
                return found
    return rounds()[-1]


def judge(sentence: str, round_: Round) -> list:
    return with_history(sentence, graded(sentence, round_.cues, round_.values))


# A page's grades grouped under their grade: "Good" then one area a paragraph.
_GROUP_GRADE = re.compile(
    r"^(?P<v>outstanding|good|adequate|requires\s+improvement|inadequate)\s*:?$", re.IGNORECASE
)


def group_grade(paragraph: str) -> str | None:
    match = _GROUP_GRADE.match(paragraph.strip())
    return " ".join(match.group("v").lower().split()) if match else None


def area_name(paragraph: str, round_: Round) -> str | None:
    """The area a short paragraph names and nothing more ("Understanding fires and other
    risks", "Promoting the right values and culture")."""
    text = paragraph.strip().strip("•·*-– ").rstrip(".;:")
    if not text or len(text) > 90 or re.search(r"[.;!?]", text):
        return None
    for name, pattern in round_.cues:
        found = pattern.search(text)
        if found and found.start() <= 12 and len(text[found.end() :].split()) <= 4:
            return name
    return None
