"""Extraction meets the acceptance targets on ../shared/devset (text, and the HTML and
PDF renditions when flows.renditions is there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.evaluate import TARGETS, evaluate_dir, meets_targets, renditions_available

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"

pytestmark = pytest.mark.skipif(not DEVSET.is_dir(), reason="../shared/devset not present")


def _by_field(scores, mode: str) -> dict:
    return {s.field: s for s in scores if s.mode == mode}


def test_devset_text_meets_targets() -> None:
    scores = evaluate_dir(DEVSET)
    assert meets_targets(scores) == []
    fields = _by_field(scores, "text")
    for name in TARGETS:
        assert name in fields, name
    assert fields["primary_force"].accuracy >= 0.95
    assert fields["judgements"].f1 >= 0.90
    assert fields["people"].f1 >= 0.85
    assert fields["reports_referenced"].f1 >= 0.80
    assert fields["reference (where labelled)"].accuracy >= 0.95
    assert fields["published_date (where labelled)"].accuracy >= 0.95


@pytest.mark.skipif(not renditions_available(), reason="flows.renditions not available")
def test_devset_renditions_meet_targets() -> None:
    scores = evaluate_dir(DEVSET, renditions=True)
    assert {s.mode for s in scores} == {"text", "html", "pdf"}
    assert meets_targets(scores) == []
