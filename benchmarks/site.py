"""A synthetic press office for the benchmark: N documents (a third each HTML, PDF and
plain text), an RSS feed and a sitemap listing all of them, served on loopback with
ETag / Last-Modified and 304 support.

Documents are made deterministically from the bundled sample releases
(flows/sample/*.txt) and the development set (../shared/devset/*.txt, when present):
force names, dates, reference numbers and figures are varied per document so no two
texts are alike. HTML and PDF come from analysis.renditions (the project's realistic page
and multi-page PDF renderers) when it is there, else from a plain template and fpdf2.

The generated site is written to disk once per (N, generator version) and reused; each
benchmark run serves a hard-linked working copy, so "changing 5% of documents" replaces
files in the copy and never touches the cached original.

    python -m benchmarks.site generate --n 300 --out benchmarks/out/site-300
    python -m benchmarks.site serve --root benchmarks/out/site-300 --port 8000
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import hashlib
import html
import json
import os
import random
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

GENERATOR_VERSION = 1
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FORMATS = ("html", "pdf", "txt")
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
}

FORCES = [
    "Avon and Somerset Constabulary",
    "Bedfordshire Police",
    "Cambridgeshire Constabulary",
    "Cheshire Constabulary",
    "Cleveland Police",
    "Cumbria Constabulary",
    "Derbyshire Constabulary",
    "Devon and Cornwall Police",
    "Dorset Police",
    "Durham Constabulary",
    "Dyfed-Powys Police",
    "Essex Police",
    "Gloucestershire Constabulary",
    "Greater Manchester Police",
    "Gwent Police",
    "Hampshire Constabulary",
    "Hertfordshire Constabulary",
    "Humberside Police",
    "Kent Police",
    "Lancashire Constabulary",
    "Leicestershire Police",
    "Lincolnshire Police",
    "Merseyside Police",
    "Metropolitan Police Service",
    "Norfolk Constabulary",
    "North Wales Police",
    "North Yorkshire Police",
    "Northamptonshire Police",
    "Northumbria Police",
    "Nottinghamshire Police",
    "South Wales Police",
    "South Yorkshire Police",
    "Staffordshire Police",
    "Suffolk Constabulary",
    "Surrey Police",
    "Sussex Police",
    "Thames Valley Police",
    "Warwickshire Police",
    "West Mercia Police",
    "West Midlands Police",
    "West Yorkshire Police",
    "Wiltshire Police",
]
_FORCE_RE = re.compile("|".join(re.escape(f) for f in sorted(FORCES, key=len, reverse=True)))
_REFERENCE_RE = re.compile(r"\b(\d{3})/(20\d\d)\b")
_YEAR_RE = re.compile(r"\b(20[01]\d)\b")
_PERCENT_RE = re.compile(r"\b(\d{1,2})(%| per cent)")
_MONTHS = (
    "January February March April May June July August September October November December"
).split()


# --------------------------------------------------------------------------- texts


def base_texts() -> list[tuple[str, str]]:
    """(name, text) of every bundled release: the samples, then the devset when present."""
    texts = []
    for path in sorted((REPO / "flows" / "sample").glob("*.txt")):
        texts.append((path.stem, path.read_text("utf-8").strip()))
    devset = SHARED / "devset"
    if devset.is_dir():
        for path in sorted(devset.glob("*.txt")):
            text = path.read_text("utf-8")
            if text.startswith("URL:"):
                text = text.split("\n", 1)[1] if "\n" in text else ""
            texts.append((path.stem, text.strip()))
    return [(name, text) for name, text in texts if text]


def vary(text: str, rng: random.Random, serial: int) -> tuple[str, str]:
    """A variant of a release: other forces, dates, reference and figures. Returns the
    title (its first line) and the text."""
    force_map: dict[str, str] = {}

    def force(match: re.Match) -> str:
        return force_map.setdefault(match.group(0), rng.choice(FORCES))

    text = _FORCE_RE.sub(force, text)
    year = rng.randint(2009, 2023)
    text = _REFERENCE_RE.sub(lambda m: f"{serial % 1000:03d}/{year}", text)
    text = _YEAR_RE.sub(lambda m: str(int(m.group(1)) + rng.randint(-1, 1)), text)
    text = _PERCENT_RE.sub(lambda m: f"{rng.randint(5, 95)}{m.group(2)}", text)
    day = f"{rng.randint(1, 28)} {rng.choice(_MONTHS)} {year}"
    lines = text.split("\n")
    title = lines[0].strip().lstrip("#").strip() or f"Press release {serial}"
    body = "\n".join(lines[1:]).strip()
    text = f"{title}\n\nPublished {day}\n\n{body}\n\nDocument {serial}.\n"
    return title, text


def document_text(texts: list[tuple[str, str]], i: int, revision: int = 0) -> tuple[str, str]:
    """Title and text of document `i` (at `revision`; 0 is the first publication)."""
    rng = random.Random(f"pressroom-bench-{i}")
    _, text = texts[i % len(texts)]
    title, text = vary(text, rng, i)
    if fmt_of(i) == "pdf":
        # Real PDF releases carry background and notes over several pages.
        _, extra = texts[(i * 7 + 3) % len(texts)]
        _, extra = vary(extra, rng, i)
        text = text + "\nBackground\n\n" + extra.split("\n", 2)[-1]
    if revision:
        text = text.rstrip() + f"\n\nCorrection {revision}: figures updated on review.\n"
    return title, text


def fmt_of(i: int) -> str:
    return FORMATS[i % 3]


def rel_path(i: int) -> str:
    return f"releases/{i // 1000:03d}/release-{i:06d}.{fmt_of(i)}"


# --------------------------------------------------------------------------- renditions


def _render_html(text: str, title: str) -> bytes:
    try:
        from analysis.renditions import render_html
    except ImportError:
        return _fallback_html(text, title)
    return render_html(text, title=title)


def _render_pdf(text: str, title: str) -> bytes:
    try:
        from analysis.renditions import render_pdf
    except ImportError:
        return _fallback_pdf(text, title)
    return render_pdf(text, title=title)


def _fallback_html(text: str, title: str) -> bytes:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()][1:]
    nav = "".join(f'<li><a href="/section/{n}">Section {n}</a></li>' for n in range(1, 25))
    body = "\n".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paragraphs)
    page = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>{html.escape(title)} - HMICFRS</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{html.escape(title)}">
<link rel="stylesheet" href="/assets/site.css">
<script>window.dataLayer = window.dataLayer || [];
function gtag(){{dataLayer.push(arguments);}}</script>
</head><body>
<header class="site-header"><a class="logo" href="/">HMICFRS</a>
<nav class="primary"><ul>{nav}</ul></nav></header>
<div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/news">News</a></div>
<main id="content"><article class="release">
<h1>{html.escape(title)}</h1>
{body}
</article></main>
<aside class="related"><h2>Related</h2><ul>{nav}</ul></aside>
<footer class="site-footer"><p>&copy; Crown copyright</p><ul>{nav}</ul></footer>
</body></html>
"""
    return page.encode("utf-8")


def _fallback_pdf(text: str, title: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creation_date(dt.datetime(2012, 1, 1, tzinfo=dt.UTC))
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, _latin1(title))
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    for para in [p.strip() for p in text.split("\n\n") if p.strip()][1:]:
        pdf.multi_cell(0, 6, _latin1(" ".join(para.split())))
        pdf.ln(3)
    return bytes(pdf.output())


def _latin1(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", "-")
    return text.encode("latin-1", "replace").decode("latin-1")


def render(i: int, texts: list[tuple[str, str]], revision: int = 0) -> tuple[str, bytes]:
    title, text = document_text(texts, i, revision)
    fmt = fmt_of(i)
    if fmt == "html":
        return title, _render_html(text, title)
    if fmt == "pdf":
        return title, _render_pdf(text, title)
    return title, text.encode("utf-8")


# --------------------------------------------------------------------------- the site


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


_TEXTS: list[tuple[str, str]] | None = None


def _texts() -> list[tuple[str, str]]:
    global _TEXTS
    if _TEXTS is None:
        _TEXTS = base_texts()
    return _TEXTS


def _write_range(args: tuple[str, int, int]) -> list[str]:
    root, start, stop = args
    titles = []
    for i in range(start, stop):
        title, data = render(i, _texts())
        _write_atomic(Path(root) / rel_path(i), data)
        titles.append(title)
    return titles


def generator_version() -> str:
    """Changes whenever the documents would: this module's version and the renderers."""
    renditions = REPO / "analysis" / "renditions.py"
    digest = hashlib.sha256(renditions.read_bytes()).hexdigest()[:12] if renditions.exists() else ""
    return f"{GENERATOR_VERSION}-{digest or 'fallback'}"


def generate(root: Path | str, n: int, workers: int | None = None) -> Path:
    """Write the site of `n` documents under `root` (reused when already complete)."""
    root = Path(root)
    manifest = root / "manifest.json"
    version = generator_version()
    if manifest.exists():
        meta = json.loads(manifest.read_text())
        if meta.get("n") == n and meta.get("version") == version:
            return root
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    chunk = 250
    ranges = [(str(root), s, min(n, s + chunk)) for s in range(0, n, chunk)]
    workers = workers or os.cpu_count() or 1
    titles: list[str] = []
    if workers > 1 and len(ranges) > 1:
        with ProcessPoolExecutor(workers) as pool:
            for part in pool.map(_write_range, ranges):
                titles += part
    else:
        for r in ranges:
            titles += _write_range(r)
    _write_listings(root, titles)
    sizes = {fmt: 0 for fmt in FORMATS}
    for i in range(n):
        sizes[fmt_of(i)] += (root / rel_path(i)).stat().st_size
    manifest.write_text(json.dumps({"n": n, "version": version, "bytes": sizes}, indent=1))
    return root


def _item_date(i: int) -> str:
    when = dt.datetime(2024, 1, 1, tzinfo=dt.UTC) - dt.timedelta(hours=i)
    return email.utils.format_datetime(when, usegmt=True)


def _write_listings(root: Path, titles: list[str]) -> None:
    """feed.xml (RSS 2.0, every document) and sitemap.xml, written as streams."""
    base = "{BASE}"  # filled in by the server: the port is not known yet
    with (root / "feed.xml.in").open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n'
            f"<title>Benchmark press office</title><link>{base}/</link>\n"
            "<description>Press releases</description>\n"
        )
        for i, title in enumerate(titles):
            url = f"{base}/{rel_path(i)}"
            out.write(
                f"<item><title>{html.escape(title)}</title><link>{url}</link>"
                f'<guid isPermaLink="true">{url}</guid><pubDate>{_item_date(i)}</pubDate>'
                "</item>\n"
            )
        out.write("</channel></rss>\n")
    with (root / "sitemap.xml.in").open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        )
        for i in range(len(titles)):
            out.write(f"<url><loc>{base}/{rel_path(i)}</loc></url>\n")
        out.write("</urlset>\n")


def working_copy(pristine: Path | str, target: Path | str) -> Path:
    """A hard-linked copy of the site to serve and change (the original is untouched:
    changes replace files, never write into them)."""
    pristine, target = Path(pristine), Path(target)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(pristine, target, copy_function=os.link)
    return target


def changed_ids(n: int, fraction: float) -> list[int]:
    count = max(1, round(n * fraction))
    return sorted(random.Random(f"pressroom-bench-change-{n}").sample(range(n), count))


def change(root: Path | str, n: int, fraction: float = 0.05, revision: int = 1) -> list[int]:
    """Publish a correction to `fraction` of the documents (new bytes and mtime)."""
    root = Path(root)
    ids = changed_ids(n, fraction)
    texts = _texts()
    for i in ids:
        _, data = render(i, texts, revision)
        _write_atomic(root / rel_path(i), data)
    return ids


def iter_documents(root: Path | str, n: int) -> Iterator[tuple[int, Path]]:
    for i in range(n):
        yield i, Path(root) / rel_path(i)


# --------------------------------------------------------------------------- serving


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else keep-alive responses wait on delayed ACKs
    server_version = "BenchOffice/1"
    root: Path
    base: str

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path).lstrip("/")
        if path in ("", "index.html"):
            path = "sitemap.xml"
        if ".." in path.split("/"):
            return self._send_status(HTTPStatus.NOT_FOUND)
        listing = path in ("feed.xml", "sitemap.xml")
        file = self.root / (path + ".in" if listing else path)
        try:
            st = file.stat()
        except OSError:
            return self._send_status(HTTPStatus.NOT_FOUND)
        etag = f'"{st.st_size:x}-{st.st_mtime_ns:x}"'
        last_modified = email.utils.formatdate(st.st_mtime, usegmt=True)
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        not_modified = False
        if inm is not None:
            not_modified = etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        elif ims is not None:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
                not_modified = int(st.st_mtime) <= since
            except (TypeError, ValueError):
                pass
        if not_modified:
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", last_modified)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = file.read_bytes()
        if listing:
            data = data.replace(b"{BASE}", self.base.encode())
        suffix = ".xml" if listing else file.suffix
        ctype = CONTENT_TYPES.get(suffix, "application/octet-stream")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _send_status(self, status: HTTPStatus) -> None:
        body = f"{status.value} {status.phrase}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request: object, client_address: object) -> None:
        # A client closing an idle keep-alive connection is not an error worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def make_server(root: Path | str, port: int = 0, host: str = "127.0.0.1") -> _Server:
    handler = type("Handler", (_Handler,), {"root": Path(root).resolve(), "base": ""})
    server = _Server((host, port), handler)
    handler.base = f"http://{host}:{server.server_address[1]}"
    return server


class ServedSite:
    """The site served from a background thread (for tests; the runner uses a separate
    process so the server does not share a GIL with what is measured)."""

    def __init__(self, root: Path | str):
        self.server = make_server(root)
        self.base = self.server.RequestHandlerClass.base  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> ServedSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def feed_url(self) -> str:
        return self.base + "/feed.xml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write a site of N documents")
    gen.add_argument("--n", type=int, default=300)
    gen.add_argument("--out", type=Path, required=True)
    srv = sub.add_parser("serve", help="serve a site on loopback until stopped")
    srv.add_argument("--root", type=Path, required=True)
    srv.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    if args.command == "generate":
        root = generate(args.out, args.n)
        print(root)
        return 0
    server = make_server(args.root, args.port)
    print(server.RequestHandlerClass.base, flush=True)  # type: ignore[attr-defined]
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
