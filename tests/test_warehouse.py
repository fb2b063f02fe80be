"""The versioning model and the contract's views, driven through the warehouse library
on a real DuckDB file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

import extractors
import warehouse as wh
from warehouse import StagedDocument
from warehouse.connection import open_duckdb

T0 = dt.datetime(2024, 1, 1, 12, 0)


def _run(path: Path, records: list[StagedDocument]) -> wh.RunCounts:
    run_id = wh.start_run(path, sources=["src"], flow_run_id="flow-1", extractor_version=1)
    staging = wh.staging_dir_for(path, run_id)
    wh.write_batch(staging, 0, records)
    return wh.load_run(path, run_id, staging)


def _ok(url: str, text: str, at: dt.datetime, sha: str = "x") -> StagedDocument:
    return StagedDocument(
        url=url,
        source="src",
        fetched_at=at,
        status="ok",
        content_sha256=sha,
        extraction=extractors.extract(text.encode()),
    )


def _rows(path: Path, sql: str) -> list[tuple]:
    return wh.run_query(path, sql).rows


def test_new_unchanged_changed_withdrawn(warehouse_path: Path) -> None:
    a, b = "file:///a.txt", "file:///b.txt"
    counts = _run(warehouse_path, [_ok(a, "one\n\ntwo", T0), _ok(b, "Bees\n\nbee", T0)])
    assert (counts.n_new, counts.n_changed, counts.n_failed) == (2, 0, 0)

    t1 = T0 + dt.timedelta(days=1)
    counts = _run(warehouse_path, [_ok(a, "one  \n\n two ", t1, "y"), _ok(b, "Bees\n\nbee!", t1)])
    assert (counts.n_new, counts.n_changed, counts.n_unchanged) == (0, 1, 1)

    t2 = T0 + dt.timedelta(days=2)
    gone = StagedDocument(url=a, source="src", fetched_at=t2, status="gone")
    counts = _run(warehouse_path, [gone])
    assert counts.n_withdrawn == 1

    assert _rows(
        warehouse_path,
        "SELECT url, version, valid_to IS NULL FROM release_versions ORDER BY url, version",
    ) == [(a, 1, False), (b, 1, False), (b, 2, True)]
    assert _rows(
        warehouse_path, "SELECT url, status, current_version FROM documents ORDER BY url"
    ) == [(a, "withdrawn", 1), (b, "active", 2)]
    # The withdrawn document keeps its history and stays in releases, marked withdrawn.
    assert _rows(warehouse_path, "SELECT url, status FROM releases ORDER BY url") == [
        (a, "withdrawn"),
        (b, "active"),
    ]
    assert _rows(
        warehouse_path,
        f"SELECT changed_fields FROM release_versions WHERE url = '{b}' ORDER BY version",
    ) == [([],), (["body_text"],)]
    outcomes = _rows(warehouse_path, "SELECT outcome, count(*) FROM fetches GROUP BY 1 ORDER BY 1")
    assert outcomes == [("changed", 1), ("new", 2), ("unchanged", 1), ("withdrawn", 1)]


def test_releases_as_of_shows_the_version_valid_then(warehouse_path: Path) -> None:
    url = "file:///a.txt"
    _run(warehouse_path, [_ok(url, "first words", T0)])
    _run(warehouse_path, [_ok(url, "second words", T0 + dt.timedelta(days=10))])
    _run(
        warehouse_path,
        [
            StagedDocument(
                url=url, source="src", status="gone", fetched_at=T0 + dt.timedelta(days=20)
            )
        ],
    )

    def as_of(day: int):
        ts = (T0 + dt.timedelta(days=day)).isoformat()
        return _rows(warehouse_path, f"SELECT version FROM releases_as_of('{ts}')")

    assert as_of(-1) == []
    assert as_of(5) == [(1,)]
    assert as_of(15) == [(2,)]
    assert as_of(25) == []


def test_errors_are_recorded_and_the_rest_loads(warehouse_path: Path) -> None:
    bad = StagedDocument(
        url="file:///bad.pdf",
        source="src",
        fetched_at=T0,
        status="error",
        stage="extract",
        error="encrypted PDF, no password",
    )
    counts = _run(warehouse_path, [bad, _ok("file:///good.txt", "fine", T0)])
    assert (counts.n_new, counts.n_failed) == (1, 1)
    assert _rows(warehouse_path, "SELECT stage, error FROM errors") == [
        ("extract", "encrypted PDF, no password")
    ]
    assert _rows(warehouse_path, "SELECT status FROM runs") == [("finished_with_errors",)]


def test_a_failed_load_leaves_the_warehouse_as_it_was(warehouse_path: Path) -> None:
    _run(warehouse_path, [_ok("file:///a.txt", "one", T0)])
    run_id = wh.start_run(warehouse_path, sources=["src"], flow_run_id=None, extractor_version=1)
    staging = wh.staging_dir_for(warehouse_path, run_id)
    wh.write_batch(staging, 0, [_ok("file:///b.txt", "two", T0)])
    (staging / "batch-000001.parquet").write_bytes(b"not parquet")  # a corrupt batch
    with pytest.raises(duckdb.Error):
        wh.load_run(warehouse_path, run_id, staging)
    assert _rows(warehouse_path, "SELECT count(*) FROM documents") == [(1,)]
    assert _rows(warehouse_path, "SELECT count(*) FROM fetches") == [(1,)]
    assert _rows(warehouse_path, f"SELECT status FROM runs WHERE run_id = '{run_id}'") == [
        ("running",)
    ]
    # The next run marks the dead one aborted instead of counting it as finished.
    _run(warehouse_path, [])
    assert _rows(warehouse_path, f"SELECT status FROM runs WHERE run_id = '{run_id}'") == [
        ("aborted",)
    ]


def test_newest_extractor_output_wins_and_old_rows_stay(warehouse_path: Path) -> None:
    _run(warehouse_path, [_ok("file:///a.txt", "text", T0)])
    with wh.connect_writer(warehouse_path) as con:
        con.execute(
            "INSERT INTO extractions SELECT url, version, extractor_version + 1, "
            "extracted_at, run_id, 'Better title', reference, published_date, "
            "publisher, primary_force, topic, body_text, forces, people, reports, "
            "phones, judgements, stated_date, dates, sector, primary_service, services "
            "FROM extractions"
        )
    assert _rows(warehouse_path, "SELECT title, extractor_version FROM releases") == [
        ("Better title", extractors.EXTRACTOR_VERSION + 1)
    ]
    assert _rows(warehouse_path, "SELECT count(*) FROM extractions") == [(2,)]


def test_migrations_are_idempotent(warehouse_path: Path) -> None:
    warehouse_path.parent.mkdir(parents=True)
    with open_duckdb(warehouse_path) as con:
        # Every numbered file in warehouse/migrations, in order, once.
        files = sorted(
            int(p.name.split("_")[0])
            for p in (Path(wh.__file__).parent / "migrations").glob("[0-9]*.sql")
        )
        assert wh.migrate(con) == files
        assert files == [1, 2, 3, 4, 5, 6, 7, 8]
        assert wh.migrate(con) == []
        views = {
            r[0]
            for r in con.execute(
                "SELECT view_name FROM duckdb_views() WHERE NOT internal"
            ).fetchall()
        }
    assert {
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
        "grades",
    } <= views


def test_queries_are_read_only(warehouse_path: Path) -> None:
    _run(warehouse_path, [])
    with pytest.raises(wh.ReadOnlyViolation):
        wh.run_query(warehouse_path, "DELETE FROM run_log")
    assert _rows(warehouse_path, "SELECT count(*) FROM runs") == [(1,)]


def test_archive_is_content_addressed(tmp_path: Path) -> None:
    archive = wh.Archive(tmp_path / "a")
    sha = archive.put(b"hello")
    assert archive.put(b"hello") == sha
    assert archive.get(sha) == b"hello" and archive.verify(sha)
    archive.path(sha).write_bytes(b"tampered")
    assert not archive.verify(sha)


RECALLING = (
    "Kent Police crime recording inspection\n\n"
    "HMICFRS has judged that the crime recording accuracy of Kent Police is now good. In "
    "2014 the force's recording of crime was judged to be inadequate.\n"
)


def test_a_recalled_verdict_is_a_restated_judgement(warehouse_path: Path) -> None:
    _run(warehouse_path, [_ok("file:///kent.txt", RECALLING, T0)])
    assert _rows(
        warehouse_path, "SELECT area, value, restated FROM judgements ORDER BY restated"
    ) == [("crime_data_integrity", "good", False), ("crime_data_integrity", "inadequate", True)]


def test_judgements_of_a_warehouse_from_before_restated_keep_their_rows(
    warehouse_path: Path,
) -> None:
    """A warehouse made before migration 2 gains the column; its rows are left as they
    were (restated false), as an old extractor's output is never rewritten."""
    from warehouse.connection import _migrations

    warehouse_path.parent.mkdir(parents=True)
    with open_duckdb(warehouse_path) as con:
        con.execute(
            "CREATE TABLE schema_migrations "
            "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        number, name, body = _migrations()[0]
        con.execute(body)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [number, name])
        con.execute(
            "INSERT INTO extractions (url, version, extractor_version, extracted_at, run_id, "
            "judgements) VALUES ('file:///old.txt', 1, 7, now(), 'r', "
            "[{'force': 'Kent Police', 'area': 'crime_data_integrity_previous', "
            "'value': 'inadequate', 'evidence': 'In 2014 ...'}])"
        )
        assert wh.migrate(con) == [2, 3, 4, 5, 6, 7, 8]
        assert con.execute("SELECT judgements FROM extractions").fetchone()[0] == [
            {
                "force": "Kent Police",
                "area": "crime_data_integrity_previous",
                "value": "inadequate",
                "evidence": "In 2014 ...",
                "restated": False,
                "superseded": False,
                "period": None,
                # (migration 8: the views read an old row as a police one)
                "sector": None,
                "service": None,
            }
        ]
