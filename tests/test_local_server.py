"""pressroom's background Prefect server (flows/local_server.py), as a user meets it: the
first command without Prefect settings starts it, the next finds it, a configured
PREFECT_API_URL is used instead, `pressroom server stop` stops it, and an unused server
stops itself, never under a running command."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from flows import local_server
from tests.conftest import sample_text

BIN = Path(sys.executable).parent


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.pop("PRESSROOM_WAREHOUSE", None)
    env.update(extra)
    return env


def _pressroom(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "pressroom"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_two_ingests_share_one_background_server(tmp_path: Path, background_prefect_server):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    import warehouse as wh

    office = tmp_path / "office"
    office.mkdir()
    (office / "staffordshire.txt").write_text(sample_text("staffordshire-asb-2012.txt"))
    outputs = []
    for _ in range(2):
        done = _pressroom(
            "ingest", str(office), "--warehouse", "wh.duckdb", env=_env(), cwd=tmp_path
        )
        assert done.returncode == 0, done.stdout + done.stderr
        outputs.append(done.stdout + done.stderr)
        assert "Starting temporary server" not in outputs[-1]
    # The second found the server the first (or an earlier test) started.
    assert "note: starting pressroom's Prefect server" not in outputs[1]
    info = local_server.read_state(background_prefect_server)
    assert info is not None and local_server.is_alive(info.pid)
    status = _pressroom("server", "status", env=_env(), cwd=tmp_path)
    assert status.returncode == 0 and info.url in status.stdout

    # Each run is a flow run on that server, with its summary artifact.
    rows = wh.run_query(tmp_path / "wh.duckdb", "SELECT flow_run_id FROM runs").rows
    assert len(rows) == 2
    with temporary_settings({PREFECT_API_URL: info.url}), get_client(sync_client=True) as client:
        for (flow_run_id,) in rows:
            assert client.read_flow_run(flow_run_id).state.is_completed()
        keys = {a.key for a in client.read_artifacts()}
    assert "pressroom-run-summary" in keys


def test_a_configured_prefect_api_is_used_instead(
    prefect_harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from prefect.settings import get_current_settings

    folder = tmp_path / "server-files"
    office = tmp_path / "office"
    office.mkdir()
    (office / "a.txt").write_text(sample_text("west-mercia-asb-2012.txt"))
    env = _env(
        PREFECT_API_URL=str(get_current_settings().api.url),
        **{local_server.DIR_ENV: str(folder)},
    )
    done = _pressroom("ingest", str(office), "--warehouse", "wh.duckdb", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "background" not in done.stderr and "temporary server" not in done.stderr
    assert local_server.read_state(folder) is None
    # So does the opt-out: Prefect's temporary server per command, nothing left behind.
    monkeypatch.setenv(local_server.MODE_ENV, "temporary")
    assert local_server.begin() is None


def test_server_start_status_stop(tmp_path: Path):
    env = _env(**{local_server.DIR_ENV: str(tmp_path)})
    try:
        started = _pressroom("server", "start", env=env, cwd=tmp_path)
        assert started.returncode == 0, started.stdout + started.stderr
        info = local_server.read_state(tmp_path)
        assert info is not None and info.url in started.stdout
        assert local_server.is_healthy(info)
        again = _pressroom("server", "start", env=env, cwd=tmp_path)
        assert "note: starting" not in again.stderr  # found, not started twice
        assert local_server.read_state(tmp_path) == info
        stopped = _pressroom("server", "stop", env=env, cwd=tmp_path)
        assert stopped.returncode == 0 and f"pid {info.pid}" in stopped.stdout
        assert not local_server.is_alive(info.pid)
        assert local_server.read_state(tmp_path) is None
        status = _pressroom("server", "status", env=env, cwd=tmp_path)
        assert status.returncode == 1 and "not running" in status.stdout
    finally:
        local_server.stop(tmp_path)


class _Server:
    """What the idle watch reads and sets of uvicorn's Server."""

    should_exit = False


def test_an_unused_server_stops_itself_but_never_under_a_running_command(tmp_path: Path):
    class Tracked:
        at = time.monotonic()

    pid = os.getpid()
    local_server._write_state(tmp_path, local_server.ServerInfo(pid, 1, time.time()))
    server = _Server()
    # A command is running (it holds the users lock shared): the server stays, however
    # long it has been idle.
    user = os.open(tmp_path / "users.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(user, fcntl.LOCK_SH)
    watch = threading.Thread(
        target=local_server._watch_idle, args=(server, Tracked, tmp_path, 0.2), daemon=True
    )
    watch.start()
    time.sleep(1.5)
    assert not server.should_exit
    assert local_server.read_state(tmp_path) is not None
    # Requests keep it too.
    os.close(user)
    Tracked.at = time.monotonic() + 1.0
    time.sleep(0.5)
    assert not server.should_exit
    # Unused and no command running: it stops, and forgets its address first, so the
    # next command starts a new one instead of finding a server on its way out.
    watch.join(timeout=10)
    assert server.should_exit
    assert local_server.read_state(tmp_path) is None
