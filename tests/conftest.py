from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
DEVSET = SHARED / "devset"
CORPORA = SHARED / "corpora"


@pytest.fixture(scope="session", autouse=True)
def background_prefect_server(tmp_path_factory) -> Iterator[Path]:
    """Commands run without Prefect settings (as a user runs them) share pressroom's
    background Prefect server (flows/local_server.py). The session gives it a folder of
    its own, so it never meets a user's server or a leftover of another run, and stops it
    at the end: no server outlives the suite."""
    from flows import local_server

    directory = tmp_path_factory.mktemp("prefect-server")
    os.environ[local_server.DIR_ENV] = str(directory)
    # Should the session be killed, its server stops soon after by itself.
    os.environ.setdefault(local_server.IDLE_ENV, "10")
    try:
        yield directory
    finally:
        local_server.release_users_lock()
        local_server.stop(directory)


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


def pressroom_command() -> list[str]:
    """The `pressroom` command as a user runs it: the venv's script, else the CLI module."""
    script = Path(sys.executable).with_name("pressroom")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from flows.cli import main; main()"]
