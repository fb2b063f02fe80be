"""The ingest flow: discover -> fetch (archive raw bytes) -> extract -> stage -> load.

Work goes to Prefect in batches of documents, so a run of thousands of documents is tens
of task runs. Each batch is staged to Parquet on disk as it completes; the warehouse is
written once at the end, in one transaction, so a crash leaves it as it was.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import gc
import itertools
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.states import Failed
from prefect.utilities.annotations import quote

import extractors
import warehouse as wh
from crawler import session as web_session
from crawler.fetching import FetchResult, fetch_local, fetch_web
from crawler.options import FetchOptions
from crawler.sources import Candidate, Source
from warehouse import KnownDocument, StagedDocument
from warehouse.lock import RunAborted, held_message, writer_lock

from . import interrupt, progress
from .artifacts import publish_run_summary
from .config import resolve_sources
from .discovery import Plan, discover
from .extraction import DEFAULT_TIME_LIMIT, Extractor
from .runners import current_task_runner, is_distributed

# Each batch is two task runs, and each task run costs Prefect's server about 40 ms of CPU
# (docs/operations.md): with 50, a first run of 2,800 documents spent 5 s of the CPU its
# extraction needed on them. 100 halves that; the batches in flight still keep every
# extraction worker busy.
DEFAULT_BATCH_SIZE = 100
# Known documents are revisited in larger batches: most answer 304 or the same bytes and
# cost a conditional GET, so a batch of 50 was mostly the cost of its two task runs.
REVISIT_BATCH_FACTOR = 10


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    counts: wh.RunCounts
    warehouse: str
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # url, stage, error
    discovered: int = 0  # documents the sources hold (and known ones revisited)
    # Files of folder sources not read, by why (their kind, or "excluded"): a folder whose
    # files are all skipped is a run that read nothing, and the user is told.
    skipped: dict[str, int] = field(default_factory=dict)
    # Links of listing pages not followed as no release (a hidden file, a .json...), by why.
    skipped_links: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.counts.n_failed == 0


def _batches(items: Sequence, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _fetch_run_name() -> str:
    from prefect.runtime import task_run

    batch = task_run.parameters.get("batch") or []
    if isinstance(batch, quote):
        batch = batch.unquote()
    return f"fetch {len(batch)} documents"


# A retry fetches the whole batch again: harmless (the archive is content-addressed and
# nothing reaches the warehouse before the load) and it rides out a transient failure
# of the task itself; HTTP errors of single documents are retried by crawler.client.
@task(
    name="fetch documents",
    task_run_name=_fetch_run_name,
    cache_policy=NO_CACHE,
    retries=2,
    retry_delay_seconds=[2, 10],
)
def fetch_batch(
    batch: list[Candidate],
    known: dict[str, KnownDocument],
    archive_root: str,
    options: FetchOptions,
) -> list[FetchResult]:
    archive = wh.Archive(archive_root)
    results = [
        fetch_local(c, archive, known.get(c.url), options.max_bytes)
        for c in batch
        if c.path is not None
    ]
    # Web documents concurrently, under the process-wide per-host limits (crawler.client).
    return results + fetch_web([c for c in batch if c.path is None], archive, known, options)


@task(
    name="extract and stage",
    task_run_name="extract and stage batch {batch_no}",
    cache_policy=NO_CACHE,
)
def extract_batch(
    results: list[FetchResult], batch_no: int, extractor: Extractor, staging: str
) -> str | None:
    """Extract a fetched batch and stage it; the staged file's path (None: nothing to
    stage)."""
    written = wh.write_batch(staging, batch_no, extractor.extract(results))
    return str(written) if written else None


# task_run_name: without one, Prefect suffixes a random number to each run's name
# ("load into warehouse-565"); the UI should read as the business step.
@task(name="load into warehouse", task_run_name="load into warehouse", cache_policy=NO_CACHE)
def load(warehouse: str, run_id: str, staging: str) -> wh.RunCounts | float:
    """The run's counts; or, when readers held the file past the writers' wait, the
    seconds waited (a value, not an exception: the flow ends it cleanly, no traceback)."""
    try:
        return wh.load_run(warehouse, run_id, staging)
    except wh.WarehouseInUse as exc:
        return exc.waited


def aborted(message: str, run_id: str | None = None) -> Failed:
    """The final state of a run that a reader kept from the warehouse: Failed with one
    line, no traceback. Called directly, the flow raises RunAborted."""
    return Failed(message=message, data=RunAborted(message, run_id))


def _stage_plan_errors(plans: Iterable[Plan], staging: str, batch_no: int) -> None:
    now = wh.utcnow()
    records = []
    for plan in plans:
        records += [
            StagedDocument(
                url=e.url,
                source=e.source,
                fetched_at=now,
                status="error",
                error=e.error,
                stage="discover",
            )
            for e in plan.errors
        ]
        records += [
            StagedDocument(url=c.url, source=c.source, fetched_at=now, status="gone")
            for c in plan.gone
        ]
    wh.write_batch(staging, batch_no, records)


@flow(name="ingest", log_prints=False)
def ingest(
    sources: list[str] | None = None,
    warehouse: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    options: FetchOptions | None = None,
    wait_for_lock: bool = True,
    workers: int | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    kind: str | None = None,
    config: str | None = None,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
) -> RunSummary:
    """Fetch every document of `sources` (and of the sources listed in the sources.toml
    `config`), archive and extract it, and load what changed. `kind` (feed, listing,
    sitemap, page; default: detect) applies to the URLs in `sources`; `include` and
    `exclude` (globs over the whole URL) to every one of them."""
    logger = get_run_logger()
    # Absolute: tasks on Dask workers run in another working directory.
    warehouse_path = str((Path(warehouse) if warehouse else wh.default_path()).absolute())
    parsed, crawler = resolve_sources(sources, kind, config, include or (), exclude or ())
    options = options or FetchOptions(**crawler)
    archive_root = str(wh.archive_dir_for(warehouse_path))
    progress.reporter().stage("waiting for the warehouse's writer lock")
    with writer_lock(warehouse_path, wait=wait_for_lock):
        progress.reporter().stage("discovering documents")
        try:
            run_id = wh.start_run(
                warehouse_path,
                sources=[s.id for s in parsed],
                flow_run_id=flow_run.get_id(),
                extractor_version=extractors.EXTRACTOR_VERSION,
            )
        except wh.WarehouseInUse as exc:
            return aborted(held_message(exc.waited, started=False))  # type: ignore[return-value]
        except wh.ExtensionUnavailable as exc:
            # Opening replays DuckDB's log, which may need an extension pressroom cannot
            # download: one line for the person, not a traceback.
            return aborted(str(exc))  # type: ignore[return-value]
        staging = str(wh.staging_dir_for(warehouse_path, run_id))
        interrupt.started(warehouse_path, run_id)
        logger.info("run %s: %d source(s) into %s", run_id, len(parsed), warehouse_path)
        try:
            # The extraction workers stop before the load: their memory is not needed
            # there, and the load is the run's peak. The run's tasks share web clients
            # (keep-alive connections, robots.txt) until the fetching is done.
            with (
                extractor_for(archive_root, workers, time_limit, start=False) as extractor,
                web_session.run_session(),
            ):
                new_documents, discovered, skipped, skipped_links = _run_batches(
                    parsed,
                    warehouse_path,
                    staging,
                    archive_root,
                    extractor,
                    batch_size,
                    options,
                )
            if new_documents:
                # A full collection costs ~0.2 s with Prefect loaded; a run that extracted
                # only a few changed documents has little to hand back.
                release_freed_memory()
            progress.reporter().stage("loading into the warehouse")
            interrupt.loading()
            counts = load(warehouse_path, run_id, staging)
            if isinstance(counts, wh.RunCounts):
                interrupt.loaded()
        except KeyboardInterrupt:
            wh.abort_run(warehouse_path, run_id)
            raise
        except BaseException:
            wh.fail_run(warehouse_path, run_id)
            raise
        if not isinstance(counts, wh.RunCounts):
            # The staged batches stay until the next run starts; nothing is half loaded.
            wh.abort_run(warehouse_path, run_id)
            return aborted(held_message(counts, started=True), run_id)  # type: ignore[return-value]
        publish_run_summary(warehouse_path, run_id)
    logger.info(
        "run %s: %d new, %d changed, %d unchanged, %d withdrawn, %d failed",
        run_id,
        counts.n_new,
        counts.n_changed,
        counts.n_unchanged,
        counts.n_withdrawn,
        counts.n_failed,
    )
    return RunSummary(
        run_id=run_id,
        counts=counts,
        warehouse=warehouse_path,
        discovered=discovered,
        skipped=skipped,
        skipped_links=skipped_links,
    )


def _run_batches(
    parsed: list[Source],
    warehouse_path: str,
    staging: str,
    archive_root: str,
    extractor: Extractor,
    batch_size: int,
    options: FetchOptions,
) -> tuple[int, int, dict[str, int], dict[str, int]]:
    """Discover, fetch, extract and stage every batch of the run's sources; the number of
    documents new to the warehouse, of documents discovered, and the files skipped."""
    logger = get_run_logger()
    known = wh.known_documents(warehouse_path, [s.id for s in parsed])
    plans = [discover(s, known, options) for s in parsed]
    candidates = _unique(c for p in plans for c in p.candidates)
    logger.info("discovered %d document(s)", len(candidates))
    progress.reporter().discovered(len(candidates))
    _stage_plan_errors(plans, staging, batch_no=0)
    # The extraction workers start (seconds of CPU: they import and warm the extractors)
    # only for a run with new documents, overlapping their first fetches; a run that only
    # revisits known ones starts them at its first changed document, if any.
    starting = (
        _start_in_background(extractor)
        if any(c.url not in known for c in candidates) and not is_distributed(current_task_runner())
        else None
    )
    # A few batches in flight keep every extraction worker busy while the next batches are
    # fetched; bounding them keeps memory flat however many documents a run has.
    in_flight: collections.deque = collections.deque()
    # quote: Prefect would otherwise walk every candidate and known document, field by
    # field, looking for futures in them, several times per task run. The Dask runner
    # hands a quoted parameter to the task still wrapped, so there it is passed as is.
    opaque = _identity if is_distributed(current_task_runner()) else quote
    limit = max(4, 2 * extractor.workers + 2)
    staged: list[str | None] = []
    for batch_no, batch in enumerate(_plan_batches(candidates, known, batch_size), start=1):
        if len(in_flight) >= limit:
            staged.append(in_flight.popleft().result())
        batch_known = {c.url: known[c.url] for c in batch if c.url in known}
        fetched = fetch_batch.submit(opaque(batch), opaque(batch_known), archive_root, options)
        extracted = extract_batch.submit(fetched, batch_no, extractor, staging)
        _report_when_done(extracted, len(batch))
        in_flight.append(extracted)
    while in_flight:
        staged.append(in_flight.popleft().result())
    if starting is not None:
        starting.join()
    check_staged(staging, staged)
    skipped: collections.Counter[str] = collections.Counter()
    skipped_links: collections.Counter[str] = collections.Counter()
    for plan in plans:
        skipped.update(plan.skipped)
        skipped_links.update(plan.skipped_links)
    new = sum(c.url not in known for c in candidates)
    return new, len(candidates), dict(skipped), dict(skipped_links)


def warm_extraction_workers() -> Callable[[], None]:
    """Start this process's extraction workers now, in the background, for the runs that
    follow (a command waiting for Prefect's server to start has a core to spare); the
    function returned stops them if no run has (a run stops them when it ends)."""
    extractor = Extractor("", workers=None)
    starting = _start_in_background(extractor)

    def stop() -> None:
        starting.join()
        extractor.close()

    return stop


def _start_in_background(extractor: Extractor) -> threading.Thread:
    def start() -> None:
        # A failed start shows at the first extraction, with the document it failed.
        with contextlib.suppress(Exception):
            extractor.start()

    thread = threading.Thread(target=start, name="start extraction workers", daemon=True)
    thread.start()
    return thread


def _identity(value):
    return value


def _plan_batches(
    candidates: Sequence[Candidate], known: dict[str, KnownDocument], batch_size: int
) -> Iterator[list[Candidate]]:
    """New documents in batches of `batch_size` (each is fetched and extracted), then
    known ones in batches REVISIT_BATCH_FACTOR times larger (most need neither)."""
    new = [c for c in candidates if c.url not in known]
    revisits = [c for c in candidates if c.url in known]
    yield from _batches(new, batch_size)
    yield from _batches(revisits, batch_size * REVISIT_BATCH_FACTOR)


def release_freed_memory() -> None:
    """Hand the memory the batches freed back to the system before the load. glibc keeps
    freed heap for reuse; the load, the run's peak, would stand on top of it. A no-op
    where there is no glibc."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def check_staged(staging: str, staged: list[str | None]) -> None:
    """Fail the run if a batch's staged file is not where the load looks. Tasks on an
    existing Dask cluster write to the workers' file system: without the warehouse's
    folder at the same path there, the load would find nothing and the run would look
    empty instead of failing."""
    missing = [p for p in staged if p and not Path(p).is_file()]
    if missing:
        raise RuntimeError(
            f"{len(missing)} staged batch(es) are missing from {staging}: the task "
            "runner's workers do not see this machine's files at the same paths; give them "
            "the warehouse's folder (a shared mount at the same path) or leave out "
            "--dask-address"
        )


def extractor_for(
    archive_root: str, workers: int | None, time_limit: float, *, start: bool = True
) -> Extractor:
    """The extractor for this run's task runner, its workers started now unless `start` is
    false (then they start at the first document). On Dask, every worker process extracts
    with one extraction process of its own (the per-document time limit needs a process
    to stop); the Dask workers are the parallelism."""
    if is_distributed(current_task_runner()):
        get_run_logger().info("fetching and extracting on Dask workers")
        return Extractor(archive_root, workers=1 if time_limit > 0 else 0, time_limit=time_limit)
    extractor = Extractor(archive_root, workers=workers, time_limit=time_limit)
    return extractor.start() if start else extractor


def _report_when_done(future, n_documents: int) -> None:
    reporter = progress.reporter()
    future.add_done_callback(lambda _: reporter.advance(n_documents))


def _unique(candidates: Iterable[Candidate]) -> list[Candidate]:
    seen: dict[str, Candidate] = {}
    for c in candidates:
        seen.setdefault(c.url, c)
    return list(seen.values())
