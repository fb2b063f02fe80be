"""Read-only access for people: SQL queries and a document's history."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from .connection import connect_reader, open_duckdb
from .queries import sql


class ReadOnlyViolation(PermissionError):
    pass


class NoStatement(ValueError):
    """Not one SQL statement: an empty query (or only a comment), or several at once."""


# Statement kinds that only read. Anything else would change the warehouse (or the
# session); it is refused before DuckDB sees it, so `DELETE FROM releases` (a view) gets
# the same refusal as `DROP TABLE`, not DuckDB's "Can only delete from base table".
_READING = {"SELECT", "EXPLAIN", "PRAGMA", "CALL", "MULTI", "RELATION"}
_SETTING = {"SET", "VARIABLE_SET"}
_FILES = {"COPY", "EXPORT", "COPY_DATABASE", "ATTACH", "DETACH"}


def check_statement(statement: str) -> None:
    """Refuse what `run_query` cannot answer with one result: no statement, several (only
    the last would be shown), or one that would write."""
    # Parsed by an in-memory connection of our own, not duckdb's module-level default one,
    # which has DuckDB's default settings (autoinstall of extensions on).
    with open_duckdb() as parser:
        statements = parser.extract_statements(statement)
    if not statements:
        raise NoStatement("no SQL statement given (the query is empty or only a comment)")
    if len(statements) > 1:
        raise NoStatement(
            f"one statement at a time, please: this query holds {len(statements)} "
            "(only the last one's result would be shown)"
        )
    kind = statements[0].type.name
    if kind in _SETTING:
        raise ReadOnlyViolation(f"queries cannot change the database's settings ({kind} statement)")
    if kind in _FILES:
        raise ReadOnlyViolation(
            "queries read the warehouse only; they cannot read or write other files "
            "(use `pressroom export DIR` for Parquet copies of the views) "
            f"({kind.replace('_', ' ')} statement)"
        )
    if kind not in _READING:
        raise ReadOnlyViolation(
            "the warehouse is opened read-only for queries; this statement would change "
            f"it ({kind.replace('_', ' ')} statement)"
        )


class QueryTimedOut(RuntimeError):
    """A query ran past its time limit and was stopped."""


def _query_time_limit() -> float:
    try:
        return float(os.environ.get("PRESSROOM_QUERY_TIMEOUT") or 60.0)
    except ValueError:
        return 60.0


# Seconds a person's query may run. A query holds the warehouse file open while it runs,
# and a run cannot load meanwhile: a query left running would make every run wait. Below
# the writers' wait (connection.WRITER_WAIT, 120 s), so a query never fails a run.
QUERY_TIME_LIMIT = _query_time_limit()


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def open_for_reading(path: Path | str, wait: float = 30.0) -> duckdb.DuckDBPyConnection:
    """A read-only connection, waiting (up to `wait` seconds) while a writer holds the
    file: loads are short transactions, so a query waits at most for one of them."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return connect_reader(path)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def run_query(path: Path | str, statement: str, time_limit: float | None = None) -> QueryResult:
    """Run a person's SQL statement. The warehouse is opened read-only, and the statement
    may neither read nor write files (COPY ... TO, ATTACH, read_csv('/etc/...')): a query
    reads the warehouse and nothing else. It is stopped after `time_limit` seconds (default
    QUERY_TIME_LIMIT; 0 for none) with QueryTimedOut."""
    limit = QUERY_TIME_LIMIT if time_limit is None else time_limit
    check_statement(statement)
    with open_for_reading(path) as con:
        timer = threading.Timer(limit, con.interrupt) if limit > 0 else None
        if timer is not None:
            timer.daemon = True
            timer.start()
        try:
            return _run(con, statement)
        except duckdb.InterruptException:
            raise QueryTimedOut(
                f"query stopped after {limit:g} s, its time limit (--timeout SECONDS, or "
                "$PRESSROOM_QUERY_TIMEOUT; 0 for none): a query keeps runs from loading "
                "while it runs. For long analyses, `pressroom export DIR` and query the "
                "copies"
            ) from None
        finally:
            if timer is not None:
                timer.cancel()


def _run(con: duckdb.DuckDBPyConnection, statement: str) -> QueryResult:
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    try:
        cursor = con.execute(statement)
    except duckdb.InvalidInputException as exc:
        if "read-only" in str(exc).lower() or "read only" in str(exc).lower():
            raise ReadOnlyViolation(
                "the warehouse is opened read-only for queries; this statement would "
                f"change it ({str(exc).splitlines()[0]})"
            ) from None
        if "configuration has been locked" in str(exc):
            raise ReadOnlyViolation(
                f"queries cannot change the database's settings ({str(exc).splitlines()[0]})"
            ) from None
        raise
    except duckdb.PermissionException as exc:
        raise ReadOnlyViolation(
            "queries read the warehouse only; they cannot read or write other files "
            "(use `pressroom export DIR` for Parquet copies of the views) "
            f"({str(exc).splitlines()[0]})"
        ) from None
    if cursor.description is None:
        return QueryResult([], [])
    columns = [d[0] for d in cursor.description]
    return QueryResult(columns, cursor.fetchall())


@dataclass(frozen=True)
class VersionRecord:
    version: int
    valid_from: Any
    valid_to: Any
    status: str
    title: str | None
    changed_fields: list[str]
    body_text: str
    fields: dict[str, Any]


def history(path: Path | str, url: str) -> list[VersionRecord]:
    with open_for_reading(path) as con:
        cursor = con.execute("SELECT * FROM release_versions WHERE url = ? ORDER BY version", [url])
        columns = [d[0] for d in cursor.description]
        records = []
        for row in cursor.fetchall():
            values = dict(zip(columns, row, strict=True))
            records.append(
                VersionRecord(
                    version=values["version"],
                    valid_from=values["valid_from"],
                    valid_to=values["valid_to"],
                    status=values["status"],
                    title=values["title"],
                    changed_fields=list(values["changed_fields"] or []),
                    body_text=values["body_text"] or "",
                    fields=values,
                )
            )
    return records


def run_errors(path: Path | str, run_id: str, limit: int = 20) -> QueryResult:
    with open_for_reading(path) as con:
        cursor = con.execute(
            'SELECT stage, url, error FROM errors WHERE run_id = ? ORDER BY "at", url LIMIT ?',
            [run_id, limit],
        )
        return QueryResult([d[0] for d in cursor.description], cursor.fetchall())


@dataclass(frozen=True)
class GradeRecord:
    """A row of the `grades` view for one service: one verdict, however many releases
    state it."""

    area: str
    period: str | None
    value: str
    sources: int
    status: str  # corroborated, single source, conflict
    agreeing: tuple[str, ...]  # URLs of the releases stating `value`
    disagreeing: tuple[tuple[str, tuple[str, ...]], ...]  # (other value, its URLs)
    first_stated: Any
    last_stated: Any
    decided_by_inspectorate: bool
    undated_sources: int


def disagreeing_values(raw: list[dict] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The `grades` view's `disagreeing` column as (other value, its URLs) pairs."""
    return tuple((d["value"], tuple(d["urls"])) for d in raw or ())


def grades_of(path: Path | str, service: str, sector: str = "police") -> list[GradeRecord]:
    """`service`'s rows of the `grades` view (its canonical name), area by period."""
    with open_for_reading(path) as con:
        rows = con.execute(
            sql("service_grades", "grades.sql"), {"sector": sector, "service": service}
        ).fetchall()
    return [
        GradeRecord(
            area,
            period,
            value,
            sources,
            status,
            tuple(agreeing or ()),
            disagreeing_values(disagreeing),
            first,
            last,
            bool(decided),
            undated or 0,
        )
        for (
            area,
            period,
            value,
            sources,
            status,
            agreeing,
            disagreeing,
            first,
            last,
            decided,
            undated,
        ) in rows
    ]


def graded_services(path: Path | str) -> list[tuple[str, str]]:
    """(sector, service) of every service the `grades` view has rows for."""
    with open_for_reading(path) as con:
        return con.execute(sql("services_named", "grades.sql")).fetchall()
