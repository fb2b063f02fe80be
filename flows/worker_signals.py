"""Imported first by the fork server that starts the extraction processes (see
flows.extraction): Ctrl-C is the parent's to handle. Without it, a Ctrl-C that arrives
while the server is still importing its preloads prints a KeyboardInterrupt traceback
in the terminal (the server ignores SIGINT only once its preloads are imported)."""

from __future__ import annotations

import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
