"""Extraction on ../shared/devset (text, and the HTML and PDF renditions).

Two gates, a ratchet:
- the first set (ids below 100, the releases the rules were first built on) meets every
  acceptance target in every mode;
- the whole devset holds the figures reached so far (flows/devset_floor.json), which only
  go up (`python -m flows.devset_floor ../shared/devset --raise`).
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


@pytest.mark.skipif(not renditions_available(), reason="flows.renditions not available")
def test_whole_devset_holds_its_floor() -> None:
    floors = read_floors()
    assert set(TARGETS) <= set(floors), "every target field has a floor"
    scores = evaluate_dir(DEVSET, renditions=True)
    assert {s.mode for s in scores} == {"text", "html", "pdf"}
    assert sum(s.n for s in scores if s.field == "judgements" and s.mode == "text") >= 100
    assert below_floor(scores, floors) == []  # type: ignore[arg-type]
