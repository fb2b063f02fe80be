"""Printing query results as a table, CSV or JSON, and the one place text from documents
and servers is made safe for what renders it: a terminal (rich markup, escape sequences),
Markdown (Prefect artifacts) and spreadsheets (CSV formulas). Titles, URLs and error
messages come from hostile sites as often as from friendly ones: text stays text."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import re
from typing import Any
from urllib.parse import urlsplit

from rich.console import Console
from rich.markup import escape as _markup_escape
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

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
# C0 controls but tab and newline, DEL, and C1 controls: ESC starts terminal sequences
# (colours, window titles, hyperlinks), CR rewrites a line, and C1 has a one-byte CSI.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What a spreadsheet reads as the start of a formula (OWASP: = + - @, and tab / CR).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Markdown syntax characters that work inside a line, escaped with a backslash: a title
# cannot become a link, an image, code, emphasis or a table cell break. (< > & become
# HTML entities first, so no HTML or autolink either.)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()!|~])")


def strip_controls(text: str) -> str:
    """`text` without control characters (tab and newline kept)."""
    return _CONTROLS.sub("", text)


def console_text(value: object, style: str | None = None) -> Text:
    """A value as literal terminal text: no rich markup parsed, no escape sequences."""
    return Text(strip_controls("" if value is None else str(value)), style=style or "")


def markup_safe(value: object) -> str:
    """A value to put inside a rich markup string (f"[red]{markup_safe(x)}[/red]")."""
    return _markup_escape(strip_controls(str(value)))


def markdown_text(value: object) -> str:
    """A value as literal Markdown text: HTML and Markdown syntax escaped, one line."""
    text = strip_controls("" if value is None else str(value)).replace("\n", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown_link(url: str | None) -> str:
    """An http(s) URL as a Markdown link; anything else (javascript:, data:, file:) as
    plain escaped text, never a link."""
    if not url:
        return ""
    clean = strip_controls(url)
    if urlsplit(clean).scheme.lower() not in ("http", "https") or any(
        c in clean for c in " <>\"'`"
    ):
        return markdown_text(clean)
    target = "".join({"(": "%28", ")": "%29", "[": "%5B", "]": "%5D"}.get(c, c) for c in clean)
    return f"[{markdown_text(clean)}]({target})"


def csv_cell(value: str) -> str:
    """A text cell a spreadsheet will not run: a leading = + - @ (or tab / CR) gets a
    leading apostrophe, which spreadsheets show as text."""
    return "'" + value if value.startswith(_FORMULA_START) else value


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


def to_csv(result: QueryResult, *, neutralise_formulas: bool = False) -> str:
    """The result as CSV; control characters are stripped from text, and with
    `neutralise_formulas` text cells that a spreadsheet would run as a formula are
    prefixed with an apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([strip_controls(c) for c in result.columns])
    for row in result.rows:
        cells = []
        for v in row:
            if isinstance(v, list | dict):
                v = json.dumps(_plain(v), ensure_ascii=False)
            if isinstance(v, str):
                v = strip_controls(v)
                cells.append(csv_cell(v) if neutralise_formulas else v)
            else:
                cells.append("" if v is None else _plain(v))
        writer.writerow(cells)
    return buffer.getvalue()


def print_table(result: QueryResult, console: Console, title: str | None = None) -> None:
    table = Table(title=console_text(title) if title else None, show_lines=False)
    for column in result.columns:
        table.add_column(console_text(column), overflow="fold")
    for row in result.rows:
        table.add_row(*(console_text(None if v is None else _plain(v)) for v in row))
    console.print(table)
