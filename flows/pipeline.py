"""The ingest flow: discover -> fetch (archive raw bytes) -> extract -> stage -> load.

Work goes to Prefect in batches of documents, so a run of thousands of documents is tens
of task runs. Each batch is staged to Parquet on disk as it completes; the warehouse is
written once at the end, in one transaction, so a crash leaves it as it was.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

import extractors
import warehouse as wh
from warehouse import KnownDocument, StagedDocument

from .fetching import DEFAULT_MAX_BYTES, FetchResult, fetch_local
from .http import DEFAULT_TIMEOUT, fetch_http, make_client
from .lock import writer_lock
from .sources import Candidate, DiscoveryError, Source, discover_path, parse_source

DEFAULT_BATCH_SIZE = 50


@dataclass(frozen=True)
class FetchOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    counts: wh.RunCounts
    warehouse: str
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # url, stage, error

    @property
    def ok(self) -> bool:
        return self.counts.n_failed == 0


@dataclass(frozen=True)
class Plan:
    candidates: list[Candidate]
    errors: list[DiscoveryError]
    gone: list[Candidate]  # known documents no longer in their folder


def _batches(items: Sequence, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


@task(name="discover documents", cache_policy=NO_CACHE)
def discover(source: Source, known: dict[str, KnownDocument]) -> Plan:
    """The documents a source holds now, plus the known ones to revisit or withdraw."""
    if source.kind == "path":
        candidates, errors = discover_path(source)
        found = {c.url for c in candidates}
        source_ok = not any(e.url == source.id for e in errors)
        gone = [
            Candidate(url=k.url, source=source.id)
            for k in known.values()
            if source_ok and k.source == source.id and k.status == "active" and k.url not in found
        ]
        return Plan(candidates, errors, gone)
    candidates = [Candidate(url=source.location, source=source.id)]
    # Feeds show only the newest items: every known document of the source is revisited so
    # corrections and withdrawals are seen after a release drops off.
    seen = {c.url for c in candidates}
    for k in known.values():
        if k.source == source.id and k.status == "active" and k.url not in seen:
            candidates.append(Candidate(url=k.url, source=source.id))
    return Plan(candidates, [], [])


@task(name="fetch documents", cache_policy=NO_CACHE)
def fetch_batch(
    batch: list[Candidate],
    known: dict[str, KnownDocument],
    archive_root: str,
    options: FetchOptions,
) -> list[FetchResult]:
    archive = wh.Archive(archive_root)
    results = []
    client = None
    try:
        for candidate in batch:
            if candidate.path is not None:
                results.append(
                    fetch_local(candidate, archive, known.get(candidate.url), options.max_bytes)
                )
            else:
                client = client or make_client(options.timeout)
                results.append(
                    fetch_http(
                        candidate, archive, known.get(candidate.url), client, options.max_bytes
                    )
                )
    finally:
        if client is not None:
            client.close()
    return results


def extract_one(result: FetchResult, archive: wh.Archive) -> StagedDocument:
    staged = StagedDocument(
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
    if result.status != "ok" or result.unchanged_bytes or result.content_sha256 is None:
        return staged
    try:
        extraction = extractors.extract(
            archive.get(result.content_sha256), url=result.url, content_type=result.content_type
        )
    except extractors.ExtractionError as exc:
        return _replace(staged, status="error", stage="extract", error=str(exc))
    except Exception as exc:  # an extractor bug must not sink the run
        return _replace(
            staged,
            status="error",
            stage="extract",
            error=f"extractor failed unexpectedly ({type(exc).__name__}: {exc}); "
            "the raw bytes are archived for a re-run",
        )
    return _replace(staged, extraction=extraction)


def _replace(staged: StagedDocument, **changes: object) -> StagedDocument:
    from dataclasses import replace

    return replace(staged, **changes)


@task(name="extract and stage", cache_policy=NO_CACHE)
def extract_batch(
    results: list[FetchResult], batch_no: int, archive_root: str, staging: str
) -> int:
    archive = wh.Archive(archive_root)
    staged = [extract_one(r, archive) for r in results]
    wh.write_batch(staging, batch_no, staged)
    return len(staged)


@task(name="load into warehouse", cache_policy=NO_CACHE)
def load(warehouse: str, run_id: str, staging: str) -> wh.RunCounts:
    return wh.load_run(warehouse, run_id, staging)


def _stage_plan_errors(plans: Iterable[Plan], staging: str, batch_no: int) -> None:
    now = wh.utcnow()
    records = []
    for plan in plans:
        records += [
            StagedDocument(
                url=e.url, source=e.source, fetched_at=now, status="error", error=e.error,
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
    sources: list[str],
    warehouse: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    options: FetchOptions | None = None,
    wait_for_lock: bool = True,
) -> RunSummary:
    """Fetch every document of `sources`, archive and extract it, and load what changed."""
    logger = get_run_logger()
    warehouse_path = str(Path(warehouse) if warehouse else wh.default_path())
    options = options or FetchOptions()
    parsed = [parse_source(s) for s in sources]
    archive_root = str(wh.archive_dir_for(warehouse_path))
    with writer_lock(warehouse_path, wait=wait_for_lock):
        run_id = wh.start_run(
            warehouse_path,
            sources=[s.id for s in parsed],
            flow_run_id=flow_run.get_id(),
            extractor_version=extractors.EXTRACTOR_VERSION,
        )
        staging = str(wh.staging_dir_for(warehouse_path, run_id))
        logger.info("run %s: %d source(s) into %s", run_id, len(parsed), warehouse_path)
        try:
            known = wh.known_documents(warehouse_path, [s.id for s in parsed])
            plans = [discover(s, known) for s in parsed]
            candidates = _unique(c for p in plans for c in p.candidates)
            logger.info("discovered %d document(s)", len(candidates))
            batch_no = 0
            _stage_plan_errors(plans, staging, batch_no)
            futures = []
            for batch_no, batch in enumerate(_batches(candidates, batch_size), start=1):
                batch_known = {c.url: known[c.url] for c in batch if c.url in known}
                fetched = fetch_batch.submit(batch, batch_known, archive_root, options)
                futures.append(extract_batch.submit(fetched, batch_no, archive_root, staging))
            for future in futures:
                future.result()
            counts = load(warehouse_path, run_id, staging)
        except BaseException:
            wh.fail_run(warehouse_path, run_id)
            raise
    logger.info(
        "run %s: %d new, %d changed, %d unchanged, %d withdrawn, %d failed",
        run_id, counts.n_new, counts.n_changed, counts.n_unchanged, counts.n_withdrawn,
        counts.n_failed,
    )
    return RunSummary(run_id=run_id, counts=counts, warehouse=warehouse_path)


def _unique(candidates: Iterable[Candidate]) -> list[Candidate]:
    seen: dict[str, Candidate] = {}
    for c in candidates:
        seen.setdefault(c.url, c)
    return list(seen.values())
