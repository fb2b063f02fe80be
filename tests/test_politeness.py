"""The adaptive pace (crawler.politeness): its arithmetic on a fake clock, and the
client against real servers on loopback: a fast server is served fast and a slow one
slower, a Retry-After holds back every thread, robots.txt and `rate` are floors, and no
more than `per_host` requests are ever in flight to one host."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
from werkzeug import Request, Response

from crawler.client import WebClient
from crawler.politeness import HostDeferred, Throttle
from crawler.urls import host_key
from tests.web_support import FAST, running_site

TEXT = "Kent Police has made good progress in how it tackles anti-social behaviour.\n"
# The adaptive pace alone: no rate cap, the crawler's own start delay.
ADAPTIVE = replace(FAST, rate=None, per_host=2, start_delay=1.0)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds


def _throttle(clock: FakeClock, **kw) -> Throttle:
    kw.setdefault("rate", None)
    return Throttle(kw.pop("rate"), kw.pop("per_host", 2), 8, clock, clock.sleep, **kw)


def _request(throttle: Throttle, clock: FakeClock, latency: float, **answer) -> float:
    """One request on host "h" answered after `latency`; the moment it started."""
    with throttle.slot("h", answer.pop("min_interval", None)) as pace:
        started = clock.now
        clock.now += latency
        pace.answered(latency, **answer)
    return started


# --- the arithmetic, on a fake clock -----------------------------------------------------


def test_the_delay_follows_latency_rising_fast_and_falling_slowly():
    clock = FakeClock()
    throttle = _throttle(clock)
    for _ in range(5):
        _request(throttle, clock, 0.010)
    assert throttle.stats("h").delay == pytest.approx(0.005)  # latency / per_host
    _request(throttle, clock, 0.410)
    risen = throttle.stats("h").delay
    assert risen == pytest.approx((0.010 + 0.3 * 0.4) / 2)  # 0.3 of a rise
    _request(throttle, clock, 0.010)
    fallen = throttle.stats("h").delay
    assert fallen == pytest.approx((0.130 - 0.2 * 0.12) / 2)  # a fifth of a fall
    # The gaps between starts are the delay.
    first = _request(throttle, clock, 0.0)
    second = _request(throttle, clock, 0.0)
    assert second - first == pytest.approx(throttle.stats("h").delay, rel=0.3)


def test_before_the_first_answer_requests_wait_the_start_delay():
    clock = FakeClock()
    throttle = _throttle(clock, start_delay=1.0)
    with throttle.slot("h"):
        pass  # no answer reported (the request failed before the server said anything)
    with throttle.slot("h"):
        assert clock.now == pytest.approx(1.0)


def test_failures_double_the_delay_and_healthy_answers_recover_it_gradually():
    clock = FakeClock()
    throttle = _throttle(clock, backoff=1.0)
    _request(throttle, clock, 0.01)
    _request(throttle, clock, 0.01, failed=True)  # a 503
    assert throttle.stats("h").delay == pytest.approx(1.0)  # at least `backoff`
    _request(throttle, clock, 0.01, failed=True)
    assert throttle.stats("h").delay == pytest.approx(2.0)  # doubled
    delays = []
    for _ in range(6):
        _request(throttle, clock, 0.01)
        delays.append(throttle.stats("h").delay)
    assert delays[0] == pytest.approx(1.0)  # the extra halves with each healthy answer
    assert all(a > b for a, b in zip(delays, delays[1:], strict=False))
    assert delays[-1] == pytest.approx(2.0 / 2**6)  # still above latency / per_host
    # A timeout (no answer at all) backs off the same way, and its wait counts as latency.
    with throttle.slot("h") as pace:
        clock.now += 5.0
        pace.failure(5.0)
    assert throttle.stats("h").delay >= 1.0 and throttle.stats("h").failures == 3


def test_the_adaptive_delay_is_capped_but_robots_and_rate_are_floors():
    clock = FakeClock()
    throttle = _throttle(clock, max_delay=2.0)
    _request(throttle, clock, 30.0)  # a very slow answer
    assert throttle.stats("h").delay == 2.0
    fast = _throttle(clock)
    a = _request(fast, clock, 0.001)
    b = _request(fast, clock, 0.001, min_interval=3.0)  # robots.txt Crawl-delay: 3
    c = _request(fast, clock, 0.001)
    assert b - a == pytest.approx(3.0) and c - b == pytest.approx(0.0, abs=0.01)
    capped = _throttle(clock, rate=0.5)
    starts = [_request(capped, clock, 0.001) for _ in range(3)]
    assert [round(y - x, 6) for x, y in zip(starts, starts[1:], strict=False)] == [2.0, 2.0]


def test_retry_after_holds_back_the_host_and_a_long_one_refuses_the_impatient():
    clock = FakeClock()
    throttle = _throttle(clock)
    _request(throttle, clock, 0.01)
    sent = _request(throttle, clock, 0.01, failed=True, retry_after=5.0)
    assert _request(throttle, clock, 0.01) >= sent + 0.01 + 5.0
    _request(throttle, clock, 0.01, failed=True, retry_after=120.0)
    with pytest.raises(HostDeferred) as refused:
        with throttle.slot("h", patience=60.0):
            pass
    assert refused.value.seconds > 60
    assert throttle.stats("h").deferrals == 2 and throttle.stats("h").requests == 4
    with throttle.slot("other-host", patience=60.0):
        pass  # other hosts are not held back


# --- real servers on loopback -------------------------------------------------------------


class _Watched:
    """A handler that answers after `latency` seconds and records, server-side, each
    request's arrival and the most requests in flight at once."""

    def __init__(self, latency: float = 0.0):
        self.latency = latency
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0
        self.arrivals: list[float] = []
        self.deferred: list[tuple[float, float]] = []  # (503 sent, Retry-After)
        self.defer_at: dict[int, float] = {}  # request number -> Retry-After to answer with

    def __call__(self, request: Request) -> Response:
        with self.lock:
            number = len(self.arrivals)
            self.arrivals.append(time.monotonic())
            self.now += 1
            self.most = max(self.most, self.now)
        try:
            time.sleep(self.latency)
            retry_after = self.defer_at.get(number)
            if retry_after is not None:
                with self.lock:
                    self.deferred.append((time.monotonic(), retry_after))
                return Response("busy", status=503, headers={"Retry-After": f"{retry_after:g}"})
            return Response(TEXT)
        finally:
            with self.lock:
                self.now -= 1


@pytest.fixture
def server():
    yield from running_site()


def _watch(server, handler: _Watched) -> str:
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    server.expect_request("/r").respond_with_handler(handler)
    return server.url_for("/r")


def test_a_fast_server_is_served_fast_and_a_slow_one_slower(server):
    handler = _Watched(latency=0.0)
    url = _watch(server, handler)
    with WebClient(ADAPTIVE) as client:
        t0 = time.monotonic()
        assert all(client.get(url).ok for _ in range(20))
        fast_s = time.monotonic() - t0
        fast = client.throttle.stats(host_key(url))
        handler.latency = 0.2
        for _ in range(4):
            client.get(url)
        slow = client.throttle.stats(host_key(url))
    # 20 requests at the old fixed 4 a second took 5 s; the start delay is not waited
    # once the first answer shows the server is quick.
    assert fast_s < 2.0 and fast.delay < 0.05, (fast_s, fast)
    assert slow.delay > 0.06 and slow.latency > 0.12, slow  # 0.3 of each rise taken


def test_a_retry_after_holds_back_every_thread(server):
    handler = _Watched(latency=0.03)
    handler.defer_at = {4: 1.0}
    url = _watch(server, handler)
    options = replace(ADAPTIVE, max_wait=5.0)
    with WebClient(options) as client, ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda _: client.get(url), range(36)))
    assert all(a.ok for a in answers)
    [(sent, retry_after)] = handler.deferred
    # A request already on its way when the 503 left may arrive a moment after it (on a
    # busy machine, a while after); none may arrive later until the Retry-After passed.
    early = [t - sent for t in handler.arrivals if sent + 0.2 < t < sent + retry_after]
    assert early == [], early
    assert sum(t >= sent + retry_after for t in handler.arrivals) >= 25
    assert handler.most <= 2


def test_a_retry_after_longer_than_max_wait_stops_the_host_until_next_run(server):
    handler = _Watched()
    handler.defer_at = {0: 3600}
    url = _watch(server, handler)
    with WebClient(replace(ADAPTIVE, max_wait=2.0)) as client:
        first = client.get(url)
        second = client.get(url)
    assert first.status == 503 and "3600 s" in first.error
    assert second.status is None and "Retry-After" in second.error
    assert "next run" in second.error and len(handler.arrivals) == 1


def test_in_flight_never_exceeds_per_host_under_many_threads(server):
    handler = _Watched(latency=0.03)
    url = _watch(server, handler)
    options = replace(ADAPTIVE, per_host=3, max_connections=16)
    with WebClient(options) as client, ThreadPoolExecutor(24) as pool:
        answers = list(pool.map(lambda _: client.get(url), range(48)))
        stats = client.throttle.stats(host_key(url))
    assert all(a.ok for a in answers)
    assert handler.most <= 3 and stats.max_in_flight <= 3
    assert stats.max_in_flight >= handler.most >= 2  # the bound was reached, and counted


def test_robots_request_rate_is_a_floor(server):
    handler = _Watched()
    url = _watch(server, handler)
    server.clear()
    server.expect_request("/robots.txt").respond_with_data("User-agent: *\nRequest-rate: 5/1\n")
    server.expect_request("/r").respond_with_handler(handler)
    with WebClient(ADAPTIVE) as client:
        for _ in range(4):
            client.get(url)
    gaps = [b - a for a, b in zip(handler.arrivals, handler.arrivals[1:], strict=False)]
    assert len(gaps) == 3 and min(gaps) >= 0.18, gaps


def test_the_rate_cap_holds_across_threads(server):
    handler = _Watched()
    url = _watch(server, handler)
    with WebClient(replace(ADAPTIVE, rate=10.0, per_host=4)) as client:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda _: client.get(url), range(6)))
    gaps = [b - a for a, b in zip(handler.arrivals, handler.arrivals[1:], strict=False)]
    assert len(gaps) == 5 and min(gaps) >= 0.09, gaps


def test_overload_slows_the_host_but_a_broken_page_does_not(server):
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    server.expect_request("/bug").respond_with_data("oops", status=500)
    server.expect_request("/busy").respond_with_data("busy", status=503)
    host = host_key(server.url_for("/"))
    with WebClient(replace(ADAPTIVE, max_attempts=1, backoff=0.05)) as client:
        client.get(server.url_for("/bug"))
        assert client.throttle.stats(host).failures == 0
        client.get(server.url_for("/busy"))
        after = client.throttle.stats(host)
    assert after.failures == 1 and after.delay >= 0.05


def test_the_total_bound_holds_across_hosts_and_keeps_each_hosts_pace():
    """A request that waited for a free connection after its turn came must not start
    right behind the previous one to its host: robots.txt's interval still holds."""
    throttle = Throttle(None, per_host=2, total=1, start_delay=0.0)
    lock = threading.Lock()
    state = {"now": 0, "most": 0}
    starts: list[float] = []

    def request(host: str, hold: float, interval: float | None) -> None:
        with throttle.slot(host, interval) as pace:
            with lock:
                state["now"] += 1
                state["most"] = max(state["most"], state["now"])
                if host == "a":
                    starts.append(time.monotonic())
            time.sleep(hold)
            with lock:
                state["now"] -= 1
            pace.answered(0.001)

    with ThreadPoolExecutor(4) as pool:
        pool.submit(request, "b", 0.3, None)  # holds the only connection
        time.sleep(0.05)
        for _ in range(3):
            pool.submit(request, "a", 0.01, 0.1)  # Crawl-delay: 0.1
    assert state["most"] == 1
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert len(gaps) == 2 and min(gaps) >= 0.095, gaps


def test_a_first_failure_backs_off_from_backoff_not_from_the_start_delay():
    clock = FakeClock()
    throttle = _throttle(clock, start_delay=1.0, backoff=0.05)
    with throttle.slot("h") as pace:
        pace.failure()  # connection refused: no answer, no latency
    assert throttle.stats("h").delay == pytest.approx(0.05)
    with throttle.slot("h") as pace:
        pace.failure()
    assert throttle.stats("h").delay == pytest.approx(0.1) and clock.now == pytest.approx(0.05)
