"""The ingest flow against a live site on loopback that changes between two runs: versions
follow the normalised content, 304s for what did not change, withdrawals for 404 / 410,
canonical URLs after redirects, and errors a person can act on."""

from __future__ import annotations

import email.utils
import re
from pathlib import Path

import pytest
from werkzeug import Request, Response

import warehouse as wh
from flows.pipeline import ingest
from tests.web_support import FAST, running_site

pytestmark = pytest.mark.usefixtures("prefect_harness")

A = (
    "Kent Police has made good progress in how it tackles anti-social behaviour.\n\n"
    "HM Inspector of Constabulary, Jane Doe, said the force had improved. For more "
    "information call 0300 071 6{tail}"
)
B = "Surrey Police needs to do more to tackle anti-social behaviour, the inspectorate said."
C = "Essex Police has made some progress in tackling anti-social behaviour, says HMIC."
D = "Sussex Police was found to be good at preventing crime, inspectors said today."
E = "Dorset Police has made limited progress since the last inspection, HMIC reported."
F = (
    "Cumbria Constabulary has made good progress in tackling anti-social behaviour and\n"
    "the inspectorate praised its work with victims who are repeatedly targeted.\n"
)
G = "Avon and Somerset Constabulary was judged good at keeping people safe, HMIC said."
H = "Thames Valley Police has made good progress on crime recording, inspectors found."
STAMP = email.utils.formatdate(1_300_000_000, usegmt=True)


def _html(title: str, text: str, year: int = 2012, related: str = "/news/x") -> bytes:
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body>"
        f"<header><nav><a href='/'>Home</a></nav></header><main><article><h1>{title}</h1>"
        f"<p>{text}</p></article></main><aside><h2>Related</h2><a href='{related}'>More news"
        f"</a></aside><footer><p>© {year} HMIC. All rights reserved.</p></footer></body></html>"
    ).encode()


def _pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


class LiveSite:
    """A press office whose pages can change between runs. Every page has an ETag (a hash
    of its bytes) unless listed in `no_etag`; `last_modified` pages answer
    If-Modified-Since instead."""

    def __init__(self, server):
        self.server = server
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.gone: dict[str, int] = {}
        self.no_etag: set[str] = set()
        self.last_modified: set[str] = set()
        server.expect_request(re.compile(".*")).respond_with_handler(self.handle)

    def url(self, path: str) -> str:
        return self.server.url_for(path)

    def feed(self, *paths: str) -> None:
        items = "".join(f"<item><title>{p}</title><link>{self.url(p)}</link></item>" for p in paths)
        self.pages["/feed.xml"] = (
            (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
                f"<link>{self.url('/')}</link><description>d</description>{items}</channel></rss>"
            ).encode(),
            "application/rss+xml",
        )

    def handle(self, request: Request) -> Response:
        path = request.path
        if path in self.gone:
            return Response("", status=self.gone[path])
        if path not in self.pages:
            return Response("not found", status=404)
        body, content_type = self.pages[path]
        headers = {}
        if path in self.last_modified:
            headers["Last-Modified"] = STAMP
            if request.headers.get("If-Modified-Since") == STAMP:
                return Response(status=304, headers=headers)
        elif path not in self.no_etag:
            import hashlib

            headers["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
            if request.headers.get("If-None-Match") == headers["ETag"]:
                return Response(status=304, headers=headers)
        return Response(body, content_type=content_type, headers=headers)

    def requests(self) -> list[tuple[str, int]]:
        return [(r.path, resp.status_code) for r, resp in self.server.log]


@pytest.fixture
def live(tmp_path):
    for server in running_site():
        yield LiveSite(server)


def _q(path: Path, sql: str) -> list[tuple]:
    return wh.run_query(path, sql).rows


def _run(live: LiveSite, warehouse: Path, **kw):
    return ingest(
        sources=[live.url("/feed.xml")], warehouse=str(warehouse), options=FAST, workers=0, **kw
    )


def test_two_runs_against_a_changing_site(live: LiveSite, warehouse_path: Path):
    html = "text/html; charset=utf-8"
    text = "text/plain; charset=utf-8"
    live.pages.update(
        {
            "/news/a.html": (_html("Kent", A.format(tail="72.")), html),
            "/news/b.html": (_html("Surrey", B), html),
            "/news/c.pdf": (_pdf(C), "application/pdf"),
            "/news/d.txt": (D.encode(), text),
            "/news/f.txt": (F.encode(), text),
            "/news/g.html": (_html("Avon", G), html),
            "/news/h.txt": (H.encode(), text),
        }
    )
    live.no_etag.add("/news/f.txt")
    live.last_modified.add("/news/g.html")
    live.feed(*[p for p in live.pages if p.startswith("/news/")])
    first = _run(live, warehouse_path)
    assert (first.counts.n_new, first.counts.n_failed) == (7, 0), first

    # The second state: a correction, a restyle, a re-wrapped text file, two removals, one
    # new release, and a feed that shows only the newest items.
    live.server.clear_log()
    live.pages["/news/a.html"] = (_html("Kent", A.format(tail="729.")), html)
    live.pages["/news/b.html"] = (_html("Surrey", B, year=2013, related="/news/y"), html)
    live.pages["/news/f.txt"] = (F.replace(" and\nthe", "\nand the").encode(), text)
    live.gone.update({"/news/c.pdf": 410, "/news/h.txt": 404})
    live.pages["/news/e.html"] = (_html("Dorset", E), html)
    live.feed("/news/e.html", "/news/a.html")
    second = _run(live, warehouse_path)
    c = second.counts
    assert (c.n_new, c.n_changed, c.n_unchanged, c.n_withdrawn, c.n_failed) == (1, 1, 4, 2, 0)
    assert c.n_not_modified == 2

    versions = dict(_q(warehouse_path, "SELECT url, count(*) FROM release_versions GROUP BY url"))
    assert versions[live.url("/news/a.html")] == 2  # corrected
    assert versions[live.url("/news/b.html")] == 1  # restyled
    assert versions[live.url("/news/f.txt")] == 1  # re-wrapped
    assert versions[live.url("/news/e.html")] == 1  # new
    status = dict(_q(warehouse_path, "SELECT url, status FROM documents"))
    assert status[live.url("/news/c.pdf")] == "withdrawn"
    assert status[live.url("/news/h.txt")] == "withdrawn"
    assert versions[live.url("/news/c.pdf")] == 1  # its history stays

    run_id = second.run_id
    outcomes = dict(
        _q(
            warehouse_path,
            f"SELECT url, outcome || ' ' || coalesce(http_status, 0) FROM fetches "
            f"WHERE run_id = '{run_id}'",
        )
    )
    assert outcomes[live.url("/news/d.txt")] == "not_modified 304"  # by ETag
    assert outcomes[live.url("/news/g.html")] == "not_modified 304"  # by Last-Modified
    assert outcomes[live.url("/news/b.html")] == "unchanged 200"
    assert outcomes[live.url("/news/f.txt")] == "unchanged 200"
    assert outcomes[live.url("/news/a.html")] == "changed 200"
    assert outcomes[live.url("/news/c.pdf")] == "withdrawn 410"
    assert outcomes[live.url("/news/h.txt")] == "withdrawn 404"
    # Documents that dropped off the feed were revisited.
    asked = {path for path, _ in live.requests()}
    assert {"/news/b.html", "/news/d.txt", "/news/f.txt", "/news/g.html"} <= asked


def test_a_redirect_records_the_final_url_once(live: LiveSite, warehouse_path: Path):
    live.pages["/releases/1"] = (_html("Kent", A.format(tail="72.")), "text/html")
    live.server.clear()

    def moved(request: Request) -> Response:
        return Response("", status=301, headers={"Location": "/releases/1"})

    live.server.expect_request("/r/1").respond_with_handler(moved)
    live.server.expect_request(re.compile(".*")).respond_with_handler(live.handle)
    live.feed("/r/1")
    first = _run(live, warehouse_path)
    second = _run(live, warehouse_path)
    assert first.counts.n_new == 1 and second.counts.n_new == 0
    assert _q(warehouse_path, "SELECT url FROM documents") == [(live.url("/releases/1"),)]


def test_a_failing_server_is_recorded_with_a_reason(live: LiveSite, warehouse_path: Path):
    live.pages["/news/ok.txt"] = (D.encode(), "text/plain")
    live.feed("/news/ok.txt", "/news/broken")
    live.server.clear()
    live.server.expect_request("/news/broken").respond_with_data("oops", status=503)
    live.server.expect_request(re.compile(".*")).respond_with_handler(live.handle)
    summary = _run(live, warehouse_path)
    assert summary.counts.n_new == 1 and summary.counts.n_failed == 1
    [(url, stage, error)] = _q(warehouse_path, "SELECT url, stage, error FROM errors")
    assert url == live.url("/news/broken") and stage == "fetch"
    assert "HTTP 503" in error and "tried 3 times" in error and "next run" in error


def test_a_listing_source_given_with_kind(live: LiveSite, warehouse_path: Path):
    live.pages["/news/1.txt"] = (D.encode(), "text/plain")
    live.pages["/news/"] = (
        b"<html><body><p>Our news, all of it, with a long introduction that is not a "
        b"link at all and goes on.</p><a href='/news/1.txt'>One</a></body></html>",
        "text/html",
    )
    summary = ingest(
        sources=[live.url("/news/")],
        warehouse=str(warehouse_path),
        options=FAST,
        workers=0,
        kind="listing",
    )
    assert summary.counts.n_new == 1
    assert _q(warehouse_path, "SELECT url FROM documents") == [(live.url("/news/1.txt"),)]
