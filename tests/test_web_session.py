"""A run's fetch batches share one web client (crawler.session): robots.txt is read once
per run however many batches there are, and read again by the next run."""

from __future__ import annotations

import dataclasses
import re
import threading
from importlib.resources import files
from pathlib import Path

import pytest
from werkzeug import Request, Response

from crawler import fetching, session
from crawler.options import FetchOptions
from flows.pipeline import ingest
from tests.web_support import FAST, running_site

pytestmark = pytest.mark.usefixtures("prefect_harness")

SAMPLES = [
    (files("flows") / "sample" / name).read_bytes()
    for name in ("staffordshire-asb-2012.txt", "west-mercia-asb-2012.txt")
]


@pytest.fixture
def server():
    yield from running_site()


def test_robots_txt_is_read_once_a_run_across_batches(server, tmp_path: Path):
    asked: list[str] = []
    documents = [f"/news/{i}.txt" for i in range(5)]

    def handle(request: Request) -> Response:
        asked.append(request.path)
        if request.path == "/robots.txt":
            return Response("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        if request.path == "/feed.xml":
            items = "".join(
                f"<item><title>{p}</title><link>{server.url_for(p)}</link></item>"
                for p in documents
            )
            return Response(
                f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
                f"<link>{server.url_for('/')}</link><description>d</description>{items}"
                "</channel></rss>",
                content_type="application/rss+xml",
            )
        if request.path in documents:
            body = SAMPLES[documents.index(request.path) % 2]
            return Response(body, content_type="text/plain; charset=utf-8")
        return Response("not found", status=404)

    server.expect_request(re.compile(".*")).respond_with_handler(handle)
    warehouse = str(tmp_path / "wh.duckdb")
    feed = server.url_for("/feed.xml")
    first = ingest(sources=[feed], warehouse=warehouse, options=FAST, batch_size=2)
    assert first.counts.n_new == 5
    # Discovery and three fetch batches: one robots.txt.
    assert asked.count("/robots.txt") == 1
    assert sorted(p for p in asked if p.startswith("/news/")) == documents
    second = ingest(sources=[feed], warehouse=warehouse, options=FAST, batch_size=2)
    assert second.counts.n_unchanged == 5
    assert asked.count("/robots.txt") == 2  # the next run reads it again
    assert not session._clients  # the run closed its clients


def test_without_a_session_each_call_has_its_own_client():
    options = FetchOptions()
    with session.client_for(options) as a, session.client_for(options) as b:
        assert a is not b
    with session.run_session():
        with session.client_for(options) as a, session.client_for(options) as b:
            assert a is b
        with session.run_session():  # a second run side by side shares it
            with session.client_for(options) as c:
                assert c is a
        assert session._clients  # still open: the outer run goes on
    assert not session._clients


def test_a_runs_batches_share_one_set_of_fetch_threads(server, tmp_path: Path):
    """Batches side by side bring no threads of their own: no more threads wait on the
    throttle than `max_connections` (each answer used to wake every batch's threads)."""
    documents = [f"/news/{i}.txt" for i in range(24)]
    threads: set[str] = set()

    def handle(request: Request) -> Response:
        if request.path == "/feed.xml":
            items = "".join(f"<item><link>{server.url_for(p)}</link></item>" for p in documents)
            return Response(
                f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
                f"{items}</channel></rss>",
                content_type="application/rss+xml",
            )
        if request.path in documents:
            return Response(SAMPLES[0], content_type="text/plain; charset=utf-8")
        return Response("not found", status=404)

    server.expect_request(re.compile(".*")).respond_with_handler(handle)
    real_fetch = fetching.fetch_http

    def noting_thread(*args, **kwargs):
        threads.add(threading.current_thread().name)
        return real_fetch(*args, **kwargs)

    options = dataclasses.replace(FAST, max_connections=3, per_host=3)
    fetching.fetch_http = noting_thread
    try:
        done = ingest(
            sources=[server.url_for("/feed.xml")],
            warehouse=str(tmp_path / "wh.duckdb"),
            options=options,
            batch_size=2,
        )
    finally:
        fetching.fetch_http = real_fetch
    assert done.counts.n_new == len(documents)
    # Twelve batches of two; their fetches ran on the run's three threads.
    assert 1 < len(threads) <= 3, threads
    assert not session._pools  # the run shut its threads down


def test_without_a_session_each_call_has_its_own_threads():
    options = FetchOptions()
    with session.pool_for(options, 2) as a, session.pool_for(options, 2) as b:
        assert a is not b
    with session.run_session():
        with session.pool_for(options, 2) as a, session.pool_for(options, 2) as b:
            assert a is b
    assert not session._pools
