"""The `grades` view (one verdict, one row) through `pressroom ingest` on a live site on
loopback: corroboration, conflicts, the period of a recalled verdict, withdrawals, the
inspectorate's releases deciding, `pressroom grades SERVICE`; and on the labelled devset."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from werkzeug import Request, Response

import warehouse as wh
from flows.pipeline import ingest
from tests.conftest import DEVSET
from tests.web_support import FAST, running_site
from warehouse.connection import open_duckdb

pytestmark = pytest.mark.usefixtures("prefect_harness")

KENT_AREA = ("Kent Police", "peel_investigating_crime", "2021/22")


def _html(title: str, *paragraphs: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><main><article>"
        f"<h1>{title}</h1>{body}</article></main></body></html>"
    ).encode()


# One verdict stated by the inspectorate, the force and a local paper.
INSPECTORATE = _html(
    "PEEL 2021/22: An inspection of Kent Police",
    "Published 12 May 2022.",
    "Kent Police was graded adequate at investigating crime, the inspectorate said today.",
)
FORCE_PAGE = _html(
    "Kent Police welcomes its PEEL 2021/22 report",
    "Kent Police was graded adequate at investigating crime.",
    "The Chief Constable said the force would keep improving.",
)
NEWS = _html(
    "Inspectors grade Kent Police",
    "Kent Police was graded adequate at investigating crime in the PEEL 2021/22 "
    "inspection, inspectors said.",
)
# Another value for the same force, area and period.
OTHER_VALUE = _html(
    "Kent Police falls short, says PEEL 2021/22 report",
    "Kent Police was graded requires improvement at investigating crime.",
)
# A verdict recalled with the year of its inspection.
RECALLED = _html(
    "Kent Police rated requires improvement",
    "Kent Police has been rated requires improvement for effectiveness, down from good in 2017.",
)


class Site:
    def __init__(self, server):
        self.server = server
        self.pages: dict[str, bytes] = {}
        self.gone: set[str] = set()
        server.expect_request(re.compile(".*")).respond_with_handler(self.handle)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return self.server.url_for(path).replace("127.0.0.1", host)

    def handle(self, request: Request) -> Response:
        if request.path in self.gone or request.path not in self.pages:
            return Response("not found", status=404)
        if request.path.endswith(".xml"):
            return Response(self.pages[request.path], content_type="application/rss+xml")
        return Response(self.pages[request.path], content_type="text/html")

    def feed(self, *paths: str) -> None:
        items = "".join(f"<item><title>{p}</title><link>{self.url(p)}</link></item>" for p in paths)
        self.pages["/feed.xml"] = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
            f"<link>{self.url('/')}</link><description>d</description>{items}</channel></rss>"
        ).encode()


@pytest.fixture
def site():
    for server in running_site():
        yield Site(server)


def _grade(path: Path, service: str, area: str, period: str | None) -> dict | None:
    result = wh.run_query(
        path,
        "SELECT * FROM grades WHERE service = '{}' AND area = '{}' AND period {}".format(
            service, area, "IS NULL" if period is None else f"= '{period}'"
        ),
    )
    assert len(result.rows) <= 1, "two rows share (service, area, period)"
    return dict(zip(result.columns, result.rows[0], strict=True)) if result.rows else None


def test_one_verdict_many_releases_one_row_conflicts_and_withdrawals(
    site: Site, warehouse_path: Path
):
    site.pages |= {
        "/hmic/kent-peel.html": INSPECTORATE,
        "/force/kent-welcomes.html": FORCE_PAGE,
        "/news/kent-graded.html": NEWS,
        "/news/kent-down.html": RECALLED,
    }
    site.feed(*site.pages)
    run = lambda: ingest(  # noqa: E731
        sources=[site.url("/feed.xml")], warehouse=str(warehouse_path), options=FAST, workers=0
    )
    run()
    row = _grade(warehouse_path, *KENT_AREA)
    assert row is not None
    assert (row["value"], row["sources"], row["status"]) == ("adequate", 3, "corroborated")
    assert row["disagreeing"] == []
    stating = ("/hmic/kent-peel.html", "/force/kent-welcomes.html", "/news/kent-graded.html")
    assert sorted(row["urls"]) == sorted(site.url(p) for p in stating)
    # Publication dates only: the pages without a date of their own were only first seen.
    assert row["first_stated"] == row["last_stated"] == dt.date(2022, 5, 12)
    # The recalled verdict sits in the inspection its sentence names, not the release's.
    recalled = _grade(warehouse_path, "Kent Police", "peel_effectiveness", "2017")
    assert recalled is not None and recalled["value"] == "good"
    assert recalled["urls"] == [site.url("/news/kent-down.html")]
    # One row per (service, area, period), fewer rows than statements.
    counts = wh.run_query(
        warehouse_path,
        "SELECT (SELECT count(*) FROM grades), "
        "(SELECT count(*) FROM (SELECT DISTINCT sector, service, area, period FROM grades)), "
        "(SELECT count(*) FROM judgements)",
    ).rows[0]
    assert counts[0] == counts[1] < counts[2]

    # Another value for the same force, area and period: a conflict listing both.
    site.pages["/news/kent-falls-short.html"] = OTHER_VALUE
    site.feed(*[p for p in site.pages if p != "/feed.xml"])
    run()
    row = _grade(warehouse_path, *KENT_AREA)
    assert (row["value"], row["sources"], row["status"]) == ("adequate", 3, "conflict")
    assert row["disagreeing"] == [
        {
            "value": "requires improvement",
            "sources": 1,
            "urls": [site.url("/news/kent-falls-short.html")],
        }
    ]
    assert len(row["urls"]) == 4

    # The disagreeing release is withdrawn (404), and one agreeing one too: they stop counting.
    site.gone |= {"/news/kent-falls-short.html", "/news/kent-graded.html"}
    run()
    row = _grade(warehouse_path, *KENT_AREA)
    assert (row["value"], row["sources"], row["status"]) == ("adequate", 2, "corroborated")
    assert row["disagreeing"] == []
    # ... while `judgements`' history keeps them.
    kept = wh.run_query(
        warehouse_path,
        "SELECT count(*) FROM release_versions WHERE url LIKE '%kent-falls-short%' "
        "AND status = 'withdrawn'",
    ).rows[0][0]
    assert kept == 1


def test_the_inspectorate_decides_where_sources_disagree(site: Site, warehouse_path: Path):
    """Two pages say requires improvement, the inspectorate's one says adequate: the row's
    value is the inspectorate's, and it says so. Its host is the loopback address here
    (inspectorate_hosts is data); the other pages are served under `localhost`."""
    site.pages |= {
        "/hmic/kent-peel.html": INSPECTORATE,
        "/news/kent-falls-short.html": OTHER_VALUE,
        "/news/kent-falls-short-too.html": OTHER_VALUE.replace(b"falls short", b"must improve"),
    }
    sources = [
        site.url("/hmic/kent-peel.html"),
        site.url("/news/kent-falls-short.html", host="localhost"),
        site.url("/news/kent-falls-short-too.html", host="localhost"),
    ]
    ingest(sources=sources, warehouse=str(warehouse_path), options=FAST, workers=0)
    row = _grade(warehouse_path, *KENT_AREA)
    assert (row["value"], row["status"]) == ("requires improvement", "conflict")
    assert row["decided_by_inspectorate"] is False

    with open_duckdb(warehouse_path) as con:
        con.execute("INSERT INTO inspectorate_hosts VALUES ('127.0.0.1')")
    row = _grade(warehouse_path, *KENT_AREA)
    assert (row["value"], row["sources"], row["status"]) == ("adequate", 1, "conflict")
    assert row["decided_by_inspectorate"] is True
    assert [d["value"] for d in row["disagreeing"]] == ["requires improvement"]
    assert row["disagreeing"][0]["sources"] == 2


def test_pressroom_grades_prints_a_services_timeline(site: Site, warehouse_path: Path):
    site.pages |= {
        "/hmic/kent-peel.html": INSPECTORATE,
        "/force/kent-welcomes.html": FORCE_PAGE,
        "/news/kent-falls-short.html": OTHER_VALUE,
        "/news/kent-down.html": RECALLED,
    }
    site.feed(*site.pages)
    ingest(sources=[site.url("/feed.xml")], warehouse=str(warehouse_path), options=FAST, workers=0)
    pressroom = [sys.executable, "-m", "flows.cli"]
    env = os.environ | {"COLUMNS": "160"}
    # A variant of the force's name, as the rules read it.
    shown = subprocess.run(
        [*pressroom, "grades", "kent", "-w", str(warehouse_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "Kent Police" in out
    assert "2017" in out and "2021/22" in out
    assert "adequate ×2" in out and "≠ requires improvement ×1" in out
    assert "Conflicts" in out and site.url("/news/kent-falls-short.html") in out
    unknown = subprocess.run(
        [*pressroom, "grades", "Atlantis Constabulary", "-w", str(warehouse_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert unknown.returncode == 1 and "not a police force" in unknown.stderr


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("2023–2025", "2023–25"),
        ("2023-25", "2023–25"),
        ("2018 / 19", "2018/19"),
        ("2018-2019", "2018/19"),
        ("2016", "2016"),
        (None, None),
    ],
)
def test_periods_as_written_group_together(tmp_path: Path, written, key):
    with wh.connect_writer(tmp_path / "w.duckdb") as con:
        assert con.execute("SELECT period_key(?)", [written]).fetchone()[0] == key


def test_on_the_devset_corroborated_rows_are_right(tmp_path: Path):
    """Every labelled police release loaded under its own URL: fewer rows than judgements,
    one row per key, and the corroborated rows agree with the labels (1.000 on the devset
    at extractor version 35, 0.977 at 28; the issue asks 0.97 on unseen releases)."""
    if not DEVSET.is_dir():
        pytest.skip("../shared/devset not present")
    from analysis.grades_check import build, check, police_items

    items = police_items(DEVSET)
    path = build(items, tmp_path / "devset.duckdb")
    result = check(path, items)
    assert result.rows < result.judgements
    assert result.distinct_keys == result.rows
    assert result.corroborated >= 20
    # Some source's labels hold every corroborated row; every source's hold nearly all
    # (labels may name one verdict under two areas: peel_recording_crime / crime_data_integrity).
    assert result.corroborated_right_any == result.corroborated
    assert result.fraction_right >= 0.95, result.wrong
