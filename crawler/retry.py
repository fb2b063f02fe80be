"""Retrying transient failures: exponential backoff that honours Retry-After, capped."""

from __future__ import annotations

import datetime as dt
import email.utils
import random
from dataclasses import dataclass

# Statuses worth another try: the server is busy or briefly broken, not refusing.
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# Of those, the ones that say the server is overloaded: the pace to the host slows down
# (crawler.politeness). A 500 or 502 on one page says nothing about the server's load.
OVERLOAD_STATUSES = frozenset({429, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """`max_attempts` tries in all; between them `backoff` seconds, doubling each time,
    never more than `max_wait`. A Retry-After header replaces the backoff; one longer than
    `max_wait` ends the retries (the document is tried again on the next run)."""

    max_attempts: int = 3
    backoff: float = 1.0
    max_wait: float = 60.0
    jitter: float = 0.1  # up to this fraction added to a backoff, so clients spread out

    def wait(self, attempt: int, retry_after: float | None = None) -> float | None:
        """Seconds to wait before try `attempt + 1`, or None to give up."""
        if attempt >= self.max_attempts:
            return None
        if retry_after is not None:
            return None if retry_after > self.max_wait else max(0.0, retry_after)
        delay = min(self.max_wait, self.backoff * 2 ** (attempt - 1))
        return delay * (1 + self.jitter * random.random())


def is_transient_status(status: int) -> bool:
    return status in TRANSIENT_STATUSES


def is_overload_status(status: int) -> bool:
    return status in OVERLOAD_STATUSES


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Retry-After as seconds from now: delay-seconds or an HTTP-date (RFC 9110 10.2.3).
    None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())
