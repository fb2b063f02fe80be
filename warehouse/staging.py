"""Staging a run's records as Parquet batches, so a run of any size streams to disk while
it fetches and extracts, and the warehouse is written once, in one short transaction."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from .records import StagedDocument

# Batches are staged from many worker threads. Arrow's default allocator (mimalloc) keeps
# a heap per thread that ever allocated, so with a thread per task a long run's memory grew
# by ~8 MiB per batch (the benchmark's 3,000 documents: +600 MiB); the system allocator
# hands freed memory back and the run stays flat.
pa.set_memory_pool(pa.system_memory_pool())

_FORCE = pa.struct([("force", pa.string()), ("in_notes", pa.bool_())])
_PERSON = pa.struct([("name", pa.string()), ("role", pa.string())])
_JUDGEMENT = pa.struct(
    [
        ("force", pa.string()),
        ("area", pa.string()),
        ("value", pa.string()),
        ("evidence", pa.string()),
        ("restated", pa.bool_()),
        ("superseded", pa.bool_()),
        ("period", pa.string()),
        ("sector", pa.string()),
        ("service", pa.string()),
    ]
)
_SERVICE = pa.struct([("sector", pa.string()), ("service", pa.string()), ("in_notes", pa.bool_())])
_GAP = pa.struct([("text", pa.string()), ("grade", pa.string()), ("why", pa.string())])
_DATED = pa.struct([("source", pa.string()), ("value", pa.date32())])

SCHEMA = pa.schema(
    [
        ("seq", pa.int64()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("fetched_at", pa.timestamp("us")),
        ("status", pa.string()),
        ("stage", pa.string()),
        ("http_status", pa.int32()),
        ("content_sha256", pa.string()),
        ("content_type", pa.string()),
        ("content_length", pa.int64()),
        ("etag", pa.string()),
        ("last_modified", pa.string()),
        ("error", pa.string()),
        ("fingerprint", pa.string()),
        ("media_type", pa.string()),
        ("extractor_version", pa.int32()),
        ("title", pa.string()),
        ("reference", pa.string()),
        ("published_date", pa.date32()),
        ("publisher", pa.string()),
        ("primary_force", pa.string()),
        ("topic", pa.string()),
        ("body_text", pa.string()),
        ("forces", pa.list_(_FORCE)),
        ("people", pa.list_(_PERSON)),
        ("reports", pa.list_(pa.string())),
        ("phones", pa.list_(pa.string())),
        ("judgements", pa.list_(_JUDGEMENT)),
        ("gaps", pa.list_(_GAP)),
        ("stated_date", pa.date32()),
        ("dates", pa.list_(_DATED)),
        ("sector", pa.string()),
        ("primary_service", pa.string()),
        ("services", pa.list_(_SERVICE)),
        # What discovery said of the URL (a feed entry's date, a sitemap's lastmod).
        ("listed_dates", pa.list_(_DATED)),
    ]
)

_BATCH_STRIDE = 1_000_000


def _row(seq: int, record: StagedDocument) -> dict:
    row = {
        # Order of staging decides which record wins when one URL is staged twice.
        "seq": seq,
        "url": record.url,
        "source": record.source,
        "fetched_at": record.fetched_at,
        "status": record.status,
        "stage": record.stage,
        "http_status": record.http_status,
        "content_sha256": record.content_sha256,
        "content_type": record.content_type,
        "content_length": record.content_length,
        "etag": record.etag,
        "last_modified": record.last_modified,
        "error": record.error,
        "listed_dates": [{"source": d.source, "value": d.value} for d in record.listed_dates],
    }
    extraction = record.extraction
    if extraction is not None:
        release = extraction.release
        row.update(
            fingerprint=extraction.fingerprint,
            media_type=extraction.document.media_type,
            extractor_version=extraction.extractor_version,
            title=release.title,
            reference=release.reference,
            published_date=release.published_date,
            publisher=release.publisher,
            primary_force=release.primary_force,
            topic=release.topic,
            body_text=release.body_text,
            forces=[{"force": f.force, "in_notes": f.in_notes} for f in release.forces],
            people=[{"name": p.name, "role": p.role} for p in release.people],
            reports=list(release.reports),
            phones=list(release.phones),
            judgements=[
                {
                    "force": j.force,
                    "area": j.area,
                    "value": j.value,
                    "evidence": j.evidence,
                    "restated": j.restated,
                    "superseded": j.superseded,
                    "period": j.period,
                    "sector": j.sector,
                    "service": j.service,
                }
                for j in release.judgements
            ],
            gaps=[{"text": g.text, "grade": g.grade, "why": g.why} for g in release.gaps],
            stated_date=release.stated_date,
            dates=[{"source": d.source, "value": d.value} for d in release.dates],
            sector=release.sector,
            primary_service=release.primary_service,
            services=[
                {"sector": s.sector, "service": s.service, "in_notes": s.in_notes}
                for s in release.services
            ],
        )
    return row


def write_batch(folder: Path | str, batch: int, records: Iterable[StagedDocument]) -> Path | None:
    """Write records to `folder/batch-NNNNNN.parquet` atomically; None when there are none.
    Batches may be written by different processes; their number orders them."""
    rows = [_row(batch * _BATCH_STRIDE + i, r) for i, r in enumerate(records)]
    if not rows:
        return None
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    name = f"batch-{batch:06d}.parquet"
    target = folder / name
    tmp = folder / f".{name}.tmp"
    pq.write_table(table, tmp)
    os.replace(tmp, target)
    return target


def staged_batches(folder: Path | str) -> list[str]:
    """The staged batch files of a run, in order."""
    return sorted(str(p) for p in Path(folder).glob("batch-*.parquet"))


def attach_staged(con: duckdb.DuckDBPyConnection, batches: list[str]) -> None:
    """Make the run's staged batches the view `staged` of this connection. A view, not a
    table: the load's statements read the Parquet files as they need them, so a run's
    staged rows are never all held in memory at once."""
    # A view cannot take parameters, so the paths are written in as SQL string literals.
    files = ", ".join("'" + path.replace("'", "''") + "'" for path in batches)
    con.execute(f"CREATE OR REPLACE TEMP VIEW staged AS SELECT * FROM read_parquet([{files}])")
