"""HTTP fetching as a well-behaved crawler.

`WebClient.get` is the one way pressroom reads a URL: http(s) only; robots.txt obeyed; a
per-host pace that adapts to the server's latency, overload and Retry-After, with bounded
concurrency (crawler.politeness; each hop reports what came back); redirects followed
by hand, so every hop is checked (scheme, same-site policy, robots.txt, loops);
transient failures retried with backoff that honours Retry-After (crawler.retry); a
per-read timeout plus an overall deadline per request; and a cap on the *decoded* size of
a body, enforced while it is decompressed, so a gzip bomb is stopped at the cap.

crawler.fetching fetches documents with it, and crawler.crawl discovers them.
"""

from __future__ import annotations

import socket
import time
import zlib
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from . import __version__
from . import deadline as request_deadline
from .addresses import private_address_refusal
from .credentials import authorization_for, strip_credentials
from .options import DEFAULT_TIMEOUT, FetchOptions
from .politeness import HostDeferred, Throttle, throttle_for
from .retry import RetryPolicy, is_overload_status, is_transient_status, parse_retry_after
from .robots import MAX_ROBOTS_BYTES, RobotsCache, RobotsFetch
from .urls import SitePolicy, absolute, host_key, scheme_error

__all__ = ["DEFAULT_TIMEOUT", "USER_AGENT", "WebClient", "WebResponse"]

USER_AGENT = f"pressroom/{__version__} (press-release archiver; +https://example.invalid/pressroom)"
PERMANENT_REDIRECTS = (301, 308)


@dataclass
class WebResponse:
    """The end of one GET (after redirects and retries): a status and maybe a body, or an
    error a person can act on."""

    url: str  # asked for
    final_url: str  # where redirects ended
    status: int | None = None
    reason: str = ""
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes | None = None
    error: str | None = None
    attempts: int = 1
    permanent: bool = True  # every redirect on the way was 301 / 308

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def redirected(self) -> bool:
        return self.final_url != self.url

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")


@dataclass
class _Try:
    response: WebResponse
    transient: bool = False
    retry_after: float | None = None


class _Overflow(Exception):
    pass


class _Decoder:
    """Content-Encoding decoding with a bound on the output of every step."""

    def __init__(self, encoding: str):
        self.encoding = encoding
        self._z: zlib._Decompress | None = None
        if encoding == "gzip" or encoding == "x-gzip":
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding not in ("", "identity", "deflate"):
            raise ValueError(encoding)

    def feed(self, data: bytes, room: int) -> bytes:
        """Decoded bytes of `data`; _Overflow as soon as they would pass `room`."""
        if self.encoding == "deflate" and self._z is None:
            # zlib-wrapped, as the standard says, or raw deflate, as some servers send.
            wrapped = len(data) >= 2 and data[0] & 0x0F == 8 and (data[0] * 256 + data[1]) % 31 == 0
            self._z = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        if self._z is None:
            if len(data) > room:
                raise _Overflow
            return data
        out = []
        produced = 0
        buffer = data
        while buffer and not self._z.eof:
            piece = self._z.decompress(buffer, room - produced + 1)
            produced += len(piece)
            if produced > room:
                raise _Overflow
            out.append(piece)
            buffer = self._z.unconsumed_tail
        return b"".join(out)

    def finish(self, room: int) -> bytes:
        if self._z is None:
            return b""
        rest = self._z.flush()
        if len(rest) > room:
            raise _Overflow
        return rest


def throttle_of(options: FetchOptions) -> Throttle:
    """The process-wide throttle these options' pace settings share."""
    return throttle_for(
        options.rate,
        options.per_host,
        options.max_connections,
        start_delay=options.start_delay,
        max_delay=options.max_delay,
        backoff=options.backoff,
    )


class WebClient:
    """An HTTP client for one task (discovery of a source, or a batch of fetches). The
    pace and concurrency limits are shared process-wide (crawler.politeness);
    robots.txt is read once per host per client."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ):
        self.options = options = options or FetchOptions()
        self.user_agent = options.user_agent or USER_AGENT
        self.retry = RetryPolicy(options.max_attempts, options.backoff, options.max_wait)
        self.throttle = throttle_of(options)
        self._sleep = sleep
        limits = httpx.Limits(
            max_connections=options.max_connections,
            max_keepalive_connections=options.max_connections,
        )
        self._client = httpx.Client(
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(options.timeout),
            follow_redirects=False,
            limits=limits,
            # Every socket operation bounded by the request's deadline, so a server that
            # trickles its headers or body is cut off (crawler.deadline).
            transport=transport or request_deadline.deadline_transport(limits),
        )
        self.robots = (
            RobotsCache(self._fetch_robots, self.user_agent, options.robots_unreachable)
            if options.obey_robots
            else None
        )

    def __enter__(self) -> WebClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _fetch_robots(self, url: str) -> RobotsFetch:
        got = self.get(
            url,
            check_robots=False,
            policy=SitePolicy(url),
            max_bytes=MAX_ROBOTS_BYTES,
            max_redirects=5,
            max_attempts=1,  # unreachable is an answer (see crawler.robots); read again next task
        )
        return RobotsFetch(got.status, got.body, got.error)

    def get(
        self,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        policy: SitePolicy | None = None,
        max_bytes: int | None = None,
        want_body: Callable[[int, dict[str, str]], bool] | None = None,
        check_robots: bool = True,
        max_redirects: int | None = None,
        max_attempts: int | None = None,
    ) -> WebResponse:
        """GET `url`, retrying transient failures. Never raises for network trouble: the
        answer's `error` says what went wrong. A redirect is followed only where `policy`
        allows (any http(s) URL when there is no policy). The body is read for 2xx answers
        (when `want_body`, given the status and headers, says so)."""
        # Credentials never go further than the request to their own host.
        url = strip_credentials(url)
        attempt = 0
        while True:
            attempt += 1
            outcome = self._try(
                url,
                headers or {},
                policy,
                self.options.max_bytes if max_bytes is None else max_bytes,
                want_body,
                check_robots,
                self.options.max_redirects if max_redirects is None else max_redirects,
            )
            response = outcome.response
            response.attempts = attempt
            if not outcome.transient:
                return response
            # (A Retry-After already holds back every fetch to the host: the throttle took
            # it from the answer, before anyone else could start there.)
            wait = self.retry.wait(attempt, outcome.retry_after)
            if max_attempts is not None and attempt >= max_attempts:
                wait = None
            if wait is None:
                response.error = _gave_up(response.error or "", attempt, outcome, self.retry)
                return response
            self._sleep(wait)

    def _try(
        self,
        url: str,
        headers: dict[str, str],
        policy: SitePolicy | None,
        max_bytes: int,
        want_body: Callable[[int, dict[str, str]], bool] | None,
        check_robots: bool,
        max_redirects: int,
    ) -> _Try:
        options = self.options
        current = url
        chain = [url]
        permanent = True
        deadline: float | None = None

        def answer(**kw: object) -> WebResponse:
            return WebResponse(url=url, final_url=current, permanent=permanent, **kw)

        for hop in range(max_redirects + 1):
            if why := scheme_error(current):
                return _Try(answer(error=why))
            if hop and policy is not None and (why := policy.refusal(current, "redirect")):
                return _Try(answer(error=f"{url} redirects to {current}: {why}"))
            if options.block_private_addresses and (why := private_address_refusal(current)):
                return _Try(answer(error=why))
            interval = None
            if check_robots and self.robots is not None:
                verdict = self.robots.check(current)
                if not verdict.allowed:
                    return _Try(answer(error=verdict.reason))
                interval = verdict.crawl_delay
            with ExitStack() as held:
                try:
                    pace = held.enter_context(
                        self.throttle.slot(host_key(current), interval, self.retry.max_wait)
                    )
                except HostDeferred as exc:
                    # The host asked (Retry-After) for longer than pressroom waits: it is
                    # not asked early, and the document is tried again on the next run.
                    return _Try(answer(error=_deferred_message(current, exc, self.retry)))
                # The deadline starts once the first hop has its slot, and bounds every
                # socket operation of every hop from there.
                deadline = deadline or time.monotonic() + options.effective_deadline
                held.enter_context(request_deadline.request_deadline(deadline))
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return _Try(answer(error=_deadline_message(url, options)))
                sent = time.monotonic()
                try:
                    # Remembered credentials go to their own host only, and never with
                    # a robots.txt request (the one fetch that skips the robots check).
                    auth = authorization_for(current) if check_robots else None
                    request = self._client.build_request(
                        "GET",
                        current,
                        headers={**headers, "Authorization": auth} if auth else headers,
                        timeout=httpx.Timeout(min(options.timeout, remaining)),
                    )
                    response = self._client.send(request, stream=True)
                except httpx.TimeoutException:
                    pace.failure(time.monotonic() - sent)
                    if request_deadline.passed():
                        return _Try(answer(error=_deadline_message(url, options)))
                    return _Try(answer(error=_timeout_message(current, options)), transient=True)
                except httpx.TransportError as exc:
                    if (lookup := _lookup_failure(exc)) is not None:
                        # A name that does not resolve will not resolve a second later (the
                        # resolver has retried already): one clear error, no retry.
                        return _Try(answer(error=_host_not_found_message(current, lookup)))
                    pace.failure()  # (how soon a connection is refused says nothing of load)
                    return _Try(answer(error=_transport_message(current, exc)), transient=True)
                except httpx.HTTPError as exc:
                    return _Try(answer(error=f"could not request {current}: {exc}"))
                try:
                    status = response.status_code
                    transient = is_transient_status(status)
                    retry_after = (
                        parse_retry_after(response.headers.get("retry-after"))
                        if transient
                        else None
                    )
                    pace.answered(
                        time.monotonic() - sent,
                        failed=is_overload_status(status),
                        retry_after=retry_after,
                    )
                    location = response.headers.get("location")
                    if 300 <= status < 400 and status != 304 and location:
                        target = strip_credentials(absolute(current, location))
                        if status not in PERMANENT_REDIRECTS:
                            permanent = False
                        if target in chain:
                            loop = " -> ".join([*chain[chain.index(target) :], target])
                            return _Try(
                                answer(
                                    status=status,
                                    error=f"redirect loop ({loop}); not followed. The site "
                                    "is misconfigured: tell its owner or drop the URL",
                                )
                            )
                        chain.append(target)
                        current = target
                        continue
                    found = {k.lower(): v for k, v in response.headers.items()}
                    base = {"status": status, "reason": response.reason_phrase, "headers": found}
                    if transient:
                        return _Try(
                            answer(
                                **base,
                                error=f"HTTP {status} {response.reason_phrase} from {current}",
                            ),
                            transient=True,
                            retry_after=retry_after,
                        )
                    if not 200 <= status < 300 or (want_body and not want_body(status, found)):
                        return _Try(answer(**base))
                    try:
                        body = _read_body(response, found, max_bytes, deadline)
                    except _Overflow as exc:
                        return _Try(answer(**base, error=str(exc) or _overflow_message(max_bytes)))
                    except TimeoutError:
                        return _Try(answer(**base, error=_deadline_message(url, options)))
                    except ValueError as exc:
                        return _Try(answer(**base, error=str(exc)))
                    except httpx.TimeoutException:
                        pace.failure()
                        if request_deadline.passed():
                            return _Try(answer(**base, error=_deadline_message(url, options)))
                        return _Try(
                            answer(**base, error=_timeout_message(current, options)),
                            transient=True,
                        )
                    except httpx.TransportError as exc:
                        pace.failure()
                        return _Try(
                            answer(**base, error=_transport_message(current, exc)),
                            transient=True,
                        )
                    return _Try(answer(**base, body=body))
                finally:
                    response.close()
        return _Try(
            answer(
                error=f"more than {max_redirects} redirects starting at {url} "
                f"(last: {current}); not followed"
            )
        )


def _read_body(
    response: httpx.Response, headers: dict[str, str], max_bytes: int, deadline: float
) -> bytes:
    encoding = headers.get("content-encoding", "identity").strip().lower()
    try:
        decoder = _Decoder(encoding)
    except ValueError:
        raise ValueError(
            f"the server sent the body with Content-Encoding {encoding!r}, which pressroom "
            "did not ask for and cannot decode"
        ) from None
    declared = headers.get("content-length", "")
    if encoding in ("", "identity") and declared.isdigit() and int(declared) > max_bytes:
        raise _Overflow(
            f"the response is {int(declared):,} bytes, over the {max_bytes:,}-byte limit; "
            "not downloaded (raise max_bytes in sources.toml [crawler] to accept it)"
        )
    chunks: list[bytes] = []
    size = 0
    try:
        for raw in response.iter_raw():
            if time.monotonic() > deadline:
                raise TimeoutError
            piece = decoder.feed(raw, max_bytes - size)
            size += len(piece)
            chunks.append(piece)
        piece = decoder.finish(max_bytes - size)
        chunks.append(piece)
    except zlib.error as exc:
        raise ValueError(
            f"the body is not valid {encoding} data ({exc}); the server sent a broken response"
        ) from None
    except _Overflow:
        what = "decompressed " if encoding not in ("", "identity") else ""
        raise _Overflow(
            f"the {what}response passed the {max_bytes:,}-byte limit; download stopped "
            "and nothing was kept (raise max_bytes in sources.toml [crawler] to accept it)"
        ) from None
    return b"".join(chunks)


def _overflow_message(max_bytes: int) -> str:
    return f"the response passed the {max_bytes:,}-byte limit; download stopped"


def _deadline_message(url: str, options: FetchOptions) -> str:
    return (
        f"fetching {url} took longer than the {options.effective_deadline:g} s limit for a "
        "whole request (the server sends too slowly); stopped. Try again later or raise "
        "the deadline in sources.toml [crawler]"
    )


def _deferred_message(url: str, exc: HostDeferred, retry: RetryPolicy) -> str:
    return (
        f"{exc.host} asked (Retry-After) not to be asked again for another "
        f"{exc.seconds:.0f} s, longer than the {retry.max_wait:g} s pressroom waits; "
        f"{url} was not requested and will be tried again on the next run"
    )


def _timeout_message(url: str, options: FetchOptions) -> str:
    return (
        f"no answer from {host_key(url)} within {options.timeout:g} s for {url}; the server "
        "is down or too slow"
    )


def _lookup_failure(exc: BaseException) -> socket.gaierror | None:
    """The resolver's failure behind a connection error, if that is what it was."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, socket.gaierror):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _host_not_found_message(url: str, failure: socket.gaierror) -> str:
    host = urlsplit(url).hostname or url
    if failure.errno == socket.EAI_AGAIN:
        return (
            f"host not found: {host} could not be looked up ({failure.strerror}); is this "
            f"machine online, and is the address {url} right?"
        )
    return f"host not found: {host} does not exist ({failure.strerror}); check the address {url}"


def _transport_message(url: str, exc: Exception) -> str:
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect to {host_key(url)} for {url} ({detail}); is the site up?"
    return (
        f"the connection to {host_key(url)} broke while fetching {url} ({detail}); is the site up?"
    )


def _gave_up(error: str, attempts: int, outcome: _Try, retry: RetryPolicy) -> str:
    if outcome.retry_after is not None and outcome.retry_after > retry.max_wait:
        return (
            f"{error}: the server asked to wait {outcome.retry_after:g} s before retrying "
            f"(Retry-After), longer than the {retry.max_wait:g} s pressroom waits; it will be "
            "tried again on the next run"
        )
    times = "once" if attempts == 1 else f"{attempts} times"
    return f"{error} (tried {times}; it will be tried again on the next run)"
