"""Politeness: a per-host request rate and bounded concurrency, shared by every fetch in
this process (discovery and all fetch batches), so batches running side by side do not
add up to more than one polite client."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


class Throttle:
    """At most `total` requests in flight, at most `per_host` to one host, and requests to
    one host started at least 1/`rate` seconds apart (longer if robots.txt asks)."""

    def __init__(
        self,
        rate: float,
        per_host: int,
        total: int,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.per_host = max(1, per_host)
        self._total = threading.BoundedSemaphore(max(1, total))
        self._lock = threading.Lock()
        self._next_start: dict[str, float] = {}
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._clock = clock
        self._sleep = sleep

    def _host_semaphore(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            sem = self._hosts.get(host)
            if sem is None:
                sem = self._hosts[host] = threading.BoundedSemaphore(self.per_host)
            return sem

    def _reserve(self, host: str, interval: float) -> float:
        """The moment this request may start; the next one to `host` waits `interval` more."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + interval
            return start - now

    def defer(self, host: str, seconds: float) -> None:
        """Start nothing more on `host` for `seconds` (a server's Retry-After)."""
        with self._lock:
            until = self._clock() + seconds
            self._next_start[host] = max(self._next_start.get(host, until), until)

    @contextmanager
    def slot(self, host: str, min_interval: float | None = None) -> Iterator[None]:
        interval = max(self.interval, min_interval or 0.0)
        host_sem = self._host_semaphore(host)
        with host_sem:
            delay = self._reserve(host, interval)
            if delay > 0:
                self._sleep(delay)
            with self._total:
                yield


_throttles: dict[tuple[float, int, int], Throttle] = {}
_throttles_lock = threading.Lock()


def throttle_for(rate: float, per_host: int, total: int) -> Throttle:
    """The process-wide throttle for these settings (one per distinct setting)."""
    key = (float(rate), int(per_host), int(total))
    with _throttles_lock:
        throttle = _throttles.get(key)
        if throttle is None:
            throttle = _throttles[key] = Throttle(rate, per_host, total)
        return throttle
