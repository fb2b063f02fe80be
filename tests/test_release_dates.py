"""Every release dated, with where the date came from (issue 15): a press office on
loopback, served with an Atom feed and a sitemap, whose real releases (from the devset)
are dated by each source in turn; the sanity rules; a Last-Modified that alone changes
makes no new version; `reextract` fills the dates of an older warehouse without fetching."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug import Request, Response

import extractors
import warehouse as wh
from analysis.renditions import render_html, render_pdf
from analysis.report import UNDATED, collect
from extractors import DatedBy
from extractors.fields.dates import url_date
from extractors.html import parse_html
from flows.pipeline import ingest
from flows.reextract import reextract
from tests.conftest import DEVSET
from tests.web_support import FAST, running_site


def _release(number: str) -> str:
    """The text of devset release `number` (its first line is its URL, then a blank)."""
    if not DEVSET.is_dir():
        pytest.skip("../shared/devset not present")
    return (DEVSET / f"{number}.txt").read_text("utf-8").split("\n\n", 1)[1]


def _html(number: str, head: str = "") -> bytes:
    """The release as a press-office page, with `head` added to its <head>."""
    return render_html(_release(number)).replace(b"</head>", head.encode() + b"</head>", 1)


def _http_date(day: dt.date) -> str:
    moment = dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC)
    return email.utils.format_datetime(moment, usegmt=True)


class Office:
    """A press office: path -> (body, content type, headers). It answers 200 to every GET
    of a page (no conditional GET), 404 to anything else."""

    def __init__(self, server):
        self.server = server
        self.pages: dict[str, tuple[bytes, str, dict[str, str]]] = {}
        server.expect_request(re.compile(".*")).respond_with_handler(self.handle)

    def url(self, path: str) -> str:
        return self.server.url_for(path)

    def page(self, path: str, body: bytes, kind: str = "text/html", **headers: str) -> None:
        self.pages[path] = (body, kind, {k.replace("_", "-"): v for k, v in headers.items()})

    def atom(self, path: str, entries: dict[str, str]) -> None:
        """An Atom feed: each entry's link, and its date elements as written."""
        items = "".join(
            f"<entry><title>{p}</title><id>urn:pressroom-test:{p}</id>"
            f'<link rel="alternate" href="{self.url(p)}"/>{dates}</entry>'
            for p, dates in entries.items()
        )
        feed = (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>News</title><id>urn:pressroom-test</id>"
            f"<updated>2024-01-01T00:00:00Z</updated>{items}</feed>"
        )
        self.page(path, feed.encode(), "application/atom+xml")

    def sitemap(self, path: str, entries: dict[str, str | None]) -> None:
        urls = "".join(
            f"<url><loc>{self.url(p)}</loc>"
            + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
            + "</url>"
            for p, lastmod in entries.items()
        )
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        )
        self.page(path, body.encode(), "application/xml")

    def handle(self, request: Request) -> Response:
        if request.path not in self.pages:
            return Response("not found", status=404)
        body, kind, headers = self.pages[request.path]
        return Response(body, content_type=kind, headers=headers)


@pytest.fixture
def office():
    for server in running_site():
        yield Office(server)


def _ingest(office: Office, warehouse: Path, *paths: str):
    return ingest(
        sources=[office.url(p) for p in paths], warehouse=str(warehouse), options=FAST, workers=0
    )


def _dates(warehouse: Path, office: Office) -> dict[str, tuple]:
    rows = wh.run_query(
        warehouse,
        "SELECT url, published_date, date_source, stated_date, date_rejected FROM releases",
    ).rows
    return {url.removeprefix(office.url("")): tuple(row) for url, *row in rows}


# --- the press office: every source over HTTP -------------------------------------------

# A server that stamps each page as it serves it (see below): today, in UTC.
SERVED = dt.datetime.now(dt.UTC).date()


@dataclass(frozen=True)
class DatedOffice:
    warehouse: Path
    summary: object
    rows: dict[str, tuple]  # path -> (published_date, date_source, stated_date, date_rejected)


@pytest.fixture(scope="module")
def dated(prefect_harness, tmp_path_factory) -> DatedOffice:
    """A press office served with an Atom feed and a sitemap, ingested once."""
    for server in running_site():
        office = Office(server)
        # The feed: Atom entries with their dates.
        office.page("/news/merseyside", _html("052"))  # states "19 August 2022"
        published = '<meta property="article:published_time" content="2017-11-09">'
        office.page("/news/avon", _html("010", published))
        office.page("/news/dorset", _html("034"))
        office.page("/news/norfolk", _html("067"))
        # A feed date in the future, and a page claiming 1970 (a CMS's empty date):
        # neither is a publication date; the next source is used, and why is recorded.
        office.page("/news/gwent", _html("031"), Last_Modified=_http_date(dt.date(2014, 11, 27)))
        empty = '<meta property="article:published_time" content="1970-01-01">'
        office.page("/news/herts", _html("070", empty))
        office.atom(
            "/feed.atom",
            {
                "/news/merseyside": "<published>2022-08-20T09:00:00Z</published>",
                "/news/avon": "<published>2017-11-10T09:00:00Z</published>",
                "/news/dorset": "<published>2016-03-31T09:00:00+01:00</published>",
                "/news/norfolk": "<updated>2014-11-27T11:00:00Z</updated>",
                "/news/gwent": "<published>2099-01-01T09:00:00Z</published>",
                "/news/herts": "<published>2014-11-27T09:00:00Z</published>",
            },
        )
        # The sitemap: lastmod where it has one.
        office.page("/2017/03/02/south-wales", _html("061"))
        created = dt.datetime(2017, 2, 2, 9, tzinfo=dt.UTC)  # the text names 2016 and 2017
        pdf = render_pdf(_release("112"), created=created)
        office.page("/news/cleveland.pdf", pdf, "application/pdf")
        office.page("/news/northants", _html("058"))
        office.page(
            "/news/north-wales", _html("064"), Last_Modified=_http_date(dt.date(2016, 12, 9))
        )
        office.page("/news/norfolk-2018", _html("238"), Last_Modified=_http_date(SERVED))
        office.sitemap(
            "/sitemap.xml",
            {
                "/2017/03/02/south-wales": "2017-03-05",
                "/news/cleveland.pdf": None,
                "/news/northants": "2016-09-22T10:00:00+00:00",
                "/news/north-wales": None,
                "/news/norfolk-2018": None,
            },
        )
        warehouse = tmp_path_factory.mktemp("dated-office") / "pressroom.duckdb"
        summary = _ingest(office, warehouse, "/feed.atom", "/sitemap.xml")
        yield DatedOffice(warehouse, summary, _dates(warehouse, office))


@pytest.mark.parametrize(
    ("source", "path", "day"),
    [
        ("text", "news/merseyside", dt.date(2022, 8, 19)),  # the feed says 20 August
        ("html_meta", "news/avon", dt.date(2017, 11, 9)),  # the feed says 10 November
        ("feed", "news/dorset", dt.date(2016, 3, 31)),  # <published>
        ("feed", "news/norfolk", dt.date(2014, 11, 27)),  # <updated> alone
        ("url", "2017/03/02/south-wales", dt.date(2017, 3, 2)),  # the sitemap says 5 March
        ("pdf_meta", "news/cleveland.pdf", dt.date(2017, 2, 2)),
        ("sitemap", "news/northants", dt.date(2016, 9, 22)),
        ("http", "news/north-wales", dt.date(2016, 12, 9)),
        ("first_seen", "news/norfolk-2018", SERVED),
    ],
)
def test_each_source_dates_a_release(dated: DatedOffice, source: str, path: str, day: dt.date):
    assert dated.rows[path][:2] == (day, source)


def test_every_release_of_the_office_is_dated(dated: DatedOffice):
    assert dated.summary.counts.n_new == 11 and dated.summary.ok
    assert len(dated.rows) == 11
    assert all(day is not None and source for day, source, *_ in dated.rows.values())
    # The text's date stays visible on its own; a release stating none has none.
    assert [p for p, row in dated.rows.items() if row[2] is not None] == ["news/merseyside"]
    # Kept per URL beside the versions: the feeds' entries, the sitemap's lastmods, and the
    # servers' Last-Modified.
    kept = wh.run_query(
        dated.warehouse, "SELECT source, count(*) FROM document_dates GROUP BY ALL ORDER BY 1"
    ).rows
    assert kept == [("feed", 6), ("http", 3), ("sitemap", 2)]


@pytest.mark.parametrize(
    ("path", "used", "passed_over"),
    [
        ("news/gwent", "http", ("feed", dt.date(2099, 1, 1), "in the future")),
        ("news/herts", "feed", ("html_meta", dt.date(1970, 1, 1), "before 2000")),
        (
            "news/norfolk-2018",
            "first_seen",
            ("http", SERVED, "the server's clock when first fetched"),
        ),
    ],
)
def test_a_date_that_cannot_be_the_publication_is_passed_over_with_why(
    dated: DatedOffice, path: str, used: str, passed_over: tuple
):
    _day, source, _stated, rejected = dated.rows[path]
    assert source == used
    assert rejected == [dict(zip(("source", "value", "reason"), passed_over, strict=True))]


def test_the_report_columns_are_periods_or_publication_years_never_first_seen(dated: DatedOffice):
    report = collect(dated.warehouse)
    assert report.dated_by == [
        ("text", 1),
        ("html_meta", 1),
        ("feed", 3),
        ("url", 1),
        ("pdf_meta", 1),
        ("sitemap", 1),
        ("http", 2),
        ("first_seen", 1),
    ]
    verdicts = report.verdicts
    # The grid's column: the inspection period the release names, else its year; a
    # release dated only by when pressroom first saw it is undated there (issue 20: a
    # first-seen date never passes for a publication date), unless it names its period.
    assert any(v.period for v in verdicts)
    seen_only = [v for v in verdicts if v.published_date is None]
    assert seen_only and all(v.first_seen for v in seen_only)
    for v in verdicts:
        published = str(v.published_date.year) if v.published_date else UNDATED
        assert v.year == (v.period or published)
    assert {v.year for v in verdicts if v.published_date} & {UNDATED} == set()


@pytest.mark.usefixtures("prefect_harness")
def test_a_new_last_modified_alone_makes_no_new_version(office: Office, warehouse_path: Path):
    first, later = dt.date(2016, 12, 9), dt.date(2019, 6, 1)
    office.page("/news/north-wales", _html("064"), Last_Modified=_http_date(first))
    office.sitemap("/sitemap.xml", {"/news/north-wales": None})
    _ingest(office, warehouse_path, "/sitemap.xml")
    office.page("/news/north-wales", _html("064"), Last_Modified=_http_date(later))
    summary = _ingest(office, warehouse_path, "/sitemap.xml")

    assert (summary.counts.n_new, summary.counts.n_changed, summary.counts.n_unchanged) == (0, 0, 1)
    versions = wh.run_query(
        warehouse_path, "SELECT version, published_date, date_source FROM release_versions"
    ).rows
    # The earliest Last-Modified is the publication's; the later one is a revision.
    assert versions == [(1, first, "http")]
    stamps = wh.run_query(
        warehouse_path, "SELECT last_modified FROM fetches ORDER BY fetched_at"
    ).rows
    assert [s for (s,) in stamps] == [_http_date(first), _http_date(later)]


@pytest.mark.usefixtures("prefect_harness")
def test_reextract_dates_an_older_warehouse_from_the_archive_without_fetching(
    office: Office, warehouse_path: Path
):
    office.page("/2017/03/02/south-wales", _html("061"))
    office.page("/news/north-wales", _html("064"), Last_Modified=_http_date(dt.date(2016, 12, 9)))
    office.sitemap("/sitemap.xml", {"/2017/03/02/south-wales": None, "/news/north-wales": None})
    _ingest(office, warehouse_path, "/sitemap.xml")
    # The warehouse as an older pressroom left it: extractions without the document's
    # dates, no dates recorded beside the fetches.
    with wh.connect_writer(warehouse_path) as con:
        con.execute(
            "UPDATE extractions SET extractor_version = 16, dates = NULL, stated_date = NULL"
        )
        con.execute("UPDATE extraction_gaps SET extractor_version = 16")
        con.execute("DELETE FROM document_dates")
    before = {p: r[:2] for p, r in _dates(warehouse_path, office).items()}
    assert {source for _, source in before.values()} == {"first_seen"}
    asked = len(office.server.log)
    office.server.stop()

    summary = reextract(warehouse=str(warehouse_path), workers=0)

    assert summary.counts.n_reextracted == 2 and summary.ok
    assert len(office.server.log) == asked
    after = {p: r[:2] for p, r in _dates(warehouse_path, office).items()}
    assert after == {
        "2017/03/02/south-wales": (dt.date(2017, 3, 2), "url"),
        "news/north-wales": (dt.date(2016, 12, 9), "http"),
    }


# --- the rules, and the document's own dates ---------------------------------------------


def test_dates_that_cannot_be_a_publication_date_say_why(warehouse_path: Path):
    with wh.connect_writer(warehouse_path) as con:
        rows = con.execute(
            "SELECT date_doubt(d, TIMESTAMP '2024-03-01 23:30:00') FROM (VALUES "
            "(DATE '2099-01-01'), (DATE '1999-12-31'), (DATE '2024-03-03'), "
            "(DATE '2024-03-02'), (DATE '2000-01-01')) t(d)"
        ).fetchall()
    assert [r[0] for r in rows] == [
        "in the future",
        "before 2000",
        "after the document was first fetched (2024-03-01)",
        None,  # a day's grace: a release dated in local time may be ahead of UTC
        None,
    ]


def test_the_document_gives_its_dates_best_first():
    url = (
        "https://www.wired-gov.net/wg/news.nsf/articles/"
        "merseyside+police+congratulated+for+good+performance+19082022111000?open"
    )
    release = extractors.extract(_release("052").encode(), url=url).release
    assert release.dates == (
        DatedBy("text", dt.date(2022, 8, 19)),
        DatedBy("url", dt.date(2022, 8, 19)),
    )
    assert release.stated_date == release.published_date == dt.date(2022, 8, 19)
    # The address's date is a source the warehouse weighs, not the document's statement.
    undated = extractors.extract(_release("061").encode(), url="https://x.org/2017/03/02/a")
    assert undated.release.dates == (DatedBy("url", dt.date(2017, 3, 2)),)
    assert undated.release.published_date is None


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": '
            '[{"@type": "WebPage"}, {"@type": "NewsArticle", '
            '"datePublished": "2019-05-16T09:00:00+01:00"}]}</script>',
            dt.date(2019, 5, 16),
        ),
        ('<meta itemprop="datePublished" content="2016-03-31">', dt.date(2016, 3, 31)),
        ('<meta property="article:modified_time" content="2020-01-02">', None),
        ('<script type="application/ld+json">{not json</script>', None),
    ],
)
def test_page_metadata_gives_the_publication_date_never_the_modification(head, expected):
    document = parse_html(_html("010", head))
    release = extractors.extract_release(document)
    assert release.published_date == expected
    assert release.dates == ((DatedBy("html_meta", expected),) if expected else ())


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://iwradio.co.uk/2017/03/02/police-effectiveness/", dt.date(2017, 3, 2)),
        ("https://www.itv.com/news/border/2024-07-23/cumbria-police", dt.date(2024, 7, 23)),
        (
            "https://www.wired-gov.net/wg/news.nsf/print/Sussex+Police+judged+26082016122500",
            dt.date(2016, 8, 26),
        ),
        ("https://www.eastleighnews.co.uk/2018/03/commissioner-celebrates", None),
        ("https://www.bbc.co.uk/news/uk-england-manchester-55251366", None),
        ("https://hmicfrs.justiceinspectorates.gov.uk/news/releases/0152012-forces", None),
        ("file:///archive/2017/03/02/release.txt", None),
    ],
)
def test_the_address_gives_a_whole_date_or_none(url: str, expected: dt.date | None):
    assert url_date(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://www.bbc.co.uk/news/uk-england-manchester-55251366",
        "https://hmicfrs.justiceinspectorates.gov.uk/news/releases/0152012-forces",
        "https://www.example.org/news/20170302/release",
        "https://www.example.org/news/2017.03.02/release",
        "https://www.example.org/news/peel-2017-kent/",
        "https://www.example.org/news/02-03-2017/",
        "https://www.example.org/news/march-2-2017/",
    ],
)
def test_an_address_url_date_skips_is_one_htmldate_reads_no_date_from(url: str):
    """url_date asks htmldate only about an address with a year, a separator and a
    digit: on the others htmldate finds nothing either (this fails if a new htmldate
    reads more shapes)."""
    from htmldate import find_date

    from extractors.fields.dates import _URL_DATE_BOUNDS, _URL_YEAR_MONTH

    assert not _URL_YEAR_MONTH.search(url)
    found = find_date(
        "<html></html>", url=url, extensive_search=False, original_date=True, **_URL_DATE_BOUNDS
    )
    assert found is None
    assert url_date(url) is None


def test_a_warehouse_from_before_dates_keeps_its_dates_as_the_texts(warehouse_path: Path):
    """Migration 006 on a warehouse with rows: an old extraction's published_date counts
    as the text's until re-extraction, an undated one falls to first_seen, and the
    Last-Modified of its fetches is recorded by `reextract` (see above)."""
    from warehouse.connection import _migrations, open_duckdb

    warehouse_path.parent.mkdir(parents=True)
    seen = dt.datetime(2024, 1, 10, 9)
    with open_duckdb(warehouse_path) as con:
        con.execute(
            "CREATE TABLE schema_migrations "
            "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        for number, name, body in _migrations()[:5]:
            con.execute(body)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [number, name])
        for url, published in (("file:///a.txt", dt.date(2016, 3, 31)), ("file:///b.txt", None)):
            con.execute(
                "INSERT INTO document_state (url, first_seen, last_seen, status, "
                "current_version) VALUES (?, ?, ?, 'active', 1)",
                [url, seen, seen],
            )
            con.execute(
                "INSERT INTO document_versions VALUES (?, 1, 'sha', 'fp', 'text/plain', ?, "
                "NULL, 'r')",
                [url, seen],
            )
            con.execute(
                "INSERT INTO extractions (url, version, extractor_version, extracted_at, "
                "run_id, published_date) VALUES (?, 1, 16, ?, 'r', ?)",
                [url, seen, published],
            )
        assert wh.migrate(con)[:1] == [6]
        rows = con.execute(
            "SELECT url, published_date, date_source, stated_date FROM releases ORDER BY url"
        ).fetchall()
    assert rows == [
        ("file:///a.txt", dt.date(2016, 3, 31), "text", dt.date(2016, 3, 31)),
        ("file:///b.txt", dt.date(2024, 1, 10), "first_seen", None),
    ]
