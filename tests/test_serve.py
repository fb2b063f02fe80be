"""`pressroom serve` and `prefect deploy` against a real `prefect server start` on
loopback: the scheduled deployment is found through the API with its cron schedule, a
run started from the API is executed by the serving process, and both processes stop
cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(process: subprocess.Popen, sig: int = signal.SIGINT, wait: float = 30) -> str:
    """Stop a process as Ctrl-C would, and return what it printed."""
    if process.poll() is None:
        process.send_signal(sig)
    try:
        out, _ = process.communicate(timeout=wait)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
        pytest.fail(f"{process.args[:2]} did not stop within {wait} s on {sig!r}:\n{out}")
    return out


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.pop("PRESSROOM_WAREHOUSE", None)
    env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", **extra)
    return env


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory) -> Iterator[str]:
    """A real Prefect server, as `prefect server start` runs it, on a free loopback port."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = _free_port()
    env = _clean_env(
        PREFECT_HOME=str(home),
        PREFECT_UI_ENABLED="false",
        # The scheduler service makes a new schedule's runs on its next loop (every 60 s).
        PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="1",
    )
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 90
    while True:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            output = _stop(server, signal.SIGTERM)
            pytest.fail(f"prefect server did not become healthy:\n{output}")
        time.sleep(0.25)
    try:
        yield url
    finally:
        output = _stop(server)
        assert "Traceback" not in output, output


def _client(url: str):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    class _Session:
        def __enter__(self):
            self._settings = temporary_settings({PREFECT_API_URL: url})
            self._settings.__enter__()
            self._client = get_client(sync_client=True)
            return self._client.__enter__()

        def __exit__(self, *exc):
            self._client.__exit__(*exc)
            self._settings.__exit__(*exc)

    return _Session()


def _wait_for(what: str, check, timeout: float, process: subprocess.Popen | None = None):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if process is not None and process.poll() is not None:
            pytest.fail(f"the process ended while waiting for {what}:\n{_stop(process)}")
        if time.monotonic() > deadline:
            output = _stop(process) if process is not None else ""
            pytest.fail(f"timed out waiting for {what}\n{output}")
        time.sleep(0.5)


def _deployment(url: str, name: str):
    from prefect.exceptions import ObjectNotFound

    with _client(url) as client:
        try:
            return client.read_deployment_by_name(name)
        except ObjectNotFound:
            return None


def test_serve_creates_a_scheduled_deployment_and_runs_it(prefect_server: str, tmp_path: Path):
    office = tmp_path / "office"
    office.mkdir()
    (office / "a.txt").write_text("Kent release.\n\nKent Police has made good progress.\n")
    (office / "b.txt").write_text("Surrey release.\n\nAbout Surrey Police.\n")
    warehouse = tmp_path / "wh" / "pressroom.duckdb"
    env = _clean_env(
        PREFECT_API_URL=prefect_server,
        PREFECT_RUNNER_POLL_FREQUENCY="1",  # pick the run up at once, not within 10 s
    )
    command = [
        str(BIN / "pressroom"),
        "serve",
        "office",
        "--cron",
        "0 6 * * *",
        "--timezone",
        "Europe/London",
        "--warehouse",
        "wh/pressroom.duckdb",
    ]
    serving = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        deployment = _wait_for(
            "the deployment",
            lambda: _deployment(prefect_server, "ingest/pressroom"),
            timeout=60,
            process=serving,
        )
        (schedule,) = deployment.schedules
        assert schedule.active
        assert schedule.schedule.cron == "0 6 * * *"
        assert schedule.schedule.timezone == "Europe/London"
        # Relative paths were made absolute: served runs start in a process of their own.
        assert deployment.parameters["sources"] == [str(office)]
        assert deployment.parameters["warehouse"] == str(warehouse)
        assert deployment.entrypoint == "flows.pipeline.ingest"  # imported by module name

        # The server's scheduler puts the schedule's next runs in the queue: 06:00 London.
        from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

        def scheduled_runs():
            with _client(prefect_server) as client:
                return client.read_flow_runs(
                    deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id]))
                )

        scheduled = _wait_for("scheduled runs", scheduled_runs, timeout=30, process=serving)
        assert all(r.state.is_scheduled() for r in scheduled)
        for r in scheduled:
            london = r.expected_start_time.astimezone(ZoneInfo("Europe/London"))
            assert (london.hour, london.minute) == (6, 0)
        with _client(prefect_server) as client:
            run = client.create_flow_run_from_deployment(deployment.id)

        def finished():
            with _client(prefect_server) as client:
                state = client.read_flow_run(run.id).state
            return state if state and state.is_final() else None

        state = _wait_for("the served run", finished, timeout=90, process=serving)
        assert state.is_completed(), state
    finally:
        output = _stop(serving)
    assert "Traceback" not in output, output
    assert " ERROR " not in output, output

    import warehouse as wh

    rows = wh.run_query(warehouse, "SELECT count(*), min(flow_run_id) FROM runs").rows
    assert rows == [(1, str(run.id))]
    assert wh.run_query(warehouse, "SELECT count(*) FROM releases").rows == [(2,)]
    # Stopping `serve` paused the deployment: no run piles up while nothing serves it.
    assert _deployment(prefect_server, "ingest/pressroom").paused
    # Serving again resumes it.
    serving = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        _wait_for(
            "the deployment to resume",
            lambda: not _deployment(prefect_server, "ingest/pressroom").paused,
            timeout=60,
            process=serving,
        )
    finally:
        output = _stop(serving)
    assert "Traceback" not in output, output


def test_serve_refuses_a_bad_cron_before_touching_prefect(tmp_path: Path):
    done = subprocess.run(
        [str(BIN / "pressroom"), "serve", str(tmp_path), "--cron", "0 25 * * *"],
        env=_clean_env(PREFECT_API_URL="http://127.0.0.1:9/api"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Invalid cron string" in done.stderr and "Traceback" not in done.stderr


def test_prefect_deploy_puts_the_flow_on_a_work_pool(prefect_server: str, tmp_path: Path):
    env = _clean_env(PREFECT_API_URL=prefect_server, PWD=str(ROOT))
    prefect = str(BIN / "prefect")
    pool = subprocess.run(
        [prefect, "work-pool", "create", "pressroom", "--type", "process"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert pool.returncode == 0, pool.stdout + pool.stderr
    done = subprocess.run(
        [prefect, "--no-prompt", "deploy", "--name", "pressroom-daily"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    deployment = _deployment(prefect_server, "ingest/pressroom-daily")
    assert deployment is not None
    assert deployment.work_pool_name == "pressroom"
    assert deployment.entrypoint == "flows.pipeline:ingest"
    assert deployment.parameters == {"config": "sources.toml", "warehouse": "pressroom.duckdb"}
    (schedule,) = deployment.schedules
    assert schedule.schedule.cron == "0 6 * * *"
    assert schedule.schedule.timezone == "Europe/London"
    assert deployment.pull_steps == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}
    ]


def _processes_with(variable: str, value: str) -> list[int]:
    """The pids of this user's processes whose environment has variable=value."""
    wanted = f"{variable}={value}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[-1].split()[0]
        except OSError:
            continue
        if wanted in environ and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def test_serve_without_prefect_api_schedules_runs_on_the_background_server(
    background_prefect_server: Path, tmp_path: Path
):
    """No PREFECT_API_URL, as the README's command is typed: pressroom's background server
    (the session's, in a folder of its own) runs Prefect's scheduler, so the cron schedule
    puts its next runs in the queue, and stopping serve leaves only that server running."""
    if not Path("/proc/self/environ").exists():
        pytest.skip("needs /proc to find the processes left behind")
    from flows import local_server

    office = tmp_path / "office"
    office.mkdir()
    (office / "a.txt").write_text("Kent release.\n\nKent Police has made good progress.\n")
    # The session's server keeps its database between sessions: a deployment of its own.
    name = f"cron-{uuid.uuid4().hex[:8]}"
    command = [str(BIN / "pressroom"), "serve", "office", "--cron", "0 6 * * *", "--name", name]
    command += ["--timezone", "Europe/London", "--warehouse", "wh.duckdb"]
    serving = subprocess.Popen(
        command,
        cwd=tmp_path,
        # Marks serve and every process it starts (the server too, when it starts it).
        env=_clean_env(PRESSROOM_TEST_SERVE=name),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        info = _wait_for(
            "the server", lambda: local_server.read_state(background_prefect_server), 60, serving
        )
        deployment = _wait_for(
            "the deployment",
            lambda: local_server.is_healthy(info) and _deployment(info.url, f"ingest/{name}"),
            timeout=180,
            process=serving,
        )
        from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

        def scheduled_runs():
            with _client(info.url) as client:
                return client.read_flow_runs(
                    deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id]))
                )

        # A new deployment is scheduled by the scheduler's loop for recent ones (5 s).
        runs = _wait_for("the scheduler's runs", scheduled_runs, timeout=60, process=serving)
    finally:
        output = _stop(serving)
    assert "Traceback" not in output, output
    assert "scheduler" not in output, output  # neither the old note nor the warning
    assert all(r.state.is_scheduled() for r in runs), [r.state for r in runs]
    # The cron's next times, in order, one a day from the next 06:00 in London.
    london = ZoneInfo("Europe/London")
    starts = sorted(r.expected_start_time.astimezone(london) for r in runs)
    assert len(starts) >= 3  # the scheduler keeps at least three runs ahead
    now = datetime.now(london).replace(tzinfo=None)
    first = datetime.combine(now.date(), clock(6, 0))
    if first <= now:
        first += timedelta(days=1)
    expected = [first + timedelta(days=n) for n in range(len(starts))]
    assert [datetime.fromisoformat(s.isoformat()).replace(tzinfo=None) for s in starts] == expected

    # serve is gone, with what it started; the server stays (it stops when unused).
    assert local_server.read_state(background_prefect_server) == info and info.scheduler
    left = _processes_with("PRESSROOM_TEST_SERVE", name)
    assert set(left) <= {info.pid} and local_server.is_alive(info.pid), left
    assert _deployment(info.url, f"ingest/{name}").paused
