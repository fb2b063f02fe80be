"""The command line, in process (typer's runner) under Prefect's test harness."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app

pytestmark = pytest.mark.usefixtures("prefect_harness")
runner = CliRunner()


@pytest.fixture
def loaded(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "one.txt").write_text("Release one, about Kent Police.\n")
    (folder / "two.txt").write_text("Release two.\n")
    warehouse = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", str(folder), "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    return warehouse


def test_query_formats(loaded: Path):
    sql = "SELECT url, version FROM releases ORDER BY url"
    as_json = runner.invoke(app, ["query", sql, "--warehouse", str(loaded), "--format", "json"])
    assert as_json.exit_code == 0
    rows = json.loads(as_json.stdout)
    assert [r["version"] for r in rows] == [1, 1] and rows[0]["url"].endswith("one.txt")

    as_csv = runner.invoke(app, ["query", sql, "-w", str(loaded), "--format", "csv"])
    parsed = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert parsed[0] == ["url", "version"] and len(parsed) == 3

    as_table = runner.invoke(app, ["query", sql, "-w", str(loaded)])
    assert as_table.exit_code == 0
    assert "version" in as_table.stdout and as_table.stdout.count("│ 1 ") == 2


def test_query_refuses_writes(loaded: Path):
    result = runner.invoke(app, ["query", "DROP TABLE run_log", "-w", str(loaded)])
    assert result.exit_code == 1
    assert "read-only" in result.output
    again = runner.invoke(
        app, ["query", "SELECT count(*) AS n FROM runs", "-w", str(loaded), "-f", "json"]
    )
    assert json.loads(again.stdout) == [{"n": 1}]


def test_warehouse_from_environment(loaded: Path, monkeypatch):
    monkeypatch.setenv("PRESSROOM_WAREHOUSE", str(loaded))
    result = runner.invoke(app, ["query", "SELECT count(*) AS n FROM documents", "-f", "json"])
    assert json.loads(result.stdout) == [{"n": 2}]


def test_exit_codes(tmp_path: Path, loaded: Path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    warehouse = str(tmp_path / "b.duckdb")
    failed = runner.invoke(app, ["ingest", str(folder), "--warehouse", warehouse])
    assert failed.exit_code == 1
    assert runner.invoke(app, ["ingest"]).exit_code == 2
    assert runner.invoke(app, ["query", "SELECT 1", "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["ingest", "ftp://example.org/x"]).exit_code == 2
    missing = runner.invoke(app, ["query", "SELECT 1", "-w", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no warehouse" in missing.output


def test_history_shows_versions_and_changed_fields(tmp_path: Path, loaded: Path):
    folder = tmp_path / "office"
    (folder / "one.txt").write_text("Release one, corrected, about Kent Police.\n")
    assert runner.invoke(app, ["ingest", str(folder), "-w", str(loaded)]).exit_code == 0
    url = (folder / "one.txt").as_uri()
    result = runner.invoke(app, ["history", url, "-w", str(loaded)])
    assert result.exit_code == 0, result.output
    assert "body_text" in result.stdout and "corrected" in result.stdout
    assert runner.invoke(app, ["history", "file:///nope", "-w", str(loaded)]).exit_code == 1
