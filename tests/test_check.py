"""`pressroom check`: a sound warehouse passes; each kind of damage is found and named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

import extractors
import warehouse as wh
from flows.cli import app
from warehouse import StagedDocument
from warehouse.check import check_warehouse
from warehouse.connection import open_duckdb

T0 = dt.datetime(2024, 1, 1, 12, 0)
runner = CliRunner()


def _ok(archive: wh.Archive, url: str, text: str, at: dt.datetime) -> StagedDocument:
    data = text.encode()
    return StagedDocument(
        url=url,
        source="src",
        fetched_at=at,
        status="ok",
        content_sha256=archive.put(data),
        extraction=extractors.extract(data, url=url, content_type="text/plain"),
    )


def _run(path: Path, records: list[StagedDocument]) -> str:
    run_id = wh.start_run(path, sources=["src"], flow_run_id=None, extractor_version=1)
    staging = wh.staging_dir_for(path, run_id)
    wh.write_batch(staging, 0, records)
    wh.load_run(path, run_id, staging)
    return run_id


@pytest.fixture
def sound(warehouse_path: Path) -> Path:
    """Three documents: one changed twice, one withdrawn, one with a failed fetch."""
    archive = wh.Archive(wh.archive_dir_for(warehouse_path))
    a, b, c = "file:///a.txt", "file:///b.txt", "file:///c.txt"
    _run(warehouse_path, [_ok(archive, a, "Alpha one.", T0), _ok(archive, b, "Bravo.", T0)])
    t1, t2 = T0 + dt.timedelta(days=1), T0 + dt.timedelta(days=2)
    _run(warehouse_path, [_ok(archive, a, "Alpha two.", t1), _ok(archive, c, "Charlie.", t1)])
    gone = StagedDocument(url=b, source="src", fetched_at=t2, status="gone")
    failed = StagedDocument(
        url="file:///d.txt", source="src", fetched_at=t2, status="error", error="broken"
    )
    _run(warehouse_path, [_ok(archive, a, "Alpha three.", t2), gone, failed])
    return warehouse_path


def _write(path: Path, statement: str) -> None:
    with open_duckdb(path) as con:
        con.execute(statement)


def _kinds(path: Path) -> list[str]:
    return sorted({f.kind for f in check_warehouse(path).faults})


def test_a_sound_warehouse_has_no_faults(sound: Path):
    result = check_warehouse(sound)
    assert result.faults == []
    assert (result.documents, result.versions, result.blobs) == (3, 5, 5)
    outcome = runner.invoke(app, ["check", "--warehouse", str(sound)])
    assert outcome.exit_code == 0, outcome.output
    assert "ok: 3 documents, 5 versions, 5 blobs verified" in outcome.output


def test_missing_and_corrupt_blobs(sound: Path):
    archive = wh.Archive(wh.archive_dir_for(sound))
    with open_duckdb(sound, read_only=True) as con:
        first, second = [
            r[0]
            for r in con.execute(
                "SELECT content_sha256 FROM document_versions ORDER BY url, version LIMIT 2"
            ).fetchall()
        ]
    archive.path(first).unlink()
    archive.path(second).write_bytes(b"tampered")
    faults = check_warehouse(sound).faults
    assert sorted(f.kind for f in faults) == ["blob_corrupt", "blob_missing"]
    assert any(first in f.message and "not in the archive" in f.message for f in faults)
    # Existence only, without re-hashing: the corrupt blob goes unnoticed, the missing not.
    quick = check_warehouse(sound, verify_hashes=False).faults
    assert [f.kind for f in quick] == ["blob_missing"]
    outcome = runner.invoke(app, ["check", "--warehouse", str(sound)])
    assert outcome.exit_code == 1
    assert "blob_missing" in outcome.output and "2 fault(s)" in outcome.output


def test_overlapping_and_backwards_ranges(sound: Path):
    _write(
        sound,
        "UPDATE document_versions SET valid_to = valid_to + INTERVAL 1 HOUR "
        "WHERE url = 'file:///a.txt' AND version = 1",
    )
    assert _kinds(sound) == ["overlapping_versions"]
    _write(
        sound,
        "UPDATE document_versions SET valid_to = valid_from - INTERVAL 1 HOUR "
        "WHERE url = 'file:///a.txt' AND version = 1",
    )
    assert _kinds(sound) == ["backwards_range"]


def test_two_open_versions_and_a_stale_current_version(sound: Path):
    _write(
        sound,
        "UPDATE document_versions SET valid_to = NULL WHERE url = 'file:///a.txt' AND version = 2",
    )
    assert _kinds(sound) == ["open_versions", "overlapping_versions"]


def test_current_version_points_nowhere(sound: Path):
    _write(sound, "UPDATE document_state SET current_version = 7 WHERE url = 'file:///c.txt'")
    assert _kinds(sound) == ["current_version"]


def test_withdrawn_document_with_an_open_version(sound: Path):
    _write(sound, "UPDATE document_versions SET valid_to = NULL WHERE url = 'file:///b.txt'")
    assert _kinds(sound) == ["open_versions"]


def test_doubled_and_missing_versions(sound: Path):
    _write(
        sound,
        "UPDATE document_versions SET version = 5 WHERE url = 'file:///a.txt' AND version = 3",
    )
    kinds = _kinds(sound)
    assert "version_numbering" in kinds and "current_version" in kinds
    assert "missing_extraction" in kinds and "orphan_extraction" in kinds


def test_rows_of_an_unfinished_run(sound: Path):
    _write(
        sound,
        "UPDATE run_log SET status = 'running', finished_at = NULL "
        "WHERE started_at = (SELECT max(started_at) FROM run_log)",
    )
    kinds = _kinds(sound)
    assert kinds == ["unfinished_run_data"]
    result = check_warehouse(sound)
    assert any("marked running" in n for n in result.notes)


def test_a_run_marked_running_with_no_rows_is_only_a_note(sound: Path):
    wh.start_run(sound, sources=["src"], flow_run_id=None, extractor_version=1)
    result = check_warehouse(sound)
    assert result.faults == [] and len(result.notes) == 1


def test_no_warehouse_and_an_unreadable_file(tmp_path: Path):
    outcome = runner.invoke(app, ["check", "--warehouse", str(tmp_path / "none.duckdb")])
    assert outcome.exit_code == 1 and "no warehouse" in outcome.output
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    assert _kinds(junk) == ["unreadable"]


def test_a_warehouse_killed_before_its_first_migration_is_empty_not_unreadable(tmp_path: Path):
    # As a first ingest killed between creating schema_migrations and committing 001 leaves
    # it (scripts/crash_loop.py lands there now and then).
    path = tmp_path / "new.duckdb"
    _write(
        path,
        "CREATE TABLE schema_migrations "
        "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)",
    )
    result = check_warehouse(path)
    assert result.faults == [] and result.documents == 0
    assert "no tables yet" in result.notes[0]
    outcome = runner.invoke(app, ["check", "--warehouse", str(path)])
    assert outcome.exit_code == 0, outcome.output
    # A DuckDB file of something else is not taken for an empty warehouse.
    other = tmp_path / "other.duckdb"
    _write(other, "CREATE TABLE t (x INTEGER)")
    assert _kinds(other) == ["unreadable"]


def test_start_run_removes_staging_folders_of_dead_runs(warehouse_path: Path):
    dead = wh.staging_dir_for(warehouse_path, "deadrun")
    dead.mkdir(parents=True)
    (dead / "batch-000001.parquet").write_bytes(b"half")
    run_id = wh.start_run(warehouse_path, sources=["src"], flow_run_id=None, extractor_version=1)
    assert not dead.exists()
    # The new run's own folder is not created (or removed) by start_run.
    assert not wh.staging_dir_for(warehouse_path, run_id).exists()


def test_unreferenced_and_partial_blobs_are_notes_not_faults(sound: Path):
    archive = wh.Archive(wh.archive_dir_for(sound))
    archive.put(b"fetched by a run that died before loading")
    partial = archive.path("ab" * 32).parent / ".tmp-partial"
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_bytes(b"half")
    result = check_warehouse(sound)
    assert result.faults == [] and result.unreferenced_blobs == 1
    assert any("not referenced" in n for n in result.notes)
    assert any(".tmp-" in n for n in result.notes)
