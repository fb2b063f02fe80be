"""Prefect settings pressroom needs before Prefect is imported."""

from __future__ import annotations

import os

_DEFAULTS = {
    # The temporary server's telemetry call fails on an offline machine and logs an ERROR.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The client's usage data: off as docs/operations.md says, so its first-run notice (printed on
    # a terminal, about data pressroom does not send) is never shown.
    "DO_NOT_TRACK": "1",
    # Give the temporary server time to shut down cleanly instead of printing tracebacks.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


def configure() -> None:
    for key, value in _DEFAULTS.items():
        os.environ.setdefault(key, value)
