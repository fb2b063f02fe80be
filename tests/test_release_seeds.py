"""The two seed releases give exactly their expected fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.evaluate import document_from_text
from extractors.release import extract_release

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []

pytestmark = pytest.mark.skipif(not SEED_FILES, reason="../shared/seeds not present")


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_seed_fields_exact(path: Path) -> None:
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
    release = extract_release(document_from_text(path.read_text("utf-8")))

    assert release.primary_force == expected["primary_force"]
    assert release.topic == expected["topic"]
    assert release.publisher == expected["publisher"]
    assert [f.force for f in release.forces if not f.in_notes] == expected[
        "forces_mentioned_in_body"
    ]
    assert [f.force for f in release.forces if f.in_notes] == expected["forces_mentioned_in_notes"]
    assert [(p.name, p.role) for p in release.people] == [
        (p["name"], p["role"]) for p in expected["people"]
    ]
    assert list(release.reports) == expected["reports_referenced"]
    assert list(release.phones) == expected["phones"]
    assert sorted((j.force, j.area, j.value) for j in release.judgements) == sorted(
        (j["force"], j["area"], j["value"]) for j in expected["judgements"]
    )
    # No headline and no date in the seed texts.
    assert release.title is None
    assert release.published_date is None
    for judgement in release.judgements:
        assert judgement.evidence and judgement.evidence in release.body_text


def test_cut_off_phone_is_not_a_number() -> None:
    text = next(p for p in SEED_FILES if p.name.startswith("000")).read_text("utf-8")
    release = extract_release(document_from_text(text))
    assert not any("217" in p for p in release.phones)
