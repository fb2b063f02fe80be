"""Shared helpers for the crawler tests (tests/test_web_*.py): a threaded HTTP server on
loopback that answers 404 to anything not expected, and fetch options with quick
timeouts and backoffs so no test sleeps for long."""

from __future__ import annotations

from collections.abc import Iterator

from pytest_httpserver import HTTPServer

from crawler.options import FetchOptions

# Quick values: short timeouts, tiny backoffs, no rate limit worth the name.
FAST = FetchOptions(
    timeout=1.0,
    backoff=0.01,
    max_wait=2.0,
    rate=1000.0,
    per_host=8,
    max_connections=8,
)


def serve() -> HTTPServer:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.no_handler_status_code = 404  # a missing robots.txt, as on a real site
    server.start()
    return server


def running_site() -> Iterator[HTTPServer]:
    """For a fixture: `yield from running_site()`."""
    server = serve()
    try:
        yield server
    finally:
        server.clear()
        if server.is_running():
            server.stop()


def paths(server: HTTPServer) -> list[str]:
    """The paths the server was asked for, in order."""
    return [request.path for request, _ in server.log]
