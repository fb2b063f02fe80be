"""The contract view `verdict_gaps` on a real DuckDB file, filled by real ingestion and
re-extraction (Prefect's test harness): the unread graded lines of current releases."""

from __future__ import annotations

from pathlib import Path

import pytest

import extractors
import warehouse as wh
from flows.pipeline import ingest
from flows.reextract import reextract
from warehouse.connection import open_duckdb
from warehouse.export import export_views

from .conftest import sample_text
from .test_gaps import RELEASE

pytestmark = pytest.mark.usefixtures("prefect_harness")

CURRENT = extractors.EXTRACTOR_VERSION
UNREAD = (
    "When it comes to treatment of the public, we found the picture outstanding, "
    "according to the report."
)


def _rows(path: Path, sql: str) -> list[tuple]:
    return wh.run_query(path, sql).rows


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "kent-peel-2022.txt").write_text(RELEASE, encoding="utf-8")
    # A release whose verdicts are all read (the demo's sample).
    (folder / "staffordshire-asb-2012.txt").write_text(
        sample_text("staffordshire-asb-2012.txt"), encoding="utf-8"
    )
    return folder


def test_the_view_lists_the_unread_line_and_nothing_for_a_fully_read_release(
    office: Path, warehouse_path: Path
):
    ingest(sources=[str(office)], warehouse=str(warehouse_path))
    rows = _rows(
        warehouse_path,
        "SELECT regexp_extract(url, '[a-z0-9-]+\\.txt$'), version, text, grade, why "
        "FROM verdict_gaps ORDER BY url, ordinal",
    )
    assert rows == [
        (
            "kent-peel-2022.txt",
            1,
            UNREAD,
            "outstanding",
            "grade word near area 'treatment of the public' but no verdict read",
        )
    ]
    # The fully read release has judgements and no gaps.
    assert _rows(
        warehouse_path,
        "SELECT count(*) FROM judgements WHERE url LIKE '%staffordshire-asb-2012.txt'",
    )[0][0]
    assert _rows(
        warehouse_path, "SELECT count(*) FROM verdict_gaps WHERE url LIKE '%staffordshire%'"
    ) == [(0,)]
    # A second version of the release that reads everything leaves the old rows (history)
    # but the view shows the current version only.
    (office / "kent-peel-2022.txt").write_text(RELEASE.replace(UNREAD, "No more."), "utf-8")
    ingest(sources=[str(office)], warehouse=str(warehouse_path))
    assert _rows(warehouse_path, "SELECT count(*) FROM verdict_gaps") == [(0,)]
    assert _rows(warehouse_path, "SELECT count(*) FROM extraction_gaps") == [(1,)]


def test_reextract_fills_the_gaps_of_archived_documents(office: Path, warehouse_path: Path):
    ingest(sources=[str(office)], warehouse=str(warehouse_path))
    # As a warehouse from before the gaps table: an older extractor's rows, no gaps.
    with open_duckdb(warehouse_path) as con:
        con.execute("DELETE FROM extraction_gaps")
        con.execute("UPDATE extractions SET extractor_version = extractor_version - 1")
    assert _rows(warehouse_path, "SELECT count(*) FROM verdict_gaps") == [(0,)]

    summary = reextract(warehouse=str(warehouse_path))

    assert summary.ok and summary.counts.n_reextracted == 2
    assert _rows(warehouse_path, "SELECT text, grade, extractor_version FROM verdict_gaps") == [
        (UNREAD, "outstanding", CURRENT)
    ]
    # Exported with the other contract views.
    manifest = export_views(warehouse_path, warehouse_path.parent / "out")
    exported = {v.name: v.rows for v in manifest.views}
    assert exported["verdict_gaps"] == 1
    assert (warehouse_path.parent / "out" / "verdict_gaps.parquet").exists()
