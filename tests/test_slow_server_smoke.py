"""The slow-server benchmark's parts work end to end on a few documents (real devset
releases, a server in its own process that answers late and sometimes 503 with
Retry-After). Its checks are asserted; no timing is."""

from __future__ import annotations

import pytest

from tests.conftest import DEVSET

if not DEVSET.is_dir():
    pytest.skip("../shared/devset not present", allow_module_level=True)

from benchmarks import slow_server  # noqa: E402


def test_the_slow_server_case_runs_and_its_checks_hold(prefect_harness, tmp_path):
    result = slow_server.run(
        n=4, latency=(0.01, 0.03), busy_every=4, retry_after=(1.0,), cache=tmp_path / "site"
    )
    assert result["checks"] == {
        "in_flight_within_per_host": True,
        "every_retry_after_honoured": True,
        "nothing_lost": True,
        "some_503s_sent": True,
    }, slow_server.report(result)
    assert result["warehouse"]["active"] == 4 and result["server"]["served_documents"] == 4
    assert "Retry-After honoured       2/2" in slow_server.report(result)
