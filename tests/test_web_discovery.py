"""Discovering a web source's documents over loopback: feeds (RSS, Atom), paginated
listings, sitemaps and sitemap indexes, one page; detection and --kind; the same-site
policy; include / exclude; entity-expansion refused."""

from __future__ import annotations

import gzip
from dataclasses import replace

import pytest

from crawler.sources import Source, parse_source
from flows.discovery import discover_web
from tests.web_support import FAST, paths, running_site, serve
from warehouse import KnownDocument


@pytest.fixture(scope="module")
def _server():
    yield from running_site()


@pytest.fixture
def site(_server):
    _server.clear()
    _server.no_handler_status_code = 404
    return _server


def _plan(url: str, kind: str | None = None, known=None, options=FAST, **fields):
    source = replace(parse_source(url), crawl_kind=kind, **fields)
    return discover_web(source, known or {}, options)


def _urls(plan) -> list[str]:
    return [c.url for c in plan.candidates]


def _rss(*links: str) -> str:
    items = "".join(
        f"<item><title>R{i}</title><link>{u}</link></item>" for i, u in enumerate(links)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        f"<link>http://x/</link><description>d</description>{items}</channel></rss>"
    )


def _page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head><title>T</title>{head}</head><body>{body}</body></html>"


# --- feeds -----------------------------------------------------------------------------


def test_an_rss_feed_lists_its_items_in_order(site):
    site.expect_request("/feed.xml").respond_with_data(
        _rss(site.url_for("/r/2"), "/r/1"), content_type="application/rss+xml"
    )
    plan = _plan(site.url_for("/feed.xml"))
    assert _urls(plan) == [site.url_for("/r/2"), site.url_for("/r/1")]  # relative resolved
    assert plan.errors == []


def test_an_atom_feed_is_read(site):
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>News</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>"
        "<entry><title>A</title><id>urn:a</id><updated>2024-01-01T00:00:00Z</updated>"
        f'<link rel="alternate" href="{site.url_for("/a.html")}"/></entry>'
        "<entry><title>B</title><id>urn:b</id><updated>2024-01-01T00:00:00Z</updated>"
        f'<link rel="enclosure" href="{site.url_for("/b.pdf")}"/>'
        f'<link href="{site.url_for("/b.html")}"/></entry></feed>'
    )
    site.expect_request("/atom").respond_with_data(feed, content_type="application/atom+xml")
    assert _urls(_plan(site.url_for("/atom"))) == [site.url_for("/a.html"), site.url_for("/b.html")]


def test_a_file_link_in_a_feed_is_an_error_and_never_read(site):
    site.expect_request("/feed.xml").respond_with_data(
        _rss("file:///etc/passwd", site.url_for("/ok")), content_type="application/rss+xml"
    )
    plan = _plan(site.url_for("/feed.xml"))
    assert _urls(plan) == [site.url_for("/ok")]
    [error] = plan.errors
    assert error.url.startswith("file:") and "only http and https" in error.error


def test_a_feed_item_on_another_host_needs_allow_hosts(site):
    other = serve()
    try:
        elsewhere = other.url_for("/release")
        site.expect_request("/feed.xml").respond_with_data(
            _rss(elsewhere), content_type="application/rss+xml"
        )
        plan = _plan(site.url_for("/feed.xml"))
        assert _urls(plan) == [] and "allow_hosts" in plan.errors[0].error
        allowed = _plan(site.url_for("/feed.xml"), allow_hosts=(f"127.0.0.1:{other.port}",))
        assert _urls(allowed) == [elsewhere] and allowed.errors == []
        assert other.log == []  # discovery only lists; nothing was fetched there
    finally:
        other.stop()


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><link>http://x/</link>
<description>d</description><item><title>&lol9;</title><link>{item}</link></item>
</channel></rss>"""


@pytest.mark.parametrize("kind", [None, "feed"])
def test_an_entity_expansion_feed_is_refused(site, kind):
    site.expect_request("/feed.xml").respond_with_data(
        BILLION_LAUGHS.replace("{item}", site.url_for("/r")), content_type="application/rss+xml"
    )
    plan = _plan(site.url_for("/feed.xml"), kind)
    assert _urls(plan) == []
    [error] = plan.errors
    assert error.url == site.url_for("/feed.xml") and "entities" in error.error


# --- listings --------------------------------------------------------------------------


def _listing(site, n_pages: int, per_page: int = 2, rel_next: bool = True) -> None:
    for page in range(1, n_pages + 1):
        items = "".join(
            f'<li><a href="/news/{page}-{i}.html">Release {page}-{i}</a></li>'
            for i in range(per_page)
        )
        pager = "".join(f'<a href="/news?page={p}">{p}</a>' for p in range(1, n_pages + 1))
        head = ""
        if page < n_pages:
            if rel_next:
                head = f'<link rel="next" href="/news?page={page + 1}">'
            else:
                pager += f'<a href="/news?page={page + 1}">Next page »</a>'
        body = (
            '<header><a href="/">Home</a><a href="/about">About us</a></header>'
            f"<main><h1>News</h1><ul>{items}</ul><div class='pagination'>{pager}</div></main>"
            '<footer><a href="/contact">Contact</a> <a href="mailto:x@y">mail</a></footer>'
        )
        site.expect_request("/news", query_string=f"page={page}").respond_with_data(
            _page(body, head), content_type="text/html"
        )
    site.expect_request("/news", query_string="").respond_with_data(
        "", status=301, headers={"Location": "/news?page=1"}
    )


@pytest.mark.parametrize("rel_next", [True, False])
def test_a_paginated_listing_is_followed(site, rel_next):
    _listing(site, 3, rel_next=rel_next)
    plan = _plan(site.url_for("/news"))
    expected = [site.url_for(f"/news/{p}-{i}.html") for p in (1, 2, 3) for i in (0, 1)]
    assert _urls(plan) == expected  # no chrome, no pager links, no listing pages
    assert plan.errors == []


def test_pagination_is_bounded(site):
    _listing(site, 8)
    plan = _plan(site.url_for("/news"), options=replace(FAST, max_pages=3))
    assert len(_urls(plan)) == 6
    assert [p for p in paths(site) if p == "/news"].__len__() == 4  # the redirect + 3 pages
    [error] = plan.errors
    assert "more than 3 pages" in error.error


def test_a_listing_does_not_follow_file_links_or_other_ports(site):
    other = serve()
    try:
        hostile = ["file:///etc/passwd", other.url_for("/secret.html")]
        links = "".join(f'<li><a href="{u}">Release</a></li>' for u in hostile)
        site.expect_request("/news/").respond_with_data(
            _page(f'<ul><li><a href="/news/1.html">Release one</a></li>{links}</ul>'),
            content_type="text/html",
        )
        plan = _plan(site.url_for("/news/"))
        assert _urls(plan) == [site.url_for("/news/1.html")]
        assert {e.url for e in plan.errors} == set(hostile)
        assert other.log == []
    finally:
        other.stop()


def test_include_and_exclude_patterns(site):
    _listing(site, 1, per_page=4)
    plan = _plan(site.url_for("/news"), include=("*/news/*",), exclude=("*-3.html",))
    assert _urls(plan) == [site.url_for(f"/news/1-{i}.html") for i in range(3)]


# --- sitemaps --------------------------------------------------------------------------


def _urlset(*locs: str) -> str:
    urls = "".join(f"<url><loc>{u}</loc></url>" for u in locs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    )


def test_a_sitemap_index_and_its_sitemaps(site):
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url_for('/s1.xml')}</loc></sitemap>"
        f"<sitemap><loc>{site.url_for('/s2.xml.gz')}</loc></sitemap></sitemapindex>"
    )
    site.expect_request("/sitemap.xml").respond_with_data(index, content_type="application/xml")
    site.expect_request("/s1.xml").respond_with_data(
        _urlset(site.url_for("/a"), site.url_for("/b")), content_type="application/xml"
    )
    site.expect_request("/s2.xml.gz").respond_with_data(
        gzip.compress(_urlset(site.url_for("/c")).encode()), content_type="application/gzip"
    )
    plan = _plan(site.url_for("/sitemap.xml"))
    assert _urls(plan) == [site.url_for(p) for p in ("/a", "/b", "/c")]
    assert plan.errors == []


def test_a_sitemap_with_a_doctype_is_refused(site):
    body = _urlset(site.url_for("/a")).replace(
        "<urlset", '<!DOCTYPE urlset [<!ENTITY x "y">]><urlset'
    )
    site.expect_request("/sitemap.xml").respond_with_data(body, content_type="application/xml")
    plan = _plan(site.url_for("/sitemap.xml"), "sitemap")
    assert _urls(plan) == [] and "refused unread" in plan.errors[0].error


# --- detection and --kind --------------------------------------------------------------


def test_a_pdf_or_a_release_page_is_one_document(site):
    site.expect_request("/r.pdf").respond_with_data(b"%PDF-1.4 ...", content_type="application/pdf")
    prose = "Kent Police has made good progress in tackling anti-social behaviour. " * 20
    site.expect_request("/r.html").respond_with_data(
        _page(f'<main><p>{prose}</p><p>See <a href="/other">related</a>.</p></main>'),
        content_type="text/html",
    )
    assert _urls(_plan(site.url_for("/r.pdf"))) == [site.url_for("/r.pdf")]
    assert _urls(_plan(site.url_for("/r.html"))) == [site.url_for("/r.html")]


def test_kind_overrides_detection(site):
    _listing(site, 2)
    url = site.url_for("/news?page=1")
    assert len(_urls(_plan(url))) == 4
    assert _urls(_plan(url, "page")) == [url]


def test_a_source_that_is_not_what_its_kind_says_is_an_error(site):
    site.expect_request("/feed.xml").respond_with_data(
        "<html>nope</html>", content_type="text/html"
    )
    plan = _plan(site.url_for("/feed.xml"), "sitemap")
    assert _urls(plan) == [] and "not a sitemap" in plan.errors[0].error


def test_an_unreadable_source_of_a_given_kind_is_a_discovery_error(site):
    site.expect_request("/feed.xml").respond_with_data("", status=404)
    plan = _plan(site.url_for("/feed.xml"), "feed")
    assert "could not read the feed" in plan.errors[0].error and "404" in plan.errors[0].error


# --- revisits --------------------------------------------------------------------------


def test_known_documents_of_the_source_are_revisited(site):
    site.expect_request("/feed.xml").respond_with_data(
        _rss(site.url_for("/new")), content_type="application/rss+xml"
    )
    url = site.url_for("/feed.xml")
    known = {
        u: KnownDocument(u, url, status, None, None, None)
        for u, status in [
            (site.url_for("/old"), "active"),
            (site.url_for("/gone"), "withdrawn"),
        ]
    }
    known["elsewhere"] = KnownDocument("elsewhere", "other-source", "active", None, None, None)
    plan = _plan(url, known=known)
    assert _urls(plan) == [site.url_for("/new"), site.url_for("/old")]


def test_discovery_obeys_robots_txt(site):
    site.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /\n")
    site.expect_request("/feed.xml").respond_with_data(
        _rss("/r"), content_type="application/rss+xml"
    )
    plan = _plan(site.url_for("/feed.xml"), "feed")
    assert "robots.txt disallows" in plan.errors[0].error
    assert "/feed.xml" not in paths(site)


def test_sources_keep_their_identity(site):
    source = Source(id="x", kind="url", location=site.url_for("/r.pdf"), crawl_kind="page")
    plan = discover_web(source, {}, FAST)
    assert [(c.url, c.source) for c in plan.candidates] == [(site.url_for("/r.pdf"), "x")]


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://example.org/news/2017/03/02/kent-police-is-good/", None),
        ("https://example.org/news/release-1.2", None),
        ("https://example.org/news/release.html", None),
        ("https://example.org/files/report.pdf", None),
        ("https://example.org/img/Logo.PNG", ".png"),
        ("https://example.org/labels/001.json?x=1", ".json"),
        ("https://example.org/.pressroom-demo", "hidden"),
        ("https://example.org/.git/HEAD", "hidden"),
        ("https://example.org/a%20b/.marker", "hidden"),
    ],
)
def test_what_a_listing_link_to_no_release_looks_like(url: str, why: str | None):
    from crawler.urls import not_a_document

    assert not_a_document(url) == why


# A web server's index of a folder, as Apache writes one (its sort links, its parent, a
# name cut short): the shape, not one server's bytes.
APACHE_INDEX = b"""<html><body><h1>Index of /news</h1><table>
<tr><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th></tr>
<tr><td><a href="/">Parent Directory</a></td></tr>
<tr><td><a href="2017/">2017/</a></td></tr>
<tr><td><a href="kent%20police.txt">kent police.txt</a></td></tr>
<tr><td><a href="a-very-long-release-name-that-is-cut.pdf">a-very-long-release-name-tha..&gt;</a>
</td></tr>
</table></body></html>"""


def test_a_servers_folder_index_lists_its_files_and_sub_folders():
    from crawler.listing import parse_listing

    listing = parse_listing(APACHE_INDEX, "https://example.org/news/", "text/html")
    assert listing.links == [
        "https://example.org/news/2017/",
        "https://example.org/news/kent%20police.txt",
        "https://example.org/news/a-very-long-release-name-that-is-cut.pdf",
    ]
    assert listing.folders == ["https://example.org/news/2017/"]


def test_a_press_offices_listing_has_no_sub_folders():
    from crawler.listing import parse_listing

    page = (
        b'<html><body><main><a href="/news/2017/03/kent/">Kent Police is good</a>'
        b'<a href="essex/">Essex Police requires improvement</a></main></body></html>'
    )
    listing = parse_listing(page, "https://example.org/news/", "text/html")
    assert listing.folders == []
    assert len(listing.links) == 2
