"""One writer at a time per warehouse: an advisory lock file beside it.

The operating system releases the lock when its holder dies, so a killed run never leaves
a warehouse locked.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class WarehouseBusy(RuntimeError):
    pass


class RunAborted(RuntimeError):
    """A run that ended without loading because readers held the warehouse file for
    longer than a writer waits. Its message is one line for a person; nothing of the run
    is in the warehouse, and its fetched documents stay archived."""

    def __init__(self, message: str, run_id: str | None = None):
        super().__init__(message)
        self.run_id = run_id


def held_message(waited: float, *, started: bool) -> str:
    """The one line an aborted run ends with."""
    if not started:
        return (
            f"a query held the warehouse for {waited:.0f} s before the run could start; "
            "nothing fetched; run again"
        )
    return (
        f"a query held the warehouse for {waited:.0f} s; nothing lost (the fetched "
        "documents are archived, the run is recorded as aborted); run again"
    )


def lock_path_for(warehouse: Path | str) -> Path:
    warehouse = Path(warehouse)
    return warehouse.with_name(warehouse.name + ".lock")


def busy_message(warehouse: Path | str) -> str:
    return (
        f"another pressroom run is writing to {warehouse}; "
        "try again when it has finished (or leave out --no-wait to wait)"
    )


def is_locked(warehouse: Path | str) -> bool:
    """Whether a live run holds the writer lock now (a hint: it may change at once)."""
    path = lock_path_for(warehouse)
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing releases a lock taken here
    return False


@contextmanager
def writer_lock(
    warehouse: Path | str, *, wait: bool = True, poll: float = 0.2, timeout: float | None = None
) -> Iterator[None]:
    path = lock_path_for(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait or (deadline is not None and time.monotonic() > deadline):
                    raise WarehouseBusy(busy_message(warehouse)) from None
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        yield
    finally:
        os.close(fd)
