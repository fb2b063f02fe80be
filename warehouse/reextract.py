"""Re-extraction in the warehouse: which archived versions the current extractors have not
seen, and loading their new extraction rows (added, never rewritten) in one transaction."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from .connection import connect_writer
from .queries import sql
from .records import RunCounts
from .runs import utcnow
from .staging import attach_staged, staged_batches

_SQL = "reextract.sql"


@dataclass(frozen=True)
class ArchivedDocument:
    """A raw blob to extract again, and how many outdated versions of `url` it makes."""

    url: str
    content_sha256: str
    content_type: str | None
    n_versions: int = 1


@dataclass(frozen=True)
class ReextractCounts:
    n_reextracted: int = 0  # extraction rows added (document versions)
    n_failed: int = 0  # blobs that could not be extracted


def outdated_documents(warehouse: Path | str, extractor_version: int) -> list[ArchivedDocument]:
    """The archived blobs of versions whose newest extraction is older than
    `extractor_version`. Read through a writer connection: the caller holds the writer
    lock, and a warehouse from an older release gets its migrations first."""
    with connect_writer(warehouse) as con:
        con.execute(sql("outdated_versions", _SQL), {"extractor_version": extractor_version})
        rows = con.execute(sql("outdated_documents", _SQL)).fetchall()
    return [ArchivedDocument(*row) for row in rows]


def load_reextraction(
    warehouse: Path | str, run_id: str, staging: Path | str, extractor_version: int
) -> ReextractCounts:
    """Add the staged extractions to every outdated version of their blobs, record the
    failures, and finish the run, in one transaction."""
    staging = Path(staging)
    batches = staged_batches(staging)
    with connect_writer(warehouse) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            counts = ReextractCounts()
            if batches:
                attach_staged(con, batches)
                con.execute(
                    sql("outdated_versions", _SQL), {"extractor_version": extractor_version}
                )
                con.execute(sql("insert_reextractions", _SQL), {"run_id": run_id})
                con.execute(sql("insert_regaps", _SQL))
                con.execute(sql("insert_reextract_errors", _SQL), {"run_id": run_id})
                row = con.execute(sql("count_reextracted", _SQL), {"run_id": run_id}).fetchone()
                counts = ReextractCounts(*row)
            # Dates from the stored fetch metadata, whatever needed extracting again.
            con.execute(sql("backfill_http_dates", _SQL), {"run_id": run_id})
            # The run's row: nothing fetched, so only failures count; the re-extracted
            # versions are the extraction rows carrying its run_id.
            params = {
                "run_id": run_id,
                "finished_at": utcnow(),
                **RunCounts(n_failed=counts.n_failed).__dict__,
            }
            con.execute(sql("finish_run"), params)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    shutil.rmtree(staging, ignore_errors=True)
    return counts
