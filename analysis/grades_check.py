"""How right the `grades` view's corroborated rows are, on labelled releases.

    python -m analysis.grades_check ../shared/devset [--warehouse PATH]

Loads every labelled police release (NNN.txt with its NNN.json; the devset's subfolders
too) into a warehouse under the URL its first line gives, through the same extraction and
loader as `pressroom ingest`, then checks each `grades` row against the labels of the
releases that state it. A corroborated row is right when every release stating its value
labels that (force, area, value).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import extractors
import warehouse as wh

from .evaluate import Labelled, norm, read_labelled


@dataclass(frozen=True)
class GradesCheck:
    judgements: int
    rows: int
    distinct_keys: int  # distinct (sector, service, area, period): must equal rows
    by_status: dict[str, int]
    corroborated_right: int  # every source's labels hold the row's verdict
    corroborated_right_any: int  # at least one source's labels hold it
    wrong: list[tuple[str, str, str | None, str, list[str]]]  # corroborated rows not right

    @property
    def corroborated(self) -> int:
        return self.by_status.get("corroborated", 0)

    @property
    def fraction_right(self) -> float | None:
        return self.corroborated_right / self.corroborated if self.corroborated else None


def _document_url(item: Labelled) -> str:
    # Two labelled files may come from one page (a release and its copy): keep both.
    return item.url or f"file:///labelled/{item.folder}/{item.name}.txt"


def build(items: list[Labelled], path: Path) -> Path:
    """A warehouse at `path` holding `items`, each under its own URL."""
    run_id = wh.start_run(
        path,
        sources=["labelled"],
        flow_run_id=None,
        extractor_version=extractors.EXTRACTOR_VERSION,
    )
    staged = []
    seen: set[str] = set()
    for item in items:
        url = _document_url(item)
        if url in seen:
            url = f"{url}#{item.folder}{item.name}"
        seen.add(url)
        data = item.text.encode("utf-8")
        staged.append(
            wh.StagedDocument(
                url=url,
                source="labelled",
                fetched_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                status="ok",
                http_status=200,
                content_sha256=hashlib.sha256(data).hexdigest(),
                content_type="text/plain",
                extraction=extractors.extract(data, url=url, content_type="text/plain"),
            )
        )
    staging = wh.staging_dir_for(path, run_id)
    wh.write_batch(staging, 0, staged)
    wh.load_run(path, run_id, staging)
    return path


def check(path: Path, items: list[Labelled]) -> GradesCheck:
    labels: dict[str, set[tuple[str, str, str]]] = {}
    for item in items:
        labels.setdefault(_document_url(item), set()).update(
            (norm(j["force"]), j["area"], j["value"]) for j in item.labels.get("judgements") or []
        )
    with wh.connect_reader(path) as con:
        judgements = con.execute("SELECT count(*) FROM judgements").fetchone()[0]
        rows = con.execute(
            "SELECT service, area, period, value, status, agreeing FROM grades"
        ).fetchall()
        keys = con.execute(
            "SELECT count(*) FROM (SELECT DISTINCT sector, service, area, period FROM grades)"
        ).fetchone()[0]
    by_status: dict[str, int] = {}
    right = right_any = 0
    wrong = []
    for service, area, period, value, status, agreeing in rows:
        by_status[status] = by_status.get(status, 0) + 1
        if status != "corroborated":
            continue
        held = [
            (norm(service), area, value) in labels.get(url.split("#")[0], set()) for url in agreeing
        ]
        right += all(held)
        right_any += any(held)
        if not all(held):
            wrong.append((service, area, period, value, list(agreeing)))
    return GradesCheck(judgements, len(rows), keys, by_status, right, right_any, wrong)


def police_items(folder: Path) -> list[Labelled]:
    return [i for i in read_labelled(folder, subfolders=True) if i.sector == "police"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--warehouse", type=Path, help="keep the warehouse here")
    args = parser.parse_args(argv)
    items = police_items(args.folder)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.warehouse or Path(tmp) / "labelled.duckdb"
        if path.exists():
            sys.exit(f"{path} exists: give a new path")
        build(items, path)
        result = check(path, items)
    print(f"{len(items)} labelled police releases, {result.judgements} judgements")
    print(f"grades: {result.rows} rows ({result.distinct_keys} distinct keys) {result.by_status}")
    if result.corroborated:
        print(
            f"corroborated rows right: {result.corroborated_right}/{result.corroborated} "
            f"= {result.fraction_right:.3f} (every source's labels hold it); "
            f"{result.corroborated_right_any}/{result.corroborated} (some source's do)"
        )
    for row in result.wrong:
        print("  not right:", *row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
