"""A new machine's Prefect database comes from the seed pressroom ships
(flows/prefect_db.py), not from a hundred migrations: the seed is one the installed
Prefect can start from, it is used only where Prefect would build its default database,
and a fresh machine's first ingest runs on it."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from flows import local_server, prefect_db
from tests.conftest import sample_text


def test_the_seed_is_a_database_the_installed_prefect_can_start_from():
    revision = prefect_db.seed_revision(prefect_db.seed_bytes())
    assert revision, "the seed has no migration revision"
    # A seed newer than the installed Prefect would be skipped on every new machine: make
    # it again with scripts/prefect_seed.py.
    assert revision in prefect_db.known_revisions()


def test_it_is_planted_only_where_prefect_would_build_its_default_database(tmp_path: Path):
    assert prefect_db.plant(tmp_path / "new", {})
    with sqlite3.connect(tmp_path / "new" / "prefect.db") as db:
        assert db.execute("SELECT count(*) FROM block_type").fetchone()[0] > 0
    # A database already there is Prefect's (or the user's): never replaced.
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "prefect.db").write_bytes(b"not to be touched")
    assert not prefect_db.plant(existing, {})
    assert (existing / "prefect.db").read_bytes() == b"not to be touched"
    # Another database configured: nothing to seed.
    postgres = {"PREFECT_SERVER_DATABASE_CONNECTION_URL": "postgresql+asyncpg://db/prefect"}
    assert not prefect_db.plant(tmp_path / "configured", postgres)
    assert not (tmp_path / "configured" / "prefect.db").exists()
    assert [p.name for p in (tmp_path / "new").iterdir()] == ["prefect.db"]  # no temp left


def test_a_seed_newer_than_prefect_is_left_alone(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(prefect_db, "known_revisions", lambda: {"0000000000aa"})
    assert not prefect_db.plant(tmp_path, {})
    assert not (tmp_path / "prefect.db").exists()


def test_a_new_machines_first_ingest_runs_on_the_seed(tmp_path: Path):
    home = tmp_path / "prefect-home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PRESSROOM_"))}
    env.update(
        PREFECT_HOME=str(home),
        **{local_server.DIR_ENV: str(home / "server"), local_server.IDLE_ENV: "1"},
    )
    office = tmp_path / "office"
    office.mkdir()
    (office / "release.txt").write_text(sample_text("staffordshire-asb-2012.txt"))
    pressroom = Path(sys.executable).with_name("pressroom")
    started = dt.datetime.now(dt.UTC)
    try:
        done = subprocess.run(
            [str(pressroom), "ingest", str(office), "--warehouse", str(tmp_path / "w.duckdb")],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        assert "1 new" in done.stdout + done.stderr
    finally:
        local_server.stop(home / "server")
    with sqlite3.connect(home / "prefect.db") as db:
        # Its block types were registered when the seed was made, not by this first start.
        first = db.execute("SELECT min(created) FROM block_type").fetchone()[0]
        assert dt.datetime.fromisoformat(first).replace(tzinfo=dt.UTC) < started
        assert db.execute("SELECT count(*) FROM flow_run").fetchone()[0] == 1


def test_a_current_database_is_not_checked_for_migrations_again(tmp_path: Path):
    assert prefect_db.plant(tmp_path, {})
    # Made with the installed Prefect, the seed is at its newest migration.
    assert prefect_db.newest_revision() == prefect_db.database_revision(tmp_path / "prefect.db")
    assert prefect_db.migrated(tmp_path, {})
    assert not prefect_db.migrated(tmp_path, {"PREFECT_API_DATABASE_CONNECTION_URL": "x"})
    # One migration behind (an upgraded Prefect): the server migrates it.
    newest = prefect_db.newest_revision()
    before = prefect_db._migrations()[newest]
    with sqlite3.connect(tmp_path / "prefect.db") as db:
        db.execute("UPDATE alembic_version SET version_num = ?", (before,))
    db.close()
    assert not prefect_db.migrated(tmp_path, {})
    assert not prefect_db.migrated(tmp_path / "nothing-here", {})
