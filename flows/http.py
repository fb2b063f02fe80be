"""HTTP fetching: conditional GET, redirects, a size cap and a timeout."""

from __future__ import annotations

import httpx

from warehouse import Archive, KnownDocument

from . import __version__
from .fetching import DEFAULT_MAX_BYTES, FetchResult, archived, utcnow
from .sources import Candidate

USER_AGENT = f"pressroom/{__version__} (press-release archiver; +https://example.invalid/pressroom)"
DEFAULT_TIMEOUT = 30.0


def make_client(timeout: float = DEFAULT_TIMEOUT) -> httpx.Client:
    return httpx.Client(
        headers={"User-Agent": USER_AGENT},
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=10,
    )


def fetch_http(
    candidate: Candidate,
    archive: Archive,
    known: KnownDocument | None,
    client: httpx.Client,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FetchResult:
    base = {"url": candidate.url, "source": candidate.source, "fetched_at": utcnow()}
    headers = {}
    if known is not None and known.status == "active":
        if known.etag:
            headers["If-None-Match"] = known.etag
        if known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
    try:
        with client.stream("GET", candidate.url, headers=headers) as response:
            status = response.status_code
            meta = {
                "http_status": status,
                "content_type": response.headers.get("content-type"),
                "etag": response.headers.get("etag"),
                "last_modified": response.headers.get("last-modified"),
            }
            if status == 304:
                return FetchResult(**base, status="not_modified", **meta)
            if status in (404, 410):
                return FetchResult(
                    **base, status="gone", error=f"HTTP {status} {response.reason_phrase}", **meta
                )
            if status >= 400:
                return FetchResult(
                    **base,
                    status="error",
                    error=f"HTTP {status} {response.reason_phrase} from {candidate.url}",
                    **meta,
                )
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                return FetchResult(
                    **base,
                    status="error",
                    error=f"response is {int(declared):,} bytes, over the {max_bytes:,}-byte "
                    "limit; not downloaded",
                    **meta,
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    return FetchResult(
                        **base,
                        status="error",
                        error=f"response exceeded the {max_bytes:,}-byte limit; download stopped",
                        **meta,
                    )
                chunks.append(chunk)
    except httpx.TooManyRedirects:
        return FetchResult(**base, status="error", error="too many redirects (a redirect loop?)")
    except httpx.TimeoutException:
        return FetchResult(**base, status="error", error="timed out waiting for the server")
    except httpx.HTTPError as exc:
        return FetchResult(
            **base, status="error", error=f"could not fetch: {type(exc).__name__}: {exc}"
        )
    return archived(base, b"".join(chunks), archive, known, **meta)
