"""DuckDB never installs or downloads an extension for pressroom: every connection opens
through warehouse.connection.open_duckdb, with autoinstall off. The trigger that was seen:
a warehouse whose first ingest was SIGKILLed after its migrations had committed (the log
not yet checkpointed) replays `ALTER ... USING list_transform(...)` on its next open,
before DuckDB has loaded its built-in core_functions; with DuckDB's default settings that
replay tried to download core_functions, and failed offline."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

import warehouse as wh
from tests.conftest import pressroom_command
from warehouse.connection import ExtensionUnavailable, open_duckdb

ROOT = Path(__file__).resolve().parents[1]


def _settings(con: duckdb.DuckDBPyConnection) -> tuple[bool, bool]:
    return con.execute(
        "SELECT current_setting('autoinstall_known_extensions'), "
        "current_setting('autoload_known_extensions')"
    ).fetchone()


def test_every_pressroom_connection_has_autoinstall_off(warehouse_path: Path):
    with wh.connect_writer(warehouse_path) as con:
        assert _settings(con) == (False, True)
    with wh.connect_reader(warehouse_path) as con:
        assert _settings(con) == (False, True)
    with open_duckdb() as con:
        assert _settings(con) == (False, True)
    # A caller's config cannot turn it back on.
    with open_duckdb(config={"autoinstall_known_extensions": True}) as con:
        assert _settings(con) == (False, True)


def test_the_extensions_pressroom_needs_are_built_into_the_wheel():
    # With autoinstall off, these load from the wheel itself (autoload stays on for that);
    # a duckdb wheel without them would make opening some warehouses fail offline.
    with open_duckdb() as con:
        rows = dict(
            con.execute(
                "SELECT extension_name, install_mode FROM duckdb_extensions() "
                "WHERE extension_name IN ('core_functions', 'parquet', 'json', 'icu')"
            ).fetchall()
        )
    assert rows == dict.fromkeys(["core_functions", "icu", "json", "parquet"], "STATICALLY_LINKED")


def test_duckdb_is_opened_only_through_the_helper():
    """No other duckdb.connect (nor the module's default connection) in pressroom's code."""
    pattern = re.compile(r"duckdb\.(connect|sql|query|execute|extract_statements|read_\w+)\(")
    offenders = []
    for folder in ("warehouse", "analysis", "flows", "benchmarks", "scripts", "crawler", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
                if pattern.search(line) and path.name != "test_duckdb_offline.py":
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    offenders = [o for o in offenders if not o.startswith("warehouse/connection.py")]
    assert offenders == []


@pytest.fixture
def proxy() -> Iterator[tuple[str, list[int]]]:
    """An HTTP proxy address on this machine that counts the connections it gets (and
    answers none): DuckDB sends its downloads through $HTTP_PROXY, so a count above zero is
    a download attempted."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.1)
    seen = [0]
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            seen[0] += 1
            client.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", seen
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def _offline_env(proxy_url: str) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        env[name] = proxy_url
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    return env


KILLED_AFTER_MIGRATIONS = """
import os, signal, sys
from warehouse.connection import connect_writer
con = connect_writer(sys.argv[1])  # a new warehouse: every migration, committed to the log
os.kill(os.getpid(), signal.SIGKILL)  # as the kernel would: no checkpoint on close
"""

OPEN_AFTER_KILL = """
import sys
import warehouse as wh
from warehouse.check import check_warehouse
result = check_warehouse(sys.argv[1])
print("faults", [str(f) for f in result.faults])
with wh.connect_writer(sys.argv[1]) as con:
    print("migrations", con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0])
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses SIGKILL")
def test_a_log_replayed_after_a_kill_opens_offline(warehouse_path: Path, proxy):
    warehouse_path.parent.mkdir(parents=True)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_MIGRATIONS, str(warehouse_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    wal = warehouse_path.with_name(warehouse_path.name + ".wal")
    assert wal.exists() and wal.stat().st_size > 0, "the kill left no log to replay"
    proxy_url, seen = proxy
    started = time.monotonic()
    opened = subprocess.run(
        [sys.executable, "-c", OPEN_AFTER_KILL, str(warehouse_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=_offline_env(proxy_url),
    )
    assert opened.returncode == 0, opened.stdout + opened.stderr
    assert "faults []" in opened.stdout, opened.stdout
    migrations = len(list((ROOT / "warehouse" / "migrations").glob("[0-9]*.sql")))
    assert f"migrations {migrations}" in opened.stdout, opened.stdout
    assert seen[0] == 0, "DuckDB tried to download something while replaying the log"
    assert time.monotonic() - started < 60


def test_an_extension_that_is_not_built_in_is_a_clear_error(tmp_path: Path, proxy, monkeypatch):
    proxy_url, seen = proxy
    for name, value in _offline_env(proxy_url).items():
        monkeypatch.setenv(name, value)
    started = time.monotonic()
    # A setting of the httpfs extension (not in the wheel) needs it loaded at open; an
    # empty extension directory, so that no httpfs installed by hand is found.
    with pytest.raises(ExtensionUnavailable) as caught:
        open_duckdb(
            tmp_path / "x.duckdb",
            config={"extension_directory": str(tmp_path / "ext"), "s3_region": "eu-west-2"},
        )
    assert time.monotonic() - started < 10
    assert caught.value.extension == "httpfs"
    message = str(caught.value)
    assert "'httpfs' extension" in message and "never lets DuckDB download" in message
    assert isinstance(caught.value, duckdb.Error)  # the commands' duckdb.Error handlers see it
    assert seen[0] == 0


REFUSING_CONNECT = """
import sys
import duckdb

def refuse(*args, **kwargs):
    # What DuckDB says when a log replay needs an extension it can neither load nor
    # install (autoinstall off).
    raise duckdb.Error(
        "Failure while replaying WAL file: An error occurred while trying to automatically "
        "install the required extension 'spatial:\\nExtension \\"spatial\\" is an existing "
        "extension.\\n\\nInstall it first using \\"INSTALL spatial\\"."
    )

duckdb.connect = refuse
from flows.cli import main
sys.argv = ["pressroom", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("command", ["history", "check"])
def test_commands_print_one_line_when_an_extension_is_missing(warehouse_path: Path, command):
    wh.connect_writer(warehouse_path).close()
    args = ["history", "file:///x.txt"] if command == "history" else ["check"]
    done = subprocess.run(
        [sys.executable, "-c", REFUSING_CONNECT, *args, "--warehouse", str(warehouse_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    assert "'spatial' extension" in output and "never lets DuckDB download" in output


def test_pressroom_check_after_a_kill_needs_no_network(warehouse_path: Path, proxy):
    """`pressroom check`, as a person runs it, on a warehouse whose log needs replaying."""
    warehouse_path.parent.mkdir(parents=True)
    subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_MIGRATIONS, str(warehouse_path)],
        capture_output=True,
        timeout=120,
    )
    assert warehouse_path.with_name(warehouse_path.name + ".wal").exists()
    proxy_url, seen = proxy
    done = subprocess.run(
        [*pressroom_command(), "check", "--warehouse", str(warehouse_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=_offline_env(proxy_url),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().startswith("ok: 0 documents"), done.stdout
    assert seen[0] == 0
