"""The crawler's settings: FetchOptions, and the `[crawler]` table of sources.toml that
sets them."""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass

from . import politeness

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0  # seconds per connect / read


@dataclass(frozen=True)
class FetchOptions:
    """How documents are fetched. The web settings are a polite crawler's defaults; a
    `[crawler]` table in sources.toml (see docs/sources.md) can change them."""

    max_bytes: int = DEFAULT_MAX_BYTES  # a bigger body is refused, not loaded
    timeout: float = DEFAULT_TIMEOUT  # per connect / per read
    deadline: float | None = None  # whole request, redirects included (None: 3 x timeout)
    user_agent: str | None = None  # None: crawler.client.USER_AGENT
    # The pace per host adapts to the server (crawler.politeness); `rate` is an optional
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


# [crawler] keys: the FetchOptions fields a user may set, with their types.
CRAWLER_KEYS = {
    "user_agent": str,
    "timeout": float,
    "deadline": float,
    "max_bytes": int,
    "rate": float,
    "per_host": int,
    "start_delay": float,
    "max_delay": float,
    "max_connections": int,
    "max_redirects": int,
    "max_attempts": int,
    "backoff": float,
    "max_wait": float,
    "max_pages": int,
    "max_sitemaps": int,
    "max_documents": int,
    "obey_robots": bool,
    "robots_unreachable": str,
    "block_private_addresses": bool,
}


class SettingsError(ValueError):
    """A `[crawler]` table that cannot be used; the message names the key, not the file."""


def nearest(key: str, known) -> str:
    """' (did you mean ...?)' for the known key nearest a mistyped one, or ''."""
    near = difflib.get_close_matches(key, sorted(known), 1)
    return f" (did you mean {near[0]!r}?)" if near else ""


def crawler_settings(table: object) -> dict[str, object]:
    """The FetchOptions fields a `[crawler]` table sets, checked (names, types, ranges);
    SettingsError for the first that is wrong."""
    if not isinstance(table, dict):
        raise SettingsError("[crawler] must be a table")
    out: dict[str, object] = {}
    for key, value in table.items():
        kind = CRAWLER_KEYS.get(key)
        if kind is None:
            raise SettingsError(
                f"unknown [crawler] key {key!r}{nearest(key, CRAWLER_KEYS)}; allowed: "
                f"{', '.join(sorted(CRAWLER_KEYS))}"
            )
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            raise SettingsError(f"[crawler] {key} must be a {kind.__name__}")
        if kind in (int, float) and value <= 0:
            raise SettingsError(f"[crawler] {key} must be more than 0")
        if key == "robots_unreachable" and value not in ("allow", "disallow"):
            raise SettingsError("[crawler] robots_unreachable is 'allow' or 'disallow'")
        out[key] = value
    known_fields = {f.name for f in dataclasses.fields(FetchOptions)}
    assert set(out) <= known_fields
    return out
