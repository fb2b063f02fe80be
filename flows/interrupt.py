"""Ctrl-C during a command's run: stop within moments and say what became of the run.

A terminal sends SIGINT to the whole process group: pressroom, its extraction workers and
Prefect's temporary server. Left to Python and Prefect, the server dies first, Prefect
reports the crash to it, retrying for minutes, and prints tracebacks. A run needs none of
that to stay safe: it is staged on disk and loaded in one transaction, so a process that
ends before the load commits leaves the warehouse as it was (as `kill -9` does), and the
next run finishes the job. So the command ends the process at once, after marking its run
`aborted` when it can do so without waiting.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

# Seconds the handler gives the warehouse to record the run as aborted; past that, the
# next run records it (it marks any run left `running` aborted).
_MARK_WITHIN = 2.0
EXIT_CODE = 130  # 128 + SIGINT, as a shell reports it


@dataclass
class _Run:
    warehouse: str | None = None
    run_id: str | None = None
    phase: str = "starting"  # starting, running, loading, loaded


_run = _Run()


def started(warehouse: str, run_id: str) -> None:
    """The run has its row in the warehouse (status running)."""
    _run.warehouse, _run.run_id, _run.phase = warehouse, run_id, "running"


def loading() -> None:
    _run.phase = "loading"


def loaded() -> None:
    _run.phase = "loaded"


def message(phase: str) -> str:
    if phase == "loaded":
        return "interrupted: this run was loaded; only its summary was not printed"
    return "interrupted: nothing of this run was loaded; run again to finish"


def _mark_aborted(warehouse: str, run_id: str) -> None:
    import warehouse as wh

    try:
        wh.abort_run(warehouse, run_id)
    except Exception:  # the next run marks it aborted all the same
        pass


def _handle(signum, frame) -> None:
    phase, warehouse, run_id = _run.phase, _run.warehouse, _run.run_id
    err = sys.stderr
    if err.isatty():
        err.write("\r\x1b[2K\x1b[?25h")  # clear the progress bar's line, show the cursor
    err.write(message(phase) + "\n")
    err.flush()
    if phase == "running" and warehouse and run_id:
        # (While loading, the open transaction holds the run's row: ending the process
        # rolls it back, and the next run marks the run aborted.)
        marker = threading.Thread(target=_mark_aborted, args=(warehouse, run_id), daemon=True)
        marker.start()
        marker.join(_MARK_WITHIN)
    _release_semaphores()
    os._exit(EXIT_CODE)


def _release_semaphores() -> None:
    """Unlink the worker pool's semaphores as a normal exit would: otherwise
    multiprocessing's resource tracker, which outlives the process, warns of leaked ones."""
    try:
        from multiprocessing import synchronize, util

        for key, finalizer in list(util._finalizer_registry.items()):
            if getattr(finalizer, "_callback", None) is synchronize.SemLock._cleanup:
                finalizer()
                util._finalizer_registry.pop(key, None)
    except Exception:  # noqa: S110 - a warning at worst
        pass


@contextmanager
def stop_on_interrupt() -> Iterator[None]:
    """For the block, Ctrl-C ends the process at once (see the module's docstring)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    global _run
    _run = _Run()
    previous = signal.signal(signal.SIGINT, _handle)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def ignore_in_workers() -> None:
    """In a worker process: Ctrl-C is the parent's to handle (a worker that raised
    KeyboardInterrupt would print its traceback in the terminal)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
