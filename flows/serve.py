"""`pressroom serve`: the ingest flow as a Prefect deployment with a cron schedule, served
from this process (flow.serve). Runs start as the schedule comes due, or when started
from the Prefect UI or API, until the process is stopped (Ctrl-C), which pauses the
deployment so no run piles up while nothing serves it (the next serve resumes it).

Point it at a Prefect server with PREFECT_API_URL; without one, it uses pressroom's
background server (flows/local_server.py), whose scheduler makes the cron's runs; it has
no UI. The same flow deploys to a work pool with `prefect deploy` (prefect.yaml at the
repository root).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crawler.sources import parse_source

DEFAULT_NAME = "pressroom"


class ScheduleError(ValueError):
    """A cron expression or time zone that cannot be used (a usage error)."""


@dataclass(frozen=True)
class ServePlan:
    name: str
    cron: str
    timezone: str | None
    parameters: dict[str, Any]


def plan(
    sources: list[str] | None,
    *,
    cron: str,
    timezone: str | None = None,
    warehouse: Path | str,
    config: Path | str | None = None,
    kind: str | None = None,
    name: str = DEFAULT_NAME,
) -> ServePlan:
    """Check the schedule and make the deployment's parameters. Served runs start in a
    process of their own, so local paths (sources, config, warehouse) are made absolute
    here, where the user's working directory is known."""
    from prefect.client.schemas.schedules import CronSchedule
    from pydantic import ValidationError

    try:
        CronSchedule(cron=cron, timezone=timezone)
    except ValidationError as exc:
        problems = "; ".join(e["msg"].removeprefix("Value error, ") for e in exc.errors())
        raise ScheduleError(problems) from None
    parameters: dict[str, Any] = {
        "sources": [_absolute(s) for s in sources or []],
        "warehouse": str(Path(warehouse).absolute()),
    }
    if config:
        parameters["config"] = str(Path(config).absolute())
    if kind and kind != "auto":
        parameters["kind"] = kind
    return ServePlan(name=name, cron=cron, timezone=timezone, parameters=parameters)


def _absolute(source: str) -> str:
    parsed = parse_source(source)
    return parsed.location if parsed.kind == "path" else source


def serve(plan: ServePlan) -> None:
    """Create (or update) the deployment and serve its runs until interrupted."""
    from prefect.schedules import Cron
    from prefect.types.entrypoint import EntrypointType

    from .pipeline import ingest

    ingest.serve(
        name=plan.name,
        schedules=[Cron(plan.cron, timezone=plan.timezone)],
        parameters=plan.parameters,
        description="pressroom ingest on a schedule (pressroom serve)",
        tags=["pressroom"],
        # Served runs import the flow by module name: flows/pipeline.py is part of a
        # package (relative imports), which loading it as a script file would break.
        entrypoint_type=EntrypointType.MODULE_PATH,
        # One run at a time: a run that outlasts the interval delays the next rather
        # than queueing behind the writer lock.
        limit=1,
    )


def using_temporary_server() -> bool:
    """True when no Prefect server is configured (PREFECT_API_URL, in the environment or
    the active Prefect profile)."""
    from prefect.settings import get_current_settings

    return not get_current_settings().api.url
