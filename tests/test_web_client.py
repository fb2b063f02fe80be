"""The crawler's HTTP client against a real server on loopback: conditional GET, retries
with Retry-After, timeouts and deadlines, redirects, size caps, robots.txt, politeness."""

from __future__ import annotations

import gzip
import threading
import time
import tracemalloc
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from werkzeug import Request, Response

from crawler.client import USER_AGENT, WebClient
from crawler.fetching import fetch_http
from crawler.sources import Candidate
from crawler.urls import SitePolicy
from tests.web_support import FAST, paths, running_site, serve
from warehouse import Archive, KnownDocument


@pytest.fixture(scope="module")
def _server():
    for server in running_site():
        _stamp_requests(server)
        yield server


def _stamp_requests(server) -> None:
    """Record each request's arrival time on `server._stamps` (for the rate tests)."""
    original = server.dispatch

    def dispatch(request):
        server._stamps.append((request.path, time.monotonic()))
        return original(request)

    server.dispatch = dispatch


@pytest.fixture
def site(_server):
    _server.clear()
    _server.no_handler_status_code = 404
    _server._stamps = []
    return _server


TEXT = "Kent Police has made good progress in how it tackles anti-social behaviour.\n"


def _known(url: str, etag: str | None = None, last_modified: str | None = None):
    return KnownDocument(url, "src", "active", etag, last_modified, None)


def _fetch(url: str, tmp_path: Path, known=None, options=FAST):
    with WebClient(options) as client:
        return fetch_http(Candidate(url, "src"), Archive(tmp_path / "a"), known, client)


# --- conditional GET -------------------------------------------------------------------


def test_etag_is_sent_and_304_is_not_modified(site, tmp_path):
    site.expect_request("/r", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304, headers={"ETag": '"v1"'}
    )
    site.expect_request("/r").respond_with_data(TEXT, headers={"ETag": '"v1"'})
    url = site.url_for("/r")
    [first] = _fetch(url, tmp_path)
    assert (first.status, first.etag) == ("ok", '"v1"')
    [second] = _fetch(url, tmp_path, _known(url, etag='"v1"'))
    assert (second.status, second.http_status) == ("not_modified", 304)


def test_last_modified_is_sent_and_304_is_not_modified(site, tmp_path):
    stamp = "Wed, 21 Oct 2015 07:28:00 GMT"
    site.expect_request("/r", headers={"If-Modified-Since": stamp}).respond_with_data(
        "", status=304
    )
    site.expect_request("/r").respond_with_data(TEXT, headers={"Last-Modified": stamp})
    url = site.url_for("/r")
    [first] = _fetch(url, tmp_path)
    assert first.last_modified == stamp
    [second] = _fetch(url, tmp_path, _known(url, last_modified=stamp))
    assert second.status == "not_modified"


@pytest.mark.parametrize("status", [404, 410])
def test_404_and_410_are_gone(site, tmp_path, status):
    site.expect_request("/r").respond_with_data("", status=status)
    [result] = _fetch(site.url_for("/r"), tmp_path, _known(site.url_for("/r")))
    assert result.status == "gone" and str(status) in result.error


# --- retries ---------------------------------------------------------------------------


def test_a_500_then_200_is_retried(site, tmp_path):
    site.expect_oneshot_request("/r").respond_with_data("oops", status=500)
    site.expect_request("/r").respond_with_data(TEXT)
    [result] = _fetch(site.url_for("/r"), tmp_path)
    assert result.status == "ok" and result.http_status == 200
    assert paths(site).count("/r") == 2


def test_a_lasting_503_is_an_error_after_max_attempts(site, tmp_path):
    site.expect_request("/r").respond_with_data("down", status=503)
    [result] = _fetch(site.url_for("/r"), tmp_path, options=replace(FAST, max_attempts=3))
    assert result.status == "error" and result.http_status == 503
    assert "HTTP 503" in result.error and "tried 3 times" in result.error
    assert "next run" in result.error
    assert paths(site).count("/r") == 3


def test_a_404_is_not_retried(site, tmp_path):
    site.expect_request("/r").respond_with_data("", status=404)
    _fetch(site.url_for("/r"), tmp_path)
    assert paths(site).count("/r") == 1


def test_429_retry_after_is_honoured(site):
    site.expect_oneshot_request("/r").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    site.expect_request("/r").respond_with_data(TEXT)
    waits: list[float] = []
    with WebClient(replace(FAST, backoff=0.01), sleep=waits.append) as client:
        response = client.get(site.url_for("/r"))
    assert response.ok and response.attempts == 2
    assert waits == [1.0]  # the server's word, not the 0.01 s backoff


def test_429_retry_after_beyond_the_cap_gives_up_with_a_reason(site):
    site.expect_request("/r").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "3600"}
    )
    waits: list[float] = []
    # (A throttle of its own: the host is held back for the hour this answer asks.)
    options = replace(FAST, max_wait=5, rate=999.0)
    with WebClient(options, sleep=waits.append) as client:
        response = client.get(site.url_for("/r"))
    assert waits == [] and response.status == 429
    assert "3600 s" in response.error and "Retry-After" in response.error
    assert paths(site).count("/r") == 1


def test_backoff_grows_between_attempts(site):
    site.expect_request("/r").respond_with_data("", status=502)
    waits: list[float] = []
    options = replace(FAST, max_attempts=4, backoff=0.5, max_wait=10)
    with WebClient(options, sleep=waits.append) as client:
        client.get(site.url_for("/r"))
    assert len(waits) == 3
    assert 0.5 <= waits[0] < 0.6 and 1.0 <= waits[1] < 1.2 and 2.0 <= waits[2] < 2.4


def test_a_refused_connection_is_retried_then_recorded(tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    [result] = _fetch(f"http://127.0.0.1:{port}/r", tmp_path, options=replace(FAST, max_attempts=2))
    assert result.status == "error"
    assert "could not connect" in result.error and "tried 2 times" in result.error


# --- timeouts and deadlines ------------------------------------------------------------


def test_a_slow_response_times_out(site, tmp_path):
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response(TEXT)

    site.expect_request("/slow").respond_with_handler(slow)
    [result] = _fetch(
        site.url_for("/slow"), tmp_path, options=replace(FAST, timeout=0.2, max_attempts=2)
    )
    assert result.status == "error" and "within 0.2 s" in result.error


def test_a_trickling_server_is_stopped_by_the_deadline(site, tmp_path):
    def trickle(request: Request) -> Response:
        def body():
            for _ in range(100):  # 10 s in all, a byte per 0.1 s: each read is quick
                yield b"<"
                time.sleep(0.1)

        return Response(body(), content_type="text/html")

    site.expect_request("/trickle").respond_with_handler(trickle)
    [result] = _fetch(site.url_for("/trickle"), tmp_path, options=replace(FAST, deadline=0.6))
    assert result.status == "error" and "0.6 s limit" in result.error
    assert paths(site).count("/trickle") == 1  # a deadline is not retried


# --- redirects -------------------------------------------------------------------------


def test_redirects_end_at_the_canonical_url(site, tmp_path):
    site.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/mid"})
    site.expect_request("/mid").respond_with_data("", status=302, headers={"Location": "/new"})
    site.expect_request("/new").respond_with_data(TEXT)
    [result] = _fetch(site.url_for("/old"), tmp_path)
    assert result.url == site.url_for("/new") and result.requested_url == site.url_for("/old")
    assert result.status == "ok"


def test_a_known_document_moved_permanently_is_withdrawn_under_its_old_url(site, tmp_path):
    site.expect_request("/old").respond_with_data("", status=308, headers={"Location": "/new"})
    site.expect_request("/new").respond_with_data(TEXT)
    old = site.url_for("/old")
    new, gone = _fetch(old, tmp_path, {old: _known(old)})
    assert (new.url, new.status) == (site.url_for("/new"), "ok")
    assert (gone.url, gone.status) == (old, "gone") and "moved permanently" in gone.error


def test_a_redirect_loop_is_an_error(site, tmp_path):
    site.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    site.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    [result] = _fetch(site.url_for("/a"), tmp_path)
    assert result.status == "error" and "redirect loop" in result.error
    assert len(paths(site)) <= 4  # robots.txt, /a, /b: no chase


def test_too_many_redirects_is_an_error(site, tmp_path):
    for i in range(5):
        site.expect_request(f"/{i}").respond_with_data(
            "", status=302, headers={"Location": f"/{i + 1}"}
        )
    [result] = _fetch(site.url_for("/0"), tmp_path, options=replace(FAST, max_redirects=3))
    assert result.status == "error" and "more than 3 redirects" in result.error


def test_a_redirect_off_the_site_is_not_followed(site):
    other = serve()
    try:
        other.expect_request("/secret").respond_with_data("secret")
        site.expect_request("/r").respond_with_data(
            "", status=302, headers={"Location": other.url_for("/secret")}
        )
        url = site.url_for("/r")
        with WebClient(FAST) as client:
            response = client.get(url, policy=SitePolicy(url))
        assert not response.ok and "leaves the source's site" in response.error
        assert other.log == []
    finally:
        other.stop()


def test_a_redirect_to_a_file_url_is_not_followed(site):
    site.expect_request("/r").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"}
    )
    with WebClient(FAST) as client:
        response = client.get(site.url_for("/r"))
    assert not response.ok and "'file' scheme" in response.error and response.body is None


def test_a_file_url_is_never_read():
    with WebClient(FAST) as client:
        response = client.get("file:///etc/passwd")
    assert response.body is None and "only http and https" in response.error


# --- size caps -------------------------------------------------------------------------


def test_a_declared_oversized_body_is_refused_unread(site, tmp_path):
    site.expect_request("/big").respond_with_data(b"x" * 50_000)
    [result] = _fetch(site.url_for("/big"), tmp_path, options=replace(FAST, max_bytes=10_000))
    assert result.status == "error" and "50,000 bytes" in result.error
    assert "10,000-byte limit" in result.error and result.content_sha256 is None


def test_an_undeclared_oversized_body_is_stopped(site, tmp_path):
    def chunked(request: Request) -> Response:
        return Response((b"x" * 4096 for _ in range(100)), content_type="text/plain")

    site.expect_request("/big").respond_with_handler(chunked)
    [result] = _fetch(site.url_for("/big"), tmp_path, options=replace(FAST, max_bytes=10_000))
    assert result.status == "error" and "10,000-byte limit" in result.error
    assert not any((tmp_path / "a").rglob("*.*")) or result.content_sha256 is None


def test_a_gzip_bomb_is_stopped_on_decoded_bytes(site):
    bomb = gzip.compress(bytes(64 << 20), compresslevel=9)  # 64 MiB of zeros, ~64 KiB
    site.expect_request("/bomb").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="text/html"
    )
    tracemalloc.start()
    try:
        with WebClient(replace(FAST, max_bytes=1 << 20)) as client:
            response = client.get(site.url_for("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.body is None and "decompressed response passed" in response.error
    assert peak < 16 << 20, f"peak {peak:,} bytes"


def test_gzip_and_deflate_bodies_are_decoded(site):
    site.expect_request("/gz").respond_with_data(
        gzip.compress(TEXT.encode()), headers={"Content-Encoding": "gzip"}
    )
    site.expect_request("/deflate").respond_with_data(
        zlib.compress(TEXT.encode()), headers={"Content-Encoding": "deflate"}
    )
    with WebClient(FAST) as client:
        assert client.get(site.url_for("/gz")).body == TEXT.encode()
        assert client.get(site.url_for("/deflate")).body == TEXT.encode()


# --- politeness ------------------------------------------------------------------------


def test_the_user_agent_identifies_pressroom(site):
    site.expect_request("/r").respond_with_data(TEXT)
    with WebClient(FAST) as client:
        client.get(site.url_for("/r"))
    agents = {request.headers.get("User-Agent") for request, _ in site.log}
    assert agents == {USER_AGENT} and USER_AGENT.startswith("pressroom/")


def test_robots_txt_is_obeyed(site, tmp_path):
    site.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    site.expect_request("/private/r").respond_with_data("secret")
    site.expect_request("/public/r").respond_with_data(TEXT)
    with WebClient(FAST) as client:
        refused = client.get(site.url_for("/private/r"))
        allowed = client.get(site.url_for("/public/r"))
    assert "robots.txt disallows" in refused.error and refused.body is None
    assert allowed.ok
    assert "/private/r" not in paths(site)
    assert paths(site).count("/robots.txt") == 1  # read once per host


def test_robots_txt_crawl_delay_spaces_requests(site):
    site.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 0.3\n")
    site.expect_request("/r").respond_with_data(TEXT)
    with WebClient(FAST) as client:
        for _ in range(3):
            client.get(site.url_for("/r"))
    stamps = _request_times(site)
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    assert len(gaps) == 2 and min(gaps) >= 0.25, gaps


def test_robots_unreachable_can_be_strict(site):
    site.expect_request("/robots.txt").respond_with_data("", status=503)
    site.expect_request("/r").respond_with_data(TEXT)
    options = replace(FAST, robots_unreachable="disallow", max_attempts=1)
    with WebClient(options) as client:
        response = client.get(site.url_for("/r"))
    assert not response.ok and "RFC 9309" in response.error
    assert "/r" not in paths(site)


def test_the_per_host_rate_is_kept(site):
    site.expect_request("/r").respond_with_data(TEXT)
    with WebClient(replace(FAST, rate=10.0)) as client:  # 0.1 s apart
        for _ in range(5):
            client.get(site.url_for("/r"))
    stamps = _request_times(site)
    assert stamps[-1] - stamps[0] >= 0.35


def test_concurrent_requests_to_a_host_are_bounded(site):
    lock = threading.Lock()
    state = {"now": 0, "max": 0}

    def slow(request: Request) -> Response:
        with lock:
            state["now"] += 1
            state["max"] = max(state["max"], state["now"])
        time.sleep(0.15)
        with lock:
            state["now"] -= 1
        return Response(TEXT)

    site.expect_request("/r").respond_with_handler(slow)
    from concurrent.futures import ThreadPoolExecutor

    with WebClient(replace(FAST, per_host=2, max_connections=8)) as client:
        with ThreadPoolExecutor(6) as pool:
            results = list(pool.map(lambda _: client.get(site.url_for("/r")), range(6)))
    assert all(r.ok for r in results)
    assert state["max"] <= 2  # 6 at once without the bound


def _request_times(server) -> list[float]:
    """Arrival times of the server's requests (robots.txt excluded), from `_timed`."""
    return [t for path, t in getattr(server, "_stamps", []) if path != "/robots.txt"]
