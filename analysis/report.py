"""`pressroom report`: one self-contained HTML file about the warehouse.

A summary of runs and counts, a force-by-year grid of judgements (coloured by grade) for
each family of areas, a timeline of versions and withdrawals, what corrections changed, the
lines with a grade that no verdict was read from (`verdict_gaps`, counted per release with
a link to its lines), and a section per force with the verdicts and the sentences they were
read from.

Charts are drawn with matplotlib into SVG and inlined; the CSS is inline too. The file
loads nothing at view time, so it can be mailed, archived or opened offline.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from warehouse.read import open_for_reading

from .report_grades import PERIOD_UNKNOWN, UNGRADED_AREAS, Cell, Grades, read_grades

# ---------------------------------------------------------------------------------------
# Grades: colours and short labels. Values the contract names get a place on a scale from
# best (green) to worst (red); any other value is grey, labelled by its initials.

GOOD, FAIR, MIDDLE, POOR, BAD = "#1b7a3a", "#5cb85c", "#c5dc6a", "#f0a830", "#d9443f"
UNKNOWN = "#b4b4b4"

VALUE_STYLE: dict[str, tuple[str, str]] = {
    "outstanding": (GOOD, "O"),
    "good": (FAIR, "G"),
    "adequate": (MIDDLE, "A"),
    "requires improvement": (POOR, "RI"),
    "inadequate": (BAD, "I"),
    "consistent": (FAIR, "C"),
    "inconsistent": (POOR, "IC"),
    "good progress": (FAIR, "GP"),
    "progress": (MIDDLE, "P"),
    "significant progress": (GOOD, "SiP"),
    "some progress": ("#e3cf4f", "SP"),
    "limited progress": (POOR, "LP"),
    "little progress": (POOR, "LiP"),
    "no progress": (BAD, "NP"),
    "above": (GOOD, "+"),
    "in line": (FAIR, "="),
    "broadly in line": (MIDDLE, "≈"),
    "below": (POOR, "−"),
    "entered": (BAD, "E"),
    "removed": (FAIR, "R"),
    "not yet graded": (UNKNOWN, "NYG"),
}
VALUE_ORDER = {v: i for i, v in enumerate(VALUE_STYLE)}


def value_colour(value: str | None) -> str:
    return VALUE_STYLE.get((value or "").lower(), (UNKNOWN, ""))[0]


def value_label(value: str | None) -> str:
    if not value:
        return "?"
    known = VALUE_STYLE.get(value.lower())
    if known:
        return known[1]
    words = value.split()
    label = "".join(word[0] for word in words).upper()[:3]
    if label in _KNOWN_LABELS:
        # Never a known value's label ("significant progress" is not SP, "some progress"):
        # the first word's first two letters tell them apart.
        label = (words[0][:2].capitalize() + "".join(w[0] for w in words[1:]).upper())[:4]
    return label


_KNOWN_LABELS = {label for _, label in VALUE_STYLE.values()}


def legend(values) -> list[tuple[str, str, str]]:
    """(value, colour, label) for each value the report shows, in the scale's order: the
    legend names every badge on the page and nothing else."""
    present = sorted(
        {v.lower() for v in values if v}, key=lambda v: (VALUE_ORDER.get(v, len(VALUE_ORDER)), v)
    )
    return [(v, value_colour(v), value_label(v)) for v in present]


def text_colour(background: str) -> str:
    r, g, b = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "#ffffff" if (0.299 * r + 0.587 * g + 0.114 * b) < 150 else "#1d1d1d"


# Families of judgement areas, each drawn as one grid (a panel per area).
FAMILIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "peel-pillars",
        "PEEL pillars, 2014–2017",
        ("peel_effectiveness", "peel_efficiency", "peel_legitimacy", "peel_leadership"),
    ),
    (
        "peel-areas",
        "PEEL areas, since 2018",
        (
            "peel_preventing_crime",
            "peel_treatment_of_the_public",
            "peel_protecting_vulnerable_people",
            "peel_managing_offenders",
            "peel_developing_positive_workplace",
            "peel_good_use_of_resources",
            "peel_responding_to_the_public",
            "peel_investigating_crime",
            "peel_recording_crime",
            "peel_disrupting_serious_organised_crime",
            "peel_strategic_planning_value_for_money",
            "peel_leadership_and_force_management",
        ),
    ),
    (
        "asb",
        "Anti-social behaviour reviews, 2010–2012",
        (
            "asb_progress",
            "asb_repeat_vulnerable_identification",
            "asb_victim_satisfaction_vs_national",
        ),
    ),
    ("crime-data", "Crime data integrity", ("crime_data_integrity",)),
    ("engage", "Enhanced monitoring", ("engage_monitoring",)),
    # The second sector: fire and rescue services (rows are services, not forces).
    (
        "frs-pillars",
        "Fire and rescue services: pillars, 2018/19 and 2021/22",
        ("frs_effectiveness", "frs_efficiency", "frs_people"),
    ),
    (
        "frs-areas",
        "Fire and rescue services: the eleven areas",
        (
            "frs_understanding_risk",
            "frs_preventing_fires",
            "frs_protecting_the_public",
            "frs_responding_to_emergencies",
            "frs_responding_to_major_incidents",
            "frs_best_use_of_resources",
            "frs_future_affordability",
            "frs_values_and_culture",
            "frs_right_people_right_skills",
            "frs_fairness_and_diversity",
            "frs_managing_performance_and_leaders",
        ),
    ),
)
OTHER_FAMILY = ("other", "Other verdicts")
NATIONAL = "(national)"
# A verdict in a release whose date was not found: pressroom knows only when it first saw
# it, which is no publication date (a 2012 release fetched today is not one of today's).
UNDATED = "undated"


def family_of(area: str) -> tuple[str, str]:
    """The family an area belongs to: its own, or that of the contract area it extends
    (a pillar's sub-question `peel_effectiveness_...` joins the pillars)."""
    for key, title, areas in FAMILIES:
        # An area of its own first: peel_leadership_and_force_management is no sub-question
        # of the leadership pillar.
        if area in areas:
            return key, title
    for key, title, areas in FAMILIES:
        if any(area.startswith(a + "_") for a in areas):
            return key, title
    if area.startswith("peel_"):
        return FAMILIES[1][0], FAMILIES[1][1]
    if area.startswith("asb_"):
        return FAMILIES[2][0], FAMILIES[2][1]
    if area.startswith("frs_"):
        return FAMILIES[6][0], FAMILIES[6][1]
    return OTHER_FAMILY


def family_rank(area: str) -> int:
    key = family_of(area)[0]
    keys = [f[0] for f in FAMILIES]
    return keys.index(key) if key in keys else len(keys)


def area_rank(area: str) -> tuple[int, str]:
    for _, _, areas in FAMILIES:
        if area in areas:
            return areas.index(area), area
    for _, _, areas in FAMILIES:
        for i, a in enumerate(areas):
            if area.startswith(a + "_"):
                return i, area
    return 99, area


def area_label(area: str) -> str:
    return area.removeprefix("peel_").removeprefix("asb_").removeprefix("frs_").replace("_", " ")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


# ---------------------------------------------------------------------------------------
# What the report reads.


@dataclass
class Verdict:
    force: str
    area: str
    value: str
    evidence: str
    published_date: dt.date | None
    url: str
    version: int
    title: str | None
    status: str
    period: str | None = None  # the inspection period the release names ("2021/22")
    # When the release has no date of its own (published_date is then None): the day
    # pressroom first saw it, shown as such, never as a publication date.
    first_seen: dt.date | None = None

    @property
    def year(self) -> str:
        """The grid's column: the inspection period where the release names one, else the
        year it was published."""
        if self.period:
            return self.period
        return str(self.published_date.year) if self.published_date else UNDATED


@dataclass
class DocumentLine:
    url: str
    title: str | None
    status: str
    versions: list[tuple[int, dt.datetime, dt.datetime | None, list[str]]]
    withdrawn_at: dt.datetime | None


@dataclass
class ReleaseGaps:
    """A current release's lines with a grade word near a known area or force that gave no
    judgement (the `verdict_gaps` view)."""

    url: str
    version: int
    title: str | None
    published_date: dt.date | None
    status: str
    lines: list[tuple[str, str, str]]  # (grade, why, text), in reading order
    first_seen: dt.date | None = None  # as Verdict.first_seen
    copies: list[str] = field(default_factory=list)  # the same lines in other files

    @property
    def anchor(self) -> str:
        return f"gaps-{slug(self.url)}-v{self.version}"


@dataclass
class ReportData:
    warehouse: str
    generated_at: dt.datetime
    counts: dict[str, int]
    runs: list[dict[str, Any]]
    errors_by_stage: list[tuple[str, int]]
    recent_errors: list[dict[str, Any]]
    verdicts: list[Verdict]
    documents: list[DocumentLine]
    corrections: list[dict[str, Any]]
    withdrawals: list[dict[str, Any]]
    extractor_versions: list[int]
    releases_by_force: dict[str, int] = field(default_factory=dict)
    gaps: list[ReleaseGaps] = field(default_factory=list)
    # Active releases by where their date came from (text, html_meta, ..., first_seen).
    dated_by: list[tuple[str, int]] = field(default_factory=list)
    # The `grades` view's rows, both sectors (None: a warehouse older than the view).
    grades: Grades | None = None


def _same_text(text: str | None) -> str:
    return " ".join((text or "").split()).lower()


def _release_of(title: str | None, url: str) -> str:
    """What copies of one release share: its title, else its address without the file's
    extension (kent-2012.txt, kent-2012.pdf and kent-2012.html are one release)."""
    return _same_text(title) or re.sub(r"\.(?:txt|html?|pdf)$", "", url, flags=re.I)


def merge_copies(gaps: list[ReleaseGaps]) -> list[ReleaseGaps]:
    """One entry for the same release's lines read from its text, HTML and PDF copies (the
    same title and lines under other URLs): the others are listed as its copies."""
    kept: dict[tuple, ReleaseGaps] = {}
    for g in gaps:
        key = (
            _release_of(g.title, g.url),
            g.status,
            tuple((grade, _same_text(text)) for grade, _, text in g.lines),
        )
        if key in kept:
            kept[key].copies.append(g.url)
        else:
            kept[key] = g
    return list(kept.values())


def _dicts(cursor) -> list[dict[str, Any]]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def collect(warehouse: Path | str) -> ReportData:
    """Read what the report shows, from the contract's views, in one read-only snapshot."""
    with open_for_reading(warehouse) as con:
        con.execute("BEGIN TRANSACTION")
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        counts = {
            "documents": one("SELECT count(*) FROM documents"),
            "active": one("SELECT count(*) FROM documents WHERE status = 'active'"),
            "withdrawn": one("SELECT count(*) FROM documents WHERE status = 'withdrawn'"),
            "versions": one("SELECT count(*) FROM release_versions"),
            "corrected": one("SELECT count(DISTINCT url) FROM release_versions WHERE version > 1"),
            "judgements": one("SELECT count(*) FROM judgements"),
            "forces": one("SELECT count(DISTINCT force) FROM judgements WHERE force IS NOT NULL"),
            "runs": one("SELECT count(*) FROM runs"),
            "fetches": one("SELECT count(*) FROM fetches"),
            "errors": one("SELECT count(*) FROM errors"),
        }
        runs = _dicts(
            con.execute(
                "SELECT * FROM (SELECT run_id, flow_run_id, started_at, finished_at, status, "
                "n_new, n_changed, n_unchanged, n_withdrawn, n_failed "
                "FROM runs ORDER BY started_at DESC LIMIT 30) ORDER BY started_at"
            )
        )
        errors_by_stage = con.execute(
            "SELECT stage, count(*) FROM errors GROUP BY stage ORDER BY 2 DESC"
        ).fetchall()
        recent_errors = _dicts(
            con.execute('SELECT "at", stage, url, error FROM errors ORDER BY "at" DESC LIMIT 20')
        )
        # (A warehouse from before judgements named their period, their sector, or where
        # their date came from, has no such column.)
        columns = {r[0] for r in con.execute("DESCRIBE judgements").fetchall()}
        has_period = "period" in columns
        has_service = "service" in columns  # (the two sectors, issue 23)
        # A release dated only by when pressroom first saw it is undated to a reader.
        j_undated = "j.date_source = 'first_seen'" if "date_source" in columns else "false"
        verdicts = [
            Verdict(*row)
            for row in con.execute(
                # (a fire verdict's service; a police one's service is its force)
                "SELECT coalesce("
                + ("j.service" if has_service else "j.force")
                + ", ?), j.area, j.value, j.evidence, "
                + f"CASE WHEN {j_undated} THEN NULL ELSE j.published_date END, "
                "j.url, j.version, r.title, r.status, "
                + ("j.period, " if has_period else "NULL, ")
                + f"CASE WHEN {j_undated} THEN j.published_date END "
                + "FROM judgements j JOIN releases r USING (url, version) "
                # A verdict recalled from an earlier inspection is not this release's: it
                # would put the old grade in the release's year.
                "WHERE NOT j.restated AND NOT coalesce(j.superseded, false) "
                "ORDER BY j.published_date NULLS LAST, j.url, j.area",
                [NATIONAL],
            ).fetchall()
        ]
        version_rows = con.execute(
            "SELECT v.url, v.version, v.valid_from, v.valid_to, v.changed_fields, r.title, "
            "d.status, d.last_seen "
            "FROM release_versions v JOIN documents d USING (url) "
            "LEFT JOIN releases r ON r.url = v.url "
            "ORDER BY v.url, v.version"
        ).fetchall()
        withdrawals = _dicts(
            con.execute(
                "SELECT d.url, r.title, d.first_seen, d.current_version AS last_version, "
                "min(f.fetched_at) AS withdrawn_at "
                "FROM documents d "
                "LEFT JOIN fetches f ON f.url = d.url AND f.outcome = 'withdrawn' "
                "  AND f.fetched_at >= d.last_seen "
                "LEFT JOIN releases r ON r.url = d.url "
                "WHERE d.status = 'withdrawn' GROUP BY ALL ORDER BY withdrawn_at DESC NULLS LAST"
            )
        )
        corrections = _dicts(
            con.execute(
                "WITH verdicts AS ("
                "  SELECT url, version, j.force AS force, j.area AS area, j.value AS value"
                "  FROM (SELECT url, version, unnest(judgements) AS j FROM release_versions)"
                "  WHERE NOT j.restated AND NOT coalesce(j.superseded, false)"
                "), moved AS ("
                "  SELECT n.url, n.version, list(coalesce(n.force, ?) || ' · ' || n.area || ': '"
                "    || p.value || ' → ' || n.value ORDER BY n.force, n.area) AS moves"
                "  FROM verdicts n JOIN verdicts p ON p.url = n.url AND p.version = n.version - 1"
                "   AND p.force IS NOT DISTINCT FROM n.force AND p.area = n.area"
                "  WHERE p.value <> n.value GROUP BY ALL"
                ") "
                "SELECT v.url, v.version, v.valid_from AS changed_at, v.changed_fields, "
                "p.title AS title_before, v.title AS title_after, m.moves "
                "FROM release_versions v "
                "JOIN release_versions p ON p.url = v.url AND p.version = v.version - 1 "
                "LEFT JOIN moved m ON m.url = v.url AND m.version = v.version "
                "WHERE len(v.changed_fields) > 0 ORDER BY v.valid_from DESC LIMIT 200",
                [NATIONAL],
            )
        )
        releases_by_force = dict(
            con.execute(
                "SELECT force, count(DISTINCT url) FROM release_forces "
                "WHERE NOT in_notes GROUP BY force"
            ).fetchall()
        )
        gaps: dict[tuple[str, int], ReleaseGaps] = {}
        has_gaps_view = one(
            "SELECT count(*) FROM duckdb_views() WHERE view_name = 'verdict_gaps' AND NOT internal"
        )
        has_date_source = "date_source" in {
            r[0] for r in con.execute("DESCRIBE releases").fetchall()
        }  # a warehouse older than dates' provenance, opened read-only, has none
        r_undated = "r.date_source = 'first_seen'" if has_date_source else "false"
        for url, version, title, published, first_seen, status, grade, why, text in (
            con.execute(
                f"SELECT g.url, g.version, r.title, "
                f"CASE WHEN {r_undated} THEN NULL ELSE r.published_date END, "
                f"CASE WHEN {r_undated} THEN r.published_date END, r.status, g.grade, g.why, "
                "g.text FROM verdict_gaps g JOIN releases r USING (url, version) "
                "ORDER BY r.published_date DESC NULLS LAST, g.url, g.ordinal"
            ).fetchall()
            if has_gaps_view  # a warehouse older than the view, opened read-only
            else []
        ):
            key = (url, version)
            if key not in gaps:
                gaps[key] = ReleaseGaps(
                    url, version, title, published, status, [], first_seen=first_seen
                )
            gaps[key].lines.append((grade, why, text))
        counts["gaps"] = sum(len(g.lines) for g in gaps.values())
        dated_by = (
            con.execute(
                "SELECT date_source, count(*) FROM releases WHERE status = 'active' "
                "GROUP BY date_source ORDER BY date_source_rank(date_source)"
            ).fetchall()
            if has_date_source
            else []
        )
        extractor_versions = [
            r[0]
            for r in con.execute(
                "SELECT DISTINCT extractor_version FROM releases "
                "WHERE extractor_version IS NOT NULL ORDER BY 1"
            ).fetchall()
        ]
        grades = read_grades(con)
        con.execute("COMMIT")

    withdrawn_at = {w["url"]: w["withdrawn_at"] for w in withdrawals}
    documents: dict[str, DocumentLine] = {}
    for url, version, valid_from, valid_to, changed, title, status, _ in version_rows:
        line = documents.get(url)
        if line is None:
            line = documents[url] = DocumentLine(url, title, status, [], withdrawn_at.get(url))
        line.versions.append((version, valid_from, valid_to, list(changed or [])))
    return ReportData(
        warehouse=str(Path(warehouse).absolute()),
        generated_at=dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
        counts=counts,
        runs=runs,
        errors_by_stage=errors_by_stage,
        recent_errors=recent_errors,
        verdicts=verdicts,
        documents=list(documents.values()),
        corrections=corrections,
        withdrawals=withdrawals,
        extractor_versions=extractor_versions,
        releases_by_force=releases_by_force,
        gaps=merge_copies(list(gaps.values())),
        dated_by=[(source, n) for source, n in dated_by],
        grades=grades,
    )


# ---------------------------------------------------------------------------------------
# Charts: matplotlib to inline SVG.


STYLE = {
    "svg.fonttype": "none",  # text stays text: small, selectable, searchable
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "sans-serif"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # Titles come from documents: "$\\undefinedcommand$ headline" is a headline, not TeX
    # (maths parsing would raise on it and stop the report).
    "text.parse_math": False,
    "text.usetex": False,
}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _svg(fig, name: str) -> str:
    """The figure as an <svg> element to inline in the page."""
    plt = _pyplot()
    buffer = io.StringIO()
    with plt.rc_context({"svg.hashsalt": name}):  # the same chart, the same bytes
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    # Element ids (figure_1, axes_1, clip paths...) are unique within one SVG only: prefix
    # them, and the references to them, with the chart's name so the page has no duplicates.
    ids = set(re.findall(r'\sid="([^"]+)"', svg))
    prefix = f"{name}-"
    svg = re.sub(r'(\sid=")([^"]+)"', lambda m: f'{m[1]}{prefix}{m[2]}"', svg)
    svg = re.sub(
        r"(href=\"#|url\(#)([^\")]+)",
        lambda m: f"{m[1]}{prefix}{m[2]}" if m[2] in ids else m[0],
        svg,
    )
    # Its natural size, shrunk to the page when wider (CSS: max-width 100%, height auto).
    return svg.replace("<svg", f'<svg class="chart" id="chart-{name}" role="img"', 1)


@dataclass
class Grid:
    key: str
    title: str
    areas: list[str]
    forces: list[str]
    years: dict[str, list[str]]  # area -> years with a verdict
    cells: dict[tuple[str, str, str], Cell]  # (force, area, period) -> what the cell shows
    values: list[str]  # values present, for the legend
    svg: str = ""


def verdict_cell(v: Verdict) -> Cell:
    return Cell(
        v.value,
        f"{v.force} · {v.area} · {v.year}: {v.value}\n  {v.title or v.url}",
        False,
        f"#force-{slug(v.force)}",
    )


def cells(verdicts: list[Verdict], grades: Grades | None) -> dict[tuple[str, str, str], Cell]:
    """(force, area, column) -> cell: one per row of `grades` (its inspection period, or
    "period unknown"); Engage decisions, which `grades` leaves out, by year from the
    judgements, the latest in a year shown. Without the view (an old warehouse), every
    verdict by year as before. Withdrawn releases are left out."""
    out: dict[tuple[str, str, str], Cell] = {}
    if grades is not None:
        for row in grades.rows:
            out[(row.force, row.area, row.column)] = grades.cell(row, f"#force-{slug(row.force)}")
    latest: dict[tuple[str, str, str], Verdict] = {}
    for v in verdicts:
        if v.status != "active" or (grades is not None and v.area not in UNGRADED_AREAS):
            continue
        key = (v.force, v.area, v.year)
        old = latest.get(key)
        if old is None or (v.published_date or dt.date.min) >= (old.published_date or dt.date.min):
            latest[key] = v
    out |= {key: verdict_cell(v) for key, v in latest.items()}
    return out


def _column_order(column: str) -> tuple[bool, str]:
    return (column in (UNDATED, PERIOD_UNKNOWN), column)


def grids(verdicts: list[Verdict], grades: Grades | None = None) -> list[Grid]:
    """One grid per family of areas: forces down, inspection periods across, a panel per
    area; a cell per row of `grades` (see `cells`)."""
    by_family: dict[str, Grid] = {}
    order = [f[0] for f in FAMILIES] + [OTHER_FAMILY[0]]
    for (force, area, column), cell in cells(verdicts, grades).items():
        key, title = family_of(area)
        grid = by_family.setdefault(key, Grid(key, title, [], [], {}, {}, []))
        grid.cells[(force, area, column)] = cell
    out = []
    for key in order:
        grid = by_family.get(key)
        if grid is None:
            continue
        areas = sorted({a for _, a, _ in grid.cells}, key=area_rank)
        grid.areas = areas
        forces = sorted({f for f, _, _ in grid.cells if f != NATIONAL})
        if any(f == NATIONAL for f, _, _ in grid.cells):
            forces.append(NATIONAL)
        grid.forces = forces
        grid.years = {
            a: sorted({y for _, aa, y in grid.cells if aa == a}, key=_column_order) for a in areas
        }
        grid.values = sorted(
            {v.value for v in grid.cells.values()}, key=lambda x: VALUE_ORDER.get(x, 99)
        )
        out.append(grid)
    return out


def draw_grid(grid: Grid) -> str:
    from matplotlib.patches import Rectangle

    plt = _pyplot()
    cell_w, cell_h = 0.5, 0.3  # inches
    # The year labels stand on end above the cells, the area's name above them: leave room
    # for the longest ("no date" is longer than "2015"), so neither runs into the other.
    longest_year = max(len(y) for ys in grid.years.values() for y in ys) if grid.years else 4
    title_pad = 8 + 4.8 * longest_year  # points
    title_lines = max(_wrap(area_label(a), 12).count("\n") + 1 for a in grid.areas)
    gap, bottom = 0.4, 0.05
    top = max(1.0, (title_pad + 10 * title_lines + 8) / 72)
    n_rows = len(grid.forces)
    widths = [max(len(grid.years[a]), 1) for a in grid.areas]
    label_w = 0.07 * max(len(f) for f in grid.forces) + 0.25
    panels_w = sum(w * cell_w for w in widths) + gap * (len(widths) - 1)
    fig_w = label_w + panels_w + 0.1
    fig_h = n_rows * cell_h + top + bottom
    fig, axes = plt.subplots(
        1,
        len(grid.areas),
        figsize=(fig_w, fig_h),
        gridspec_kw={"width_ratios": widths},
        squeeze=False,
    )
    # Cells of the same size in every grid, whatever the number of forces and years.
    fig.subplots_adjust(
        left=label_w / fig_w,
        right=(label_w + panels_w) / fig_w,
        top=1 - top / fig_h,
        bottom=bottom / fig_h,
        wspace=gap / (sum(w * cell_w for w in widths) / len(widths)),
    )
    titles: list[str] = []  # each cell's tooltip, by its gid
    for ax, area in zip(axes[0], grid.areas, strict=True):
        years = grid.years[area]
        ax.set_xlim(0, len(years))
        ax.set_ylim(n_rows, 0)
        for row, force in enumerate(grid.forces):
            for col, year in enumerate(years):
                v = grid.cells.get((force, area, year))
                if v is None:
                    ax.add_patch(
                        Rectangle((col + 0.04, row + 0.06), 0.92, 0.88, facecolor="#f3f3f3", lw=0)
                    )
                    continue
                colour = value_colour(v.value)
                patch = Rectangle((col + 0.04, row + 0.06), 0.92, 0.88, facecolor=colour, lw=0)
                patch.set_url(v.href)
                patch.set_gid(f"cell-{len(titles)}")
                titles.append(v.title)
                ax.add_patch(patch)
                if v.conflict:
                    # Sources disagree: a mark in the corner; the click leads to the conflict.
                    ax.text(
                        col + 0.86,
                        row + 0.3,
                        "≠",
                        ha="center",
                        va="center",
                        fontsize=6.5,
                        color=text_colour(colour),
                    )
                ax.text(
                    col + 0.5,
                    row + 0.52,
                    value_label(v.value),
                    ha="center",
                    va="center",
                    fontsize=7.5,
                    color=text_colour(colour),
                    fontweight="bold",
                )
        ax.set_xticks([i + 0.5 for i in range(len(years))], years, rotation=90, fontsize=7.5)
        ax.xaxis.tick_top()
        ax.set_title(_wrap(area_label(area), 12), fontsize=7.5, pad=title_pad, loc="center")
        ax.tick_params(length=0)
        for side in ("left", "bottom", "top", "right"):
            ax.spines[side].set_visible(False)
        if ax is axes[0][0]:
            ax.set_yticks([i + 0.5 for i in range(n_rows)], grid.forces, fontsize=8)
        else:
            ax.set_yticks([])
    return _with_titles(_svg(fig, f"grid-{grid.key}"), f"grid-{grid.key}", titles)


def _with_titles(svg: str, name: str, titles: list[str]) -> str:
    """Each cell's <title> (the tooltip a browser shows) as the first child of its group;
    matplotlib writes the group, with the id given as gid, but no title."""
    from html import escape

    def add(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return f"{match.group(0)}<title>{escape(titles[index], quote=False)}</title>"

    return re.sub(rf'<g id="{re.escape(name)}-cell-(\d+)"[^>]*>', add, svg)


def _wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def document_label(d: DocumentLine) -> str:
    if d.title:
        return _short(d.title, 48)
    tail = d.url.rstrip("/").rsplit("/", 1)[-1]
    return _short(tail or d.url, 48)


def timeline_documents(
    documents: list[DocumentLine], limit: int, quiet_rows: int = 8
) -> list[DocumentLine]:
    """The documents worth a row on the timeline: corrected or withdrawn ones (most recent
    event first), up to `limit`, then up to `quiet_rows` of those never changed."""

    def last_event(d: DocumentLine) -> dt.datetime:
        times = [v[1] for v in d.versions] + ([d.withdrawn_at] if d.withdrawn_at else [])
        return max(t for t in times if t is not None)

    eventful = [d for d in documents if len(d.versions) > 1 or d.status == "withdrawn"]
    quiet = [d for d in documents if len(d.versions) == 1 and d.status != "withdrawn"]
    eventful.sort(key=last_event, reverse=True)
    quiet.sort(key=last_event, reverse=True)
    # A few unchanged documents for scale; the rest would be rows of identical bars.
    room = max(0, min(limit - len(eventful), quiet_rows))
    return eventful[:limit] + quiet[:room]


def draw_timeline(documents: list[DocumentLine]) -> str:
    import matplotlib.dates as mdates

    plt = _pyplot()
    times = [t for d in documents for v in d.versions for t in (v[1], v[2]) if t is not None]
    times += [d.withdrawn_at for d in documents if d.withdrawn_at]
    start, end = min(times), max(times)
    # Most of a day across at least: versions of press releases are days apart, and runs
    # minutes apart (the demo's seconds) would otherwise give an axis in seconds. (Under a
    # day, with its margins, so no time of day is printed twice.)
    span = max(end - start, dt.timedelta(hours=20))
    right = start + span * 1.08
    fig_h = 0.28 * len(documents) + 1.0
    fig, ax = plt.subplots(figsize=(11, fig_h))
    palette = ("#3b6fb6", "#86a9dc")
    for row, d in enumerate(documents):
        for i, (version, valid_from, valid_to, _changed) in enumerate(d.versions):
            stop = valid_to or (d.withdrawn_at if d.status == "withdrawn" else right)
            ax.plot(
                [valid_from, stop], [row, row], color=palette[i % 2], lw=7, solid_capstyle="butt"
            )
            ax.plot(valid_from, row, marker="|", color="#1d1d1d", ms=11, mew=1.5)
            if version > 1:
                ax.annotate(
                    f"v{version}",
                    (mdates.date2num(valid_from), row),
                    xytext=(3, 6),
                    textcoords="offset points",
                    fontsize=7,
                    color="#1d1d1d",
                )
        if d.status == "withdrawn":
            at = d.withdrawn_at or d.versions[-1][2]
            if at is not None:
                ax.plot(at, row, marker="X", color=BAD, ms=9, mec="white", mew=0.8)
    labels = [document_label(d) for d in documents]
    repeated = {label for label in labels if labels.count(label) > 1}
    for i, d in enumerate(documents):
        if labels[i] in repeated:  # the same release as HTML and PDF, say: name the file
            tail = d.url.rstrip("/").rsplit("/", 1)[-1]
            tail = tail if len(tail) <= 24 else "…" + tail[-23:]
            labels[i] = _short(labels[i], 30) + " · " + tail
    ax.set_yticks(range(len(documents)), labels, fontsize=7.5)
    ax.set_ylim(len(documents) - 0.5, -0.7)
    ax.set_xlim(start - span * 0.03, right)
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    # Within a day or two the ticks are hours: show them as times of day, not as bare
    # numbers that read like days of the month.
    formatter = mdates.ConciseDateFormatter(
        locator,
        formats=["%Y", "%b", "%d", "%H:%M", "%H:%M", "%H:%M"],
        zero_formats=["", "%Y", "%b", "%d %b", "%H:%M", "%H:%M"],
        offset_formats=["", "%Y", "%b %Y", "%d %b %Y", "%d %b %Y", "%d %b %Y"],
    )
    ax.xaxis.set_major_formatter(formatter)
    ax.grid(axis="x", color="#e6e6e6", lw=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], color=palette[0], lw=7, label="a version (alternating shades)"),
        Line2D([], [], color="#1d1d1d", marker="|", ls="", ms=11, mew=1.5, label="new version"),
        Line2D([], [], color=BAD, marker="X", ls="", ms=9, label="withdrawn"),
    ]
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncol=3,
        frameon=False,
        fontsize=8,
    )
    return _svg(fig, "timeline")


def draw_runs(runs: list[dict[str, Any]]) -> str:
    plt = _pyplot()
    series = (
        ("n_new", "new", "#3b6fb6"),
        ("n_changed", "changed", "#f0a830"),
        ("n_withdrawn", "withdrawn", BAD),
        ("n_failed", "failed", "#7a1f1c"),
    )
    fig, ax = plt.subplots(figsize=(max(4.5, 0.5 * len(runs) + 2.5), 2.6))
    x = list(range(len(runs)))
    bottom = [0] * len(runs)
    for key, label, colour in series:
        values = [r[key] or 0 for r in runs]
        ax.bar(x, values, bottom=bottom, color=colour, label=label, width=0.7)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    top = max(bottom) if bottom else 0
    for xi, total in zip(x, bottom, strict=True):
        # The count over each bar: a run of 2 changes beside one of 600 new is still read.
        ax.annotate(
            str(total),
            (xi, total),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=7.5,
        )
    ax.set_ylim(0, max(1, top) * 1.12)
    labels = [
        f"{i + 1}\n{r['started_at']:%d %b %y}\n{r['started_at']:%H:%M}"
        if r["started_at"]
        else str(i + 1)
        for i, r in enumerate(runs)
    ]
    ax.set_xticks(x, labels, fontsize=7)
    ax.set_ylabel("documents")
    ax.legend(frameon=False, fontsize=8, ncol=4, loc="lower left", bbox_to_anchor=(0, 1.0))
    ax.yaxis.get_major_locator().set_params(integer=True)
    return _svg(fig, "runs")


# ---------------------------------------------------------------------------------------
# The page.


@dataclass
class ForceSection:
    name: str
    anchor: str
    verdicts: list[Verdict]
    areas: list[str]
    years: list[str]
    cells: dict[tuple[str, str], Cell]  # (area, period) -> what the strip's cell shows
    releases: int
    # The verdicts as listed: one per verdict however many copies of its release (text,
    # HTML, PDF) state it, with the other copies' URLs.
    entries: list[tuple[Verdict, list[str]]] = field(default_factory=list)


def merge_verdict_copies(verdicts: list[Verdict]) -> list[tuple[Verdict, list[str]]]:
    """The same verdict from copies of one release (same title, area, value and
    evidence) once, with the URLs of the other copies."""
    kept: dict[tuple, tuple[Verdict, list[str]]] = {}
    for v in verdicts:
        key = (
            _release_of(v.title, v.url),
            v.status,
            v.area,
            v.value,
            v.period,
            _same_text(v.evidence),
        )
        if key in kept:
            kept[key][1].append(v.url)
        else:
            kept[key] = (v, [])
    return list(kept.values())


def force_sections(data: ReportData) -> list[ForceSection]:
    by_force: dict[str, list[Verdict]] = defaultdict(list)
    for v in data.verdicts:
        by_force[v.force].append(v)
    names = sorted(f for f in by_force if f != NATIONAL)
    if NATIONAL in by_force:
        names.append(NATIONAL)
    by_cell: dict[str, dict[tuple[str, str], Cell]] = defaultdict(dict)
    for (force, area, column), cell in cells(data.verdicts, data.grades).items():
        by_cell[force][(area, column)] = cell
    out = []
    for name in names:
        verdicts = by_force[name]
        strip = by_cell.get(name, {})
        areas = sorted({a for a, _ in strip}, key=lambda a: (family_rank(a), area_rank(a)))
        years = sorted({c for _, c in strip}, key=_column_order)
        listed = sorted(
            verdicts, key=lambda v: (v.published_date or dt.date.max, area_rank(v.area), v.url)
        )
        out.append(
            ForceSection(
                name=name,
                anchor=f"force-{slug(name)}",
                verdicts=listed,
                areas=areas,
                years=years,
                cells=strip,
                releases=data.releases_by_force.get(name, 0),
                entries=merge_verdict_copies(listed),
            )
        )
    return out


# The longest evidence (or unread line) shown in a table cell; the whole text is its
# tooltip. A sentence is far shorter: a longer one is a file read as one paragraph.
EVIDENCE_CHARS = 600


def published(date: dt.date | None, first_seen: dt.date | None) -> str:
    """A release's date for a reader: its publication date, or "undated (first seen ...)"
    when pressroom only knows when it first saw it."""
    if date is not None:
        return str(date)
    return f"undated (first seen {first_seen})" if first_seen is not None else "undated"


def _template():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(
            lambda name: resources.files("analysis").joinpath("templates", name).read_text("utf-8")
        ),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["when"] = lambda t: "" if t is None else str(t)[:19]
    env.filters["colour"] = value_colour
    env.filters["ink"] = lambda v: text_colour(value_colour(v))
    env.filters["abbr"] = value_label
    env.filters["area"] = area_label
    env.globals["slug"] = slug
    env.globals["published"] = published
    env.filters["clip"] = lambda text: _short(text or "", EVIDENCE_CHARS)
    env.filters["file"] = lambda url: (url or "").rstrip("/").rsplit("/", 1)[-1] or url
    env.filters["href"] = lambda url: url if re.match(r"(?i)(https?|file)://", url or "") else "#"
    return env.get_template("report.html.j2")


def render(data: ReportData, *, timeline_limit: int = 40) -> str:
    from markupsafe import Markup

    grid_list = grids(data.verdicts, data.grades)
    timeline = timeline_documents(data.documents, timeline_limit)
    with _pyplot().rc_context(STYLE):
        for grid in grid_list:
            grid.svg = draw_grid(grid)
        timeline_svg = draw_timeline(timeline) if timeline else None
        runs_svg = draw_runs(data.runs) if data.runs else None
    return _template().render(
        data=data,
        grids=[(g, Markup(g.svg)) for g in grid_list],
        timeline_svg=Markup(timeline_svg) if timeline_svg else None,
        timeline_shown=len(timeline),
        runs_svg=Markup(runs_svg) if runs_svg else None,
        forces=force_sections(data),
        conflicts=data.grades.conflicts if data.grades else [],
        label=data.grades.label if data.grades else str,
        legend=legend(
            [c.value for g in grid_list for c in g.cells.values()]
            + [v.value for v in data.verdicts]
        ),
        title=f"pressroom report: {Path(data.warehouse).name}",
    )


class ReportPathError(OSError):
    """`--out` names a place the report cannot be written; the message says why."""


def check_out_path(out: Path) -> None:
    """Refuse an output path that cannot be a file before any work is done: a folder, or
    a path under something that is not a folder."""
    if out.is_dir():
        raise ReportPathError(
            f"{out} is a folder; give the report's file name, e.g. {out / 'report.html'}"
        )
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                raise ReportPathError(f"cannot write {out}: {parent} is a file, not a folder")
            break


def write_report(warehouse: Path | str, out: Path | str, *, timeline_limit: int = 40) -> Path:
    """Write the report on the warehouse at `warehouse` to `out` (written beside and renamed
    into place, so a reader never sees half a report). ReportPathError when `out` cannot
    be written; no temporary file is left behind then."""
    out = Path(out)
    check_out_path(out)
    page = render(collect(warehouse), timeline_limit=timeline_limit)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(page, encoding="utf-8")
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ReportPathError(f"cannot write the report to {out}: {exc.strerror or exc}") from None
    return out
