"""Web clients shared by the tasks of a run.

A client per task (every fetch batch, every discovery) paid for a TLS context, a fresh
connection pool and a robots.txt read each time, and dropped its keep-alive connections
at the end of the batch: on a warm run, where a batch is 50 quick conditional GETs, that
was most of the client's work. While a run's `run_session()` is open, `client_for` hands
every task in this process the same client for the same options, so connections and
robots.txt answers carry across batches; the last session to close closes the clients,
so the next run reads robots.txt again. Without an open session (a task on a Dask worker,
a direct call), each call gets a client of its own, as before.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .client import WebClient
from .options import FetchOptions

_lock = threading.Lock()
_open_sessions = 0
_clients: dict[FetchOptions, WebClient] = {}


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
            if closing:
                _clients.clear()
        for client in closing:
            client.close()


@contextmanager
def client_for(options: FetchOptions) -> Iterator[WebClient]:
    """The run's shared client for `options`, or a client of the call's own."""
    with _lock:
        shared = None
        if _open_sessions > 0:
            shared = _clients.get(options)
            if shared is None:
                shared = _clients[options] = WebClient(options)
    if shared is not None:
        yield shared
        return
    with WebClient(options) as client:
        yield client
