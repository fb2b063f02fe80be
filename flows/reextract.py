"""The reextract flow: the current extractors over the raw archive, without fetching.

When an extractor improves (extractors.EXTRACTOR_VERSION goes up), every archived version
whose newest extraction is older is extracted again from its archived bytes. New rows are
added beside the old ones (warehouse/sql/reextract.sql), so the views show the newest
extractor's fields and the old output stays for comparison. Work goes to Prefect in
batches, like ingest, on the same task runners.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass, replace
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

import extractors
import warehouse as wh
from warehouse import StagedDocument
from warehouse.lock import held_message, writer_lock
from warehouse.reextract import (
    ArchivedDocument,
    ReextractCounts,
    load_reextraction,
    outdated_documents,
)

from . import interrupt, progress
from .artifacts import publish_run_summary
from .extraction import DEFAULT_TIME_LIMIT, Extractor
from .pipeline import DEFAULT_BATCH_SIZE, _batches, aborted, check_staged, extractor_for


@dataclass(frozen=True)
class ReextractSummary:
    run_id: str
    counts: ReextractCounts
    warehouse: str
    extractor_version: int

    @property
    def ok(self) -> bool:
        return self.counts.n_failed == 0


@task(
    name="find outdated extractions",
    task_run_name="find outdated extractions",
    cache_policy=NO_CACHE,
)
def find_outdated(warehouse: str, extractor_version: int) -> list[ArchivedDocument]:
    return outdated_documents(warehouse, extractor_version)


@task(
    name="re-extract and stage",
    task_run_name="re-extract and stage batch {batch_no}",
    cache_policy=NO_CACHE,
)
def reextract_batch(
    documents: list[ArchivedDocument], batch_no: int, extractor: Extractor, staging: str
) -> str | None:
    archive = wh.Archive(extractor.archive_root)
    now = wh.utcnow()
    # A missing blob is a damaged archive, not an extractor failure: say so, and go on.
    present = [d for d in documents if archive.exists(d.content_sha256)]
    outcomes = extractor.extract_archived(
        [(d.content_sha256, d.url, d.content_type) for d in present]
    )
    by_blob = {(d.url, d.content_sha256): o for d, o in zip(present, outcomes, strict=True)}
    records = []
    for d in documents:
        outcome = by_blob.get((d.url, d.content_sha256))
        base = StagedDocument(
            url=d.url,
            source="",
            fetched_at=now,
            status="ok",
            content_sha256=d.content_sha256,
            content_type=d.content_type,
        )
        if outcome is None:
            error = (
                f"the archived raw bytes {d.content_sha256} are missing from "
                f"{extractor.archive_root}; `pressroom check` lists what else is missing"
            )
            records.append(replace(base, status="error", stage="extract", error=error))
        elif isinstance(outcome, str):
            records.append(replace(base, status="error", stage="extract", error=outcome))
        else:
            records.append(replace(base, extraction=outcome))
    written = wh.write_batch(staging, batch_no, records)
    return str(written) if written else None


@task(
    name="load re-extractions into warehouse",
    task_run_name="load re-extractions into warehouse",
    cache_policy=NO_CACHE,
)
def load(
    warehouse: str, run_id: str, staging: str, extractor_version: int
) -> ReextractCounts | float:
    """The counts; or the seconds waited when readers held the file (see pipeline.load)."""
    try:
        return load_reextraction(warehouse, run_id, staging, extractor_version)
    except wh.WarehouseInUse as exc:
        return exc.waited


@flow(name="reextract", log_prints=False)
def reextract(
    warehouse: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    wait_for_lock: bool = True,
    workers: int | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> ReextractSummary:
    """Extract again, from the raw archive, every document version whose newest
    extraction is older than the current extractor version. Fetches nothing."""
    logger = get_run_logger()
    # Absolute: tasks on Dask workers run in another working directory.
    warehouse_path = str((Path(warehouse) if warehouse else wh.default_path()).absolute())
    if not Path(warehouse_path).exists():
        raise FileNotFoundError(
            f"no warehouse at {warehouse_path}: run `pressroom ingest SOURCE "
            f"--warehouse {warehouse_path}` first"
        )
    version = extractors.EXTRACTOR_VERSION
    archive_root = str(wh.archive_dir_for(warehouse_path))
    with writer_lock(warehouse_path, wait=wait_for_lock):
        try:
            run_id = wh.start_run(
                warehouse_path, sources=[], flow_run_id=flow_run.get_id(), extractor_version=version
            )
        except wh.WarehouseInUse as exc:
            return aborted(held_message(exc.waited, started=False))  # type: ignore[return-value]
        except wh.ExtensionUnavailable as exc:
            # Opening replays DuckDB's log, which may need an extension pressroom cannot
            # download: one line for the person, not a traceback.
            return aborted(str(exc))  # type: ignore[return-value]
        staging = str(wh.staging_dir_for(warehouse_path, run_id))
        interrupt.started(warehouse_path, run_id)
        try:
            todo = find_outdated(warehouse_path, version)
            logger.info(
                "run %s: %d archived document(s) (%d version(s)) older than extractor version %d",
                run_id,
                len(todo),
                sum(d.n_versions for d in todo),
                version,
            )
            progress.reporter().discovered(len(todo))
            with extractor_for(archive_root, workers, time_limit) as extractor:
                _extract_all(todo, extractor, staging, batch_size)
            progress.reporter().stage("loading into the warehouse")
            interrupt.loading()
            counts = load(warehouse_path, run_id, staging, version)
            if isinstance(counts, ReextractCounts):
                interrupt.loaded()
        except KeyboardInterrupt:
            wh.abort_run(warehouse_path, run_id)
            raise
        except BaseException:
            wh.fail_run(warehouse_path, run_id)
            raise
        if not isinstance(counts, ReextractCounts):
            wh.abort_run(warehouse_path, run_id)
            return aborted(held_message(counts, started=True), run_id)  # type: ignore[return-value]
        publish_run_summary(warehouse_path, run_id, flow="reextract")
    logger.info(
        "run %s: %d version(s) re-extracted with extractor version %d, %d failed",
        run_id,
        counts.n_reextracted,
        version,
        counts.n_failed,
    )
    return ReextractSummary(run_id, counts, warehouse_path, version)


def _extract_all(
    todo: list[ArchivedDocument], extractor: Extractor, staging: str, batch_size: int
) -> None:
    # As in ingest: a few batches in flight keep the extraction workers busy while
    # memory stays flat however large the archive.
    in_flight: collections.deque = collections.deque()
    limit = max(4, 2 * extractor.workers + 2)
    reporter = progress.reporter()
    staged: list[str | None] = []
    for batch_no, batch in enumerate(_batches(todo, batch_size), start=1):
        if len(in_flight) >= limit:
            staged.append(in_flight.popleft().result())
        future = reextract_batch.submit(batch, batch_no, extractor, staging)
        _report_when_done(future, reporter, len(batch))
        in_flight.append(future)
    while in_flight:
        staged.append(in_flight.popleft().result())
    check_staged(staging, staged)


def _report_when_done(future, reporter: progress.Reporter, n_documents: int) -> None:
    future.add_done_callback(lambda _: reporter.advance(n_documents))
