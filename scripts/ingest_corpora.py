#!/usr/bin/env python
"""Ingest the real-world corpora in ../shared/corpora as folders and print figures.

    python scripts/ingest_corpora.py                   # pdf and html, every file
    python scripts/ingest_corpora.py html --sample 60  # a seeded sample of the html pages

For each corpus: files in the folder, files in `fetches` (every one must be), outcomes,
errors grouped by message, the time taken, and `warehouse.check` faults. A sample is a
copy of a seeded random choice of files into a temporary folder (copies, not links: a
link out of a source folder is refused by design).

Prints a JSON report; exits 1 when a file is missing from `fetches`, an error is not a
message a person can act on, or the check finds a fault.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
DEFAULT_TIME_LIMIT = 60.0

# An error that names only an exception, or says the extractor itself broke, is a finding:
# a person cannot act on it.
_BARE = re.compile(r"^[A-Za-z_.]*(Error|Exception)(\(.*\))?$")


def actionable_problem(message: str) -> str | None:
    """Why `message` is not one a person can act on, or None when it is."""
    if _BARE.match((message or "").strip()):
        return "a bare exception name"
    if not message or len(message) < 15:
        return "too short to say what is wrong"
    if "Traceback" in message:
        return "a traceback"
    if "extractor failed unexpectedly" in message:
        return "an extractor bug (unexpected exception)"
    return None


def error_kind(message: str) -> str:
    """A message's kind for grouping: its text up to the first detail."""
    kind = re.split(r"[:(;]", message, maxsplit=1)[0].strip()
    return re.sub(r"\d[\d,.]*", "N", kind)


def regular_files(folder: Path) -> list[Path]:
    """The files a folder source holds (hidden ones are skipped by discovery)."""
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() and not path.is_symlink():
            found.append(path)
    return found


def sample_folder(folder: Path, n: int, seed: int, into: Path) -> Path:
    files = regular_files(folder)
    chosen = random.Random(seed).sample(files, min(n, len(files)))
    for path in chosen:
        target = into / path.relative_to(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return into


@contextlib.contextmanager
def prefect_api(url: str | None) -> Iterator[None]:
    """Run flows against `url`, or against Prefect's harness started here."""
    if url:
        old = os.environ.get("PREFECT_API_URL")
        os.environ["PREFECT_API_URL"] = url
        try:
            yield
        finally:
            if old is None:
                os.environ.pop("PREFECT_API_URL", None)
            else:
                os.environ["PREFECT_API_URL"] = old
        return
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def ingest_corpus(folder: Path, warehouse: Path, time_limit: float = DEFAULT_TIME_LIMIT) -> dict:
    """Ingest `folder` into `warehouse` (fresh) and return the figures. Needs a Prefect API
    (the caller's harness or server)."""
    from flows.pipeline import ingest
    from warehouse.check import check_warehouse
    from warehouse.read import open_for_reading

    files = regular_files(folder)
    started = time.monotonic()
    # include="*": a robustness corpus is read whole, not only the formats a folder reads
    # by default (.html .htm .pdf .txt), so its odd files are still tried.
    summary = ingest(
        sources=[str(folder)], warehouse=str(warehouse), time_limit=time_limit, include=["*"]
    )
    seconds = time.monotonic() - started
    with open_for_reading(warehouse) as con:
        fetched = dict(con.execute("SELECT url, outcome FROM fetches").fetchall())
        errors = con.execute(
            "SELECT url, stage, error FROM errors WHERE run_id = ? ORDER BY url",
            [summary.run_id],
        ).fetchall()
        media = dict(con.execute("SELECT media_type, count(*) FROM releases GROUP BY 1").fetchall())
    urls = {p.as_uri(): p for p in files}
    missing = sorted(p.name for u, p in urls.items() if u not in fetched)
    outcomes = Counter(fetched.values())
    by_message = Counter(f"{stage}: {error}" for _, stage, error in errors)
    by_kind = Counter(f"{stage}: {error_kind(error)}" for _, stage, error in errors)
    not_actionable = [
        {"file": Path(url).name, "error": error, "problem": problem}
        for url, _, error in errors
        if (problem := actionable_problem(error))
    ]
    check = check_warehouse(warehouse)
    return {
        "folder": str(folder),
        "files": len(files),
        "fetched": sum(1 for u in urls if u in fetched),
        "missing_from_fetches": missing,
        "outcomes": dict(outcomes),
        "media_types": {str(k): v for k, v in media.items()},
        "errors": len(errors),
        "errors_by_kind": dict(by_kind.most_common()),
        "errors_by_message": dict(by_message.most_common()),
        "errors_by_file": {Path(u).name: e for u, _, e in errors},
        "not_actionable": not_actionable,
        "seconds": round(seconds, 1),
        "seconds_per_file": round(seconds / max(1, len(files)), 3),
        "check_faults": [str(f) for f in check.faults],
        "run_id": summary.run_id,
    }


def report_ok(report: dict) -> bool:
    return not (
        report["missing_from_fetches"] or report["not_actionable"] or report["check_faults"]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", default=["pdf", "html"])
    parser.add_argument("--sample", type=int, help="ingest a seeded sample of N files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT)
    parser.add_argument("--api-url", help="a running Prefect API (default: start one)")
    parser.add_argument("--workdir", type=Path, help="kept afterwards (default: a temp dir)")
    parser.add_argument("--corpora-dir", type=Path, default=CORPORA, help="default: %(default)s")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    reports = {}
    with contextlib.ExitStack() as stack:
        workdir = args.workdir or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        stack.enter_context(prefect_api(args.api_url))
        for name in args.corpora:
            folder = args.corpora_dir / name
            if args.sample:
                folder = sample_folder(folder, args.sample, args.seed, workdir / f"{name}-sample")
            reports[name] = ingest_corpus(
                folder, workdir / f"{name}.duckdb", time_limit=args.time_limit
            )
    print(json.dumps(reports, indent=2, default=str))
    for name, r in reports.items():
        print(
            f"{name}: {r['fetched']}/{r['files']} files in fetches, {r['outcomes']}, "
            f"{r['errors']} errors {r['errors_by_kind']}, {r['seconds']} s, "
            f"{len(r['check_faults'])} check faults, {len(r['not_actionable'])} unclear errors",
            file=sys.stderr,
        )
    return 0 if all(report_ok(r) for r in reports.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
