"""The `pressroom` command: a thin layer over the library functions."""

from __future__ import annotations

import contextlib
import enum
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from . import local_server
from .prefect_env import configure

configure()

import warehouse as wh  # noqa: E402

from .history import print_history  # noqa: E402

app = typer.Typer(
    help="Press releases in, versioned structured snapshots out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

WarehouseOption = Annotated[
    Path | None,
    typer.Option(
        "--warehouse",
        "-w",
        help="DuckDB file (default ./pressroom.duckdb or $PRESSROOM_WAREHOUSE).",
        show_default=False,
    ),
]


class Kind(enum.StrEnum):
    auto = "auto"
    feed = "feed"
    listing = "listing"
    sitemap = "sitemap"
    page = "page"


class Format(enum.StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _warehouse(path: Path | None) -> Path:
    return path or wh.default_path()


def _fail(message: str, code: int = 1) -> typer.Exit:
    from .output import markup_safe

    # Messages quote URLs, paths and server answers: printed as text, never as markup.
    err_console.print(f"[red]error:[/red] {markup_safe(message)}", highlight=False)
    return typer.Exit(code)


class TaskRunner(enum.StrEnum):
    default = "default"
    dask = "dask"


TaskRunnerOption = Annotated[
    TaskRunner,
    typer.Option(
        "--task-runner",
        help="Where fetch and extract tasks run: default (threads and extraction processes "
        "here) or dask (needs the dask extra: prefect-dask).",
    ),
]
DaskAddressOption = Annotated[
    str | None,
    typer.Option(
        "--dask-address",
        help="Scheduler of an existing Dask cluster (default: a local cluster for the run).",
        show_default=False,
    ),
]
DaskWorkersOption = Annotated[
    int | None,
    typer.Option(
        "--dask-workers",
        min=1,
        help="Worker processes of the local Dask cluster (default: cores, at most 8).",
        show_default=False,
    ),
]


@app.command()
def ingest(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="URLs, files or folders (optional with --config).", show_default=False),
    ] = None,
    warehouse: WarehouseOption = None,
    no_wait: Annotated[
        bool, typer.Option("--no-wait", help="Fail at once if another run is writing.")
    ] = False,
    kind: Annotated[
        Kind,
        typer.Option("--kind", help="What the SOURCE URLs are (default: detect from the answer)."),
    ] = Kind.auto,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="A sources.toml listing sources (README: Sources)."),
    ] = None,
    task_runner: TaskRunnerOption = TaskRunner.default,
    dask_address: DaskAddressOption = None,
    dask_workers: DaskWorkersOption = None,
) -> None:
    """Fetch, archive, extract and load every document of SOURCE... (and of --config)."""
    # First, so that the server starts while the rest is imported.
    server = _begin_server()
    from .config import resolve_sources
    from .lock import RunAborted, WarehouseBusy, busy_message, is_locked
    from .sources import SourceError

    try:
        resolve_sources(sources, kind.value, config)
    except SourceError as exc:
        local_server.cancel(server)
        raise _fail(str(exc), 2) from None
    from .pipeline import ingest as ingest_flow

    flow = _with_task_runner(ingest_flow, task_runner, dask_address, dask_workers)
    if no_wait and is_locked(_warehouse(warehouse)):
        # Say so before a flow run starts (and logs the refusal as a crash).
        raise _fail(busy_message(_warehouse(warehouse)))
    stop_warm_workers = None
    if server is not None and server.started and task_runner is TaskRunner.default:
        # The first command waits seconds for the server: the extraction workers start
        # meanwhile (a first run is likely to have new documents).
        from .pipeline import warm_extraction_workers

        stop_warm_workers = warm_extraction_workers()
    try:
        with _progress("ingest", server):
            summary = flow(
                sources=sources or [],
                warehouse=str(_warehouse(warehouse)),
                wait_for_lock=not no_wait,
                kind=kind.value,
                config=str(config) if config else None,
            )
    except (WarehouseBusy, RunAborted) as exc:
        raise _fail(str(exc)) from None
    finally:
        if stop_warm_workers is not None:
            stop_warm_workers()
    _print_summary(summary)
    raise typer.Exit(0 if summary.ok else 1)


def _with_task_runner(flow, kind: TaskRunner, address: str | None, workers: int | None):
    from .runners import TaskRunnerUnavailable, make_task_runner

    try:
        runner = make_task_runner(kind.value, dask_address=address, dask_workers=workers)
    except TaskRunnerUnavailable as exc:
        raise _fail(str(exc), 2) from None
    return flow if runner is None else flow.with_options(task_runner=runner)


def _begin_server() -> local_server.Pending | None:
    """Find or start pressroom's background Prefect server (flows/local_server.py), unless
    a Prefect API is configured; not waiting for it to answer."""
    try:
        pending = local_server.begin()
    except (local_server.ServerError, OSError) as exc:
        raise _fail(f"cannot start the background Prefect server: {exc}") from None
    if pending is not None and pending.started:
        minutes = local_server.idle_seconds() / 60
        err_console.print(
            f"note: starting pressroom's Prefect server in the background on "
            f"{pending.info.url} (pid {pending.info.pid}); later commands reuse it, and it "
            f"stops after {minutes:g} minutes unused, or with `pressroom server stop`",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    return pending


def _waiting_for(server: local_server.Pending | None) -> str:
    """What a command waits for before its flow run begins (the progress bar says it)."""
    if server is not None:
        if server.started:
            return "starting the background Prefect server (first use only)"
        return "connecting to the background Prefect server"
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    return f"connecting to Prefect at {url}" if url else "starting Prefect's temporary server"


@contextlib.contextmanager
def _progress(label: str, server: local_server.Pending | None = None):
    """A flow run from the command line: a progress bar on a terminal, and no flow run
    heartbeats. Prefect stops the heartbeat thread by joining it, and it sleeps in 1 s
    steps, so every run paid up to a second at its end (a one-file ingest against a
    server: ~3.5 s with, ~2.5 s without). Heartbeats let Prefect notice a crashed run of
    a deployment; a command's run ends with the command (the writer lock and the `runs`
    table mark a killed run aborted), and served runs keep them."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY

    from .progress import terminal_progress

    with terminal_progress(err_console, label) as bar:
        bar.stage(_waiting_for(server))
        try:
            with local_server.connected(server, {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
                bar.stage("starting the flow run")
                yield
        except local_server.ServerError as exc:
            raise _fail(str(exc)) from None


def _print_summary(summary) -> None:
    c = summary.counts
    console.print(
        f"run {summary.run_id}: [green]{c.n_new} new[/green], [yellow]{c.n_changed} changed"
        f"[/yellow], {c.n_unchanged} unchanged ({c.n_not_modified} not modified), "
        f"{c.n_withdrawn} withdrawn, [red]{c.n_failed} failed[/red]",
        highlight=False,
    )
    if c.n_failed:
        from .output import print_table

        result = wh.run_errors(summary.warehouse, summary.run_id)
        print_table(result, err_console, title="errors (first 20; all are in the errors view)")


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="A SQL query (the warehouse is opened read-only).")],
    warehouse: WarehouseOption = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            min=0,
            help="Stop the query after SECONDS (default $PRESSROOM_QUERY_TIMEOUT or 60; "
            "0: no limit). A running query keeps runs from loading.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run a read-only SQL query against the warehouse."""
    import duckdb

    from .output import print_table, to_csv, to_json

    try:
        result = wh.run_query(_warehouse(warehouse), sql, time_limit=timeout)
    except FileNotFoundError as exc:
        raise _fail(str(exc)) from None
    except (wh.ReadOnlyViolation, wh.QueryTimedOut) as exc:
        raise _fail(str(exc)) from None
    except duckdb.Error as exc:
        raise _fail(str(exc).strip()) from None
    if format is Format.json:
        sys.stdout.write(to_json(result) + "\n")
    elif format is Format.csv:
        sys.stdout.write(to_csv(result))
    else:
        print_table(result, console)


@app.command()
def history(
    url: Annotated[str, typer.Argument(help="The document's URL (file:// for local files).")],
    warehouse: WarehouseOption = None,
    context: Annotated[
        int, typer.Option("--context", "-C", help="Paragraphs of context around each change.")
    ] = 1,
) -> None:
    """Versions of one release: the fields that changed side by side, and a diff of the text."""
    try:
        versions = wh.history(_warehouse(warehouse), url)
    except FileNotFoundError as exc:
        raise _fail(str(exc)) from None
    if not versions:
        raise _fail(f"no release with URL {url} in the warehouse")
    print_history(url, versions, console, context=context)


@app.command()
def grades(
    service: Annotated[
        str,
        typer.Argument(
            help="A police force or fire and rescue service (any name the rules read: 'the Met', "
            "'LFB')."
        ),
    ],
    warehouse: WarehouseOption = None,
) -> None:
    """One service's grades: area by inspection period, how many releases state each, and
    where they disagree (the `grades` view)."""
    import duckdb

    from .grades import UnknownService, print_grades

    try:
        shown = print_grades(_warehouse(warehouse), service, console)
    except FileNotFoundError as exc:
        raise _fail(str(exc)) from None
    except UnknownService as exc:
        raise _fail(str(exc)) from None
    except duckdb.CatalogException:
        raise _fail(
            "this warehouse predates the `grades` view: run `pressroom ingest` or "
            "`pressroom reextract` on it once to upgrade it"
        ) from None
    if not shown:
        raise _fail(f"no grades for {service} in the warehouse")


@app.command()
def demo(
    folder: Annotated[
        Path, typer.Option(help="Where to put the sample office and the warehouse.")
    ] = Path("."),
) -> None:
    """End-to-end on the bundled sample press office; leaves pressroom.duckdb behind."""
    server = _begin_server()
    from .demo import run_demo

    try:
        with local_server.connected(server):
            code = run_demo(folder, console)
    except local_server.ServerError as exc:
        raise _fail(str(exc)) from None
    raise typer.Exit(code)


@app.command()
def check(
    warehouse: WarehouseOption = None,
    quick: Annotated[
        bool, typer.Option("--quick", help="Check that blobs exist without re-hashing them.")
    ] = False,
) -> None:
    """Verify the warehouse: raw blobs, version ranges, one current version per document."""
    from warehouse.check import check_warehouse

    path = _warehouse(warehouse)
    result = check_warehouse(path, verify_hashes=not quick)
    for note in result.notes:
        err_console.print(f"note: {note}", highlight=False, markup=False)
    if result.faults:
        shown = result.faults[:100]
        for fault in shown:
            console.print(f"fault {fault}", highlight=False, markup=False)
        if len(result.faults) > len(shown):
            console.print(f"... and {len(result.faults) - len(shown)} more", highlight=False)
        raise _fail(f"{len(result.faults)} fault(s) in {path}")
    verb = "found" if quick else "verified"
    console.print(
        f"ok: {result.documents} documents, {result.versions} versions, "
        f"{result.blobs} blobs {verb}",
        highlight=False,
    )


class ExportFormat(enum.StrEnum):
    parquet = "parquet"
    csv = "csv"


@app.command()
def export(
    directory: Annotated[Path, typer.Argument(help="Folder to write the files into.")],
    warehouse: WarehouseOption = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.parquet,
    neutralise_formulas: Annotated[
        bool,
        typer.Option(
            "--neutralise-formulas/--raw-formulas",
            help="CSV: prefix text cells starting = + - @ with an apostrophe, so a "
            "spreadsheet shows them instead of running them as formulas.",
        ),
    ] = True,
) -> None:
    """Every view of the warehouse to DIR, one file each, with a manifest.json."""
    import duckdb

    from warehouse.export import MANIFEST, export_views

    from .output import print_table

    try:
        manifest = export_views(
            _warehouse(warehouse),
            directory,
            format.value,
            neutralise_formulas=neutralise_formulas,
        )
    except FileNotFoundError as exc:
        raise _fail(str(exc)) from None
    except (duckdb.Error, OSError) as exc:
        raise _fail(f"export to {directory} failed: {str(exc).strip()}") from None
    rows = [(v.file, v.rows) for v in manifest.views]
    print_table(wh.QueryResult(["file", "rows"], rows), console, title=str(directory))
    console.print(
        f"{len(rows)} views written; {directory / MANIFEST} lists them "
        f"(run {manifest.run_id or '-'}, extractor version {manifest.extractor_version or '-'})",
        highlight=False,
        markup=False,
    )


@app.command()
def report(
    warehouse: WarehouseOption = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
) -> None:
    """A self-contained HTML report: runs, a force-by-year grid of grades, a timeline of
    versions and withdrawals, and each force's verdicts with their evidence."""
    import duckdb

    from .report import ReportPathError, write_report

    try:
        path = write_report(_warehouse(warehouse), out)
    except ReportPathError as exc:
        raise _fail(str(exc)) from None
    except FileNotFoundError as exc:
        raise _fail(str(exc)) from None
    except duckdb.Error as exc:
        raise _fail(str(exc).strip()) from None
    console.print(
        f"report written to {path.absolute()} (open it in a browser; it needs no network)",
        highlight=False,
        markup=False,
    )


@app.command()
def evaluate(
    directory: Annotated[
        Path, typer.Argument(help="Labelled documents: NNN.txt + NNN.json (the devset layout).")
    ],
    renditions: Annotated[
        bool, typer.Option("--renditions", help="Also score HTML and PDF renditions of each text.")
    ] = False,
    show_mistakes: Annotated[
        bool, typer.Option("--mistakes", help="List each document's differences too.")
    ] = False,
    show_gaps: Annotated[
        bool,
        typer.Option(
            "--gaps",
            help="Print each document's lines with a grade word near a known area or force "
            "that gave no judgement (what the rules did not read).",
        ),
    ] = False,
) -> None:
    """Score release extraction against labelled documents: a table per field; exit 1 when
    a field is below its acceptance target, 2 when DIR holds no labelled documents."""
    from .evaluate import run_evaluate

    raise typer.Exit(
        run_evaluate(directory, renditions, show_mistakes=show_mistakes, show_gaps=show_gaps)
    )


@app.command()
def reextract(
    warehouse: WarehouseOption = None,
    no_wait: Annotated[
        bool, typer.Option("--no-wait", help="Fail at once if another run is writing.")
    ] = False,
    task_runner: TaskRunnerOption = TaskRunner.default,
    dask_address: DaskAddressOption = None,
    dask_workers: DaskWorkersOption = None,
) -> None:
    """Run the current extractors again over the archived raw documents whose newest
    extraction is older; adds rows beside the old ones, fetches nothing."""
    path = _warehouse(warehouse)
    if not path.exists():
        raise _fail(f"no warehouse at {path}: run `pressroom ingest SOURCE --warehouse {path}`")
    server = _begin_server()
    from .lock import RunAborted, WarehouseBusy, busy_message, is_locked
    from .reextract import reextract as reextract_flow

    flow = _with_task_runner(reextract_flow, task_runner, dask_address, dask_workers)
    if no_wait and is_locked(path):
        raise _fail(busy_message(path))
    try:
        with _progress("reextract", server):
            summary = flow(warehouse=str(path), wait_for_lock=not no_wait)
    except (WarehouseBusy, RunAborted) as exc:
        raise _fail(str(exc)) from None
    c = summary.counts
    console.print(
        f"run {summary.run_id}: [green]{c.n_reextracted} version(s) re-extracted[/green] with "
        f"extractor version {summary.extractor_version}, [red]{c.n_failed} failed[/red]",
        highlight=False,
    )
    if c.n_failed:
        from .output import print_table

        result = wh.run_errors(summary.warehouse, summary.run_id)
        print_table(result, err_console, title="errors (first 20; all are in the errors view)")
    raise typer.Exit(0 if summary.ok else 1)


@app.command()
def serve(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="URLs, files or folders (optional with --config).", show_default=False),
    ] = None,
    cron: Annotated[
        str,
        typer.Option("--cron", help="When to run, as a cron expression, e.g. '0 6 * * *'."),
    ] = "0 6 * * *",
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone",
            help="IANA time zone of the cron expression, e.g. Europe/London (default UTC).",
            show_default=False,
        ),
    ] = None,
    warehouse: WarehouseOption = None,
    kind: Annotated[
        Kind,
        typer.Option("--kind", help="What the SOURCE URLs are (default: detect from the answer)."),
    ] = Kind.auto,
    config: Annotated[
        Path | None,
        typer.Option("--config", "-c", help="A sources.toml listing sources (README: Sources)."),
    ] = None,
    name: Annotated[
        str, typer.Option("--name", help="The deployment's name (the flow is 'ingest').")
    ] = "pressroom",
) -> None:
    """Serve scheduled ingest runs from this process: a Prefect deployment with a cron
    schedule, until Ctrl-C. Set PREFECT_API_URL to use a Prefect server."""
    from .config import resolve_sources
    from .serve import ScheduleError, plan, using_temporary_server
    from .serve import serve as serve_plan
    from .sources import SourceError

    try:
        resolve_sources(sources, kind.value, config)
        deployment = plan(
            sources,
            cron=cron,
            timezone=timezone,
            warehouse=_warehouse(warehouse),
            config=config,
            kind=kind.value,
            name=name,
        )
    except (SourceError, ScheduleError) as exc:
        raise _fail(str(exc), 2) from None
    server = _begin_server() if using_temporary_server() else None
    try:
        with local_server.connected(server) as url:
            if url and server is not None and not server.info.scheduler:
                err_console.print(
                    f"warning: pressroom's background Prefect server ({url}, pid "
                    f"{server.info.pid}) was started by an earlier pressroom and runs no "
                    "scheduler: the cron schedule creates no runs. Stop serve, run "
                    "`pressroom server stop`, then serve again",
                    highlight=False,
                    markup=False,
                    soft_wrap=True,
                )
            elif url:
                err_console.print(
                    f"note: no PREFECT_API_URL: serving through pressroom's background "
                    f"Prefect server ({url}), which keeps running while serve runs; it has "
                    "no UI (see the README to use a Prefect server)",
                    highlight=False,
                    markup=False,
                    soft_wrap=True,
                )
            elif using_temporary_server():
                err_console.print(
                    f"note: {local_server.MODE_ENV}=temporary and no PREFECT_API_URL: "
                    "serving through Prefect's temporary server, which runs no scheduler: "
                    "the cron schedule creates no runs, only runs asked for "
                    "(`prefect deployment run`) are served",
                    highlight=False,
                    markup=False,
                    soft_wrap=True,
                )
            serve_plan(deployment)
    except local_server.ServerError as exc:
        raise _fail(str(exc)) from None


server_app = typer.Typer(
    help="pressroom's background Prefect server: started by the first command that needs "
    "Prefect when no PREFECT_API_URL is set, reused by later ones, stopped after "
    f"${local_server.IDLE_ENV} (default {local_server.DEFAULT_IDLE_MINUTES:g}) minutes unused.",
    no_args_is_help=True,
)
app.add_typer(server_app, name="server")


@server_app.command("status")
def server_status() -> None:
    """Whether the background server runs, where, and its log; exit 1 when it does not."""
    info = local_server.read_state()
    where = local_server.server_dir()
    if info is None or not local_server.is_alive(info.pid):
        console.print(f"not running (its files: {where})", highlight=False)
        raise typer.Exit(1)
    health = "answering" if local_server.is_healthy(info) else "not answering yet"
    console.print(
        f"running: {info.url} (pid {info.pid}, {health}); log {where / 'server.log'}",
        highlight=False,
    )


@server_app.command("stop")
def server_stop() -> None:
    """Stop the background server (a later command starts it again)."""
    stopped = local_server.stop()
    if stopped is None:
        console.print("not running", highlight=False)
    else:
        console.print(f"stopped {stopped.url} (pid {stopped.pid})", highlight=False)


@server_app.command("start")
def server_start() -> None:
    """Start the background server now (or find it running) and wait until it answers."""
    try:
        pending = _begin_server()
        if pending is None:
            raise _fail(
                "a Prefect API is configured (PREFECT_API_URL or the Prefect profile), or "
                f"{local_server.MODE_ENV}=temporary: pressroom uses that instead"
            )
        info = pending.wait()
    except local_server.ServerError as exc:
        raise _fail(str(exc)) from None
    console.print(f"running: {info.url} (pid {info.pid})", highlight=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
