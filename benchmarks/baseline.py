"""The plain script a user would write: read the feed, fetch each document in turn, turn
it into text (beautifulsoup4 + lxml for HTML, pdfplumber for PDF, decode for text), and
insert the rows into DuckDB.

    python -m benchmarks.baseline FEED_URL --db baseline.duckdb
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
import time
from pathlib import Path

import feedparser
import httpx
import pdfplumber
from bs4 import BeautifulSoup

from warehouse.connection import open_duckdb


def to_text(body: bytes, content_type: str) -> str:
    if "html" in content_type:
        return BeautifulSoup(body, "lxml").get_text("\n", strip=True)
    if "pdf" in content_type:
        with pdfplumber.open(io.BytesIO(body)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    return body.decode("utf-8", errors="replace")


def run(feed_url: str, db_path: str | Path, timings: dict[str, float] | None = None) -> int:
    """Ingest every document of the feed; returns the number of rows inserted.
    `timings` (when given) gets seconds spent per stage."""
    timings = timings if timings is not None else {}
    for key in ("discover", "fetch", "extract_html", "extract_pdf", "extract_text", "load"):
        timings.setdefault(key, 0.0)
    t0 = time.perf_counter()
    feed = feedparser.parse(httpx.get(feed_url, timeout=60).content)
    timings["discover"] += time.perf_counter() - t0

    con = open_duckdb(db_path)
    con.execute(
        "CREATE TABLE IF NOT EXISTS releases (url VARCHAR, title VARCHAR, content_type VARCHAR,"
        " fetched_at TIMESTAMP, body_text VARCHAR)"
    )
    rows = []
    with httpx.Client(timeout=60) as client:
        for entry in feed.entries:
            t0 = time.perf_counter()
            response = client.get(entry.link)
            response.raise_for_status()
            t1 = time.perf_counter()
            content_type = response.headers.get("content-type", "")
            text = to_text(response.content, content_type)
            t2 = time.perf_counter()
            timings["fetch"] += t1 - t0
            kind = "html" if "html" in content_type else "pdf" if "pdf" in content_type else "text"
            timings[f"extract_{kind}"] += t2 - t1
            rows.append((entry.link, entry.get("title"), content_type, dt.datetime.now(), text))
    t0 = time.perf_counter()
    con.executemany("INSERT INTO releases VALUES (?, ?, ?, ?, ?)", rows)
    con.close()
    timings["load"] += time.perf_counter() - t0
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the plain-script baseline")
    parser.add_argument("feed_url")
    parser.add_argument("--db", default="baseline.duckdb")
    parser.add_argument("--json", help="write the stage timings here")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    n = run(args.feed_url, args.db, timings)
    wall = time.perf_counter() - t0
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": n, "script_s": wall, **timings}))
    print(f"baseline: {n} documents in {wall:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
