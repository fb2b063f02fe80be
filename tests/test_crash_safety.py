"""Crash safety: `pressroom ingest` killed with SIGKILL at random moments, repeatedly, then
run to the end; the warehouse opens, passes `pressroom check`, and holds every document
once with no version lost or doubled (scripts/crash_loop.py, a few rounds here; run the
script itself for many more)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _crash_loop_module():
    spec = importlib.util.spec_from_file_location("crash_loop", ROOT / "scripts" / "crash_loop.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("crash_loop", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def prefect_api_url(prefect_harness) -> str:
    """The harness's API, shared by subprocesses (no temporary server per process)."""
    from prefect.settings import get_current_settings

    return str(get_current_settings().api.url)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and SIGKILL")
def test_sigkill_loop_loses_nothing(tmp_path: Path, prefect_api_url: str):
    crash_loop = _crash_loop_module()
    report = crash_loop.crash_loop(
        tmp_path,
        iterations=5,
        seed=20240601,
        n_text=100,
        n_pdf=2,
        api_url=prefect_api_url,
    )
    summary = {k: v for k, v in report.items() if k != "iterations"}
    print(json.dumps(summary, indent=2, default=str))
    problems = [f for i in report["iterations"] for f in i["faults"]]
    problems += report["final"]["failures"]
    assert problems == [], "\n".join(problems)
    assert report["ok"]
    # The kills really landed: most rounds were killed mid-run, not after they ended.
    assert report["killed"] >= 3 and report["survived"] == report["killed"]
    assert report["final"]["check_faults"] == 0
    assert report["final"]["check_output"].startswith("ok: 102 documents")
    assert report["lingering_processes"] == 0
