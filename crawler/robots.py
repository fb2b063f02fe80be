"""robots.txt, read once per host per client, obeyed with protego (RFC 9309).

A robots.txt that answers 4xx allows everything (RFC 9309 2.3.1.3). One that answers 5xx
or cannot be reached is, by default, treated as allowing everything too, as most crawlers
do; `robots_unreachable = "disallow"` makes pressroom follow RFC 9309 2.3.1.4 strictly.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from protego import Protego

from .urls import origin

MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309: at least 500 KiB must be parsed
MAX_CRAWL_DELAY = 60.0  # a Crawl-delay longer than this is taken as this


@dataclass(frozen=True)
class RobotsFetch:
    """What fetching a robots.txt gave: a status and body, or an error."""

    status: int | None
    body: bytes | None
    error: str | None = None


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str | None = None
    crawl_delay: float | None = None


@dataclass
class _Rules:
    parser: Protego | None  # None: allow everything
    disallow_all_reason: str | None = None


class RobotsCache:
    """Answers "may `url` be fetched?" for one user agent, reading each host's robots.txt
    once through `fetch` (a callable that GETs a URL without consulting robots.txt)."""

    def __init__(
        self,
        fetch: Callable[[str], RobotsFetch],
        user_agent: str,
        unreachable: str = "allow",
    ):
        self._fetch = fetch
        self._agent = user_agent.split("/", 1)[0].strip() or user_agent
        self._unreachable = unreachable
        self._rules: dict[str, _Rules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def _host_lock(self, key: str) -> threading.Lock:
        with self._lock:
            return self._locks.setdefault(key, threading.Lock())

    def _rules_for(self, url: str) -> _Rules:
        key = origin(url)
        with self._host_lock(key):
            rules = self._rules.get(key)
            if rules is None:
                rules = self._rules[key] = self._load(key + "/robots.txt")
            return rules

    def _load(self, robots_url: str) -> _Rules:
        got = self._fetch(robots_url)
        if got.status is not None and 200 <= got.status < 300 and got.body is not None:
            text = got.body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
            return _Rules(Protego.parse(text))
        if got.status is not None and 400 <= got.status < 500:
            return _Rules(None)
        if self._unreachable == "disallow":
            why = got.error or f"HTTP {got.status}"
            return _Rules(
                None,
                disallow_all_reason=(
                    f"{robots_url} could not be read ({why}); RFC 9309 says to treat the "
                    "whole site as disallowed until it can, so nothing there was fetched. "
                    "Try again later"
                ),
            )
        return _Rules(None)

    def check(self, url: str) -> Verdict:
        rules = self._rules_for(url)
        if rules.disallow_all_reason:
            return Verdict(False, rules.disallow_all_reason)
        if rules.parser is None:
            return Verdict(True)
        if not rules.parser.can_fetch(url, self._agent):
            return Verdict(
                False,
                f"{origin(url)}/robots.txt disallows {url} for {self._agent}; not fetched "
                "(ask the site, or remove the URL from the source)",
            )
        delay = rules.parser.crawl_delay(self._agent)
        rate = rules.parser.request_rate(self._agent)
        interval = float(delay) if delay else None
        if rate is not None and rate.requests:
            per = rate.seconds / rate.requests
            interval = max(interval or 0.0, per)
        if interval is not None:
            interval = min(interval, MAX_CRAWL_DELAY)
        return Verdict(True, crawl_delay=interval)
