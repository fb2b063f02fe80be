"""A press office of real inspectorate releases, for the benchmark the issue asks for:
N documents (a third each HTML, PDF and plain text) made from the 112 labelled releases
in ../shared/devset, served by `python3 -m http.server` with one Atom feed listing all.

No text is invented: document i is one real release (its title and paragraphs) followed
by real paragraphs of another release, so every document is distinct; which release,
which partner and how many of the partner's paragraphs follow from i. HTML and PDF are
the project's renditions (analysis.renditions). A "correction" (the changed phase) drops the
document's last paragraph: new bytes, still only real text.

The site is written once per (N, generator version) and reused; a run serves a hard-linked
working copy, whose feed.xml is written once the server's port is known (Atom links are
absolute, and http.server serves files as they are).

    python -m benchmarks.realsite generate --n 300 --out /tmp/real-site
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

# The layout of the older generated site: same paths, same formats, same atomic writes,
# the same hard-linked working copy (benchmarks.run calls it on either module).
from .site import FORMATS, _write_atomic, fmt_of, rel_path
from .site import working_copy as working_copy

GENERATOR_VERSION = 1
REPO = Path(__file__).resolve().parents[1]
DEVSET = REPO.parent / "shared" / "devset"


@cache
def releases() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(title, paragraphs) of every devset release, in file order."""
    out = []
    for path in sorted(DEVSET.glob("*.txt")):
        text = path.read_text("utf-8")
        if text.startswith("URL:"):
            text = text.split("\n", 1)[1] if "\n" in text else ""
        paragraphs = tuple(p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())
        if len(paragraphs) >= 2:
            title = " ".join(paragraphs[0].lstrip("#").split())
            out.append((title, paragraphs))
    if not out:
        raise SystemExit(f"no releases in {DEVSET}: the benchmark needs the shared devset")
    return tuple(out)


def document_text(i: int, revision: int = 0) -> tuple[str, str]:
    """Title and text of document `i`: release i mod R, then paragraphs of a partner
    release. With R releases there are R * (R - 1) (base, partner) pairs; past those the
    number of partner paragraphs taken differs, so documents stay distinct at 30,000."""
    rel = releases()
    r = len(rel)
    base = i % r
    round_ = i // r
    partner = (base + 1 + round_ % (r - 1)) % r
    take = 2 + round_ // (r - 1)
    title, paragraphs = rel[base]
    extra = rel[partner][1][1 : 1 + take]
    body = list(paragraphs) + list(extra)
    if revision:
        body = body[: max(2, len(body) - revision)]
    return title, "\n\n".join(body) + "\n"


def render(i: int, revision: int = 0) -> tuple[str, bytes]:
    from analysis.renditions import render_html, render_pdf

    title, text = document_text(i, revision)
    fmt = fmt_of(i)
    if fmt == "html":
        return title, render_html(text, title=title)
    if fmt == "pdf":
        return title, render_pdf(text, title=title)
    return title, text.encode("utf-8")


def _write_range(args: tuple[str, int, int]) -> list[str]:
    root, start, stop = args
    titles = []
    for i in range(start, stop):
        title, data = render(i)
        _write_atomic(Path(root) / rel_path(i), data)
        titles.append(title)
    return titles


def generator_version() -> str:
    """Changes whenever the documents would: this module's version, the renderers and
    the devset."""
    digest = hashlib.sha256((REPO / "analysis" / "renditions.py").read_bytes())
    for path in sorted(DEVSET.glob("*.txt")):
        digest.update(path.read_bytes())
    return f"{GENERATOR_VERSION}-{digest.hexdigest()[:12]}"


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
    titles: list[str] = []
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(ranges) > 1:
        with ProcessPoolExecutor(workers) as pool:
            for part in pool.map(_write_range, ranges):
                titles += part
    else:
        for r in ranges:
            titles += _write_range(r)
    (root / "titles.json").write_text(json.dumps(titles))
    sizes = {fmt: 0 for fmt in FORMATS}
    for i in range(n):
        sizes[fmt_of(i)] += (root / rel_path(i)).stat().st_size
    manifest.write_text(json.dumps({"n": n, "version": version, "bytes": sizes}, indent=1))
    return root


def write_feed(root: Path | str, base: str) -> str:
    """feed.xml: one Atom feed listing every document, absolute links under `base`."""
    root = Path(root)
    titles = json.loads((root / "titles.json").read_text())
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    with (root / "feed.xml").open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom">\n'
            f"<title>Press releases</title><id>{escape(base)}/</id>"
            f"<updated>{start.isoformat()}</updated>\n"
            f'<link rel="self" href={quoteattr(base + "/feed.xml")}/>\n'
        )
        for i, title in enumerate(titles):
            url = f"{base}/{rel_path(i)}"
            when = (start - dt.timedelta(hours=i)).isoformat()
            out.write(
                f"<entry><title>{escape(title)}</title><link href={quoteattr(url)}/>"
                f"<id>{escape(url)}</id><updated>{when}</updated></entry>\n"
            )
        out.write("</feed>\n")
    return base + "/feed.xml"


def change(root: Path | str, n: int, fraction: float = 0.05, revision: int = 1) -> list[int]:
    """Republish `fraction` of the documents with a correction (new bytes, new mtime)."""
    import random

    count = max(1, round(n * fraction))
    ids = sorted(random.Random(f"pressroom-real-change-{n}").sample(range(n), count))
    root = Path(root)
    for i in ids:
        _, data = render(i, revision)
        _write_atomic(root / rel_path(i), data)
    # http.server's Last-Modified has one-second resolution: make sure it moves.
    later = time.time() + 2
    for i in ids:
        os.utime(root / rel_path(i), (later, later))
    return ids


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HttpServer:
    """`python3 -m http.server` serving `root` on loopback, as a user would run it
    (ThreadingHTTPServer, HTTP/1.0 unless `protocol` says otherwise)."""

    def __init__(self, root: Path | str, protocol: str | None = None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1"]
        cmd += ["--directory", str(root)]
        if protocol:
            cmd += ["--protocol", protocol]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
        self.close()
        raise RuntimeError("python3 -m http.server did not start")

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def __enter__(self) -> HttpServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write a site of N documents")
    gen.add_argument("--n", type=int, default=300)
    gen.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    print(generate(args.out, args.n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
