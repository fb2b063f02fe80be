"""Extraction on ../shared/devset (text, and the HTML and PDF renditions).

Three gates:
- the whole devset meets every acceptance target in every mode (issue 12's end state);
- the first set (ids below 100, the releases the rules were first built on) does too;
- the whole devset holds the figures reached so far (flows/devset_floor.json), a ratchet
  whose floors only go up (`python -m flows.devset_floor ../shared/devset --raise`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.devset_floor import below_floor, read_floors
from flows.evaluate import TARGETS, evaluate_dir, meets_targets, renditions_available

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"

pytestmark = pytest.mark.skipif(not DEVSET.is_dir(), reason="../shared/devset not present")


def _first_set(name: str) -> bool:
    return name.isdigit() and int(name) < 100


def _by_field(scores, mode: str) -> dict:
    return {s.field: s for s in scores if s.mode == mode}


def test_first_set_meets_targets() -> None:
    scores = evaluate_dir(DEVSET, only=_first_set)
    assert meets_targets(scores) == []
    fields = _by_field(scores, "text")
    for name in TARGETS:
        assert name in fields, name
    assert fields["judgements"].n >= 24


@pytest.mark.skipif(not renditions_available(), reason="flows.renditions not available")
def test_first_set_renditions_meet_targets() -> None:
    scores = evaluate_dir(DEVSET, renditions=True, only=_first_set)
    assert {s.mode for s in scores} == {"text", "html", "pdf"}
    assert meets_targets(scores) == []


@pytest.fixture(scope="module")
def whole_devset_scores():
    return evaluate_dir(DEVSET, renditions=True)


@pytest.mark.skipif(not renditions_available(), reason="flows.renditions not available")
def test_whole_devset_meets_targets(whole_devset_scores) -> None:
    assert {s.mode for s in whole_devset_scores} == {"text", "html", "pdf"}
    assert (
        sum(s.n for s in whole_devset_scores if s.field == "judgements" and s.mode == "text") >= 100
    )
    assert meets_targets(whole_devset_scores) == []


@pytest.mark.skipif(not renditions_available(), reason="flows.renditions not available")
def test_whole_devset_holds_its_floor(whole_devset_scores) -> None:
    floors = read_floors()
    assert set(TARGETS) <= set(floors), "every target field has a floor"
    assert below_floor(whole_devset_scores, floors) == []  # type: ignore[arg-type]
