"""The inspection period of a verdict a release recalls from an earlier inspection.

A recalled verdict ("was rated good in 2018/19", "in its 2017 inspection") belongs to the
period its sentence names; one recalled as "previously" or "last year's" to the round
before the release's own that graded the same area, when the release names its own
period and the area has rounds (data/periods.toml). Otherwise its period is unknown
(None): never a year taken from the publication date.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from .vocabulary import DATA


@dataclass(frozen=True)
class Round:
    period: str
    first: int
    last: int
    areas: frozenset[str]


@cache
def _data() -> tuple[tuple[Round, ...], re.Pattern[str]]:
    data = tomllib.loads((DATA / "periods.toml").read_text("utf-8"))
    rounds = tuple(
        Round(
            r["period"],
            r["years"][0],
            r["years"][1],
            frozenset(a for name in r["graded"] for a in data[name]),
        )
        for r in data["round"]
    )
    previous = re.compile("|".join(data["recall"]["previous"]), re.IGNORECASE)
    return rounds, previous


# A period as written: "2016", "2018/19", "2023–25", "2023-2025".
_PERIOD = re.compile(r"(?<![\d/£$.,])(20[01]\d|202\d)(?:\s*[/–—-]\s*(?:20)?(\d\d))?(?![\d%])")
# A year that is part of a date ("on 12 March 2016", "March 2016") says when something was
# published or happened, not which inspection.
_MONTHS = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+$"
)
_DATE_BEFORE = re.compile(_MONTHS, re.IGNORECASE)


def _key(first: int, last: int | None) -> tuple[int, int]:
    return (first, last if last is not None else first)


def _named(text: str) -> list[tuple[int, int]]:
    """The (first, last) years of each period the text names, dates left out."""
    found = []
    for match in _PERIOD.finditer(text):
        if _DATE_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        first = int(match.group(1))
        last = None
        if match.group(2):
            last = 2000 + int(match.group(2))
            if last <= first or last - first > 3:
                continue  # "2016-17" is fine, "2016/05" is not a period
        found.append(_key(first, last))
    return found


def _round_of(years: tuple[int, int], area: str) -> Round | None:
    rounds, _ = _data()
    for r in rounds:
        if area in r.areas and r.first <= years[0] and years[1] <= r.last:
            return r
    return None


def _name(years: tuple[int, int], area: str) -> str:
    """The period's name: its round's when it falls in one that graded the area ("2022"
    -> "2021/22"), else as the years say. A lone year that opens a round of several is
    left as written: "in 2023" may be that round's inspection or the year the round before
    it reported."""
    r = _round_of(years, area)
    if r is not None and (years[0] != years[1] or r.first == r.last or years[0] > r.first):
        return r.period
    first, last = years
    if first == last:
        return str(first)
    return f"{first}/{last % 100:02d}" if last == first + 1 else f"{first}–{last % 100:02d}"


def recalled_period(evidence: str, area: str, own: str | None) -> str | None:
    """The period of a verdict recalled in `evidence` (the sentence it was read from), for
    a release whose own verdicts belong to `own` (as written, or None)."""
    own_years = _named(own)[0] if own and _named(own) else None
    named = [y for y in dict.fromkeys(_named(evidence)) if y != own_years]
    own_round = _round_of(own_years, area) if own_years else None
    if own_round is not None:
        named = [y for y in named if _round_of(y, area) is not own_round]
    if len(named) == 1:
        return _name(named[0], area)
    if named:
        return None  # several earlier periods named: which one is not clear
    _, previous = _data()
    if own_years is None or not previous.search(evidence):
        return None
    rounds, _ = _data()
    before = [r for r in rounds if area in r.areas and r.last < own_years[0] and r is not own_round]
    return before[-1].period if before else None
