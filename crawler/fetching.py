"""Fetching candidates: their bytes archived, what happened recorded.

`fetch_local` reads a file of a folder source. `fetch_web` fetches a batch of web
candidates with the web client (crawler.client), concurrently, and describes each as a
FetchResult (conditional GET with the stored ETag / Last-Modified; 304 is `not_modified`;
404/410 `gone`; the final URL of redirects is the document's URL).

The archive and the known documents are the warehouse's (warehouse.Archive,
warehouse.KnownDocument), taken by their shape (Archive and Known below): the crawler
imports nothing of the warehouse.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from extractors.records import DatedBy

from . import session as web_session
from .client import WebClient, WebResponse
from .options import DEFAULT_MAX_BYTES, FetchOptions
from .sources import Candidate
from .urls import SitePolicy, scheme_error


class Archive(Protocol):
    """Where fetched bytes go (warehouse.Archive): `put` stores them, returns their
    SHA-256."""

    def put(self, data: bytes) -> str: ...


class Known(Protocol):
    """What the warehouse knows of a document from earlier runs (warehouse.KnownDocument)."""

    @property
    def url(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def etag(self) -> str | None: ...
    @property
    def last_modified(self) -> str | None: ...
    @property
    def last_content_sha256(self) -> str | None: ...


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
    known: Known | None,
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
    known: Known | None,
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


# --- web documents ---------------------------------------------------------------------

# Answers discovery already fetched for a URL it hands on as a document (a source that is
# one page, or one that could not be read): fetch_web uses them instead of asking again.
_PREFETCH_TTL = 600.0
_prefetched: dict[str, tuple[float, WebResponse]] = {}
_prefetched_lock = threading.Lock()


def remember_prefetched(response: WebResponse) -> None:
    with _prefetched_lock:
        now = time.monotonic()
        for url in [u for u, (t, _) in _prefetched.items() if now - t > _PREFETCH_TTL]:
            del _prefetched[url]
        _prefetched[response.url] = (now, response)


def _take_prefetched(url: str) -> WebResponse | None:
    with _prefetched_lock:
        entry = _prefetched.pop(url, None)
    if entry is None or time.monotonic() - entry[0] > _PREFETCH_TTL:
        return None
    return entry[1]


@dataclass(frozen=True)
class WebCandidate(Candidate):
    """A web document with its source's same-site policy, as discovery left it (the
    source's allow_hosts): every redirect of the document is checked against it, so a
    listed page cannot lead the crawler elsewhere (another port on 127.0.0.1, say). It
    travels with the candidate, to whichever process fetches it."""

    policy: SitePolicy | None = field(default=None, compare=False, hash=False, repr=False)


def document_policy(candidate: Candidate) -> SitePolicy:
    """Where a redirect of `candidate` may lead: its source's site (and allow_hosts), and
    the document's own site. Without its source's policy, the source's and the document's
    sites only: stricter, never looser."""
    policy = getattr(candidate, "policy", None)
    if policy is None:
        web_source = scheme_error(candidate.source) is None
        policy = SitePolicy(candidate.source if web_source else candidate.url)
    return policy.with_site(candidate.url)


def conditional_headers(known: Known | None) -> dict[str, str]:
    headers = {}
    if known is not None and known.status == "active":
        if known.etag:
            headers["If-None-Match"] = known.etag
        if known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
    return headers


def fetch_http(
    candidate: Candidate,
    archive: Archive,
    known: dict[str, Known] | Known | None,
    client: WebClient,
) -> list[FetchResult]:
    """Fetch one document: its FetchResult, plus a `gone` one for its old URL when a known
    document has moved permanently (301/308) to a new one."""
    if not isinstance(known, dict):
        known = {known.url: known} if known is not None else {}
    mine = known.get(candidate.url)
    fetched_at = utcnow()
    response = None
    if mine is None:
        response = _take_prefetched(candidate.url)
    if response is None:
        response = client.get(
            candidate.url, headers=conditional_headers(mine), policy=document_policy(candidate)
        )
    return _results(candidate, response, archive, known, fetched_at)


def _results(
    candidate: Candidate,
    response: WebResponse,
    archive: Archive,
    known: dict[str, Known],
    fetched_at,
) -> list[FetchResult]:
    asked = candidate.url
    final = response.final_url
    meta = {
        "http_status": response.status,
        "content_type": response.headers.get("content-type"),
        "etag": response.headers.get("etag"),
        "last_modified": response.headers.get("last-modified"),
    }
    base = {
        "url": asked,
        "source": candidate.source,
        "fetched_at": fetched_at,
        "listed_dates": candidate.listed_dates,
    }
    if response.error is not None:
        return [FetchResult(**base, status="error", error=response.error, **meta)]
    status = response.status or 0
    if status == 304:
        return [FetchResult(**base, status="not_modified", **meta)]
    if status in (404, 410):
        why = "gone" if status == 410 else "not found"
        return [
            FetchResult(
                **base,
                status="gone",
                error=f"HTTP {status} {response.reason}: the server says {final} is {why}",
                **meta,
            )
        ]
    if not 200 <= status < 300:
        return [
            FetchResult(
                **base,
                status="error",
                error=f"HTTP {status} {response.reason} from {final}; nothing to archive",
                **meta,
            )
        ]
    base["url"] = final
    result = archived(base, response.body or b"", archive, known.get(final), **meta)
    if final == asked:
        return [result]
    results = [replace(result, requested_url=asked)]
    old = known.get(asked)
    if response.permanent and old is not None and old.status == "active":
        results.append(
            FetchResult(
                url=asked,
                source=candidate.source,
                fetched_at=fetched_at,
                status="gone",
                http_status=301,
                error=f"moved permanently to {final}; its history stays here and new "
                "versions are recorded under the new URL",
            )
        )
    return results


def fetch_web(
    candidates: Sequence[Candidate],
    archive: Archive,
    known: dict[str, Known],
    options: FetchOptions,
) -> list[FetchResult]:
    """Fetch `candidates` (http/https URLs) concurrently; results in candidate order."""
    if not candidates:
        return []
    # The run's shared client (crawler.session): its keep-alive connections and
    # robots.txt answers outlive this batch.
    with web_session.client_for(options) as client:
        workers = max(1, min(len(candidates), options.max_connections))
        if workers == 1:
            nested = [fetch_http(c, archive, known, client) for c in candidates]
        else:
            with web_session.pool_for(options, workers) as pool:
                nested = list(pool.map(lambda c: fetch_http(c, archive, known, client), candidates))
    return [r for results in nested for r in results]
