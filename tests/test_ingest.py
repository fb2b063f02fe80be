"""The ingest flow end to end, under Prefect's test harness, on real files, a real DuckDB
file and a real HTTP server on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest

import warehouse as wh
from flows.pipeline import ingest

pytestmark = pytest.mark.usefixtures("prefect_harness")

ASB = (
    "Kent Police has made good progress in how it tackles anti-social behaviour.\n\n"
    "HM Inspector of Constabulary, Jane Doe, said the force had improved.\n"
)


def _q(path: Path, sql: str) -> list[tuple]:
    return wh.run_query(path, sql).rows


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    (folder / "2012").mkdir(parents=True)
    (folder / "a.txt").write_text(ASB, encoding="utf-8")
    (folder / "2012" / "b.txt").write_text("Second release.\n\nAbout Surrey Police.\n")
    (folder / "2012" / "c.txt").write_text("Third release.\n")
    return folder


def test_same_folder_twice_adds_a_run_but_no_version(office: Path, warehouse_path: Path):
    first = ingest(sources=[str(office)], warehouse=str(warehouse_path))
    assert first.counts.n_new == 3 and first.ok
    second = ingest(sources=[str(office)], warehouse=str(warehouse_path))
    assert (second.counts.n_new, second.counts.n_changed, second.counts.n_unchanged) == (0, 0, 3)
    assert _q(warehouse_path, "SELECT count(*) FROM runs") == [(2,)]
    assert _q(warehouse_path, "SELECT count(*) FROM release_versions") == [(3,)]
    assert _q(warehouse_path, "SELECT count(*) FROM fetches") == [(6,)]
    flow_ids = _q(warehouse_path, "SELECT count(DISTINCT flow_run_id) FROM runs")
    assert flow_ids == [(2,)]


def test_changes_whitespace_and_deletion(office: Path, warehouse_path: Path):
    ingest(sources=[str(office)], warehouse=str(warehouse_path))
    (office / "a.txt").write_text(ASB.replace("good progress", "limited progress"))
    (office / "2012" / "b.txt").write_text("Second   release.\r\n\r\nAbout Surrey\r\nPolice.\r\n")
    (office / "2012" / "c.txt").unlink()
    counts = ingest(sources=[str(office)], warehouse=str(warehouse_path)).counts
    assert (counts.n_changed, counts.n_unchanged, counts.n_withdrawn) == (1, 1, 1)

    a_url = (office / "a.txt").as_uri()
    rows = _q(
        warehouse_path,
        "SELECT url, version, changed_fields FROM release_versions WHERE version > 1",
    )
    assert [(r[0], r[1]) for r in rows] == [(a_url, 2)]
    assert "body_text" in rows[0][2]
    c_url = (office / "2012" / "c.txt").as_uri()
    assert _q(warehouse_path, f"SELECT status FROM documents WHERE url = '{c_url}'") == [
        ("withdrawn",)
    ]
    # Its history stays.
    assert _q(warehouse_path, f"SELECT count(*) FROM release_versions WHERE url = '{c_url}'") == [
        (1,)
    ]


def test_bad_files_are_recorded_and_the_run_goes_on(office: Path, warehouse_path: Path):
    (office / "empty.pdf").write_bytes(b"")
    summary = ingest(sources=[str(office)], warehouse=str(warehouse_path))
    assert summary.counts.n_new == 3 and summary.counts.n_failed == 1 and not summary.ok
    [(stage, error)] = _q(warehouse_path, "SELECT stage, error FROM errors")
    assert stage == "extract" and "empty" in error
    assert _q(warehouse_path, "SELECT count(*) FROM fetches") == [(4,)]


def test_a_single_file_and_a_missing_path(office: Path, warehouse_path: Path):
    summary = ingest(
        sources=[str(office / "a.txt"), str(office / "nope")], warehouse=str(warehouse_path)
    )
    assert summary.counts.n_new == 1 and summary.counts.n_failed == 1
    [(stage, error)] = _q(warehouse_path, "SELECT stage, error FROM errors")
    assert stage == "discover" and "no such file or folder" in error


def test_raw_bytes_are_archived_for_every_version(office: Path, warehouse_path: Path):
    ingest(sources=[str(office)], warehouse=str(warehouse_path))
    archive = wh.Archive(wh.archive_dir_for(warehouse_path))
    shas = [r[0] for r in _q(warehouse_path, "SELECT content_sha256 FROM release_versions")]
    assert len(shas) == 3 and all(archive.verify(s) for s in shas)


def test_symlink_outside_the_folder_is_not_read(tmp_path: Path, warehouse_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private words")
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "ok.txt").write_text("Public release.")
    (folder / "link.txt").symlink_to(secret)
    ingest(sources=[str(folder)], warehouse=str(warehouse_path))
    assert _q(warehouse_path, "SELECT count(*) FROM releases WHERE body_text LIKE '%private%'") == [
        (0,)
    ]
    [(error,)] = _q(warehouse_path, "SELECT error FROM errors")
    assert "outside the source folder" in error


def test_a_single_url_over_http(httpserver, warehouse_path: Path):
    httpserver.expect_request("/news/release-1").respond_with_data(
        ASB, content_type="text/plain; charset=utf-8", headers={"ETag": '"v1"'}
    )
    url = httpserver.url_for("/news/release-1")
    first = ingest(sources=[url], warehouse=str(warehouse_path))
    assert first.counts.n_new == 1
    assert _q(warehouse_path, "SELECT url, http_status, outcome FROM fetches") == [
        (url, 200, "new")
    ]
    httpserver.clear()
    httpserver.expect_request("/news/release-1").respond_with_data("", status=404)
    second = ingest(sources=[url], warehouse=str(warehouse_path))
    assert second.counts.n_withdrawn == 1
    assert _q(warehouse_path, "SELECT status FROM documents") == [("withdrawn",)]


def test_http_errors_are_recorded(httpserver, warehouse_path: Path):
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    summary = ingest(sources=[httpserver.url_for("/broken")], warehouse=str(warehouse_path))
    assert summary.counts.n_failed == 1
    [(stage, error)] = _q(warehouse_path, "SELECT stage, error FROM errors")
    assert stage == "fetch" and "500" in error
