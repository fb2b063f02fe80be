"""The naive script of the issue: urllib reads the Atom feed and each document in turn,
beautifulsoup4 + lxml / pdfplumber / a decode turn it into text, and DuckDB's
executemany inserts the rows. One document after another, nothing else.

    python -m benchmarks.naive FEED_URL --db naive.duckdb
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pdfplumber
from bs4 import BeautifulSoup

from warehouse.connection import open_duckdb

ATOM = "{http://www.w3.org/2005/Atom}"


def to_text(body: bytes, content_type: str) -> str:
    if "html" in content_type:
        return BeautifulSoup(body, "lxml").get_text("\n", strip=True)
    if "pdf" in content_type:
        with pdfplumber.open(io.BytesIO(body)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    return body.decode("utf-8", errors="replace")


def run(feed_url: str, db_path: str | Path, timings: dict[str, float]) -> int:
    for key in ("discover", "fetch", "extract_html", "extract_pdf", "extract_text", "load"):
        timings.setdefault(key, 0.0)
    t0 = time.perf_counter()
    with urllib.request.urlopen(feed_url, timeout=60) as response:
        feed = ET.fromstring(response.read())
    entries = [
        (e.findtext(f"{ATOM}title"), e.find(f"{ATOM}link").get("href"))
        for e in feed.iter(f"{ATOM}entry")
    ]
    timings["discover"] += time.perf_counter() - t0
    rows = []
    for title, link in entries:
        t0 = time.perf_counter()
        with urllib.request.urlopen(link, timeout=60) as response:
            body = response.read()
            content_type = response.headers.get("content-type", "")
        t1 = time.perf_counter()
        text = to_text(body, content_type)
        t2 = time.perf_counter()
        timings["fetch"] += t1 - t0
        kind = "html" if "html" in content_type else "pdf" if "pdf" in content_type else "text"
        timings[f"extract_{kind}"] += t2 - t1
        rows.append((link, title, content_type, dt.datetime.now(), text))
    t0 = time.perf_counter()
    con = open_duckdb(db_path)
    con.execute(
        "CREATE TABLE IF NOT EXISTS releases (url VARCHAR, title VARCHAR, content_type VARCHAR,"
        " fetched_at TIMESTAMP, body_text VARCHAR)"
    )
    con.executemany("INSERT INTO releases VALUES (?, ?, ?, ?, ?)", rows)
    con.close()
    timings["load"] += time.perf_counter() - t0
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the naive script")
    parser.add_argument("feed_url")
    parser.add_argument("--db", default="naive.duckdb")
    parser.add_argument("--json", help="write the stage timings here")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    n = run(args.feed_url, args.db, timings)
    wall = time.perf_counter() - t0
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": n, "script_s": wall, **timings}))
    print(f"naive script: {n} documents in {wall:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
