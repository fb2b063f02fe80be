"""`pressroom reextract` under Prefect's test harness, on a real DuckDB file and archive:
versions whose newest extraction is older than the current extractor get a new row
(the old one stays), the views show the new one, and nothing is fetched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import extractors
import warehouse as wh
from flows.pipeline import ingest
from flows.reextract import reextract
from warehouse.connection import open_duckdb

pytestmark = pytest.mark.usefixtures("prefect_harness")

CURRENT = extractors.EXTRACTOR_VERSION
ASB = (
    "Kent Police has made good progress in how it tackles anti-social behaviour.\n\n"
    "HM Inspector of Constabulary, Jane Doe, said the force had improved.\n"
)


def _rows(path: Path, sql: str) -> list[tuple]:
    return wh.run_query(path, sql).rows


def _age_extractions(path: Path, urls_like: str = "%") -> None:
    """Make the warehouse look extracted by an older extractor: the rows get version
    CURRENT - 1 and a stale title, as an earlier release of pressroom would have left."""
    with open_duckdb(path) as con:
        con.execute(
            "CREATE TEMP TABLE old AS SELECT * FROM extractions WHERE url LIKE ?", [urls_like]
        )
        con.execute("DELETE FROM extractions WHERE url LIKE ?", [urls_like])
        con.execute(
            "UPDATE old SET extractor_version = extractor_version - 1, title = 'stale title'"
        )
        con.execute("INSERT INTO extractions SELECT * FROM old")


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "a.txt").write_text("Kent review.\n\n" + ASB, encoding="utf-8")
    (folder / "b.txt").write_text("Surrey release.\n\nAbout Surrey Police.\n")
    (folder / "c.txt").write_text("Third release.\n\nNothing about forces.\n")
    return folder


def test_outdated_versions_get_new_rows_and_views_show_them(office: Path, warehouse_path: Path):
    ingest(sources=[str(office)], warehouse=str(warehouse_path))
    # A second version of a.txt, so a document with history is re-extracted whole.
    (office / "a.txt").write_text("Kent review.\n\n" + ASB.replace("good", "limited"))
    ingest(sources=[str(office)], warehouse=str(warehouse_path))
    before = _rows(
        warehouse_path,
        "SELECT url, version, extractor_version, title, judgements FROM extractions "
        "ORDER BY url, version",
    )
    assert len(before) == 4
    _age_extractions(warehouse_path)
    n_fetches = _rows(warehouse_path, "SELECT count(*) FROM fetches")[0][0]
    assert _rows(warehouse_path, "SELECT DISTINCT title FROM releases") == [("stale title",)]

    summary = reextract(warehouse=str(warehouse_path))

    assert summary.ok and summary.counts.n_reextracted == 4
    assert summary.extractor_version == CURRENT
    # Old rows stay beside the new ones; the new ones equal a fresh extraction.
    rows = _rows(
        warehouse_path,
        "SELECT url, version, extractor_version, title, judgements FROM extractions "
        "ORDER BY url, version, extractor_version",
    )
    assert len(rows) == 8
    old = [r for r in rows if r[2] == CURRENT - 1]
    new = [r for r in rows if r[2] == CURRENT]
    assert {r[3] for r in old} == {"stale title"}
    assert new == before
    # The views show the newest extractor's output, in the current and the history views.
    assert _rows(
        warehouse_path,
        "SELECT DISTINCT extractor_version, title IS NOT DISTINCT FROM 'stale title' FROM releases",
    ) == [(CURRENT, False)]
    assert _rows(
        warehouse_path,
        "SELECT count(*) FROM release_versions WHERE extractor_version = "
        f"{CURRENT} AND title IS DISTINCT FROM 'stale title'",
    ) == [(4,)]
    assert ("Kent Police", "asb_progress", "limited progress") in _rows(
        warehouse_path, "SELECT force, area, value FROM judgements"
    )
    # Nothing was fetched; the run is recorded with its flow run and extractor version.
    assert _rows(warehouse_path, "SELECT count(*) FROM fetches")[0][0] == n_fetches
    run = _rows(
        warehouse_path,
        "SELECT status, flow_run_id IS NOT NULL, extractor_version, n_new, n_failed "
        f"FROM runs WHERE run_id = '{summary.run_id}'",
    )
    assert run == [("finished", True, CURRENT, 0, 0)]

    # Up to date now: a second re-extraction adds nothing.
    again = reextract(warehouse=str(warehouse_path))
    assert again.counts.n_reextracted == 0 and again.ok
    assert _rows(warehouse_path, "SELECT count(*) FROM extractions") == [(8,)]


def test_only_outdated_documents_are_extracted_and_missing_blobs_are_errors(
    office: Path, warehouse_path: Path
):
    ingest(sources=[str(office)], warehouse=str(warehouse_path))
    _age_extractions(warehouse_path, "%/a.txt")
    _age_extractions(warehouse_path, "%/b.txt")
    # b.txt's raw bytes are lost from the archive: its re-extraction fails, the run goes on.
    (blob,) = _rows(
        warehouse_path, "SELECT content_sha256 FROM document_versions WHERE url LIKE '%/b.txt'"
    )[0]
    wh.Archive(wh.archive_dir_for(warehouse_path)).path(blob).unlink()
    # The source folder is gone too: re-extraction reads only the archive.
    shutil.rmtree(office)

    summary = reextract(warehouse=str(warehouse_path))

    assert summary.counts.n_reextracted == 1 and summary.counts.n_failed == 1
    assert not summary.ok
    by_url = dict(
        _rows(
            warehouse_path,
            "SELECT regexp_extract(url, '[a-z]+\\.txt$'), list(extractor_version ORDER BY "
            "extractor_version) FROM extractions GROUP BY ALL",
        )
    )
    assert by_url == {
        "a.txt": [CURRENT - 1, CURRENT],
        "b.txt": [CURRENT - 1],  # the old row still serves the views
        "c.txt": [CURRENT],  # was current: not extracted again
    }
    errors = _rows(
        warehouse_path,
        f"SELECT url, stage, error FROM errors WHERE run_id = '{summary.run_id}'",
    )
    assert len(errors) == 1 and errors[0][0].endswith("/b.txt") and errors[0][1] == "extract"
    assert blob in errors[0][2] and "missing" in errors[0][2]
    assert _rows(
        warehouse_path, f"SELECT status, n_failed FROM runs WHERE run_id = '{summary.run_id}'"
    ) == [("finished_with_errors", 1)]
    assert _rows(warehouse_path, "SELECT count(*) FROM releases") == [(3,)]


def test_the_run_summary_artifact_lists_the_reextracted_versions(
    office: Path, warehouse_path: Path
):
    from prefect.client.orchestration import get_client

    ingest(sources=[str(office)], warehouse=str(warehouse_path))
    _age_extractions(warehouse_path, "%/c.txt")
    summary = reextract(warehouse=str(warehouse_path))
    (flow_run_id,) = _rows(
        warehouse_path, f"SELECT flow_run_id FROM runs WHERE run_id = '{summary.run_id}'"
    )[0]
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    (artifact,) = [a for a in artifacts if a.key == "pressroom-run-summary"]
    assert "1 re-extracted" in artifact.description
    assert "c.txt" in str(artifact.data) and "re-extracted" in str(artifact.data)


def test_no_warehouse_is_a_clear_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="no warehouse at"):
        reextract(warehouse=str(tmp_path / "none.duckdb"))


def test_the_command_reports_what_it_did(office: Path, warehouse_path: Path):
    from typer.testing import CliRunner

    from flows.cli import app

    ingest(sources=[str(office)], warehouse=str(warehouse_path))
    _age_extractions(warehouse_path, "%/a.txt")
    done = CliRunner().invoke(app, ["reextract", "--warehouse", str(warehouse_path)])
    assert done.exit_code == 0, done.output
    said = " ".join(done.output.split())  # rich wraps at the terminal's width
    assert f"1 version(s) re-extracted with extractor version {CURRENT}" in said
    missing = CliRunner().invoke(app, ["reextract", "--warehouse", str(warehouse_path) + "x"])
    assert missing.exit_code == 1 and "no warehouse at" in missing.output


def test_reextract_backfills_the_sectors(tmp_path: Path, warehouse_path: Path):
    """A fire release extracted before the two sectors (migration 8) reads as a police one
    with no fire verdicts; `reextract` adds its fire reading: sector, service, verdicts."""
    folder = tmp_path / "fire"
    folder.mkdir()
    (folder / "kent-fire.txt").write_text(
        "Kent Fire and Rescue Service rated good\n\n"
        "Kent Fire and Rescue Service was rated good at understanding fires and other risks "
        "and good at promoting the right values and culture, inspectors said.\n",
        encoding="utf-8",
    )
    ingest(sources=[str(folder)], warehouse=str(warehouse_path))
    # As the extractor before the sectors left it: no sector, service or services, and
    # none of the fire verdicts it could not read.
    with open_duckdb(warehouse_path) as con:
        con.execute(
            "UPDATE extractions SET extractor_version = extractor_version - 1, sector = NULL, "
            "primary_service = NULL, services = NULL, judgements = []"
        )
    assert _rows(warehouse_path, "SELECT sector, primary_service FROM releases") == [
        ("police", None)
    ]
    assert _rows(warehouse_path, "SELECT count(*) FROM judgements") == [(0,)]

    assert reextract(warehouse=str(warehouse_path)).counts.n_reextracted == 1

    service = "Kent Fire and Rescue Service"
    assert _rows(warehouse_path, "SELECT sector, primary_service, primary_force FROM releases") == [
        ("fire", service, None)
    ]
    assert sorted(
        _rows(warehouse_path, "SELECT sector, service, force, area, value FROM judgements")
    ) == [
        ("fire", service, None, "frs_understanding_risk", "good"),
        ("fire", service, None, "frs_values_and_culture", "good"),
    ]
    assert _rows(warehouse_path, "SELECT sector, service FROM release_services") == [
        ("fire", service)
    ]
