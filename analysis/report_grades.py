"""What the report reads from the `grades` view: one cell per (force, area, inspection
period) with a title listing the releases behind it, and the rows whose sources disagree
(the report's Conflicts section)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from warehouse.queries import sql
from warehouse.read import disagreeing_values

PERIOD_UNKNOWN = "period unknown"
# Areas the `grades` view leaves out (views.sql): Engage decisions are steps of a process,
# drawn from the judgements by year as before.
UNGRADED_AREAS = frozenset({"engage_monitoring"})


@dataclass(frozen=True)
class Cell:
    """A grid cell: the value shown, its tooltip, whether its sources disagree, and where
    a click leads."""

    value: str
    title: str
    conflict: bool
    href: str


@dataclass(frozen=True)
class GradeRow:
    force: str
    area: str
    period: str | None
    value: str
    sources: int
    status: str
    agreeing: tuple[str, ...]
    disagreeing: tuple[tuple[str, tuple[str, ...]], ...]  # (other value, its URLs)
    decided_by_inspectorate: bool

    @property
    def column(self) -> str:
        return self.period or PERIOD_UNKNOWN

    @property
    def anchor(self) -> str:
        text = f"conflict {self.force} {self.area} {self.column}".lower()
        return re.sub(r"[^a-z0-9]+", "-", text).strip("-")

    @property
    def values(self) -> list[tuple[str, tuple[str, ...]]]:
        """Each value stated with the releases stating it, the row's own first."""
        return [(self.value, self.agreeing), *self.disagreeing]


@dataclass(frozen=True)
class Grades:
    rows: list[GradeRow]
    titles: dict[str, str]  # url -> title of the releases the rows name

    def label(self, url: str) -> str:
        return self.titles.get(url) or url

    def cell(self, row: GradeRow, force_anchor: str) -> Cell:
        lines = [f"{row.force} · {row.area} · {row.column}: {row.value}"]
        for value, urls in row.values:
            n = len(urls)
            lines.append(f"{value}: {n} source{'s' if n != 1 else ''}")
            lines += [f"  {self.label(u)}" for u in urls]
        if row.decided_by_inspectorate:
            lines.append("(the inspectorate's releases decide the value)")
        conflict = row.status == "conflict"
        return Cell(
            row.value, "\n".join(lines), conflict, f"#{row.anchor}" if conflict else force_anchor
        )

    @property
    def conflicts(self) -> list[GradeRow]:
        return [r for r in self.rows if r.status == "conflict"]


def read_grades(con) -> Grades | None:
    """The rows of `grades` (both sectors) and the titles of their releases, or None for a
    warehouse older than the view opened read-only."""
    has_view = con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = 'grades' AND NOT internal"
    ).fetchone()[0]
    if not has_view:
        return None
    rows = [
        GradeRow(
            force,
            area,
            period,
            value,
            sources,
            status,
            tuple(agreeing or ()),
            disagreeing_values(disagreeing),
            bool(decided),
        )
        for (
            force,
            area,
            period,
            value,
            sources,
            status,
            agreeing,
            disagreeing,
            decided,
        ) in con.execute(sql("report_grades", "grades.sql")).fetchall()
    ]
    titles = {
        url: title
        for url, title in con.execute(sql("report_titles", "grades.sql")).fetchall()
        if title
    }
    return Grades(rows, titles)
