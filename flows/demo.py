"""`pressroom demo`: the whole pipeline on a bundled sample press office, twice."""

from __future__ import annotations

import os
import shutil
import sys
from importlib import resources
from pathlib import Path

from rich.console import Console

import warehouse as wh
from analysis.output import SHOWN_DATE_SQL, print_table

OFFICE = "pressroom-sample-office"
MARKER = ".pressroom-demo"
WAREHOUSE = "pressroom.duckdb"

# The correction published in the office's later state: the out-of-hours number that was
# cut off in the first publication.
CORRECTED_FILE = "staffordshire-asb-2012.txt"
RESTYLED_FILE = "west-mercia-asb-2012.html"


def _sample(name: str) -> str:
    return resources.files("flows").joinpath("sample", name).read_text("utf-8")


def write_office(office: Path, state: int) -> None:
    """Write the sample office as it stood at `state` 1 (first publication) or 2 (one
    release corrected, one page restyled)."""
    from analysis.renditions import render_html, render_pdf

    office.mkdir(parents=True, exist_ok=True)
    (office / MARKER).write_text("made by pressroom demo\n")
    staffordshire = _sample("staffordshire-asb-2012.txt")
    west_mercia = _sample("west-mercia-asb-2012.txt")
    if state == 2:
        staffordshire = staffordshire.rstrip() + " 729.\n"
    (office / CORRECTED_FILE).write_text(staffordshire, encoding="utf-8")
    (office / "staffordshire-asb-2012.pdf").write_bytes(
        render_pdf(_sample("staffordshire-asb-2012.txt"))
    )
    html = render_html(west_mercia)
    if state == 2:
        # A restyle: the same words in new page chrome, which must not make a new version.
        html = html.replace(
            b"<footer",
            b"<footer class='restyled-2013'><p>Site redesigned 2013</p></footer><footer",
            1,
        )
    (office / RESTYLED_FILE).write_bytes(html)
    (office / "west-mercia-asb-2012.pdf").write_bytes(render_pdf(west_mercia))


def run_demo(folder: Path, console: Console) -> int:
    from .pipeline import ingest

    folder = folder.absolute()
    office = folder / OFFICE
    warehouse = folder / WAREHOUSE
    if warehouse.exists() and not (office / MARKER).exists():
        console.print(
            f"[red]error:[/red] {warehouse} exists and was not made by the demo; "
            "run the demo in an empty folder (or pass --folder)",
            highlight=False,
        )
        return 2
    for leftover in (warehouse, wh.archive_dir_for(warehouse), office):
        if leftover.is_dir():
            shutil.rmtree(leftover)
        elif leftover.exists():
            leftover.unlink()
    Path(str(warehouse) + ".wal").unlink(missing_ok=True)

    console.rule("1. the press office as first published")
    write_office(office, state=1)
    first = ingest(sources=[str(office)], warehouse=str(warehouse))
    console.print(_counts(first.counts))

    console.rule("2. a week later: one release corrected, one page restyled")
    write_office(office, state=2)
    second = ingest(sources=[str(office)], warehouse=str(warehouse))
    console.print(_counts(second.counts))

    console.rule("releases")
    print_table(
        wh.run_query(
            warehouse,
            f"SELECT regexp_extract(url, '[^/]+$') AS file, version, {SHOWN_DATE_SQL} AS published,"
            " primary_force,"
            " (SELECT count(*) FROM judgements j WHERE j.url = r.url) AS judgements,"
            " len(phones) AS phones FROM releases r ORDER BY url",
        ),
        console,
    )
    console.rule("judgements per force")
    print_table(
        wh.run_query(
            warehouse,
            "SELECT force, area, value, count(*) AS releases FROM judgements "
            "GROUP BY ALL ORDER BY force, area",
        ),
        console,
    )
    console.rule("history of the corrected release")
    from analysis.history import print_history

    corrected_url = (office / CORRECTED_FILE).as_uri()
    print_history(corrected_url, wh.history(warehouse, corrected_url), console)
    pressroom = command_name()
    w = f"-w {_shown_path(warehouse)}"
    console.print(
        f"\nThe warehouse is {_shown_path(warehouse)}. Try:\n"
        f'  {pressroom} query {w} "SELECT url, version, changed_fields FROM release_versions"\n'
        f"  {pressroom} history {w} {_shown_path(office / CORRECTED_FILE)}\n"
        f"  {pressroom} report {w} --out {_shown_path(folder / 'report.html')}",
        highlight=False,
        soft_wrap=True,
        markup=False,
    )
    return 0 if first.ok and second.ok else 1


def command_name() -> str:
    """How this pressroom was started, as a command that works from here: `pressroom` when
    that is what the PATH finds, else the path it was run by (`.venv/bin/pressroom`)."""
    started = Path(sys.argv[0])
    if started.name != "pressroom":
        return "pressroom"
    found = shutil.which("pressroom")
    if found and Path(found).resolve() == started.resolve():
        return "pressroom"
    return _shown_path(started)


def _shown_path(path: Path) -> str:
    """`path` relative to the working folder when it is inside it, else absolute."""
    path = path.absolute()
    try:
        relative = path.relative_to(Path.cwd())
    except ValueError:
        return str(path)
    return os.path.join(".", relative) if relative.parts else "."


def _counts(c: wh.RunCounts) -> str:
    return (
        f"{c.n_new} new, {c.n_changed} changed, {c.n_unchanged} unchanged, "
        f"{c.n_withdrawn} withdrawn, {c.n_failed} failed"
    )
