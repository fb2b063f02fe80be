"""A run's life in the warehouse: start, load its staged batches in one transaction, end."""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from pathlib import Path

from .connection import WarehouseInUse, connect_reader, connect_writer
from .queries import sql
from .records import KnownDocument, RunCounts
from .staging import attach_staged, staged_batches

_LOAD_STEPS = (
    "insert_fetches",
    "insert_errors",
    "close_versions",
    "insert_versions",
    "insert_extractions",
    "insert_gaps",
    "record_document_dates",
    "upsert_documents",
    "update_documents",
)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def staging_dir_for(warehouse: Path | str, run_id: str) -> Path:
    warehouse = Path(warehouse)
    return warehouse.with_name(warehouse.stem + ".staging") / run_id


def start_run(
    warehouse: Path | str,
    *,
    sources: list[str],
    flow_run_id: str | None,
    extractor_version: int,
) -> str:
    """Record a new run as `running` and return its id. The caller holds the writer lock,
    so any other run still marked running died before it finished: it is marked aborted."""
    run_id = uuid.uuid4().hex
    with connect_writer(warehouse) as con:
        con.execute("BEGIN TRANSACTION")
        con.execute(sql("abort_stale_runs"), {"now": utcnow()})
        con.execute(
            sql("start_run"),
            {
                "run_id": run_id,
                "flow_run_id": flow_run_id,
                "started_at": utcnow(),
                "sources": sources,
                "extractor_version": extractor_version,
            },
        )
        con.execute("COMMIT")
    remove_stale_staging(warehouse, keep=run_id)
    return run_id


def remove_stale_staging(warehouse: Path | str, keep: str | None = None) -> list[str]:
    """Remove the staging folders of runs that died before loading (all but `keep`).
    Only safe with the writer lock held: then no other live run has a staging folder.
    Returns the run ids whose folders were removed."""
    root = staging_dir_for(warehouse, "x").parent
    if not root.is_dir():
        return []
    removed = []
    for entry in root.iterdir():
        if entry.name == keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry.name)
    return removed


def known_documents(warehouse: Path | str, sources: list[str]) -> dict[str, KnownDocument]:
    """Documents first met through any of `sources`, by URL."""
    if not Path(warehouse).exists():
        return {}
    with connect_reader(warehouse) as con:
        try:
            rows = con.execute(sql("known_documents"), {"sources": sources}).fetchall()
        except Exception as exc:  # an empty file or one from before the first migration
            if "does not exist" in str(exc):
                return {}
            raise
    return {row[0]: KnownDocument(*row) for row in rows}


def load_run(warehouse: Path | str, run_id: str, staging: Path | str) -> RunCounts:
    """Load every staged batch of the run and mark the run finished, all in one
    transaction: either the whole run is in the warehouse, or none of it is."""
    staging = Path(staging)
    batches = staged_batches(staging)
    with connect_writer(warehouse) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            if batches:
                attach_staged(con, batches)
                con.execute(sql("classify"))
                for step in _LOAD_STEPS:
                    con.execute(sql(step), _params(sql(step), run_id=run_id))
                counts = RunCounts(*con.execute(sql("count_outcomes")).fetchone())
            else:
                counts = RunCounts()
            params = {"run_id": run_id, "finished_at": utcnow(), **counts.__dict__}
            con.execute(sql("finish_run"), params)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    shutil.rmtree(staging, ignore_errors=True)
    return counts


def fail_run(warehouse: Path | str, run_id: str) -> None:
    with connect_writer(warehouse) as con:
        con.execute(sql("fail_run"), {"run_id": run_id, "now": utcnow()})


def abort_run(warehouse: Path | str, run_id: str, wait: float = 10.0) -> bool:
    """Mark a run that could not load `aborted`; False when the warehouse stayed busy for
    `wait` seconds more (the next run marks it aborted then, as it does a killed run's)."""
    try:
        with connect_writer(warehouse, wait=wait) as con:
            con.execute(sql("abort_run"), {"run_id": run_id, "now": utcnow()})
    except WarehouseInUse:
        return False
    return True


def _params(statement: str, **values: object) -> dict[str, object]:
    # DuckDB refuses named parameters a statement does not use.
    return {k: v for k, v in values.items() if f"${k}" in statement}
