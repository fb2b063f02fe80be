"""How fast the `grades` view answers (issue 21), on a warehouse of N synthetic releases.

Builds (or reuses) a warehouse through the warehouse library: N releases about the 43
territorial forces across the PEEL rounds 2014-2025, each stating 1-6 grades of its round;
a third of them name no period (they join a dated row or stay unknown), one in twenty
gives another value (conflicts), a fifth are the inspectorate's; a second run corrects 1%
of them and withdraws 0.5%. Then times, wall clock, best of 5, each on a fresh read-only
connection as `pressroom query` opens one (with the CPU time of all DuckDB's threads,
which a shared machine inflates less):

- every row of `grades` (what the report reads), and its count;
- one force's rows (what `pressroom grades SERVICE` reads);
- the question "which forces went down between two inspections" (docs/warehouse.md);
- `judgements`, for comparison.

    python -m benchmarks.grades [--n 30000] [--warehouse PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path

import extractors
import warehouse as wh
from extractors import DatedBy, Document, Extraction, ForceMention, Judgement, Release
from extractors.forces import _TERRITORIAL
from extractors.rules.periods import _data as rounds_data
from warehouse import StagedDocument

GRADES = ("outstanding", "good", "adequate", "requires improvement", "inadequate")
HOSTS = ("www.justiceinspectorates.gov.uk", "news.example.org", "www.force.example.police.uk")
QUERIES = {
    "grades, every row": "SELECT * FROM grades",
    "grades, count": "SELECT count(*) FROM grades",
    "grades, one force": "SELECT * FROM grades WHERE service = 'Kent Police' ORDER BY area, period",
    "went down between inspections": """
        WITH graded AS (
            SELECT service, area, period, value,
                   list_position(['inadequate', 'requires improvement', 'adequate', 'good',
                                  'outstanding'], value) AS rank
            FROM grades WHERE period IS NOT NULL
        ), paired AS (
            SELECT *, lag(rank) OVER (PARTITION BY service, area ORDER BY period) AS before
            FROM graded
        )
        SELECT count(*) FROM paired WHERE rank < before""",
    "judgements, every row": "SELECT * FROM judgements",
}


def _release(i: int, rng: random.Random, forces: list[str], truth: dict) -> tuple[str, Extraction]:
    rounds = rounds_data()[0]
    force = rng.choice(forces)
    inspection = rng.choice(rounds)
    host = rng.choices(HOSTS, weights=(1, 3, 1))[0]
    url = f"https://{host}/news/{i}-{force.lower().replace(' ', '-')}"
    areas = rng.sample(sorted(inspection.areas), rng.randint(1, min(6, len(inspection.areas))))
    named = rng.random() > 0.33
    judgements = []
    for area in areas:
        value = truth.setdefault((force, area, inspection.period), rng.choice(GRADES))
        if rng.random() < 0.05:
            value = rng.choice(GRADES)
        judgements.append(
            Judgement(
                force,
                area,
                value,
                f"{force} was graded {value} at {area.replace('_', ' ')}.",
                period=inspection.period if named else None,
            )
        )
    published = dt.date(inspection.last, 1 + i % 12, 1 + i % 28)
    title = f"PEEL {inspection.period}: {force} ({i})"
    document = Document("text/html", title, (title, *(j.evidence for j in judgements)))
    release = Release(
        title=title,
        reference=None,
        published_date=published,
        publisher="HMICFRS",
        primary_force=force,
        topic="PEEL assessment",
        forces=(ForceMention(force, False),),
        people=(),
        reports=(),
        phones=(),
        judgements=tuple(judgements),
        body_text=document.text,
        stated_date=published,
        dates=(DatedBy("text", published),),
    )
    return url, Extraction(
        document=document,
        release=release,
        fingerprint=extractors.fingerprint(document),
        extractor_version=extractors.EXTRACTOR_VERSION,
    )


def _load(path: Path, records: list[StagedDocument]) -> None:
    run_id = wh.start_run(
        path, sources=["bench"], flow_run_id=None, extractor_version=extractors.EXTRACTOR_VERSION
    )
    staging = wh.staging_dir_for(path, run_id)
    for batch in range(0, len(records), 2000):
        wh.write_batch(staging, batch // 2000, records[batch : batch + 2000])
    wh.load_run(path, run_id, staging)


def build(path: Path, n: int) -> None:
    rng = random.Random(21)
    forces = sorted(_TERRITORIAL)
    truth: dict = {}
    now = dt.datetime(2026, 1, 5, 9)
    made = [_release(i, rng, forces, truth) for i in range(n)]

    def ok(i: int, url: str, extraction: Extraction, at: dt.datetime) -> StagedDocument:
        return StagedDocument(
            url=url,
            source="bench",
            fetched_at=at,
            status="ok",
            http_status=200,
            content_sha256=f"{i:064x}",
            content_type="text/html",
            extraction=extraction,
        )

    _load(path, [ok(i, url, e, now) for i, (url, e) in enumerate(made)])
    later = now + dt.timedelta(days=1)
    second = []
    for i, (url, _) in enumerate(made):
        if i % 100 == 7:  # corrected: a new version with its own (re-drawn) grades
            second.append(ok(n + i, url, _release(i, rng, forces, truth)[1], later))
        elif i % 200 == 11:
            second.append(
                StagedDocument(
                    url=url, source="bench", fetched_at=later, status="gone", http_status=404
                )
            )
    _load(path, second)


def best_of(path: Path, sql: str, repeats: int = 5) -> tuple[float, float, int]:
    """(wall s, CPU s of all of DuckDB's threads, rows), each the best of `repeats`. On a
    shared machine the CPU time says what the query costs; the wall time what it waited."""
    wall = cpu = float("inf")
    rows = 0
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        with wh.open_duckdb(path, read_only=True) as con:
            rows = len(con.execute(sql).fetchall())
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=30_000)
    parser.add_argument("--warehouse", type=Path, help="reuse (or build) the warehouse here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.warehouse or Path(tmp) / "grades.duckdb"
        if not path.exists():
            start = time.perf_counter()
            build(path, args.n)
            print(f"built {args.n} releases in {time.perf_counter() - start:.1f} s: {path}")
        with wh.open_duckdb(path, read_only=True) as con:
            counts = con.execute(
                "SELECT (SELECT count(*) FROM releases WHERE status = 'active'), "
                "(SELECT count(*) FROM judgements), "
                "(SELECT count(*) FROM grades), "
                "(SELECT count(*) FROM grades WHERE status = 'conflict')"
            ).fetchone()
        print("active releases {}, judgements {}, grades rows {} ({} conflicts)".format(*counts))
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print("| query | wall s, best of 5 | CPU s, best of 5 | rows |")
        print("| --- | ---: | ---: | ---: |")
        for name, sql in QUERIES.items():
            wall, cpu, rows = best_of(path, sql)
            print(f"| {name} | {wall:.3f} | {cpu:.3f} | {rows} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
