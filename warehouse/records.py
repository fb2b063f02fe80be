"""What the pipeline hands the warehouse: one record per URL met in a run."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from extractors.records import DatedBy, Extraction

# ok: a body was fetched; not_modified: the server said 304; gone: 404/410 or gone from its
# folder; error: nothing usable (the `error` says why and `stage` where).
FetchStatus = Literal["ok", "not_modified", "gone", "error"]
Stage = Literal["discover", "fetch", "extract", "load"]


@dataclass(frozen=True)
class StagedDocument:
    url: str
    source: str
    fetched_at: dt.datetime  # UTC, naive
    status: FetchStatus
    http_status: int | None = None
    content_sha256: str | None = None  # archived raw bytes
    content_type: str | None = None
    content_length: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    stage: Stage | None = None
    # None when the bytes were identical to the last archived ones (extraction skipped)
    # or when nothing could be extracted.
    extraction: Extraction | None = None
    # Dates discovery found for the URL outside the document: a feed entry's
    # (source "feed"), a sitemap's lastmod ("sitemap").
    listed_dates: tuple[DatedBy, ...] = ()


@dataclass(frozen=True)
class KnownDocument:
    url: str
    source: str | None
    status: str
    etag: str | None
    last_modified: str | None
    last_content_sha256: str | None


@dataclass(frozen=True)
class RunCounts:
    n_new: int = 0
    n_changed: int = 0
    n_unchanged: int = 0
    n_not_modified: int = 0
    n_withdrawn: int = 0
    n_failed: int = 0
