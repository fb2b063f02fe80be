"""Fetching one candidate: its bytes archived, what happened recorded."""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from extractors import DatedBy
from warehouse import Archive, KnownDocument

from .sources import Candidate
from .web import politeness

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0  # seconds per connect / read


@dataclass(frozen=True)
class FetchOptions:
    """How documents are fetched. The web settings are a polite crawler's defaults; a
    `[crawler]` table in sources.toml (see README.md, Sources) can change them."""

    max_bytes: int = DEFAULT_MAX_BYTES  # a bigger body is refused, not loaded
    timeout: float = DEFAULT_TIMEOUT  # per connect / per read
    deadline: float | None = None  # whole request, redirects included (None: 3 x timeout)
    user_agent: str | None = None  # None: flows.http.USER_AGENT
    # The pace per host adapts to the server (flows.web.politeness); `rate` is an optional
    # cap on it in requests per second (None: no cap; robots.txt can always ask for less).
    rate: float | None = None
    per_host: int = 2  # concurrent requests to one host (also the adaptive pace's target)
    start_delay: float = politeness.START_DELAY  # between requests before a host answers
    max_delay: float = politeness.MAX_DELAY  # the most the adaptive pace slows down to
    max_connections: int = 8  # concurrent requests in all
    max_redirects: int = 10
    max_attempts: int = 3  # tries of a transient failure (timeout, 5xx, 429, connection)
    backoff: float = 1.0  # first wait between tries, doubling; the least delay after a failure
    max_wait: float = 60.0  # longest wait between tries, Retry-After included
    max_pages: int = 50  # listing pages followed through "next" links, per source
    max_sitemaps: int = 50  # sitemaps read through a sitemap index, per source
    max_documents: int = 10_000  # documents discovered per source
    obey_robots: bool = True
    robots_unreachable: str = "allow"  # robots.txt answering 5xx / unreachable: allow|disallow
    # Refuse hosts that resolve to private, loopback or link-local addresses (opt-in).
    block_private_addresses: bool = False

    @property
    def effective_deadline(self) -> float:
        return self.deadline if self.deadline is not None else 3 * self.timeout


@dataclass(frozen=True)
class FetchResult:
    """One fetch attempt. The body is in the archive under `content_sha256`, never here."""

    url: str  # the canonical URL: where redirects ended
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
    # The URL asked for, when redirects led elsewhere.
    requested_url: str | None = None
    # The candidate's dates from discovery (Candidate.listed_dates), for the warehouse.
    listed_dates: tuple[DatedBy, ...] = ()


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
        # Discovery refused links out of the folder, but the file may have been replaced
        # since (by a link elsewhere, or a pipe that would block a read forever): look
        # again, and read through one descriptor what was checked.
        outside = _outside_source(path, candidate.source)
        if outside is not None:
            return FetchResult(
                **base,
                status="error",
                error=f"the file now leads outside the source folder ({outside}); not read",
            )
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode):
                return FetchResult(
                    **base,
                    status="error",
                    error="not a regular file (a pipe, device or socket); not read",
                )
            size = info.st_size
            if size > max_bytes:
                return FetchResult(
                    **base,
                    status="error",
                    content_length=size,
                    error=f"file is {size:,} bytes, over the {max_bytes:,}-byte limit; not read",
                )
            data = file.read(max_bytes + 1)
        if len(data) > max_bytes:
            return FetchResult(
                **base,
                status="error",
                content_length=len(data),
                error=f"file grew past the {max_bytes:,}-byte limit while it was read; not kept",
            )
    except FileNotFoundError:
        return FetchResult(**base, status="gone", error="file no longer exists")
    except OSError as exc:
        return FetchResult(**base, status="error", error=f"cannot read file: {exc.strerror}")
    return archived(base, data, archive, known)


def _outside_source(path: Path, source: str) -> Path | None:
    """Where `path` really leads, when that is outside the folder (or file) `source`
    names; None when it stays inside (or the source is not a local one)."""
    parts = urlsplit(source)
    if parts.scheme != "file":
        return None
    root = Path(unquote(parts.path)).resolve()
    real = path.resolve()
    if real == root or real.is_relative_to(root):
        return None
    return real


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
