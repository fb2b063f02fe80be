"""Opening the warehouse: numbered migrations, then the contract's views."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from importlib import resources
from pathlib import Path

import duckdb

from .queries import script

DEFAULT_WAREHOUSE = "pressroom.duckdb"


# The settings every DuckDB connection pressroom opens starts with (open_duckdb).
# DuckDB's defaults install a "known" extension the moment something needs one that is not
# loaded, i.e. download it from DuckDB's extension site; pressroom must work offline from
# the package registries alone, so autoinstall is off. Autoload stays on: it is also how
# DuckDB loads an extension statically linked into the wheel (core_functions, icu, json,
# parquet) that is needed before DuckDB has loaded it itself. Replaying a write-ahead log
# at open does exactly that: the replay runs before the built-in extensions are loaded, and
# it re-binds `ALTER ... TYPE ... USING list_transform(..., struct_insert(...))`
# (migrations 002, 004, 005, 008), functions that live in core_functions. With autoinstall
# on, a warehouse whose first ingest was killed after its migrations (not yet
# checkpointed) tried to download core_functions on the next open, and failed offline;
# with autoload off, the replay does not find those functions at all and fails.
OFFLINE_CONFIG: dict[str, object] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": True,
}


class ExtensionUnavailable(duckdb.Error):
    """DuckDB needed an extension that is neither built into the installed wheel nor
    already installed, and pressroom does not let it download one."""

    def __init__(self, message: str, extension: str | None = None):
        super().__init__(message)
        self.extension = extension


# How DuckDB names the extension it could not load, most specific first: "... the
# required extension 'excel:", "... it exists in the spatial extension.", "the httpfs
# extension needs to be loaded", "Extension \"inet\" is an existing extension".
_EXTENSION_NAMED = [
    re.compile(r"required extension '(\w+)"),
    re.compile(r"exists in the (\w+) extension"),
    re.compile(r"the (\w+) extension needs to be loaded"),
    re.compile(r"[Ee]xtension \"(\w+)\""),
]


def _extension_unavailable(exc: duckdb.Error, what: str) -> ExtensionUnavailable | None:
    text = str(exc)
    found = next((m for pattern in _EXTENSION_NAMED if (m := pattern.search(text))), None)
    if found is None:
        return None
    name = found.group(1)
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return ExtensionUnavailable(
        f"{what} needs DuckDB's {name!r} extension, which the installed duckdb "
        f"{duckdb.__version__} does not have built in; pressroom never lets DuckDB download "
        f"extensions (DuckDB said: {first})",
        extension=name,
    )


def open_duckdb(
    path: Path | str = ":memory:",
    *,
    read_only: bool = False,
    config: dict[str, object] | None = None,
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with OFFLINE_CONFIG: the one way pressroom (and its scripts,
    benchmarks and tests) opens DuckDB. Opening can run DuckDB's write-ahead-log replay;
    when that (or a setting in `config`) needs an extension that is not available offline,
    raises ExtensionUnavailable, a duckdb.Error with a one-line message, not DuckDB's
    download attempt."""
    settings = {**(config or {}), **OFFLINE_CONFIG}
    try:
        return duckdb.connect(str(path), read_only=read_only, config=settings)
    except duckdb.Error as exc:
        what = "DuckDB" if str(path) == ":memory:" else f"opening {path}"
        unavailable = _extension_unavailable(exc, what)
        if unavailable is None:
            raise
        raise unavailable from None


def default_path() -> Path:
    return Path(os.environ.get("PRESSROOM_WAREHOUSE") or DEFAULT_WAREHOUSE)


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("warehouse").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), name, entry.read_text("utf-8")))
    return sorted(found)


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations this warehouse has not seen, each in its own transaction,
    then (re)create the views. Returns the numbers applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for number, name, body in _migrations():
        if number in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(body)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [number, name, dt.datetime.now(dt.UTC).replace(tzinfo=None)],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        applied.append(number)
    _ensure_views(con)
    return applied


def _ensure_views(con: duckdb.DuckDBPyConnection) -> None:
    # Views are re-created when the installed views.sql differs from the one last applied,
    # so an upgrade that only touches a view needs no migration.
    current = script("views.sql")
    row = con.execute("SELECT body FROM view_script").fetchone()
    if row and row[0] == current:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(current)
        con.execute("DELETE FROM view_script")
        con.execute("INSERT INTO view_script VALUES (?)", [current])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _seconds(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name) or default)
    except ValueError:
        return default


# Seconds a writer waits for readers to close the file. Longer than a query may run by
# default (warehouse.read.QUERY_TIME_LIMIT), so a `pressroom query` never fails a run.
WRITER_WAIT = _seconds("PRESSROOM_WRITER_WAIT", 120.0)

# A writer's DuckDB memory cap. A run's load reads every staged batch into one transaction,
# and DuckDB otherwise lets itself grow to 80% of RAM before spilling: uncapped, the load
# is the run's memory peak and grows with the run (+600 MiB at 30,000 documents). Capped,
# DuckDB spills to `<warehouse>.tmp/` and the peak stays flat. 256 MB holds the
# largest row many times over (extractors cut a text at 8 million characters).
WRITER_MEMORY_LIMIT = os.environ.get("PRESSROOM_WRITER_MEMORY", "256MB")


class WarehouseInUse(RuntimeError):
    """The DuckDB file stayed open in another process for longer than a writer waits."""

    def __init__(self, message: str, waited: float = 0.0):
        super().__init__(message)
        self.waited = waited


def is_lock_conflict(exc: BaseException) -> bool:
    """Whether a DuckDB error says another process holds the file."""
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def connect_writer(path: Path | str, wait: float = WRITER_WAIT) -> duckdb.DuckDBPyConnection:
    """A read-write connection to an up-to-date warehouse (created if missing).

    DuckDB lets one process at a time open the file, and a read-only opener (a query)
    excludes a writer just as a writer excludes it. Writers are serialised by the writer
    lock (warehouse/lock.py), so a conflict here is a reader: queries are short, so wait (up to
    `wait` seconds) rather than fail a run that has done all its fetching."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    deadline = started + wait
    pause = 0.02
    while True:
        try:
            con = open_duckdb(path, config={"memory_limit": WRITER_MEMORY_LIMIT})
            break
        except duckdb.IOException as exc:
            if not is_lock_conflict(exc):
                raise
            if time.monotonic() > deadline:
                raise WarehouseInUse(
                    f"{path} has been open in another process for over {wait:g} s "
                    f"({str(exc).splitlines()[0]}); close long-running queries and retry",
                    waited=time.monotonic() - started,
                ) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.25)
    try:
        migrate(con)
    except BaseException:
        con.close()
        raise
    return con


def connect_reader(path: Path | str) -> duckdb.DuckDBPyConnection:
    """A read-only connection: DuckDB itself refuses any write through it."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(
            f"no warehouse at {path}: run `pressroom ingest SOURCE --warehouse {path}` first"
        )
    return open_duckdb(path, read_only=True)
