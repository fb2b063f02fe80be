"""Web clients shared by the tasks of a run.

A client per task (every fetch batch, every discovery) paid for a TLS context, a fresh
connection pool and a robots.txt read each time, and dropped its keep-alive connections
at the end of the batch: on a warm run, where a batch is 50 quick conditional GETs, that
was most of the client's work. While a run's `run_session()` is open, `client_for` hands
every task in this process the same client for the same options, so connections and
robots.txt answers carry across batches; the last session to close closes the clients,
so the next run reads robots.txt again. Without an open session (a task on a Dask worker,
a direct call), each call gets a client of its own, as before.

The fetch threads are shared the same way. With a pool per batch, the batches running
side by side (six or so) each brought `max_connections` threads, so about fifty threads
waited on the throttle that lets `per_host` of them through at a time, and every answer
woke them all to look again: a quarter of a warm run's CPU. One pool of
`max_connections` threads per run serves every batch, in the order they ask.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from .client import WebClient
from .options import FetchOptions

T = TypeVar("T")

_lock = threading.Lock()
_open_sessions = 0
_clients: dict[FetchOptions, WebClient] = {}
_pools: dict[FetchOptions, ThreadPoolExecutor] = {}


@contextmanager
def run_session() -> Iterator[None]:
    """Share web clients between this process's tasks until the block ends (sessions
    nest: flow runs side by side in one process share them until the last ends)."""
    global _open_sessions
    with _lock:
        _open_sessions += 1
    try:
        yield
    finally:
        with _lock:
            _open_sessions -= 1
            closing = list(_clients.values()) if _open_sessions == 0 else []
            pools = list(_pools.values()) if _open_sessions == 0 else []
            if closing:
                _clients.clear()
            if pools:
                _pools.clear()
        for pool in pools:
            pool.shutdown(wait=True)
        for client in closing:
            client.close()


def _shared(
    registry: dict[FetchOptions, T], options: FetchOptions, make: Callable[[], T]
) -> T | None:
    """The open session's item for `options` (made on first use), or None outside one."""
    with _lock:
        if _open_sessions == 0:
            return None
        item = registry.get(options)
        if item is None:
            item = registry[options] = make()
        return item


@contextmanager
def client_for(options: FetchOptions) -> Iterator[WebClient]:
    """The run's shared client for `options`, or a client of the call's own."""
    shared = _shared(_clients, options, lambda: WebClient(options))
    if shared is not None:
        yield shared
        return
    with WebClient(options) as client:
        yield client


@contextmanager
def pool_for(options: FetchOptions, workers: int) -> Iterator[ThreadPoolExecutor]:
    """The run's shared fetch threads for `options` (`max_connections` of them), or a
    pool of `workers` threads of the call's own."""
    shared = _shared(
        _pools,
        options,
        lambda: ThreadPoolExecutor(
            max(1, options.max_connections), thread_name_prefix="pressroom-fetch"
        ),
    )
    if shared is not None:
        yield shared
        return
    with ThreadPoolExecutor(workers, thread_name_prefix="pressroom-fetch") as pool:
        yield pool
