"""The `pressroom` command: a thin layer over the library functions."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperCommand

from . import local_server
from .prefect_env import configure

configure()

import warehouse as wh  # noqa: E402
from analysis.history import print_history  # noqa: E402
from analysis.output import make_console  # noqa: E402
from crawler.sources import KINDS  # noqa: E402

from .cli_help import Choice, tune  # noqa: E402

tune()

app = typer.Typer(
    help="Press releases in, versioned structured snapshots out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = make_console()
err_console = make_console(stderr=True)

WarehouseOption = Annotated[
    Path | None,
    typer.Option(
        "--warehouse",
        "-w",
        metavar="PATH",
        help="DuckDB file (default ./pressroom.duckdb or $PRESSROOM_WAREHOUSE).",
        show_default=False,
    ),
]


KindOption = Annotated[
    str,
    typer.Option(
        "--kind",
        metavar="KIND",
        parser=Choice(KINDS, aliases={"rss": "feed", "atom": "feed"}),
        help="What the SOURCE URLs are: auto (detect from the answer; the default), feed "
        "(RSS or Atom), listing, sitemap or page.",
        show_default=False,
    ),
]


def _not_negative(t: float | None, option: str) -> float | None:
    if t is not None and t < 0:
        raise typer.BadParameter(f"{t:g} is below 0: give 0 or more", param_hint=f"'{option}'")
    return t


def _at_least_one(n: int | None, option: str) -> int | None:
    if n is not None and n < 1:
        raise typer.BadParameter(f"{n} is too few: give 1 or more", param_hint=f"'{option}'")
    return n


PatternsOption = Annotated[
    list[str] | None,
    typer.Option(
        metavar="GLOB",
        help="Read only documents whose URL (file://... for a file) matches this glob; "
        "repeatable. For a folder it replaces the default kinds (.html .htm .pdf .txt).",
        show_default=False,
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option(
        metavar="GLOB",
        help="Skip documents whose URL matches this glob, e.g. '*/drafts/*'; repeatable.",
        show_default=False,
    ),
]


def _warehouse(path: Path | None) -> Path:
    return path or wh.default_path()


def _fail(message: str, code: int = 1) -> typer.Exit:
    from analysis.output import markup_safe

    # Messages quote URLs, paths and server answers: printed as text, never as markup.
    err_console.print(f"[red]error:[/red] {markup_safe(message)}", highlight=False)
    return typer.Exit(code)


TaskRunnerOption = Annotated[
    str,
    typer.Option(
        "--task-runner",
        metavar="RUNNER",
        parser=Choice(("default", "dask")),
        help="Where fetch and extract tasks run: default (threads and extraction processes "
        "here; the default) or dask (needs the dask extra: prefect-dask).",
        show_default=False,
    ),
]
DaskAddressOption = Annotated[
    str | None,
    typer.Option(
        "--dask-address",
        metavar="ADDR",
        help="Scheduler of an existing Dask cluster (default: a local cluster for the run).",
        show_default=False,
    ),
]
DaskWorkersOption = Annotated[
    int | None,
    typer.Option(
        "--dask-workers",
        metavar="N",
        callback=lambda n: _at_least_one(n, "--dask-workers"),
        help="Worker processes of the local Dask cluster, 1 or more (default: cores, at most 8).",
        show_default=False,
    ),
]


SourcesArgument = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="SOURCE",
        help="A URL (feed, listing page, sitemap or page), a file or a folder; several may "
        "be given (optional with --config).",
        show_default=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        "-c",
        metavar="FILE",
        help="A sources.toml listing sources (docs/sources.md).",
        show_default=False,
    ),
]


@app.command()
def ingest(
    sources: SourcesArgument = None,
    warehouse: WarehouseOption = None,
    no_wait: Annotated[
        bool, typer.Option("--no-wait", help="Fail at once if another run is writing.")
    ] = False,
    kind: KindOption = "auto",
    include: PatternsOption = None,
    exclude: ExcludeOption = None,
    config: ConfigOption = None,
    task_runner: TaskRunnerOption = "default",
    dask_address: DaskAddressOption = None,
    dask_workers: DaskWorkersOption = None,
) -> None:
    """Fetch, archive, extract and load every document of SOURCE... (and of --config).

    A folder is read recursively: its .html, .htm, .pdf and .txt files (other files are
    skipped and counted; --include and --exclude choose otherwise).

    Examples: pressroom ingest ./press-office/ ;
    pressroom ingest https://www.example.org/news/feed/ --exclude '*/tag/*'
    """
    # First, so that the server starts while the rest is imported.
    server = _begin_server()
    from crawler.sources import SourceError
    from warehouse.lock import RunAborted, WarehouseBusy, busy_message, is_locked

    from .config import resolve_sources

    try:
        resolved, _ = resolve_sources(sources, kind, config, include or (), exclude or ())
    except SourceError as exc:
        local_server.cancel(server)
        raise _fail(str(exc), 2) from None
    for missing in (s.location for s in resolved if s.kind == "path"):
        if not Path(missing).exists():
            # Refused before a flow run starts or a warehouse is made, as a bad URL is.
            local_server.cancel(server)
            raise _fail(f"no such file or folder: {missing}", 2)
    from .pipeline import ingest as ingest_flow

    flow = _with_task_runner(ingest_flow, task_runner, dask_address, dask_workers)
    if no_wait and is_locked(_warehouse(warehouse)):
        # Say so before a flow run starts (and logs the refusal as a crash).
        raise _fail(busy_message(_warehouse(warehouse)))
    stop_warm_workers = None
    if server is not None and server.started and task_runner == "default":
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
                kind=kind,
                config=str(config) if config else None,
                include=include or [],
                exclude=exclude or [],
            )
    except (WarehouseBusy, RunAborted) as exc:
        raise _fail(str(exc)) from None
    finally:
        if stop_warm_workers is not None:
            stop_warm_workers()
    _print_summary(summary)
    raise typer.Exit(0 if summary.ok else 1)


def _with_task_runner(flow, kind: str, address: str | None, workers: int | None):
    from .runners import TaskRunnerUnavailable, make_task_runner

    try:
        runner = make_task_runner(kind, dask_address=address, dask_workers=workers)
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

    from .interrupt import stop_on_interrupt
    from .progress import terminal_progress

    with terminal_progress(err_console, label) as bar, stop_on_interrupt():
        bar.stage(_waiting_for(server))
        try:
            with local_server.connected(server, {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
                bar.stage("starting the flow run")
                yield
        except local_server.ServerError as exc:
            raise _fail(str(exc)) from None


def _print_summary(summary) -> None:
    from crawler.sources import FOLDER_KINDS

    c = summary.counts
    console.print(
        f"run {summary.run_id}: [green]{c.n_new} new[/green], [yellow]{c.n_changed} changed"
        f"[/yellow], {c.n_unchanged} unchanged ({c.n_not_modified} not modified), "
        f"{c.n_withdrawn} withdrawn, [red]{c.n_failed} failed[/red]",
        highlight=False,
    )
    if summary.skipped:
        what = ", ".join(f"{n} {why}" for why, n in sorted(summary.skipped.items()))
        by_kind = any(why not in ("not included", "excluded") for why in summary.skipped)
        console.print(
            f"skipped {sum(summary.skipped.values())} file(s) of folders ({what})"
            + (
                f"; a folder is read for its {' '.join(FOLDER_KINDS)} files unless --include "
                "says otherwise"
                if by_kind
                else ""
            ),
            highlight=False,
            markup=False,
        )
    if summary.skipped_links:
        what = ", ".join(f"{n} {why}" for why, n in sorted(summary.skipped_links.items()))
        console.print(
            f"skipped {sum(summary.skipped_links.values())} link(s) of listing pages to files "
            f"that are no release ({what}); --include names what to read instead",
            highlight=False,
            markup=False,
        )
    if not summary.discovered:
        err_console.print(
            "[yellow]note:[/yellow] nothing to read: no document matched in the source(s)"
            + (" (every file was skipped)" if summary.skipped else ""),
            highlight=False,
        )
    if c.n_failed:
        from analysis.output import print_table

        result = wh.run_errors(summary.warehouse, summary.run_id)
        print_table(result, err_console, title="errors (first 20; all are in the errors view)")


class _SqlCommand(TyperCommand):
    """A command whose argument is SQL: a query that starts with a `-- comment` is SQL, not
    an option (click takes any argument starting with "-" for one)."""

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        return super().parse_args(ctx, [_not_an_option(a) for a in args])


def _not_an_option(arg: str) -> str:
    # A leading newline keeps the text SQL to DuckDB and an argument to click.
    return "\n" + arg if arg.startswith("--") and arg[2:3].isspace() else arg


@app.command(cls=_SqlCommand)
def query(
    sql: Annotated[
        str,
        typer.Argument(
            metavar="SQL",
            help="One SQL statement, quoted (the warehouse is opened read-only; "
            "a statement that would change it is refused).",
            show_default=False,
        ),
    ],
    warehouse: WarehouseOption = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            parser=Choice(("table", "csv", "json")),
            help="table (for people; the default), csv or json (for programs).",
            show_default=False,
        ),
    ] = "table",
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            callback=lambda t: _not_negative(t, "--timeout"),
            help="Stop the query after SECONDS (default $PRESSROOM_QUERY_TIMEOUT or 60; "
            "0: no limit). A running query keeps runs from loading.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run a read-only SQL query against the warehouse.

    Example: pressroom query "SELECT force, area, value FROM judgements ORDER BY force"
    """
    import duckdb

    from analysis.output import print_table, to_csv, to_json

    try:
        result = wh.run_query(_warehouse(warehouse), sql, time_limit=timeout)
    except wh.NoStatement as exc:
        raise _fail(str(exc), 2) from None
    except FileNotFoundError as exc:
        raise _fail(str(exc)) from None
    except (wh.ReadOnlyViolation, wh.QueryTimedOut) as exc:
        raise _fail(str(exc)) from None
    except duckdb.Error as exc:
        raise _fail(str(exc).strip()) from None
    if format == "json":
        sys.stdout.write(to_json(result) + "\n")
    elif format == "csv":
        sys.stdout.write(to_csv(result))
    else:
        print_table(result, console)


@app.command()
def history(
    url: Annotated[
        str,
        typer.Argument(
            metavar="URL",
            help="The document's URL, or for a local file its path (or file:// URL).",
        ),
    ],
    warehouse: WarehouseOption = None,
    context: Annotated[
        int,
        typer.Option(
            "--context",
            "-C",
            metavar="N",
            help="Paragraphs of context around each change.",
        ),
    ] = 1,
) -> None:
    """Versions of one release: the fields that changed side by side, and a diff of the text.

    Example: pressroom history ./press-office/kent-2012.txt
    """
    from crawler.sources import SourceError, parse_source

    try:
        # A path names a local file as `ingest` took it: by its absolute file:// URL.
        url = parse_source(url).id
    except SourceError as exc:
        raise _fail(str(exc), 2) from None
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
            metavar="SERVICE",
            help="A police force or fire and rescue service (any name the rules read: 'the Met', "
            "'LFB').",
        ),
    ],
    warehouse: WarehouseOption = None,
) -> None:
    """One service's grades: area by inspection period, how many releases state each, and
    where they disagree (the `grades` view)."""
    import duckdb

    from analysis.grades import UnknownService, print_grades

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
        Path,
        typer.Option(
            metavar="DIR",
            help="Where to put the sample office and the warehouse (default: ./pressroom-demo).",
            show_default=False,
        ),
    ] = Path("pressroom-demo"),
) -> None:
    """End-to-end on the bundled sample press office, in ./pressroom-demo (or --folder);
    leaves its warehouse there and prints commands to try on it."""
    server = _begin_server()
    from .demo import run_demo
    from .interrupt import stop_on_interrupt

    try:
        with local_server.connected(server), stop_on_interrupt():
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


@app.command()
def export(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Folder to write the files into.")
    ],
    warehouse: WarehouseOption = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            parser=Choice(("parquet", "csv")),
            help="parquet (the default; keeps lists and types) or csv (lists as JSON text).",
            show_default=False,
        ),
    ] = "parquet",
    neutralise_formulas: Annotated[
        bool,
        typer.Option(
            "--neutralise-formulas/--raw-formulas",
            help="CSV: prefix text cells starting = + - @ with an apostrophe, so a "
            "spreadsheet shows them instead of running them as formulas.",
        ),
    ] = True,
) -> None:
    """Every view of the warehouse to DIR, one file each, with a manifest.json.

    Example: pressroom export views/ --format csv
    """
    import duckdb

    from analysis.output import print_table
    from warehouse.export import MANIFEST, export_views

    try:
        manifest = export_views(
            _warehouse(warehouse),
            directory,
            format,
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
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="The HTML file to write (default report.html).",
            show_default=False,
        ),
    ] = Path("report.html"),
) -> None:
    """A self-contained HTML report: runs, a force-by-year grid of grades, a timeline of
    versions and withdrawals, and each force's verdicts with their evidence."""
    import duckdb

    from analysis.report import ReportPathError, write_report

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
        Path,
        typer.Argument(
            metavar="DIR", help="Labelled documents: NNN.txt + NNN.json (the devset layout)."
        ),
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
    from analysis.evaluate import run_evaluate

    raise typer.Exit(
        run_evaluate(directory, renditions, show_mistakes=show_mistakes, show_gaps=show_gaps)
    )


@app.command()
def reextract(
    warehouse: WarehouseOption = None,
    no_wait: Annotated[
        bool, typer.Option("--no-wait", help="Fail at once if another run is writing.")
    ] = False,
    task_runner: TaskRunnerOption = "default",
    dask_address: DaskAddressOption = None,
    dask_workers: DaskWorkersOption = None,
) -> None:
    """Run the current extractors again over the archived raw documents whose newest
    extraction is older; adds rows beside the old ones, fetches nothing."""
    path = _warehouse(warehouse)
    if not path.exists():
        raise _fail(f"no warehouse at {path}: run `pressroom ingest SOURCE --warehouse {path}`")
    server = _begin_server()
    from warehouse.lock import RunAborted, WarehouseBusy, busy_message, is_locked

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
        from analysis.output import print_table

        result = wh.run_errors(summary.warehouse, summary.run_id)
        print_table(result, err_console, title="errors (first 20; all are in the errors view)")
    raise typer.Exit(0 if summary.ok else 1)


@app.command()
def serve(
    sources: SourcesArgument = None,
    cron: Annotated[
        str,
        typer.Option(
            "--cron",
            metavar="EXPR",
            help="When to run, as a cron expression (default '0 6 * * *': 06:00 every day).",
            show_default=False,
        ),
    ] = "0 6 * * *",
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone",
            metavar="TZ",
            help="IANA time zone of the cron expression, e.g. Europe/London (default UTC).",
            show_default=False,
        ),
    ] = None,
    warehouse: WarehouseOption = None,
    kind: KindOption = "auto",
    config: ConfigOption = None,
    name: Annotated[
        str,
        typer.Option(
            "--name",
            metavar="NAME",
            help="The deployment's name (default 'pressroom'; the flow is 'ingest').",
            show_default=False,
        ),
    ] = "pressroom",
) -> None:
    """Serve scheduled ingest runs from this process: a Prefect deployment with a cron
    schedule, until Ctrl-C. Set PREFECT_API_URL to use a Prefect server."""
    from crawler.sources import SourceError

    from .config import resolve_sources
    from .serve import ScheduleError, plan, using_temporary_server
    from .serve import serve as serve_plan

    try:
        resolve_sources(sources, kind, config)
        deployment = plan(
            sources,
            cron=cron,
            timezone=timezone,
            warehouse=_warehouse(warehouse),
            config=config,
            kind=kind,
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
                    'no UI (docs/operations.md, "Using a Prefect server", says how to use one)',
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
    try:
        app()
    except wh.ExtensionUnavailable as exc:
        # Any command that opens the warehouse may replay DuckDB's log, which may need an
        # extension pressroom does not download: one line, not a traceback.
        raise SystemExit(_fail(str(exc)).exit_code) from None


if __name__ == "__main__":
    main()
