"""Running the extractors over fetched documents: on every core, each document under a
time limit, so no single file can stall a run."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import replace

from pebble import ProcessPool
from pebble.common import ProcessExpired

import extractors
import warehouse as wh
from crawler.fetching import FetchResult
from warehouse import StagedDocument

from .interrupt import ignore_in_workers

DEFAULT_TIME_LIMIT = 60.0  # seconds per document

# Each extraction worker may grow by this much heap (MiB) beyond what it had when it
# started; past it an allocation fails, and the document is an error, not the machine's
# memory. Per worker: a run's ceiling grows with its workers (cores, at most 8), about
# workers x (this + ~100 MiB the worker starts with) on top of the flow's own process.
# PDFs are bounded first by extractors.inflate (what their streams may inflate to).
DEFAULT_MEMORY_LIMIT_MB = 1024


def memory_limit_mb() -> int:
    """The per-worker heap allowance: $PRESSROOM_EXTRACT_MEMORY_MB, else the default;
    0 turns it off."""
    value = os.environ.get("PRESSROOM_EXTRACT_MEMORY_MB", "").strip()
    try:
        return max(0, int(value)) if value else DEFAULT_MEMORY_LIMIT_MB
    except ValueError:
        return DEFAULT_MEMORY_LIMIT_MB


def start_worker(limit_mb: int) -> None:
    """An extraction process's start: its memory limit, and Ctrl-C left to the parent."""
    ignore_in_workers()
    limit_worker_memory(limit_mb)


def limit_worker_memory(limit_mb: int) -> None:
    """Cap this process's data (heap and private mappings) at what it uses now plus
    `limit_mb` MiB (RLIMIT_DATA; Linux counts malloc's mmaps in it). Runs at the start of
    each extraction worker; a no-op where the limit or /proc is unavailable."""
    if limit_mb <= 0:
        return
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as status:
            data_kb = next(int(line.split()[1]) for line in status if line.startswith("VmData:"))
        ceiling = data_kb * 1024 + limit_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (ceiling, hard))
    except (ImportError, OSError, ValueError, StopIteration):
        pass


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def staged_from(result: FetchResult) -> StagedDocument:
    return StagedDocument(
        url=result.url,
        source=result.source,
        fetched_at=result.fetched_at,
        status=result.status,  # type: ignore[arg-type]
        http_status=result.http_status,
        content_sha256=result.content_sha256,
        content_type=result.content_type,
        content_length=result.content_length,
        etag=result.etag,
        last_modified=result.last_modified,
        error=result.error,
        stage="fetch" if result.status == "error" else None,
        listed_dates=result.listed_dates,
    )


def needs_extraction(result: FetchResult) -> bool:
    return result.status == "ok" and not result.unchanged_bytes and bool(result.content_sha256)


def extract_archived(
    archive_root: str, sha256: str, url: str, content_type: str | None
) -> extractors.Extraction | str:
    """Extract one archived document; an error message (str) when it cannot be read.
    Runs in a worker process: it reads the bytes itself so they never cross a pipe."""
    data = wh.Archive(archive_root).get(sha256)
    try:
        return extractors.extract(data, url=url, content_type=content_type)
    except extractors.ExtractionError as exc:
        return str(exc)
    except MemoryError:
        del data
        return (
            f"extraction needed more than the {memory_limit_mb()} MB of memory an "
            "extraction may use (PRESSROOM_EXTRACT_MEMORY_MB) and was stopped; the raw bytes "
            "are archived for a re-run"
        )
    except Exception as exc:  # an extractor bug must not sink the run
        return (
            f"extractor failed unexpectedly ({type(exc).__name__}: {exc}): a bug in "
            "pressroom, not in the file; please report it with the file. The raw bytes are "
            "archived for a re-run"
        )


def _apply(staged: StagedDocument, outcome: extractors.Extraction | str) -> StagedDocument:
    if isinstance(outcome, str):
        return replace(staged, status="error", stage="extract", error=outcome)
    return replace(staged, extraction=outcome)


class Extractor:
    """Extracts batches of fetched documents, in worker processes (`workers` > 0) with a
    per-document time limit, or in this process (`workers` == 0, no time limit).

    An Extractor is plain configuration (it pickles, so a task on a Dask worker can take
    it): the worker processes belong to the process that uses it, started on first use
    and shared by every thread there (see `_pool_for`). Leaving the `with` block stops
    this process's workers."""

    __slots__ = ("archive_root", "workers", "time_limit")

    def __init__(
        self, archive_root: str, workers: int | None = None, time_limit: float = DEFAULT_TIME_LIMIT
    ):
        self.archive_root = archive_root
        self.workers = default_workers() if workers is None else workers
        self.time_limit = time_limit

    def __getstate__(self) -> tuple:
        return (self.archive_root, self.workers, self.time_limit)

    def __setstate__(self, state: tuple) -> None:
        self.archive_root, self.workers, self.time_limit = state

    def __repr__(self) -> str:
        return (
            f"Extractor({self.archive_root!r}, workers={self.workers}, "
            f"time_limit={self.time_limit:g})"
        )

    def with_workers(self, workers: int) -> Extractor:
        return Extractor(self.archive_root, workers=workers, time_limit=self.time_limit)

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> Extractor:
        """Start this process's workers now rather than at the first document, so their
        start-up overlaps discovery and the first fetches."""
        pool = _pool_for(self.workers)
        if pool is not None:
            pool.schedule(os.getpid)  # pebble starts its workers with the first task
        return self

    def close(self) -> None:
        """Stop the worker processes this process started for extractors of this size."""
        _close_pool(self.workers)

    def extract(self, results: Sequence[FetchResult]) -> list[StagedDocument]:
        staged = [staged_from(r) for r in results]
        todo = [i for i, r in enumerate(results) if needs_extraction(r)]
        jobs = [(results[i].content_sha256, results[i].url, results[i].content_type) for i in todo]
        for i, outcome in zip(todo, self.extract_archived(jobs), strict=True):
            staged[i] = _apply(staged[i], outcome)
        return staged

    def extract_archived(
        self, jobs: Sequence[tuple[str, str, str | None]]
    ) -> list[extractors.Extraction | str]:
        """Extract archived documents given as (sha256, url, content_type); one outcome
        each, in order: an Extraction, or an error message a person can act on."""
        if not jobs:
            return []
        pool = _pool_for(self.workers)
        if pool is None:
            return [extract_archived(self.archive_root, *job) for job in jobs]
        futures = [
            pool.schedule(extract_archived, args=(self.archive_root, *job), timeout=self.time_limit)
            for job in jobs
        ]
        return [self._outcome(future) for future in futures]

    def _outcome(self, future) -> extractors.Extraction | str:
        try:
            return future.result()
        except FutureTimeout:
            return (
                f"extraction took longer than the {self.time_limit:g} s limit and was "
                "stopped; the raw bytes are archived for a re-run"
            )
        except ProcessExpired as exc:
            return (
                f"the extractor process died ({exc}); likely out of memory on this "
                "document. The raw bytes are archived for a re-run"
            )
        except Exception as exc:
            return (
                f"extraction could not run ({type(exc).__name__}: {exc}); the worker "
                "process failed, not the file. The raw bytes are archived for a re-run"
            )


# Worker pools of this process, by size. Keyed by pid too: a forked child must not use its
# parent's pool.
_POOLS: dict[tuple[int, int], ProcessPool] = {}
_POOLS_LOCK = threading.Lock()
_warned_daemonic = False


def can_start_processes() -> bool:
    """False inside a daemonic process (a Dask worker under a nanny, a multiprocessing
    pool worker): those may not have children."""
    return not multiprocessing.current_process().daemon


def _pool_for(workers: int) -> ProcessPool | None:
    global _warned_daemonic
    if workers <= 0:
        return None
    if not can_start_processes():
        if not _warned_daemonic:
            _warned_daemonic = True
            _logger().warning(
                "this worker process is daemonic and cannot start extraction processes: "
                "extracting in-process, without the per-document time limit (start Dask "
                "workers with the config distributed.worker.daemon=False to keep it)"
            )
        return None
    key = (os.getpid(), workers)
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None or not pool.active:
            # forkserver: forking a process that runs Prefect's threads and event loops is
            # not safe; the server forks clean workers that import the extractors once.
            context = start_fork_server()
            pool = _POOLS[key] = ProcessPool(
                max_workers=workers,
                context=context,
                initializer=start_worker,
                initargs=(memory_limit_mb(),),
            )
        return pool


def start_fork_server():
    """The forkserver context, its server started (a no-op once it runs). From the main
    thread it is started with SIGINT ignored, which it inherits: a Ctrl-C in its first
    moments (before flows.worker_signals) prints no KeyboardInterrupt traceback. (From
    another thread that window, a fraction of a second, stays open.)"""
    from multiprocessing import forkserver

    context = multiprocessing.get_context("forkserver")
    # The server itself imports and warms up the extractors once; the workers it forks
    # inherit them (flows.extraction_preload). Only the first call, before the server
    # starts, counts.
    context.set_forkserver_preload(["flows.worker_signals", "__main__", "flows.extraction_preload"])
    if threading.current_thread() is not threading.main_thread():
        forkserver.ensure_running()
        return context
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)
    return context


def _logger() -> logging.Logger | logging.LoggerAdapter:
    from prefect import get_run_logger
    from prefect.exceptions import MissingContextError
    from prefect.logging import get_logger

    try:
        return get_run_logger()
    except MissingContextError:
        return get_logger("pressroom.extraction")


def _close_pool(workers: int) -> None:
    with _POOLS_LOCK:
        pool = _POOLS.pop((os.getpid(), workers), None)
    if pool is not None:
        pool.close()
        pool.join()
