"""`pressroom history URL`: a release's versions, what changed between consecutive ones
(the changed fields side by side) and a unified diff of the text."""

from __future__ import annotations

import difflib
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

import warehouse as wh

from .output import console_text, make_console, shown_date, strip_controls

# Fields shown side by side when they change, in this order; body_text gets a diff instead.
FIELDS = (
    "title",
    "reference",
    "published_date",
    "publisher",
    "primary_force",
    "topic",
    "media_type",
    "forces",
    "people",
    "reports",
    "phones",
    "judgements",
)


def _when(value: Any) -> str:
    return str(value)[:19] if value is not None else ""


def _items(name: str, value: Any) -> list[str]:
    """A field's value as lines: one per item for lists, so lists can be compared."""
    return [strip_controls(line) for line in _raw_items(name, value)]


def _raw_items(name: str, value: Any) -> list[str]:
    if value is None:
        return []
    if name == "published_date":
        return [shown_date(value, None)]
    if isinstance(value, list | tuple):
        lines = []
        for item in value:
            if name == "forces" and isinstance(item, dict):
                lines.append(item["force"] + (" (notes to editors)" if item["in_notes"] else ""))
            elif name == "people" and isinstance(item, dict):
                lines.append(f"{item['name']}, {item['role']}")
            elif name == "judgements" and isinstance(item, dict):
                force = item["force"] or "(national)"
                lines.append(f"{force} · {item['area']}: {item['value']}")
            else:
                lines.append(str(item))
        return lines
    return [str(value)]


def _side(lines: list[str], other: list[str], style: str) -> Text:
    """One side of a changed field: items the other side lacks are marked with `style`."""
    if not lines:
        return Text("—", style="dim")
    text = Text()
    for i, line in enumerate(lines):
        if i:
            text.append("\n")
        text.append(line, style=style if line not in other else None)
    return text


def fields_table(before: wh.VersionRecord, after: wh.VersionRecord) -> Table | None:
    """The fields that changed from `before` to `after`, side by side; None if only the
    text changed."""
    changed = [f for f in FIELDS if f in after.changed_fields]
    if not changed:
        return None
    table = Table(show_lines=True, expand=False)
    table.add_column("field", style="bold")
    table.add_column(f"version {before.version}", overflow="fold")
    table.add_column(f"version {after.version}", overflow="fold")
    for name in changed:
        old = _field(name, before)
        new = _field(name, after)
        table.add_row(name, _side(old, new, "red"), _side(new, old, "green"))
    return table


def _field(name: str, version: wh.VersionRecord) -> list[str]:
    if name == "published_date":
        return [_published(version)]
    return _items(name, version.fields.get(name))


def _published(version: wh.VersionRecord) -> str:
    return shown_date(version.fields.get("published_date"), version.fields.get("date_source"))


def _lines(text: str) -> list[str]:
    return [p for p in strip_controls(text).split("\n") if p.strip()]


def _word_marks(old: str, new: str) -> tuple[Text, Text]:
    """A replaced line and its replacement with the words that differ highlighted."""
    a, b = old.split(" "), new.split(" ")
    left, right = Text("-", style="red"), Text("+", style="green")
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if i2 > i1:
            left.append(
                " ".join(a[i1:i2]) + " ", style="red" if op == "equal" else "bold white on red"
            )
        if j2 > j1:
            right.append(
                " ".join(b[j1:j2]) + " ", style="green" if op == "equal" else "bold white on green"
            )
    left.rstrip()
    right.rstrip()
    return left, right


def text_diff(before: str, after: str, *, old: str, new: str, context: int = 1) -> list[Text]:
    """A unified diff of two texts by paragraph, with changed words highlighted where a
    paragraph was replaced by one other."""
    lines = list(
        difflib.unified_diff(
            _lines(before), _lines(after), fromfile=old, tofile=new, lineterm="", n=context
        )
    )
    out: list[Text] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(("---", "+++")):
            out.append(Text(line, style="bold"))
        elif line.startswith("@@"):
            out.append(Text(line, style="cyan"))
        elif line.startswith("-"):
            minus = [line]
            while i + 1 < len(lines) and lines[i + 1].startswith("-"):
                i += 1
                minus.append(lines[i])
            plus = []
            while i + 1 < len(lines) and lines[i + 1].startswith("+"):
                i += 1
                plus.append(lines[i])
            if len(minus) == len(plus):
                pairs = [_word_marks(m[1:], p[1:]) for m, p in zip(minus, plus, strict=True)]
                out.extend(left for left, _ in pairs)
                out.extend(right for _, right in pairs)
            else:
                out.extend(Text(m, style="red") for m in minus)
                out.extend(Text(p, style="green") for p in plus)
        elif line.startswith("+"):
            out.append(Text(line, style="green"))
        else:
            out.append(Text(_shorten(line), style="dim"))
        i += 1
    return out


def _shorten(line: str, keep: int = 90) -> str:
    """A long context paragraph cut in the middle: its ends are what sit next to a change."""
    if len(line) <= 2 * keep + 5:
        return line
    return f"{line[:keep]} … {line[-keep:]}"


def versions_table(url: str, versions: list[wh.VersionRecord]) -> Table:
    table = Table(title=console_text(f"history of {url}"))
    columns = (
        "version",
        "valid from",
        "valid to",
        "status",
        "published",
        "title",
        "changed fields",
    )
    for column in columns:
        table.add_column(column, overflow="fold")
    for v in versions:
        last = v is versions[-1]
        table.add_row(
            str(v.version),
            _when(v.valid_from),
            _when(v.valid_to),
            v.status if last else "",
            _published(v),
            console_text(v.title),
            ", ".join(v.changed_fields) or ("(first version)" if v.version == 1 else "-"),
        )
    return table


def print_history(
    url: str,
    versions: list[wh.VersionRecord],
    console: Console | None = None,
    *,
    context: int = 1,
) -> None:
    """Print the versions of `url` (oldest first), then for each version after the first the
    fields that changed side by side with the previous version's, and a unified diff of the
    text."""
    console = console or make_console()
    console.print(versions_table(url, versions))
    if versions and versions[-1].status == "withdrawn":
        last = versions[-1]
        console.print(
            f"[red]withdrawn[/red] at {_when(last.valid_to) or 'an unknown time'}; "
            f"version {last.version} was the last one published",
            highlight=False,
        )
    for before, after in zip(versions, versions[1:], strict=False):
        console.print()
        console.rule(
            f"version {before.version} -> {after.version}, {_when(after.valid_from)}", style="bold"
        )
        if not after.changed_fields:
            console.print("no field changed", style="dim")
            continue
        table = fields_table(before, after)
        if table is not None:
            console.print(table)
        if "body_text" in after.changed_fields:
            diff = text_diff(
                before.body_text,
                after.body_text,
                old=f"version {before.version}",
                new=f"version {after.version}",
                context=context,
            )
            console.print(Group(*diff), highlight=False)
