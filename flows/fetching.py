"""Fetching one candidate: its bytes archived, what happened recorded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from warehouse import Archive, KnownDocument

from .sources import Candidate

DEFAULT_MAX_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class FetchResult:
    """One fetch attempt. The body is in the archive under `content_sha256`, never here."""

    url: str
    source: str
    fetched_at: dt.datetime
    status: str  # ok, not_modified, gone, error (see warehouse.records.FetchStatus)
    http_status: int | None = None
    content_sha256: str | None = None
    content_type: str | None = None
    content_length: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    # True when the bytes are those already archived for an active document, so there is
    # nothing to extract.
    unchanged_bytes: bool = False


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def fetch_local(
    candidate: Candidate,
    archive: Archive,
    known: KnownDocument | None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FetchResult:
    path = Path(candidate.path or "")
    now = utcnow()
    base = {"url": candidate.url, "source": candidate.source, "fetched_at": now}
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return FetchResult(
                **base,
                status="error",
                content_length=size,
                error=f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; not read",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        return FetchResult(**base, status="gone", error="file no longer exists")
    except OSError as exc:
        return FetchResult(**base, status="error", error=f"cannot read file: {exc.strerror}")
    return archived(base, data, archive, known)


def archived(
    base: dict,
    data: bytes,
    archive: Archive,
    known: KnownDocument | None,
    **extra: object,
) -> FetchResult:
    """Archive `data` and describe the successful fetch."""
    sha = archive.put(data)
    unchanged = known is not None and known.status == "active" and known.last_content_sha256 == sha
    return FetchResult(
        **base,
        status="ok",
        content_sha256=sha,
        content_length=len(data),
        unchanged_bytes=unchanged,
        **extra,
    )
