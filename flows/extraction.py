"""Running the extractors over fetched documents: on every core, each document under a
time limit, so no single file can stall a run."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import replace

from pebble import ProcessPool
from pebble.common import ProcessExpired

import extractors
import warehouse as wh
from warehouse import StagedDocument

from .fetching import FetchResult

DEFAULT_TIME_LIMIT = 60.0  # seconds per document


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
    except Exception as exc:  # an extractor bug must not sink the run
        return (
            f"extractor failed unexpectedly ({type(exc).__name__}: {exc}); "
            "the raw bytes are archived for a re-run"
        )


def _apply(staged: StagedDocument, outcome: extractors.Extraction | str) -> StagedDocument:
    if isinstance(outcome, str):
        return replace(staged, status="error", stage="extract", error=outcome)
    return replace(staged, extraction=outcome)


class Extractor:
    """Extracts batches of fetched documents, in worker processes (`workers` > 0) with a
    per-document time limit, or in this process (`workers` == 0, no time limit)."""

    def __init__(
        self, archive_root: str, workers: int | None = None, time_limit: float = DEFAULT_TIME_LIMIT
    ):
        self.archive_root = archive_root
        self.workers = default_workers() if workers is None else workers
        self.time_limit = time_limit
        self._pool: ProcessPool | None = None

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def _get_pool(self) -> ProcessPool:
        if self._pool is None:
            # forkserver: forking a process that runs Prefect's threads and event loops is
            # not safe; the server forks clean workers that import the extractors once.
            context = multiprocessing.get_context("forkserver")
            self._pool = ProcessPool(max_workers=self.workers, context=context)
        return self._pool

    def extract(self, results: Sequence[FetchResult]) -> list[StagedDocument]:
        staged = [staged_from(r) for r in results]
        todo = [i for i, r in enumerate(results) if needs_extraction(r)]
        if not todo:
            return staged
        if self.workers == 0:
            for i in todo:
                r = results[i]
                outcome = extract_archived(
                    self.archive_root, r.content_sha256, r.url, r.content_type
                )
                staged[i] = _apply(staged[i], outcome)
            return staged
        pool = self._get_pool()
        futures = {
            i: pool.schedule(
                extract_archived,
                args=(
                    self.archive_root,
                    results[i].content_sha256,
                    results[i].url,
                    results[i].content_type,
                ),
                timeout=self.time_limit,
            )
            for i in todo
        }
        for i, future in futures.items():
            try:
                outcome = future.result()
            except FutureTimeout:
                outcome = (
                    f"extraction took longer than the {self.time_limit:g} s limit and was "
                    "stopped; the raw bytes are archived for a re-run"
                )
            except ProcessExpired as exc:
                outcome = (
                    f"the extractor process died ({exc}); likely out of memory on this "
                    "document. The raw bytes are archived for a re-run"
                )
            except Exception as exc:
                outcome = f"extraction failed ({type(exc).__name__}: {exc})"
            staged[i] = _apply(staged[i], outcome)
        return staged
