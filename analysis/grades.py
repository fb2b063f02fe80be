"""`pressroom grades SERVICE`: one inspected service's verdicts from the `grades` view,
area by inspection period, with how many releases state each and where they disagree."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

import warehouse as wh
from extractors.forces import canonical_force
from extractors.services import canonical_service

from .output import console_text, strip_controls

UNKNOWN_PERIOD = "period unknown"
# How a row's status is marked in its cell.
MARKS = {"corroborated": "✓", "single source": "", "conflict": "≠"}


class UnknownService(LookupError):
    """A name that is no service the warehouse has grades for (a usage error)."""


def resolve_service(warehouse: Path | str, name: str) -> tuple[str, str]:
    """(sector, canonical name) of the service `name` means: any name the rules read for a
    police force ("the Met", "Avon & Somerset") or a fire and rescue service ("LFB",
    "Dorset & Wiltshire FRS"), else a service's name as `grades` has it (any case)."""
    force = canonical_force(name)
    if force is not None:
        return "police", force
    # A fire and rescue service by any of its names ("LFB", "Dorset & Wiltshire FRS").
    service = canonical_service(name)
    if service is not None:
        return "fire", service
    wanted = " ".join(name.split()).casefold()
    known = wh.graded_services(warehouse)
    for sector, service in known:
        if service.casefold() == wanted:
            return sector, service
    near = [s for _, s in known if wanted and wanted in s.casefold()]
    hint = f"; did you mean {', '.join(near[:5])}?" if near else ""
    raise UnknownService(f"{name!r} is not a police force or service pressroom knows{hint}")


def _period_order(period: str | None) -> tuple[bool, str]:
    return (period is None, period or "")


def _cell(row: wh.GradeRecord) -> Text:
    text = console_text(row.value, style="bold" if row.status == "corroborated" else None)
    text.append(f" ×{row.sources}", style="dim")
    if row.status == "conflict":
        others = ", ".join(f"{value} ×{len(urls)}" for value, urls in row.disagreeing)
        text.append(f"\n≠ {strip_controls(others)}", style="red")
    return text


def timeline(service: str, rows: list[wh.GradeRecord]) -> Group:
    """Areas down, periods across; each cell the value, ×sources, and ≠ the other values
    stated; then each conflict with the releases behind each value."""
    periods = sorted({r.period for r in rows}, key=_period_order)
    areas = list(dict.fromkeys(r.area for r in rows))
    table = Table(title=console_text(service), show_lines=True)
    table.add_column("area", style="bold", overflow="fold")
    for period in periods:
        table.add_column(console_text(period or UNKNOWN_PERIOD), overflow="fold")
    cells = {(r.area, r.period): r for r in rows}
    for area in areas:
        table.add_row(
            console_text(area),
            *(_cell(cells[(area, p)]) if (area, p) in cells else Text("") for p in periods),
        )
    parts: list = [table]
    conflicts = [r for r in rows if r.status == "conflict"]
    if conflicts:
        lines = Text("Conflicts\n", style="bold")
        for r in conflicts:
            chosen = "the inspectorate's" if r.decided_by_inspectorate else "most sources'"
            lines.append(strip_controls(f"{r.area}, {r.period or UNKNOWN_PERIOD}: "))
            lines.append(strip_controls(f"{r.value} ({chosen})") + "\n")
            for value, urls in ((r.value, r.agreeing), *r.disagreeing):
                for url in urls:
                    lines.append(strip_controls(f"  {value}: {url}") + "\n")
        parts.append(lines)
    n = len(rows)
    summary = Text(
        f"{n} verdict{'s' if n != 1 else ''}: "
        f"{sum(r.status == 'corroborated' for r in rows)} corroborated, "
        f"{sum(r.status == 'single source' for r in rows)} single source, "
        f"{len(conflicts)} in conflict",
        style="dim",
    )
    parts.append(summary)
    return Group(*parts)


def print_grades(warehouse: Path | str, name: str, console: Console) -> int:
    """Print the timeline of the service `name` means; the number of rows printed."""
    sector, service = resolve_service(warehouse, name)
    rows = wh.grades_of(warehouse, service, sector)
    if rows:
        console.print(timeline(service, rows))
    return len(rows)
