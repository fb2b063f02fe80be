"""Printing query results as a table, CSV or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
from typing import Any

from rich.console import Console
from rich.rule import Rule
from rich.table import Table

from warehouse import QueryResult

# Wide enough that no line of ours is ever wrapped: a table is as wide as its content.
_UNWRAPPED = 1_000_000
# A rule has no content width of its own: it is drawn this wide when not on a terminal.
_RULE_WIDTH = 80


class _WholeLines(Console):
    """A console writing to a pipe or a file: lines and tables are printed whole (a reader,
    `grep` or a spreadsheet wants a row on one line), never wrapped at 80 columns."""

    def rule(self, title="", *, characters="─", style="rule.line", align="center") -> None:
        self.print(Rule(title, characters=characters, style=style, align=align), width=_RULE_WIDTH)


def make_console(*, stderr: bool = False) -> Console:
    """A console for stdout (or stderr): rich's own on a terminal, else one that prints
    lines whole."""
    console = Console(stderr=stderr)
    if console.is_terminal:
        return console
    return _WholeLines(stderr=stderr, width=_UNWRAPPED, soft_wrap=True)


def shown_date(value: Any, source: str | None) -> str:
    """A release's date as a person should read it: a date pressroom only knows from when
    it first saw the release is no publication date (a 2012 release fetched today would
    pass for one of today's), so it is shown as such."""
    if value is None:
        return "undated"
    day = value.isoformat()[:10] if isinstance(value, dt.date) else str(value)[:10]
    return f"undated (first seen {day})" if source == "first_seen" else day


# The same in SQL, for tables printed straight from a query (`published_date` and
# `date_source` of releases or release_versions).
SHOWN_DATE_SQL = (
    "CASE WHEN published_date IS NULL THEN 'undated' "
    "WHEN date_source = 'first_seen' THEN "
    "'undated (first seen ' || strftime(published_date, '%Y-%m-%d') || ')' "
    "ELSE strftime(published_date, '%Y-%m-%d') END"
)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_json(result: QueryResult) -> str:
    rows = [{c: _plain(v) for c, v in zip(result.columns, row, strict=True)} for row in result.rows]
    return json.dumps(rows, ensure_ascii=False, indent=2)


def to_csv(result: QueryResult) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(
            [
                json.dumps(_plain(v), ensure_ascii=False)
                if isinstance(v, list | dict)
                else ("" if v is None else _plain(v))
                for v in row
            ]
        )
    return buffer.getvalue()


def print_table(result: QueryResult, console: Console, title: str | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for column in result.columns:
        table.add_column(column, overflow="fold")
    for row in result.rows:
        table.add_row(*("" if v is None else str(_plain(v)) for v in row))
    console.print(table)
