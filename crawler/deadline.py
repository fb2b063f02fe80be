"""A whole-request deadline at the socket.

httpx's timeouts are per operation (connect, each read, each write), so a server that
sends a byte every so often (in its status line and headers as much as in its body) never
trips them. `deadline_transport` gives an httpx transport whose every socket operation is
bounded by the deadline of the request the calling thread is making (`request_deadline`):
once it has passed, the next read, write or connect times out at once, and `passed()`
says the deadline was the cause.

Each fetch runs on one thread from its send to the end of its body (httpx's sync client),
so the deadline is kept per thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

__all__ = ["deadline_transport", "passed", "request_deadline"]


class _State(threading.local):
    at: float | None = None
    passed: bool = False


_state = _State()


@contextmanager
def request_deadline(at: float) -> Iterator[None]:
    """Bound the calling thread's socket operations by `at` (time.monotonic())."""
    saved = (_state.at, _state.passed)
    _state.at, _state.passed = at, False
    try:
        yield
    finally:
        _state.at, _state.passed = saved


def passed() -> bool:
    """Whether a socket operation of the current request timed out because the
    request's deadline had passed."""
    return _state.passed


def _bounded(timeout: float | None) -> tuple[float | None, bool]:
    at = _state.at
    if at is None:
        return timeout, False
    left = at - time.monotonic()
    if left <= 0:
        _state.passed = True
        raise httpcore.ReadTimeout("the request's deadline has passed")
    if timeout is None or left < timeout:
        return left, True
    return timeout, False


def _call(operation, timeout: float | None, *args: Any, **kwargs: Any) -> Any:
    bound, by_deadline = _bounded(timeout)
    try:
        return operation(*args, timeout=bound, **kwargs)
    except httpcore.TimeoutException:
        if by_deadline:
            _state.passed = True
        raise


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream):
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return _call(self._inner.read, timeout, max_bytes)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        _call(self._inner.write, timeout, buffer)

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> httpcore.NetworkStream:
        return _Stream(
            _call(self._inner.start_tls, timeout, ssl_context, server_hostname=server_hostname)
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend):
        self._inner = inner

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        return _Stream(
            _call(
                self._inner.connect_tcp,
                timeout,
                host,
                port,
                local_address=local_address,
                socket_options=socket_options,
            )
        )

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        return _Stream(
            _call(self._inner.connect_unix_socket, timeout, path, socket_options=socket_options)
        )

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def deadline_transport(limits: httpx.Limits) -> httpx.HTTPTransport:
    """httpx's own transport, its sockets bounded by `request_deadline`."""
    transport = httpx.HTTPTransport(limits=limits)
    # httpcore.ConnectionPool takes a network backend, but httpx offers no public way to
    # give it one. Should that change, the body is still bounded by the deadline between
    # reads (crawler.client), and tests/test_hostile_inputs.py's trickled headers say so.
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is not None:
        pool._network_backend = _Backend(backend)
    return transport
