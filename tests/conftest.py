from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
DEVSET = SHARED / "devset"
CORPORA = SHARED / "corpora"


@pytest.fixture(scope="session")
def prefect_harness():
    """Prefect's own test harness: a throwaway database and API for the whole session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture
def seed_texts() -> dict[str, str]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    return {p.stem: p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture
def warehouse_path(tmp_path: Path) -> Path:
    return tmp_path / "wh" / "pressroom.duckdb"


def sample_text(name: str) -> str:
    from importlib import resources

    return resources.files("flows").joinpath("sample", name).read_text("utf-8")
