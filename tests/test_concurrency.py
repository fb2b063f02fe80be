"""Concurrent use of one warehouse: two ingests never overlap (the second waits, or fails
clearly with --no-wait), queries work while a run loads and never write, and a run waits
for a query that holds the file instead of failing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import warehouse as wh
from tests.conftest import pressroom_command
from warehouse.check import check_warehouse
from warehouse.connection import WarehouseInUse
from warehouse.lock import writer_lock

ROOT = Path(__file__).resolve().parents[1]
N_FILES = 300


@pytest.fixture
def cli_env(prefect_harness) -> dict[str, str]:
    """Subprocesses share the harness's Prefect API (no temporary server each)."""
    from prefect.settings import get_current_settings

    env = dict(os.environ, PREFECT_API_URL=str(get_current_settings().api.url))
    env["PREFECT_LOGGING_LEVEL"] = "WARNING"
    env.pop("PRESSROOM_WAREHOUSE", None)
    return env


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    for i in range(N_FILES):
        sub = folder / f"{i // 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"r{i:04d}.txt").write_text(
            f"Release {i}.\n\nKent Police has made good progress, the inspector said ({i}).\n"
        )
    return folder


def _ingest(folder: Path, warehouse: Path, env: dict, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*pressroom_command(), "ingest", str(folder), "--warehouse", str(warehouse), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _has_open(pid: int, path: Path) -> bool:
    target = str(path.resolve())
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(fd) == target:
                return True
        except OSError:
            continue
    return False


def test_a_run_waits_for_the_other_or_fails_clearly(
    office: Path, warehouse_path: Path, cli_env: dict
):
    # Another run holds the writer lock: --no-wait fails at once with a clear message...
    with writer_lock(warehouse_path):
        started = time.monotonic()
        busy = _ingest(office, warehouse_path, cli_env, "--no-wait")
        output, _ = busy.communicate(timeout=120)
        assert busy.returncode == 1, output
        assert "another pressroom run is writing to" in output
        assert "Traceback" not in output
        # ...and without it, the run waits for the lock.
        waiting = _ingest(office, warehouse_path, cli_env)
        time.sleep(max(0.0, 4.0 - (time.monotonic() - started)))
        assert waiting.poll() is None, waiting.communicate()[0]
        assert not Path(wh.staging_dir_for(warehouse_path, "x")).parent.exists()
    output, _ = waiting.communicate(timeout=180)
    assert waiting.returncode == 0, output
    assert f"{N_FILES} new" in output


def test_two_ingests_at_once_never_overlap(office: Path, warehouse_path: Path, cli_env: dict):
    first = _ingest(office, warehouse_path, cli_env)
    second = _ingest(office, warehouse_path, cli_env)
    outputs = [p.communicate(timeout=240)[0] for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    rows = wh.run_query(
        warehouse_path,
        "SELECT started_at, finished_at, status, n_new, n_unchanged FROM runs ORDER BY started_at",
    ).rows
    assert [r[2:] for r in rows] == [("finished", N_FILES, 0), ("finished", 0, N_FILES)]
    assert rows[0][1] <= rows[1][0], "the second run started before the first had finished"
    result = check_warehouse(warehouse_path)
    assert result.faults == [] and (result.documents, result.versions) == (N_FILES, N_FILES)


def test_queries_work_while_a_run_loads(office: Path, warehouse_path: Path, cli_env: dict):
    """Queries, one after another as fast as they go, during a whole run: each succeeds
    (waiting while the run holds the file), and the run, which must in turn wait for the
    queries to close the file, finishes."""
    run = _ingest(office, warehouse_path, cli_env)
    stats = {"queries": 0, "while_open": 0, "errors": []}

    def query_loop() -> None:
        while run.poll() is None:
            if not warehouse_path.exists():
                time.sleep(0.01)
                continue
            held = _has_open(run.pid, warehouse_path)
            try:
                # A query that holds the file for a while, so the run meets it.
                wh.run_query(
                    warehouse_path,
                    "SELECT (SELECT count(*) FROM runs), sum(i) FROM range(2000000) t(i)",
                )
            except Exception as exc:  # noqa: BLE001 - every failure is reported
                if "does not exist" not in str(exc):  # before the first migration
                    stats["errors"].append(f"{type(exc).__name__}: {exc}")
            stats["queries"] += 1
            stats["while_open"] += held

    thread = threading.Thread(target=query_loop)
    thread.start()
    output, _ = run.communicate(timeout=240)
    thread.join(timeout=60)
    assert run.returncode == 0, output
    assert stats["errors"] == []
    assert stats["queries"] >= 10, stats
    print(f"queries during the run: {stats}")
    assert wh.run_query(warehouse_path, "SELECT count(*) FROM documents").rows == [(N_FILES,)]


@pytest.mark.parametrize(
    "statement, says",
    [
        ("DROP TABLE run_log", "read-only"),
        ("INSERT INTO error_log VALUES ('r', 'u', 'fetch', 'e', now())", "read-only"),
        ("UPDATE document_state SET status = 'withdrawn'", "read-only"),
        ("CREATE TABLE x AS SELECT 1", "read-only"),
        ("COPY (SELECT * FROM runs) TO '{tmp}/out.csv'", "cannot read or write other files"),
        ("ATTACH '{tmp}/other.duckdb' AS other", "cannot read or write other files"),
        ("SELECT * FROM read_csv('/etc/passwd')", "cannot read or write other files"),
        ("SET enable_external_access = true", "settings"),
    ],
)
def test_query_is_read_only(tmp_path: Path, statement: str, says: str):
    warehouse = tmp_path / "w.duckdb"
    wh.start_run(warehouse, sources=["s"], flow_run_id=None, extractor_version=1)
    before = warehouse.read_bytes()
    with pytest.raises(wh.ReadOnlyViolation, match=says):
        wh.run_query(warehouse, statement.format(tmp=tmp_path))
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.duckdb").exists()
    assert warehouse.read_bytes() == before
    assert wh.run_query(warehouse, "SELECT count(*) FROM runs").rows == [(1,)]


def test_query_command_refuses_a_write_with_a_clear_message(tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    wh.start_run(warehouse, sources=["s"], flow_run_id=None, extractor_version=1)
    done = subprocess.run(
        [*pressroom_command(), "query", "DELETE FROM run_log", "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "read-only" in done.stderr and "Traceback" not in done.stderr


READER = """
import sys, time
from warehouse.connection import open_duckdb
con = open_duckdb(sys.argv[1], read_only=True)
print("open", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def _hold_open(path: Path, seconds: float) -> subprocess.Popen:
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout.readline().strip() == "open"
    return reader


def test_a_writer_waits_for_a_reader_to_close_the_file(warehouse_path: Path):
    wh.start_run(warehouse_path, sources=["s"], flow_run_id=None, extractor_version=1)
    reader = _hold_open(warehouse_path, 1.5)
    started = time.monotonic()
    wh.start_run(warehouse_path, sources=["s"], flow_run_id=None, extractor_version=1)
    assert time.monotonic() - started >= 0.5
    reader.wait(timeout=30)
    # A reader that never lets go: the writer gives up with a message saying why.
    reader = _hold_open(warehouse_path, 30)
    try:
        with pytest.raises(WarehouseInUse, match="open in another process"):
            wh.connect_writer(warehouse_path, wait=0.5)
    finally:
        reader.kill()
        reader.wait()
