"""Crafted hostile inputs, through the ingest flow as a user meets them: each one gives a
recorded error (or is read safely), the run goes on, and nothing outside the source is read.

Local files are one folder ingested in one run. The HTTP cases run against servers on
loopback: pytest-httpserver, plus a small threaded server of our own for the gzip bomb and
the trickle (they need control of the socket). They are written against what the flow
records (`fetches`, `errors`, the archive), not the crawler's internals.
"""

from __future__ import annotations

import functools
import http.server
import re
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

import warehouse as wh
from flows.pipeline import FetchOptions, ingest

pytestmark = pytest.mark.usefixtures("prefect_harness")

CANARY = "pressroom-canary-7f3a9c: this text lives outside every source"
PASSWD_MARK = "root:x:0:0"
GOOD = (
    "Kent Police has made good progress in how it tackles anti-social behaviour.\n\n"
    "HM Inspector of Constabulary, Jane Doe, said the force had improved.\n"
)
TIME_LIMIT = 30.0  # per-document extraction limit for these runs


def _rows(path: Path, sql: str, *params) -> list[tuple]:
    with wh.connect_reader(path) as con:
        return con.execute(sql, list(params)).fetchall()


def _errors(path: Path) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for url, stage, error in _rows(path, "SELECT url, stage, error FROM errors"):
        found.setdefault(url, []).append((stage, error))
    return found


def _fetches(path: Path) -> dict[str, tuple]:
    rows = _rows(path, "SELECT url, outcome, http_status, error FROM fetches")
    return {r[0]: r[1:] for r in rows}


def assert_actionable(message: str) -> None:
    """A message a person can act on: a sentence, not a bare exception name or repr."""
    assert message and len(message) >= 15, message
    assert not re.fullmatch(r"[A-Za-z_.]*(Error|Exception)(\(.*\))?", message.strip()), message
    assert "Traceback" not in message, message


def assert_nothing_outside_read(warehouse: Path, *marks: str) -> None:
    """No archived blob, extracted text or error message holds text from outside."""
    marks = marks or (CANARY, PASSWD_MARK)
    archive = wh.archive_dir_for(warehouse)
    for blob in archive.rglob("*"):
        if blob.is_file():
            data = blob.read_bytes()
            for mark in marks:
                assert mark.encode() not in data, f"{mark!r} read into the archive ({blob})"
    texts = _rows(
        warehouse, "SELECT coalesce(body_text, '') || coalesce(title, '') FROM release_versions"
    )
    for (text,) in texts:
        for mark in marks:
            assert mark not in text


def _run_status(warehouse: Path) -> str:
    [(status,)] = _rows(warehouse, "SELECT status FROM runs ORDER BY started_at DESC LIMIT 1")
    return status


# --- local files ------------------------------------------------------------------------


def _nested_html(levels: int) -> bytes:
    return (
        b"<!doctype html><html><head><title>Nested</title></head><body>"
        + b"<div>" * levels
        + b"<p>Deep inside, Surrey Police was inspected.</p>"
        + b"</div>" * levels
        + b"</body></html>"
    )


def _big_text(size: int) -> bytes:
    paragraph = (GOOD.replace("\n\n", " ") + "\n\n").encode()
    return paragraph * (size // len(paragraph) + 1)


@pytest.fixture(scope="module")
def local_run(tmp_path_factory, prefect_harness) -> tuple[Path, Path]:
    """One folder of hostile files (and two good ones), ingested once."""
    base = tmp_path_factory.mktemp("hostile")
    outside = base / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(CANARY)
    (outside / "more").mkdir()
    (outside / "more" / "secret2.txt").write_text(CANARY)
    folder = base / "office"
    folder.mkdir()
    pdf = Path(__file__).parent / "data" / "tiny.pdf"
    pdf_bytes = pdf.read_bytes() if pdf.exists() else _fpdf_bytes()
    files = {
        "good.txt": GOOD.encode(),
        "good.pdf": pdf_bytes,
        "zero-bytes.txt": b"",
        "zero-bytes.pdf": b"",
        "truncated.pdf": pdf_bytes[: len(pdf_bytes) // 2],
        "junk.html": bytes(range(256)) * 40,
        "big-50mb.txt": _big_text(50 * 1024 * 1024),
        "invalid-utf8.txt": GOOD.encode() + b"\xff\xfe\xc3\x28 broken \x80\x81 bytes\n",
        "utf16-no-bom.txt": ("Surrey Police has made good progress.\n\n" * 20).encode("utf-16-le"),
        "nested-100000.html": _nested_html(100_000),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "link-to-secret.txt").symlink_to(outside / "secret.txt")
    (folder / "link-to-passwd").symlink_to("/etc/passwd")
    (folder / "link-to-dir").symlink_to(outside / "more", target_is_directory=True)
    (folder / "dangling.txt").symlink_to(base / "nowhere.txt")
    warehouse = base / "wh" / "pressroom.duckdb"
    started = time.monotonic()
    summary = ingest(sources=[str(folder)], warehouse=str(warehouse), time_limit=TIME_LIMIT)
    print(f"hostile folder: {time.monotonic() - started:.1f} s, {summary.counts}")
    return folder, warehouse


def _fpdf_bytes() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, GOOD)
    return bytes(pdf.output())


def _url(folder: Path, name: str) -> str:
    return (folder / name).as_uri()


def test_every_regular_file_is_fetched_and_the_run_finishes(local_run):
    folder, warehouse = local_run
    fetches = _fetches(warehouse)
    for path in folder.iterdir():
        if not path.is_symlink():
            assert path.as_uri() in fetches, path.name
    assert _run_status(warehouse) == "finished_with_errors"
    assert fetches[_url(folder, "good.txt")][0] == "new"
    assert fetches[_url(folder, "good.pdf")][0] == "new"


@pytest.mark.parametrize(
    "name, stage, says",
    [
        ("zero-bytes.txt", "extract", "empty file (0 bytes)"),
        ("zero-bytes.pdf", "extract", "empty file (0 bytes)"),
        ("truncated.pdf", "extract", "corrupt or truncated PDF"),
        ("junk.html", "extract", "binary data"),
    ],
)
def test_unreadable_files_are_recorded_with_a_reason(local_run, name, stage, says):
    folder, warehouse = local_run
    [(got_stage, error)] = _errors(warehouse)[_url(folder, name)]
    assert got_stage == stage and says in error
    assert_actionable(error)
    assert _fetches(warehouse)[_url(folder, name)][0] == "error"


def test_odd_encodings_are_read(local_run):
    folder, warehouse = local_run
    body = dict(_rows(warehouse, "SELECT url, body_text FROM releases"))
    assert "Surrey Police has made good progress" in body[_url(folder, "utf16-no-bom.txt")]
    assert "\x00" not in body[_url(folder, "utf16-no-bom.txt")]
    assert "Kent Police has made good progress" in body[_url(folder, "invalid-utf8.txt")]


@pytest.mark.parametrize("name", ["big-50mb.txt", "nested-100000.html"])
def test_huge_or_deep_documents_are_read_or_refused_clearly(local_run, name):
    """Either outcome is fine: read (within the time limit), or an error saying why."""
    folder, warehouse = local_run
    url = _url(folder, name)
    outcome = _fetches(warehouse)[url][0]
    if outcome == "error":
        [(_, error)] = _errors(warehouse)[url]
        assert_actionable(error)
    else:
        assert outcome == "new"
        [(text,)] = _rows(warehouse, "SELECT body_text FROM releases WHERE url = ?", url)
        assert "police" in text.lower()


@pytest.mark.parametrize("name", ["link-to-secret.txt", "link-to-passwd", "link-to-dir"])
def test_symlinks_out_of_the_folder_are_refused_and_recorded(local_run, name):
    folder, warehouse = local_run
    errors = _errors(warehouse).get(_url(folder, name))
    assert errors, f"no error recorded for {name}"
    [(stage, error)] = errors
    assert stage == "discover" and "outside the source folder" in error
    assert _url(folder, name) not in _fetches(warehouse)


def test_nothing_outside_the_folder_is_read(local_run):
    _, warehouse = local_run
    assert_nothing_outside_read(warehouse)
    urls = [u for (u,) in _rows(warehouse, "SELECT url FROM fetches")]
    assert not any("outside" in u or "passwd" in u for u in urls)


def test_the_archive_and_warehouse_stay_sound(local_run):
    from warehouse.check import check_warehouse

    _, warehouse = local_run
    assert check_warehouse(warehouse).faults == []


def _slow_pdf(lines: int, per_line: int = 1000) -> bytes:
    """A valid one-page PDF of ~1 KiB whose page holds lines x per_line characters: tiny,
    but pdfminer builds an object per character (~40,000 a second here)."""
    line = b"(" + b"x" * per_line + b") Tj 0 -1 Td\n"
    content = zlib.compress(b"BT /F1 1 Tf 0 800 Td\n" + line * lines + b"ET\n")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_no_single_file_stalls_a_run(tmp_path: Path, warehouse_path: Path):
    """The per-document time limit is enforced: a 1 KiB PDF that would take most of a
    minute to read is stopped at the limit, recorded, and the rest of the run goes on."""
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "slow.pdf").write_bytes(_slow_pdf(lines=1500))
    (folder / "good.txt").write_text(GOOD)
    summary = ingest(sources=[str(folder)], warehouse=str(warehouse_path), time_limit=1.0)
    assert (summary.counts.n_new, summary.counts.n_failed) == (1, 1)
    [(stage, error)] = _errors(warehouse_path)[(folder / "slow.pdf").as_uri()]
    assert stage == "extract" and "longer than the 1 s limit" in error
    assert_actionable(error)


# --- over HTTP --------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_robots(request) -> None:
    """A site without robots.txt answers 404 (pytest-httpserver answers 500 to anything
    unexpected, which the crawler rightly retries)."""
    if "httpserver" in request.fixturenames:
        server = request.getfixturevalue("httpserver")
        server.expect_request("/robots.txt").respond_with_data("", status=404)


def _ingest_url(url: str, warehouse: Path, **options) -> float:
    started = time.monotonic()
    ingest(
        sources=[url],
        warehouse=str(warehouse),
        options=FetchOptions(**options) if options else None,
        time_limit=TIME_LIMIT,
    )
    elapsed = time.monotonic() - started
    for error_url, errors in _errors(warehouse).items():
        for stage, error in errors:
            print(f"[{elapsed:.1f} s] {stage} {error_url}: {error}")
    return elapsed


def test_binary_junk_served_as_html(httpserver, warehouse_path: Path):
    httpserver.expect_request("/junk.html").respond_with_data(
        bytes(range(256)) * 64, content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for("/junk.html")
    _ingest_url(url, warehouse_path)
    [(stage, error)] = _errors(warehouse_path)[url]
    assert stage == "extract" and "binary data" in error
    assert_actionable(error)
    assert _fetches(warehouse_path)[url][:2] == ("error", 200)


def test_a_redirect_loop(httpserver, warehouse_path: Path):
    httpserver.expect_request("/loop/a").respond_with_data(
        "", status=302, headers={"Location": "/loop/b"}
    )
    httpserver.expect_request("/loop/b").respond_with_data(
        "", status=302, headers={"Location": "/loop/a"}
    )
    url = httpserver.url_for("/loop/a")
    _ingest_url(url, warehouse_path)
    [(stage, error)] = _errors(warehouse_path)[url]
    assert stage == "fetch" and "redirect" in error.lower()
    assert_actionable(error)
    # Bounded: a handful of hops, not an endless chase.
    assert len(httpserver.log) <= 30


BILLION_LAUGHS = b"""<?xml version="1.0"?>
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
<rss version="2.0"><channel><title>&lol9;</title>
<link>http://example.invalid/</link><description>Press releases</description>
<item><title>&lol9;</title><link>{item}</link><description>&lol9;</description></item>
</channel></rss>
"""


def test_an_entity_expansion_feed(httpserver, warehouse_path: Path):
    item = httpserver.url_for("/news/release-1")
    httpserver.expect_request("/feed.xml").respond_with_data(
        BILLION_LAUGHS.replace(b"{item}", item.encode()),
        content_type="application/rss+xml",
    )
    httpserver.expect_request("/news/release-1").respond_with_data(
        GOOD, content_type="text/plain; charset=utf-8"
    )
    url = httpserver.url_for("/feed.xml")
    _ingest_url(url, warehouse_path)
    # The entities were never expanded: nothing stored holds a run of laughs.
    lengths = _rows(
        warehouse_path,
        "SELECT max(length(coalesce(body_text, '') || coalesce(title, ''))) FROM release_versions",
    )
    assert (lengths[0][0] or 0) < 100_000
    assert_nothing_outside_read(warehouse_path, "lollollollollollollollollollollollollollol")
    errors = _errors(warehouse_path).get(url)
    assert errors, "the feed's entity declarations should be refused with a recorded error"
    for _, error in errors:
        assert_actionable(error)


@functools.cache
def _gzip_bomb(megabytes: int) -> bytes:
    """A gzip stream of `megabytes` MiB of zeros, about 1 KiB per MiB: identical deflate
    blocks (a full flush resets the compressor, so each MiB compresses the same)."""
    chunk = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    size = (megabytes << 20) & 0xFFFFFFFF
    return header + block * megabytes + tail + struct.pack("<II", crc, size)


class _HostileHandler(http.server.BaseHTTPRequestHandler):
    bomb: bytes = b""
    trickle_seconds = 12.0  # the trickle stops by itself after this
    asked: list[str] = []  # paths requested

    def log_message(self, *args) -> None:  # quiet
        pass

    def _trickle(self, piece: bytes) -> None:
        deadline = time.monotonic() + self.trickle_seconds
        try:
            while time.monotonic() < deadline:
                self.wfile.write(piece)
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:  # the client gave up: good
            pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.asked.append(self.path)
        if self.path == "/bomb.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(self.bomb)))
            self.end_headers()
            self.wfile.write(self.bomb)
        elif self.path == "/trickle.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self._trickle(b"<")
        elif self.path == "/trickle-headers.html":
            # The status line, then a header line every 0.2 s, never ending the headers.
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self._trickle(b"X-Slow: 1\r\n")
        else:
            self.send_error(404)


@pytest.fixture
def hostile_server() -> Iterator[str]:
    _HostileHandler.bomb = _gzip_bomb(1024)  # 1 GiB decompressed, ~1 MiB on the wire
    _HostileHandler.asked = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _HostileHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_gzip_bomb(hostile_server: str, warehouse_path: Path):
    url = f"{hostile_server}/bomb.html"
    _ingest_url(url, warehouse_path)
    [(stage, error)] = _errors(warehouse_path)[url]
    assert stage == "fetch"
    assert_actionable(error)
    assert re.search(r"limit|too large|compress|bomb", error, re.IGNORECASE), error
    # Nothing near the decompressed size reached the archive.
    sizes = [p.stat().st_size for p in wh.archive_dir_for(warehouse_path).rglob("*") if p.is_file()]
    assert sum(sizes) < 200 * 1024 * 1024


@pytest.mark.parametrize("path", ["/trickle.html", "/trickle-headers.html"])
def test_a_server_that_trickles_bytes(hostile_server: str, warehouse_path: Path, path: str):
    """Each byte (of the body, or of the headers) comes well within the 1 s read timeout:
    only the whole-request deadline (3 x timeout) stops it. Without it the fetch would
    read until the server gives up (12 s), fail as a broken connection, and be retried."""
    url = f"{hostile_server}{path}"
    _ingest_url(url, warehouse_path, timeout=1.0)
    [(stage, error)] = _errors(warehouse_path)[url]
    assert stage == "fetch"
    assert "took longer than the 3 s limit for a whole request" in error, error
    assert_actionable(error)
    assert _fetches(warehouse_path)[url][0] == "error"
    assert _HostileHandler.asked.count(path) == 1  # cut off once, not retried


@pytest.fixture
def bystander() -> Iterator:
    """Another server on loopback, on another port: it must receive nothing."""
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", port=0)
    server.expect_request(re.compile(".*")).respond_with_data(CANARY)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        if server.is_running():
            server.stop()


def test_a_listing_linking_to_local_files_and_other_ports(
    httpserver, bystander, warehouse_path: Path
):
    other = f"http://127.0.0.1:{bystander.port}"
    hostile_links = [
        "file:///etc/passwd",
        f"{other}/secret.html",
        f"http://localhost:{bystander.port}/secret2.html",
    ]
    links = "".join(f'<li><a href="{u}">Release {i}</a></li>' for i, u in enumerate(hostile_links))
    release = httpserver.url_for("/news/release-1.html")
    httpserver.expect_request("/news/").respond_with_data(
        "<!doctype html><html><head><title>News</title></head><body><h1>News</h1><ul>"
        f'<li><a href="{release}">Kent Police inspection</a></li>{links}</ul></body></html>',
        content_type="text/html; charset=utf-8",
    )
    httpserver.expect_request("/news/release-1.html").respond_with_data(
        f"<!doctype html><html><head><title>Kent</title></head><body><p>{GOOD}</p></body></html>",
        content_type="text/html; charset=utf-8",
    )
    url = httpserver.url_for("/news/")
    _ingest_url(url, warehouse_path)
    # Nothing outside the source was read...
    assert bystander.log == [], "a server on another port was contacted"
    assert_nothing_outside_read(warehouse_path)
    fetched = _fetches(warehouse_path)
    for link in hostile_links:
        assert fetched.get(link, ("error",))[0] == "error", link
    # ...the run went on to the real release...
    assert fetched.get(release, (None,))[0] == "new", fetched
    # ...and each refused link is recorded.
    errors = _errors(warehouse_path)
    for link in hostile_links:
        assert link in errors, f"no error recorded for the refused link {link}"
        for _, error in errors[link]:
            assert_actionable(error)


def test_a_redirect_to_another_port_is_not_followed(httpserver, bystander, warehouse_path: Path):
    target = f"http://127.0.0.1:{bystander.port}/secret.html"
    httpserver.expect_request("/news/moved").respond_with_data(
        "", status=302, headers={"Location": target}
    )
    url = httpserver.url_for("/news/moved")
    _ingest_url(url, warehouse_path)
    assert bystander.log == [], "the redirect to another port was followed"
    assert_nothing_outside_read(warehouse_path)
    [(stage, error)] = _errors(warehouse_path)[url]
    assert stage == "fetch"
    assert_actionable(error)


# --- a folder that changes between discovery and fetch ----------------------------------


def test_a_file_swapped_for_a_link_or_a_pipe_after_discovery_is_not_read(tmp_path: Path):
    """Discovery refuses links out of the folder; the fetch looks again, so a file replaced
    in between (by a link to a secret, or a pipe whose read would never end) is refused."""
    import os

    from crawler.fetching import fetch_local
    from crawler.sources import discover_path, parse_source

    secret = tmp_path / "secret.txt"
    secret.write_text(CANARY)
    folder = tmp_path / "office"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(GOOD)
    candidates, errors = discover_path(parse_source(str(folder)))
    assert len(candidates) == 3 and errors == []
    (folder / "a.txt").unlink()
    (folder / "a.txt").symlink_to(secret)
    (folder / "b.txt").unlink()
    os.mkfifo(folder / "b.txt")
    archive = wh.Archive(tmp_path / "archive")
    results = {Path(c.path).name: fetch_local(c, archive, None) for c in candidates}
    assert results["a.txt"].status == "error"
    assert "outside the source folder" in results["a.txt"].error
    assert results["b.txt"].status == "error" and "not a regular file" in results["b.txt"].error
    assert results["c.txt"].status == "ok"
    blobs = [p.read_bytes() for p in archive.root.rglob("*") if p.is_file()]
    assert blobs == [GOOD.encode()]


def test_a_listed_release_that_redirects_to_another_port_is_not_followed(
    httpserver, bystander, warehouse_path: Path
):
    """The listing's link is on the site; only its redirect leaves it. The document fetch
    checks every hop as discovery does."""
    target = f"http://127.0.0.1:{bystander.port}/secret.html"
    httpserver.expect_request("/news/moved").respond_with_data(
        "", status=302, headers={"Location": target}
    )
    httpserver.expect_request("/feed.xml").respond_with_data(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        f"<link>{httpserver.url_for('/')}</link><description>d</description>"
        f"<item><title>Moved</title><link>{httpserver.url_for('/news/moved')}</link></item>"
        "</channel></rss>",
        content_type="application/rss+xml",
    )
    _ingest_url(httpserver.url_for("/feed.xml"), warehouse_path)
    assert bystander.log == [], "the redirect to another port was followed"
    assert_nothing_outside_read(warehouse_path)
    url = httpserver.url_for("/news/moved")
    [(stage, error)] = _errors(warehouse_path)[url]
    assert stage == "fetch" and "leaves the source's site" in error, error
    assert_actionable(error)


def test_a_listed_release_may_redirect_to_a_host_in_allow_hosts(
    httpserver, bystander, warehouse_path: Path, tmp_path: Path
):
    """The redirect check of the fetch stage uses the source's allow_hosts, as discovery
    does: a release that moved to an allowed host is read there."""
    bystander.clear()
    bystander.expect_request("/robots.txt").respond_with_data("", status=404)
    bystander.expect_request("/files/release.txt").respond_with_data(
        GOOD, content_type="text/plain; charset=utf-8"
    )
    target = f"http://127.0.0.1:{bystander.port}/files/release.txt"
    httpserver.expect_request("/news/moved").respond_with_data(
        "", status=302, headers={"Location": target}
    )
    httpserver.expect_request("/feed.xml").respond_with_data(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        f"<link>{httpserver.url_for('/')}</link><description>d</description>"
        f"<item><title>Moved</title><link>{httpserver.url_for('/news/moved')}</link></item>"
        "</channel></rss>",
        content_type="application/rss+xml",
    )
    config = tmp_path / "sources.toml"
    config.write_text(
        f'[[source]]\nurl = "{httpserver.url_for("/feed.xml")}"\n'
        f'allow_hosts = ["127.0.0.1:{bystander.port}"]\n'
    )
    ingest(warehouse=str(warehouse_path), config=str(config), time_limit=TIME_LIMIT)
    assert _errors(warehouse_path) == {}
    assert _fetches(warehouse_path)[target][0] == "new"
