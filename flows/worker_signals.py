"""Imported first by the fork server that starts the extraction processes (see
flows.extraction): Ctrl-C is the parent's to handle. The server and the workers it forks
leave the terminal's process group, so a Ctrl-C reaches only pressroom itself, which ends
them (flows.interrupt); and they ignore SIGINT, should one reach them before that."""

from __future__ import annotations

import os
import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
try:
    os.setpgid(0, 0)
except OSError:  # a session leader, or not allowed: the SIGINT is ignored all the same
    pass
