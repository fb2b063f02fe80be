"""A progress bar on the terminal for interactive runs.

Flows report through `reporter()`, which does nothing unless a command opened a bar with
`terminal_progress`: runs under a scheduler, in tests or with output to a file print only
Prefect's log lines. While the bar is shown, Prefect's console log lines are printed
above it instead of through it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console


class Reporter:
    """What a flow tells the terminal; this base class ignores it all."""

    def discovered(self, total: int) -> None:
        """The run will process `total` documents."""

    def advance(self, n: int) -> None:
        """`n` more documents are fetched and extracted (or re-extracted)."""

    def stage(self, description: str) -> None:
        """The run moved on to a step with no count, such as the load."""

    def finished(self) -> None:
        """The run is over."""


_NULL = Reporter()
_current: Reporter = _NULL
_lock = threading.Lock()


def reporter() -> Reporter:
    return _current


@contextmanager
def reporting_to(new: Reporter) -> Iterator[Reporter]:
    """Make `new` the reporter flows of this process use, for the block."""
    global _current
    with _lock:
        previous, _current = _current, new
    try:
        yield new
    finally:
        with _lock:
            _current = previous


class RichReporter(Reporter):
    def __init__(self, console: Console, label: str):
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.label = label
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self.task = self.progress.add_task(f"{label}: starting", total=None)

    def discovered(self, total: int) -> None:
        self.progress.update(self.task, total=total, description=self.label)

    def advance(self, n: int) -> None:
        self.progress.advance(self.task, n)

    def stage(self, description: str) -> None:
        self.progress.update(self.task, description=f"{self.label}: {description}")

    def finished(self) -> None:
        self.progress.stop()


@contextmanager
def terminal_progress(console: Console, label: str, *, enabled: bool | None = None):
    """Show a progress bar on `console` for the block when it is a terminal."""
    if enabled is None:
        enabled = console.is_terminal and not console.is_dumb_terminal
    if not enabled:
        yield _NULL
        return
    bar = RichReporter(console, label)
    swapped = _route_prefect_console_logs(bar.progress.console)
    bar.progress.start()
    try:
        with reporting_to(bar):
            yield bar
    finally:
        bar.progress.stop()
        for handler, console_before in swapped:
            handler.console = console_before


def _route_prefect_console_logs(console: Console) -> list[tuple[logging.Handler, Console]]:
    """Print Prefect's console log lines through `console` (so above a live bar)."""
    from prefect.logging.handlers import PrefectConsoleHandler

    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    swapped = []
    seen: set[int] = set()
    for logger in loggers:
        for handler in logger.handlers:
            if isinstance(handler, PrefectConsoleHandler) and id(handler) not in seen:
                seen.add(id(handler))
                swapped.append((handler, handler.console))
                handler.console = console
    return swapped
