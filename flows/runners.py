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
        if dask_address or dask_workers:
            raise TaskRunnerUnavailable("--dask-address and --dask-workers need --task-runner dask")
        return None
    try:
        import dask
        import prefect_dask  # noqa: F401
    except ImportError:
        raise TaskRunnerUnavailable(
            "the Dask task runner needs prefect-dask: pip install 'pressroom[dask]'"
        ) from None
    _quiet_dask()
    if dask_address:
        return _pressroom_runner_class()(address=dask_address)
    # Non-daemonic worker processes may start the extraction process that enforces the
    # per-document time limit (a daemonic process may have no children).
    dask.config.set({"distributed.worker.daemon": False})
    return _pressroom_runner_class()(
        cluster_kwargs={
            "n_workers": dask_workers or default_dask_workers(),
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        }
    )


def _quiet_dask() -> None:
    # distributed logs every worker start and stop at INFO (and suggests installing
    # jupyter-server-proxy); a run's terminal should show the run, not the cluster.
    import logging

    import dask

    dask.config.set({"distributed.logging.distributed": "warning"})
    for name in ("distributed", "distributed.http.proxy"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _pressroom_runner_class() -> type:
    from prefect_dask import DaskTaskRunner

    class PressroomDaskTaskRunner(DaskTaskRunner):
        """A DaskTaskRunner whose local worker processes report to this process's Prefect
        API, and whose workers stop their extraction processes when they close.

        Without the API URL each local worker, finding no PREFECT_API_URL, starts a
        temporary server of its own (seconds per worker, and task runs recorded
        elsewhere). The URL is known only once the flow runs (the temporary server starts
        then), and the cluster is made on the first submit, so it is read there."""

        @property
        def client(self):  # type: ignore[override]
            if self._client:
                return self._client
            if not self.address:
                env = self.cluster_kwargs.setdefault("env", {})
                env.update(worker_environment())
            client = super().client
            client.register_plugin(
                _stop_extraction_pools_plugin(), name="pressroom-stop-extraction"
            )
            return client

    return PressroomDaskTaskRunner


def _stop_extraction_pools_plugin():
    """A Dask worker plugin that stops the worker's extraction processes when it closes.
    They are not daemonic (pebble), so a worker exiting with them alive waits on them
    until its nanny kills it (4 s, and a WARNING on the terminal). Defined on demand:
    distributed is an optional dependency."""
    from distributed import WorkerPlugin

    class StopExtractionPools(WorkerPlugin):
        def teardown(self, worker) -> None:
            from flows.extraction import Extractor

            # The sizes a run on Dask uses (pipeline.extractor_for).
            for size in (0, 1):
                Extractor("", workers=size).close()

    return StopExtractionPools()


def current_task_runner() -> Any | None:
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    return context.task_runner if context else None


def worker_environment() -> dict[str, str]:
    """Environment for local worker processes: this process's Prefect API."""
    from prefect.client.orchestration import get_client

    env = {"PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    url = get_client(sync_client=True).api_url
    if url:
        env["PREFECT_API_URL"] = str(url).rstrip("/")
    return env


def is_distributed(task_runner: Any) -> bool:
    """True when tasks submitted to `task_runner` run outside this process."""
    return any(c.__name__ == "DaskTaskRunner" for c in type(task_runner).__mro__)
