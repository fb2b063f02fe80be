"""Politeness: how fast pressroom asks one host for pages, adapted to how the host answers.

Per host, the gap between request starts (the *delay*) follows the server:

* **latency**: delay = smoothed time-to-headers / `per_host`, so on average no more than
  `per_host` requests are in flight. The smoothing follows a rise faster (0.3 of it per
  answer) than a fall (0.2), so a server that slows down is eased off quickly and trusted
  again gradually.
* **failures** (429, 503 and 504, timeouts, connection errors: the server is overloaded
  or unreachable; a 500 on one page is retried but does not slow the host down):
  the delay doubles, to at least `backoff`; each healthy answer after that halves the
  extra, so the pace recovers over a few answers, not at once.
* **Retry-After** holds back *every* request to the host until it has passed; a request
  that would have to wait longer than it is willing to (`patience`) is refused with
  `HostDeferred` instead of being sent early.
* **floors**: robots.txt Crawl-delay / Request-rate and the user's `rate` cap are lower
  bounds on the delay; `max_delay` is the upper bound of the adaptive part.
* **bounds**: never more than `per_host` requests in flight to one host (counted here,
  with the most seen), nor more than `total` in all.

Before a host has answered once (or failed to), the second request waits `start_delay`
after the first (less, as soon as the first answer shows the server is quick).

One Throttle per distinct setting is shared by every fetch in this process (discovery and
all fetch batches, in threads), so batches running side by side do not add up to more
than one polite client. It is per process: fetch tasks on Dask workers in other
processes each keep their own.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

# Defaults (FetchOptions carries them; docs/sources.md and docs/web.md document them).
START_DELAY = 1.0  # seconds between the first requests to a host, before it has answered
MAX_DELAY = 60.0  # the adaptive delay never grows past this (robots.txt may ask for more)
BACKOFF = 1.0  # the least delay after a failure

# How fast the smoothed latency follows a new sample: rises count at once, falls slowly.
RISE_WEIGHT = 0.3
FALL_WEIGHT = 0.2
# The failure penalty is multiplied by this after each healthy answer.
RECOVERY = 0.5
NEGLIGIBLE = 1e-4  # seconds: a penalty below this is gone


class HostDeferred(Exception):
    """The host asked (Retry-After) not to be asked again for longer than the caller
    would wait."""

    def __init__(self, host: str, seconds: float):
        super().__init__(f"{host} asked not to be asked again for {seconds:.0f} s")
        self.host = host
        self.seconds = seconds


@dataclass(frozen=True)
class HostStats:
    """What the throttle saw of one host."""

    requests: int
    in_flight: int
    max_in_flight: int
    delay: float  # the adaptive delay now (floors apart)
    latency: float | None  # smoothed seconds to headers
    failures: int
    deferrals: int  # Retry-After answers
    deferred_s: float  # seconds held back by Retry-After, in all


@dataclass
class _Host:
    in_flight: int = 0
    max_in_flight: int = 0
    requests: int = 0
    last_start: float | None = None
    heard: bool = False  # a request has ended with an answer or a failure
    latency: float | None = None
    penalty: float = 0.0
    blocked_until: float = float("-inf")
    failures: int = 0
    deferrals: int = 0
    deferred_s: float = 0.0


class Pace:
    """One request's slot: what came back is reported here, applied when the slot ends
    (a Retry-After at once, through `defer`: every moment counts for the other threads)."""

    def __init__(self, defer: Callable[[float], None]) -> None:
        self.latency: float | None = None
        self.failed = False
        self._defer = defer

    def answered(
        self, seconds: float, *, failed: bool = False, retry_after: float | None = None
    ) -> None:
        """The server answered (headers) after `seconds`; `failed` when it says it is
        overloaded (429, 503, 504); `retry_after` holds back every request to the host."""
        self.latency = seconds
        self.failed = self.failed or failed
        if retry_after is not None and retry_after > 0:
            self._defer(retry_after)

    def failure(self, seconds: float | None = None) -> None:
        """No usable answer: a timeout or a broken connection (after `seconds`)."""
        if seconds is not None and self.latency is None:
            self.latency = seconds
        self.failed = True


class Throttle:
    """At most `total` requests in flight, at most `per_host` to one host, and requests to
    one host started an adaptive delay apart (see the module's docstring), at least
    1/`rate` seconds when `rate` is set and at least robots.txt's interval."""

    def __init__(
        self,
        rate: float | None,
        per_host: int,
        total: int,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] | None = None,
        *,
        start_delay: float = START_DELAY,
        max_delay: float = MAX_DELAY,
        backoff: float = BACKOFF,
    ):
        self.cap = 1.0 / rate if rate else 0.0  # the user's floor on the interval
        self.per_host = max(1, per_host)
        self.start_delay = start_delay
        self.max_delay = max_delay
        self.backoff = backoff
        self.total = max(1, total)
        self._running = 0  # requests in flight to all hosts
        # One lock for every host: a slot is taken only when the host's pace, its bound
        # and the total bound all allow it, so the moment it is taken is the moment the
        # request starts (a request waiting for a free connection after its turn came
        # could otherwise go right after the next one, closer than the delay).
        self._cond = threading.Condition()
        self._hosts: dict[str, _Host] = {}
        self._clock = clock
        # Injected `sleep` (tests with a fake clock) replaces waiting on the condition.
        self._sleep = sleep

    # --- the pace ----------------------------------------------------------------------

    def _delay(self, h: _Host) -> float:
        if not h.heard:
            adaptive = self.start_delay
        elif h.latency is None:  # only failures without an answer so far
            adaptive = 0.0
        else:
            adaptive = h.latency / self.per_host
        return min(self.max_delay, max(adaptive, h.penalty))

    def _learn(self, h: _Host, pace: Pace) -> None:
        if pace.latency is not None or pace.failed:
            h.heard = True
        if pace.latency is not None:
            sample = max(0.0, pace.latency)
            if h.latency is None:
                h.latency = sample
            else:
                weight = RISE_WEIGHT if sample > h.latency else FALL_WEIGHT
                h.latency += weight * (sample - h.latency)
        if pace.failed:
            h.failures += 1
            h.penalty = min(self.max_delay, max(self.backoff, 2 * self._delay(h)))
        elif pace.latency is not None:
            h.penalty *= RECOVERY
            if h.penalty < NEGLIGIBLE:
                h.penalty = 0.0

    def _block(self, h: _Host, until: float) -> None:
        h.deferrals += 1
        if until > h.blocked_until:
            h.deferred_s += until - max(h.blocked_until, self._clock())
            h.blocked_until = until

    def defer(self, host: str, seconds: float) -> None:
        """Start nothing more on `host` for `seconds` (a server's Retry-After)."""
        with self._cond:
            self._block(self._host(host), self._clock() + seconds)
            self._cond.notify_all()

    # --- slots -------------------------------------------------------------------------

    def _host(self, host: str) -> _Host:
        h = self._hosts.get(host)
        if h is None:
            h = self._hosts[host] = _Host()
        return h

    def _wait(self, seconds: float | None) -> None:
        if self._sleep is not None and seconds is not None:
            self._cond.release()
            try:
                self._sleep(seconds)
            finally:
                self._cond.acquire()
        else:
            self._cond.wait(seconds)

    def _enter(self, host: str, floor: float, patience: float | None) -> _Host:
        with self._cond:
            h = self._host(host)
            while True:
                now = self._clock()
                held = h.blocked_until - now
                if patience is not None and held > patience:
                    raise HostDeferred(host, held)
                wait: float | None = None
                if h.in_flight < self.per_host and self._running < self.total:
                    interval = max(self._delay(h), self.cap, floor)
                    ready = h.blocked_until
                    if h.last_start is not None:
                        ready = max(ready, h.last_start + interval)
                    if ready <= now:
                        break
                    wait = ready - now
                # Woken early by any answer: the pace or the bounds may have changed.
                self._wait(wait)
            h.in_flight += 1
            self._running += 1
            h.max_in_flight = max(h.max_in_flight, h.in_flight)
            h.requests += 1
            h.last_start = now
            return h

    def _leave(self, h: _Host, pace: Pace) -> None:
        with self._cond:
            h.in_flight -= 1
            self._running -= 1
            self._learn(h, pace)
            self._cond.notify_all()

    @contextmanager
    def slot(
        self, host: str, min_interval: float | None = None, patience: float | None = None
    ) -> Iterator[Pace]:
        """Wait for a turn on `host` (at least `min_interval` after the last start, e.g.
        robots.txt's Crawl-delay) and hold it while the request runs; report what came
        back on the Pace yielded. HostDeferred when the host's Retry-After would keep
        this request waiting more than `patience` seconds."""
        h = self._enter(host, min_interval or 0.0, patience)
        pace = Pace(lambda seconds: self.defer(host, seconds))
        try:
            yield pace
        finally:
            # Under the same lock that frees the slot: no other thread can start on the
            # host between the answer (a Retry-After, say) and the pace it sets.
            self._leave(h, pace)

    def stats(self, host: str) -> HostStats:
        with self._cond:
            h = self._host(host)
            return HostStats(
                requests=h.requests,
                in_flight=h.in_flight,
                max_in_flight=h.max_in_flight,
                delay=self._delay(h),
                latency=h.latency,
                failures=h.failures,
                deferrals=h.deferrals,
                deferred_s=h.deferred_s,
            )


_throttles: dict[tuple, Throttle] = {}
_throttles_lock = threading.Lock()


def throttle_for(
    rate: float | None,
    per_host: int,
    total: int,
    *,
    start_delay: float = START_DELAY,
    max_delay: float = MAX_DELAY,
    backoff: float = BACKOFF,
) -> Throttle:
    """The process-wide throttle for these settings (one per distinct setting)."""
    key = (float(rate or 0.0), int(per_host), int(total), start_delay, max_delay, backoff)
    with _throttles_lock:
        throttle = _throttles.get(key)
        if throttle is None:
            throttle = _throttles[key] = Throttle(
                rate,
                per_host,
                total,
                start_delay=start_delay,
                max_delay=max_delay,
                backoff=backoff,
            )
        return throttle
