"""Extraction on ../shared/devset (text, and the HTML and PDF renditions).

Gates:
- the first set (the top folder, 112 releases the rules were built on) meets every
  acceptance target in every mode (issue 12's end state), and so do ids below 100 (the
  releases the rules were first built on);
- each group holds the figures reached so far (analysis/devset_floor.json): the first set, and
  the whole police set (the top folder and police2/), a ratchet whose floors only go up
  (`python -m analysis.devset_floor ../shared/devset --raise`);
- releases of other sectors (fire/) are not scored as police releases.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.devset_floor import GROUPS, below_floor, group_scores, read_floors
from analysis.evaluate import TARGETS, evaluate_dir, meets_targets, renditions_available

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"

pytestmark = pytest.mark.skipif(not DEVSET.is_dir(), reason="../shared/devset not present")


def _ids_below_100(name: str) -> bool:
    return name.isdigit() and int(name) < 100


def _by_field(scores, mode: str) -> dict:
    return {s.field: s for s in scores if s.mode == mode}


def test_ids_below_100_meet_targets() -> None:
    scores = evaluate_dir(DEVSET, only=_ids_below_100, folders=("",))
    assert meets_targets(scores) == []
    fields = _by_field(scores, "text")
    for name in TARGETS:
        assert name in fields, name
    assert fields["judgements"].n >= 24


@pytest.mark.skipif(not renditions_available(), reason="analysis.renditions not available")
def test_ids_below_100_renditions_meet_targets() -> None:
    scores = evaluate_dir(DEVSET, renditions=True, only=_ids_below_100, folders=("",))
    assert {s.mode for s in scores} == {"text", "html", "pdf"}
    assert meets_targets(scores) == []


@pytest.fixture(scope="module")
def groups():
    return group_scores(DEVSET)


@pytest.mark.skipif(not renditions_available(), reason="analysis.renditions not available")
def test_first_set_meets_targets(groups) -> None:
    scores = groups["first set"]
    assert {s.mode for s in scores} == {"text", "html", "pdf"}
    assert sum(s.n for s in scores if s.field == "judgements" and s.mode == "text") >= 100
    assert meets_targets(scores) == []


@pytest.mark.skipif(not renditions_available(), reason="analysis.renditions not available")
@pytest.mark.parametrize("group", list(GROUPS))
def test_group_holds_its_floor(groups, group: str) -> None:
    floors = read_floors(group)
    assert set(TARGETS) <= set(floors), "every target field has a floor"
    assert below_floor(groups[group], floors) == []  # type: ignore[arg-type]


@pytest.mark.skipif(not renditions_available(), reason="analysis.renditions not available")
def test_police_set_takes_in_the_subfolders_and_leaves_fire_out(groups) -> None:
    def documents(group: str) -> int:
        return next(s.n for s in groups[group] if s.field == "title" and s.mode == "text")

    police2 = DEVSET / "police2"
    if not police2.is_dir():
        pytest.skip("../shared/devset/police2 not present")
    in_police2 = len(list(police2.glob("*.json")))
    assert documents("police") == documents("first set") + in_police2
