"""The slow-server case: pressroom, with its default settings, against a press office that
answers every request 100-300 ms late and now and then 503 with a Retry-After.

    python -m benchmarks.slow_server              # 336 documents, about a minute
    python -m benchmarks.slow_server --n 60       # a quicker look

The site is the 112 real releases of ../shared/devset, each as an HTML page, a PDF and a
plain-text file (analysis.renditions makes the HTML and PDF; rendered once and cached in
benchmarks/out/), listed in one RSS feed. It is served by a threaded http.server in a
process of its own, which watches what a polite crawler must not do and reports it:

* the most requests in flight at once (the limit is `per_host`, 2 by default);
* every 503 it sent with its Retry-After, and any request that arrived before that
  Retry-After had passed. A request that arrives within GRACE seconds of the 503 leaving
  was already on its way (sent before the client could have read the 503) and is shown
  apart; any later one breaks the server's request.

Then it checks that nothing was lost: every document in the warehouse, no errors left.
The exit status is 0 only when all of that holds. `run()` returns the figures as a dict
for benchmarks.run.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import multiprocessing
import random
import sys
import tempfile
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
DEVSET = REPO.parent / "shared" / "devset"
CACHE = Path(__file__).resolve().parent / "out" / "slow-server-site"
FORMATS = ("html", "pdf", "txt")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
}
GRACE = 0.05  # seconds after a 503 left in which a request may already have been on its way
STATS_PATH = "/__stats"  # the benchmark's own question to the server; not counted


# --------------------------------------------------------------------------- the site


def _releases() -> list[tuple[str, str, str]]:
    """(name, title, text) of every devset release (the text as published)."""
    out = []
    for path in sorted(DEVSET.glob("*.txt")):
        text = path.read_text("utf-8")
        if text.startswith("URL:"):
            text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.strip()
        if text:
            out.append((path.stem, text.split("\n", 1)[0].strip(), text))
    return out


def _site_version() -> str:
    digest = hashlib.sha256((REPO / "analysis" / "renditions.py").read_bytes())
    for path in sorted(DEVSET.glob("*.txt")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def build_site(n: int | None = None, cache: Path = CACHE) -> Path:
    """The first `n` documents (see `documents`) rendered under `cache`, once."""
    if not DEVSET.is_dir():
        raise SystemExit(f"{DEVSET} is not there: the slow-server case serves its releases")
    version = _site_version()
    stamp = cache / "VERSION"
    if not stamp.is_file() or stamp.read_text() != version:
        if cache.is_dir():
            for old in cache.iterdir():
                old.unlink()
        cache.mkdir(parents=True, exist_ok=True)
        releases = _releases()
        titles = {name: title for name, title, _ in releases}
        (cache / "titles.json").write_text(json.dumps(titles, indent=0))
        stamp.write_text(version)
    texts = {name: text for name, _, text in _releases()}
    for path, title in documents(cache, n):
        file = cache / path.rsplit("/", 1)[1]
        if file.is_file():
            continue
        from analysis.renditions import render_html, render_pdf

        name, fmt = file.stem, file.suffix[1:]
        text = texts[name]
        if fmt == "html":
            data = render_html(text, title=title)
        elif fmt == "pdf":
            data = render_pdf(text, title=title)
        else:
            data = text.encode("utf-8")
        file.write_bytes(data)
    return cache


def documents(root: Path, n: int | None) -> list[tuple[str, str]]:
    """(path, title) of the first `n` documents: all releases as HTML, then as PDF, then
    as text (all of them, 3 x 112, when `n` is None)."""
    titles = json.loads((root / "titles.json").read_text())
    names = sorted(titles)
    every = [(f"/releases/{name}.{fmt}", titles[name]) for fmt in FORMATS for name in names]
    return every if n is None else every[:n]


def _feed(base: str, docs: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{html.escape(title)}</title><link>{base}{path}</link>"
        f'<guid isPermaLink="true">{base}{path}</guid></item>\n'
        for path, title in docs
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n'
        f"<title>Slow press office</title><link>{base}/</link>"
        f"<description>Press releases</description>\n{items}</channel></rss>\n"
    ).encode()


# --------------------------------------------------------------------------- the server


class SlowServer(ThreadingHTTPServer):
    """Answers late, sometimes 503 + Retry-After, and watches the client."""

    daemon_threads = True
    request_queue_size = 64

    def __init__(
        self,
        root: Path,
        docs: list[tuple[str, str]],
        latency: tuple[float, float],
        busy_every: int,
        retry_after: tuple[float, ...],
        seed: int = 14,
    ):
        super().__init__(("127.0.0.1", 0), _SlowHandler)
        self.root = root
        self.paths = {path for path, _ in docs}
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.feed = _feed(self.base, docs)
        self.latency = latency
        self.busy_every = busy_every
        self.retry_after = retry_after
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.in_flight = 0
        self.most_in_flight = 0
        self.arrivals: list[float] = []
        self.busy_sent: list[tuple[float, float, str]] = []  # (sent at, Retry-After, path)
        self.busy_paths: set[str] = set()
        self.served = 0

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # a client closing an idle keep-alive connection
        super().handle_error(request, client_address)

    def arrive(self) -> tuple[int, float]:
        with self.lock:
            number = len(self.arrivals)
            self.arrivals.append(time.monotonic())
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            return number, self.rng.uniform(*self.latency)

    def busy_answer(self, number: int, path: str) -> float | None:
        """The Retry-After to answer `path` with, or None to answer it. A path is answered
        503 once at most, so the client's retries always get through."""
        if self.busy_every <= 0 or path == "/robots.txt":
            return None
        with self.lock:
            if number % self.busy_every != 1 or path in self.busy_paths:
                return None
            self.busy_paths.add(path)
            return self.retry_after[len(self.busy_sent) % len(self.retry_after)]

    def stats(self) -> dict:
        with self.lock:
            arrivals = sorted(self.arrivals)
            busy = list(self.busy_sent)
        on_their_way = early = 0
        honoured = []
        for sent, retry_after, _ in busy:
            after = [t - sent for t in arrivals if t > sent]
            on_their_way += sum(1 for d in after if d <= GRACE)
            soonest = min(after) if after else None
            too_soon = sum(1 for d in after if GRACE < d < retry_after)
            early += too_soon
            later = [d for d in after if d > GRACE]
            honoured.append(
                {
                    "retry_after": retry_after,
                    "early": too_soon,
                    "first_request_after": soonest,
                    "next_request_after": min(later) if later else None,
                }
            )
        return {
            "requests": len(arrivals),
            "most_in_flight": self.most_in_flight,
            "served_documents": self.served,
            "busy": honoured,
            "on_their_way": on_their_way,
            "early": early,
        }


class _SlowHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: SlowServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        path = unquote(urlsplit(self.path).path)
        if path == STATS_PATH:
            return self._send(HTTPStatus.OK, json.dumps(self.server.stats()).encode(), "json")
        number, delay = self.server.arrive()
        try:
            time.sleep(delay)
            retry_after = self.server.busy_answer(number, path)
            if retry_after is not None:
                self._send(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    b"busy, come back later\n",
                    "txt",
                    {"Retry-After": f"{retry_after:g}"},
                )
                with self.server.lock:
                    self.server.busy_sent.append((time.monotonic(), retry_after, path))
                return
            if path == "/feed.xml":
                return self._send(HTTPStatus.OK, self.server.feed, "xml")
            if path in self.server.paths:
                data = (self.server.root / path.rsplit("/", 1)[1]).read_bytes()
                self._send(HTTPStatus.OK, data, path.rsplit(".", 1)[1])
                with self.server.lock:
                    self.server.served += 1
                return
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "txt")
        finally:
            with self.server.lock:
                self.server.in_flight -= 1

    def _send(
        self, status: HTTPStatus, body: bytes, kind: str, headers: dict | None = None
    ) -> None:
        self.send_response(status)
        ctype = CONTENT_TYPES.get(kind, f"application/{kind}; charset=utf-8")
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)  # unbuffered: on the socket when this returns


def _serve(conn, root: str, n: int | None, latency, busy_every, retry_after) -> None:
    server = SlowServer(Path(root), documents(Path(root), n), latency, busy_every, retry_after)
    conn.send(server.base)
    server.serve_forever(poll_interval=0.1)


class ServedElsewhere:
    """The slow server in a process of its own (it shares no GIL with pressroom)."""

    def __init__(self, root: Path, n, latency, busy_every, retry_after):
        ctx = multiprocessing.get_context("spawn")
        ours, theirs = ctx.Pipe()
        self.process = ctx.Process(
            target=_serve,
            args=(theirs, str(root), n, latency, busy_every, retry_after),
            daemon=True,
        )
        self.process.start()
        if not ours.poll(60):
            self.close()
            raise RuntimeError("the slow server did not start")
        self.base: str = ours.recv()

    def stats(self) -> dict:
        import httpx

        return httpx.get(self.base + STATS_PATH, timeout=10).json()

    def close(self) -> None:
        self.process.terminate()
        self.process.join(10)


# --------------------------------------------------------------------------- the run


def run(
    n: int | None = None,
    latency: tuple[float, float] = (0.1, 0.3),
    busy_every: int = 30,
    retry_after: tuple[float, ...] = (1.0, 2.0),
    workdir: Path | None = None,
    options=None,
    cache: Path = CACHE,
) -> dict:
    """Serve the slow site, ingest its feed with default settings (or `options`), and
    return what the server saw, how long it took and what reached the warehouse."""
    import warehouse as wh
    from crawler.client import throttle_of
    from crawler.options import FetchOptions
    from flows.pipeline import ingest

    options = options or FetchOptions()
    root = build_site(n, cache)
    docs = documents(root, n)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        served = ServedElsewhere(root, n, latency, busy_every, retry_after)
        try:
            warehouse = Path(tmp) / "slow.duckdb"
            t0 = time.perf_counter()
            summary = ingest(
                sources=[served.base + "/feed.xml"], warehouse=str(warehouse), options=options
            )
            wall = time.perf_counter() - t0
            server = served.stats()
        finally:
            served.close()
        host = served.base.split("://", 1)[1]
        client = throttle_of(options).stats(host)
        [[active]] = wh.run_query(
            warehouse, "SELECT count(*) FROM documents WHERE status = 'active'"
        ).rows
        [[errors]] = wh.run_query(
            warehouse, f"SELECT count(*) FROM errors WHERE run_id = '{summary.run_id}'"
        ).rows
    c = summary.counts
    result = {
        "documents": len(docs),
        "latency_s": list(latency),
        "per_host": options.per_host,
        "wall_s": wall,
        "server": server,
        "client": {
            "max_in_flight": client.max_in_flight,
            "requests": client.requests,
            "failures": client.failures,
            "deferrals": client.deferrals,
            "deferred_s": client.deferred_s,
            "delay_at_end_s": client.delay,
            "latency_s": client.latency,
        },
        "warehouse": {
            "active": active,
            "new": c.n_new,
            "failed": c.n_failed,
            "errors": errors,
        },
    }
    busy = server["busy"]
    result["checks"] = {
        "in_flight_within_per_host": server["most_in_flight"] <= options.per_host,
        "every_retry_after_honoured": server["early"] == 0
        and all(
            b["next_request_after"] is None or b["next_request_after"] >= b["retry_after"]
            for b in busy
        ),
        "nothing_lost": active == len(docs) and c.n_failed == 0 and errors == 0,
    }
    if busy_every > 0:
        result["checks"]["some_503s_sent"] = bool(busy)
    return result


def _soonest(busy: list[dict]) -> str:
    within = [b["first_request_after"] for b in busy]
    within = [d for d in within if d is not None and d <= GRACE]
    return f", the latest {max(within) * 1000:.1f} ms after it" if within else ""


def report(result: dict) -> str:
    s, cl, w = result["server"], result["client"], result["warehouse"]
    busy = s["busy"]
    asked = sum(b["retry_after"] for b in busy)
    margins = [b["next_request_after"] - b["retry_after"] for b in busy if b["next_request_after"]]
    lines = [
        f"slow server: {result['documents']} documents, every answer "
        f"{result['latency_s'][0] * 1000:.0f}-{result['latency_s'][1] * 1000:.0f} ms late, "
        f"{len(busy)} answered 503 + Retry-After ({asked:g} s asked in all)",
        f"  total time                 {result['wall_s']:.1f} s "
        f"({s['requests']} requests seen by the server)",
        f"  most in flight (server)    {s['most_in_flight']} (per_host = {result['per_host']}; "
        f"the throttle counted {cl['max_in_flight']})",
        f"  Retry-After honoured       {sum(not b['early'] for b in busy)}/{len(busy)}: "
        f"requests before it passed: {s['early']}; already on their way when the 503 left "
        f"(within {GRACE * 1000:.0f} ms): {s['on_their_way']}{_soonest(busy)}",
    ]
    if margins:
        lines.append(
            f"  next request after a 503   {min(margins):+.2f} to {max(margins):+.2f} s "
            "past its Retry-After"
        )
    lines += [
        f"  throttle                   {cl['failures']} failures, {cl['deferrals']} "
        f"Retry-After waits ({cl['deferred_s']:.1f} s held back), delay at the end "
        f"{cl['delay_at_end_s'] * 1000:.0f} ms, latency {1000 * (cl['latency_s'] or 0):.0f} ms",
        f"  warehouse                  {w['active']} active documents of "
        f"{result['documents']}, {w['new']} new, {w['failed']} failed, {w['errors']} errors",
    ]
    for name, ok in result["checks"].items():
        lines.append(f"  {'ok  ' if ok else 'FAIL'} {name.replace('_', ' ')}")
    return "\n".join(lines)


def _start_prefect() -> None:
    """Run an empty flow, so Prefect's start-up is not counted in the ingest's time."""
    from prefect import flow

    @flow(name="warm-up", persist_result=False)
    def warm_up() -> None:
        return None

    warm_up()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=None, help="documents (default: all 336)")
    parser.add_argument("--busy-every", type=int, default=30, help="about 1 in N answers is 503")
    parser.add_argument(
        "--latency",
        type=float,
        nargs=2,
        default=(0.1, 0.3),
        metavar=("LO", "HI"),
        help="each answer is late by a random LO-HI seconds (default 0.1 0.3)",
    )
    parser.add_argument(
        "--rate", type=float, help="set [crawler] rate (a cap; default: none, the pace adapts)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    from flows.prefect_env import configure

    configure()
    import os

    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    t0 = time.perf_counter()
    _start_prefect()
    print(f"Prefect started in {time.perf_counter() - t0:.1f} s (not counted below)")
    from crawler.options import FetchOptions

    options = FetchOptions(rate=args.rate)
    result = run(n=args.n, latency=tuple(args.latency), busy_every=args.busy_every, options=options)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 0 if all(result["checks"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
