"""Make flows/data/prefect-seed.db.gz: the database Prefect's server builds on its first
start (every migration applied, its block types registered), for flows/prefect_db.py to
copy onto new machines. Run it after changing the Prefect version pressroom installs:

    python scripts/prefect_seed.py
"""

from __future__ import annotations

import gzip
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "flows" / "data" / "prefect-seed.db.gz"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def _block_types(database: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return -1
    try:
        return db.execute("SELECT count(*) FROM block_type").fetchone()[0]
    except sqlite3.Error:
        return -1
    finally:
        db.close()


def build(home: Path) -> Path:
    """Start Prefect's server (as pressroom's background server runs it) in an empty
    PREFECT_HOME until it answers, stop it, and return the database it built."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PRESSROOM_"))}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "flows.local_server", "--port", str(port), "--dir", str(home)],
        env=env,
    )
    try:
        deadline = time.monotonic() + 180
        while not _healthy(port):
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("Prefect's server did not start")
            time.sleep(0.2)
        # It answers before it has registered its block types, which it does once, on a
        # new database: wait for their count to settle.
        counts = [-1]
        while time.monotonic() < deadline and (counts[-1] <= 0 or counts[-3:] != counts[-1:] * 3):
            time.sleep(0.5)
            counts.append(_block_types(home / "prefect.db"))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(60)
    return home / "prefect.db"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        database = build(Path(tmp))
        db = sqlite3.connect(database)
        try:
            revision = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            # One self-contained file: the write-ahead log folded in, then compacted.
            db.execute("PRAGMA journal_mode=DELETE")
            db.execute("VACUUM")
        finally:
            db.close()
        OUT.parent.mkdir(parents=True, exist_ok=True)
        # mtime 0: the same database gives the same file.
        OUT.write_bytes(gzip.compress(database.read_bytes(), compresslevel=9, mtime=0))
    print(f"{OUT}: Prefect database at migration {revision}, {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
