"""`pressroom export`: every view to Parquet or CSV files, with a manifest."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import extractors
import warehouse as wh
from flows.cli import app
from warehouse.connection import open_duckdb
from warehouse.export import CONTRACT_VIEWS, MANIFEST, export_views

from .synthetic_warehouse import CORRECTED_URL, build
from .test_readme_sql import built_demo

# The contract's views as DESIGN.md lists them (releases_as_of is a macro over
# release_versions, which is exported).
CONTRACT = (
    "runs",
    "fetches",
    "errors",
    "documents",
    "releases",
    "release_versions",
    "release_forces",
    "release_people",
    "release_reports",
    "judgements",
    "verdict_gaps",
)
CONTRACT_COLUMNS = {
    "releases": {"url", "version", "title", "published_date", "primary_force", "status"},
    "release_versions": {"url", "version", "valid_from", "valid_to", "changed_fields"},
    "judgements": {"url", "version", "published_date", "force", "area", "value", "evidence"},
    "runs": {"run_id", "flow_run_id", "started_at", "finished_at", "status", "n_new"},
    "verdict_gaps": {"url", "version", "text", "grade", "why"},
}

runner = CliRunner()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("export") / "pressroom.duckdb")


def test_parquet_files_hold_every_view(synthetic: Path, tmp_path: Path):
    manifest = export_views(synthetic, tmp_path / "out")
    names = [v.name for v in manifest.views]
    assert names[: len(CONTRACT_VIEWS)] == list(CONTRACT_VIEWS)
    assert "current_extractions" not in names
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == sorted([f"{n}.parquet" for n in names] + [MANIFEST])  # no temp files left
    with open_duckdb() as con:
        for view in manifest.views:
            path = tmp_path / "out" / view.file
            n = con.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0]
            assert (
                n
                == view.rows
                == wh.run_query(synthetic, f"SELECT count(*) FROM {view.name}").rows[0][0]
            )
        # Nested columns keep their types: the judgements of the corrected release, by version.
        rows = con.execute(
            "SELECT version, [j.value FOR j IN judgements IF j.area = 'peel_efficiency'] "
            f"FROM read_parquet('{tmp_path / 'out' / 'release_versions.parquet'}') "
            "WHERE url = ? ORDER BY version",
            [CORRECTED_URL],
        ).fetchall()
    assert rows == [(1, ["good"]), (2, ["requires improvement"])]
    judgements = next(v for v in manifest.views if v.name == "judgements")
    assert judgements.rows == 165  # 160 police verdicts, 5 fire
    assert {"name": "evidence", "type": "VARCHAR"} in judgements.columns


def test_manifest_names_the_run_and_extractor(synthetic: Path, tmp_path: Path):
    export_views(synthetic, tmp_path)
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    newest, version = wh.run_query(
        synthetic, "SELECT run_id, extractor_version FROM runs ORDER BY finished_at DESC LIMIT 1"
    ).rows[0]
    assert manifest["run_id"] == newest
    assert manifest["runs"] == 3
    # The version the run recorded, and the versions of the extractions exported.
    assert version is not None and manifest["extractor_version"] == version
    assert manifest["extractor_versions"] == [extractors.EXTRACTOR_VERSION]
    assert manifest["format"] == "parquet"
    assert {v["name"]: v["rows"] for v in manifest["views"]}["documents"] == 64


def test_csv_writes_nested_columns_as_json(synthetic: Path, tmp_path: Path):
    manifest = export_views(synthetic, tmp_path, "csv")
    assert manifest.format == "csv"
    with open(tmp_path / "release_versions.csv", newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["url"] == CORRECTED_URL]
    assert [json.loads(r["changed_fields"]) for r in rows] == [
        [],
        ["title", "body_text", "judgements"],
    ]
    judgements = json.loads(rows[1]["judgements"])
    assert {"force", "area", "value", "evidence"} <= set(judgements[0])
    with open(tmp_path / "judgements.csv", newline="", encoding="utf-8") as f:
        assert sum(1 for _ in csv.DictReader(f)) == 165


def test_export_command(synthetic: Path, tmp_path: Path):
    out = tmp_path / "files"
    result = runner.invoke(app, ["export", str(out), "-w", str(synthetic), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "judgements.csv" in result.stdout and MANIFEST in result.stdout
    assert (out / "runs.csv").exists() and (out / MANIFEST).exists()
    result = runner.invoke(app, ["export", str(out), "-w", str(synthetic)])
    assert result.exit_code == 0 and (out / "runs.parquet").exists()
    assert (
        runner.invoke(app, ["export", str(out), "-w", str(synthetic), "-f", "xml"]).exit_code == 2
    )
    missing = runner.invoke(app, ["export", str(out), "-w", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no warehouse" in missing.output


def test_an_empty_warehouse_exports_empty_files(tmp_path: Path):
    path = tmp_path / "empty.duckdb"
    wh.connect_writer(path).close()
    manifest = export_views(path, tmp_path / "out")
    assert manifest.run_id is None and manifest.runs == 0
    assert all(v.rows == 0 for v in manifest.views)
    assert (tmp_path / "out" / "judgements.parquet").exists()


def _file_rows(path: Path) -> int:
    with open_duckdb() as con:
        reader = "read_parquet" if path.suffix == ".parquet" else "read_csv"
        return con.execute(f"SELECT count(*) FROM {reader}('{path}')").fetchone()[0]


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_the_demo_exports_every_contract_view(fmt: str, prefect_harness, tmp_path_factory):
    """`pressroom export DIR --format parquet|csv` on the real demo's warehouse: a file per
    contract view, each with the rows of its view, and a manifest saying so."""
    demo = built_demo(tmp_path_factory)
    out = tmp_path_factory.mktemp(f"demo-export-{fmt}")
    result = runner.invoke(
        app, ["export", str(out), "-w", str(demo), "--format", fmt], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / MANIFEST).read_text("utf-8"))
    assert manifest["format"] == fmt
    views = {v["name"]: v for v in manifest["views"]}
    assert set(CONTRACT) <= set(views)
    for name in views:
        expected = wh.run_query(demo, f"SELECT count(*) FROM {name}").rows[0][0]
        assert views[name]["rows"] == expected == _file_rows(out / f"{name}.{fmt}"), name
        assert views[name]["file"] == f"{name}.{fmt}"
    for name, columns in CONTRACT_COLUMNS.items():
        assert columns <= {c["name"] for c in views[name]["columns"]}, name
    assert views["documents"]["rows"] == 4 and views["release_versions"]["rows"] == 5
    assert views["judgements"]["rows"] > 0
    # The run: the demo's second (newest) one, and the extractor version it ran.
    runs = wh.run_query(demo, "SELECT run_id FROM runs ORDER BY started_at").rows
    assert manifest["run_id"] == runs[-1][0] and manifest["runs"] == len(runs) == 2
    assert manifest["extractor_version"] == extractors.EXTRACTOR_VERSION
    assert manifest["extractor_versions"] == [extractors.EXTRACTOR_VERSION]
    assert runs[-1][0] in result.stdout and f"{MANIFEST}" in result.stdout
