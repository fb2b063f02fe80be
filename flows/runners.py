"""Where a run's tasks execute: Prefect's default thread pool in this process, or Dask.

With Dask (`pip install 'pressroom[dask]'`), the fetch and extract tasks run on Dask
workers: a local cluster of processes started for the run, or an existing cluster given
by its scheduler address. Discovery and the load stay in the flow's own process, so the
warehouse keeps a single writer. Workers read and write the raw archive and the run's
staging folder beside the warehouse, so an existing cluster's workers must see the same
file system (same machine, or a shared mount at the same path).
"""

from __future__ import annotations

import enum
import os
from typing import Any


class TaskRunnerKind(enum.StrEnum):
    default = "default"
    dask = "dask"


class TaskRunnerUnavailable(RuntimeError):
    pass


def default_dask_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def make_task_runner(
    kind: TaskRunnerKind | str = TaskRunnerKind.default,
    *,
    dask_address: str | None = None,
    dask_workers: int | None = None,
) -> Any | None:
    """A Prefect task runner for `kind`; None means the flow's default (a thread pool)."""
    kind = TaskRunnerKind(kind)
    if kind is TaskRunnerKind.default:
        if dask_address:
            raise TaskRunnerUnavailable("--dask-address needs --task-runner dask")
        return None
    try:
        import dask
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise TaskRunnerUnavailable(
            "the Dask task runner needs prefect-dask: pip install 'pressroom[dask]'"
        ) from None
    if dask_address:
        return DaskTaskRunner(address=dask_address)
    # Non-daemonic worker processes may start the extraction process that enforces the
    # per-document time limit (a daemonic process may have no children).
    dask.config.set({"distributed.worker.daemon": False})
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": dask_workers or default_dask_workers(),
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        }
    )


def is_distributed(task_runner: Any) -> bool:
    """True when tasks submitted to `task_runner` run outside this process."""
    return type(task_runner).__name__ == "DaskTaskRunner"


def current_task_runner() -> Any | None:
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    return context.task_runner if context else None
