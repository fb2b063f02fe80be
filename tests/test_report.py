"""`pressroom report`: a self-contained HTML report with inline SVG charts."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html
from typer.testing import CliRunner

import extractors
import warehouse as wh
from analysis.report import GOOD, POOR, collect, family_of, grids, value_label, write_report
from flows.cli import app

from .synthetic_warehouse import CORRECTED_URL, DURHAM_OVERALL, FORCES, WITHDRAWN_URL, build
from .test_readme_sql import built_demo

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("report") / "pressroom.duckdb")


@pytest.fixture(scope="module")
def report(synthetic: Path, tmp_path_factory) -> Path:
    return write_report(synthetic, tmp_path_factory.mktemp("report-out") / "report.html")


def _svgs(page: str) -> list[str]:
    return re.findall(r"<svg.*?</svg>", page, re.S)


def test_the_report_needs_no_network(report: Path):
    page = report.read_text("utf-8")
    assert "<script" not in page
    assert not re.search(r"<link\b", page)
    assert "@import" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page.split("<main>")[0])
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page)
    # The only external URLs are links to the releases themselves.
    for url in re.findall(r"""(?:src|href)="(https?://[^"]+)""", page):
        assert url.startswith("https://press.example.org/")
    assert not re.search(r"\ssrc=", page)


def test_charts_are_inline_svg(report: Path):
    page = report.read_text("utf-8")
    svgs = _svgs(page)
    ids = [m for svg in svgs for m in re.findall(r'\sid="([^"]+)"', svg)]
    assert len(ids) == len(set(ids)), "element ids collide between charts"
    names = set(re.findall(r'id="(chart-[^"]+)"', page))
    assert {"chart-runs", "chart-timeline", "chart-grid-peel-pillars", "chart-grid-asb"} <= names
    assert {"chart-grid-peel-areas", "chart-grid-crime-data", "chart-grid-engage"} <= names
    for svg in svgs:
        etree.fromstring(svg.encode())  # each is well-formed XML
    grid = next(s for s in svgs if 'id="chart-grid-peel-pillars"' in s)
    for force in FORCES:
        assert force in grid
    assert GOOD.lower() in grid.lower() and POOR.lower() in grid.lower()
    assert "#force-west-mercia-police" in grid  # cells link to the force's section
    # Each cell's title (its tooltip) lists the releases stating its verdict.
    titles = re.findall(r"<title>([^<]*)</title>", grid)
    assert any(
        t.startswith("West Mercia Police · peel_effectiveness · 2016: good") and "PEEL 2016" in t
        for t in titles
    ), titles[:3]


def test_conflicts_link_the_releases_that_disagree(report: Path):
    """The synthetic ASB reviews name no period: a force's 2010 and 2012 values meet in
    one "period unknown" row, and disagree."""
    page = report.read_text("utf-8")
    section = lxml_html.fromstring(page).get_element_by_id("conflicts")
    rows = section.findall(".//tr[@id]")
    assert rows
    for row in rows:
        assert f'href="#{row.get("id")}"' in page  # a grid cell leads here
        links = [a.get("href") for a in row.iter("a") if a.get("href").startswith("http")]
        assert len(set(links)) >= 2, links  # the releases on each side
        assert "period unknown" in row.text_content()


def test_sections_and_evidence(report: Path):
    tree = lxml_html.parse(str(report))
    sections = [s.get("id") for s in tree.iter("section")]
    assert sections == [
        "summary",
        "grades",
        "conflicts",
        "timeline",
        "changes",
        "gaps",
        "forces",
        "errors",
    ]
    # The unread grades: a count per release, linked to that release's lines.
    gaps = tree.getroot().get_element_by_id("gaps")
    (link,) = [a for a in gaps.iter("a") if a.getparent().get("class") == "num"]
    assert link.text_content() == "1"
    lines = tree.getroot().get_element_by_id(link.get("href").removeprefix("#"))
    assert "State of Policing 2017" in lines.text_content()
    assert DURHAM_OVERALL in lines.text_content()
    assert "grade word near force 'Durham Constabulary' but no area" in lines.text_content()
    force = tree.getroot().get_element_by_id("force-west-mercia-police")
    text = force.text_content()
    assert "HMIC judged West Mercia Police to be requires improvement at effectiveness." in text
    assert "West Mercia Police does not consistently identify repeat and vulnerable" in text
    changes = tree.getroot().get_element_by_id("changes").text_content()
    assert "Kent Police · peel_efficiency: good → requires improvement" in changes
    assert CORRECTED_URL in changes
    timeline = tree.getroot().get_element_by_id("timeline").text_content()
    assert WITHDRAWN_URL in timeline and "2024-09-01 09:00:00" in timeline
    errors = tree.getroot().get_element_by_id("errors").text_content()
    assert "encrypted" in errors
    summary = tree.getroot().get_element_by_id("summary").text_content()
    assert "64" in summary and "1 withdrawn" in summary and "finished_with_errors" in summary
    # The withdrawn release's verdicts are listed, marked withdrawn; not in the grid.
    cumbria = tree.getroot().get_element_by_id("force-cumbria-constabulary")
    assert "withdrawn" in cumbria.text_content()


def test_the_grid_reads_grades_and_leaves_withdrawn_out(synthetic: Path):
    """A cell is a row of `grades`: the corrected release's current value, nothing from
    the withdrawn one, its title listing the releases behind it; a national verdict is no
    force's grade (it stays in the "(national)" section)."""
    data = collect(synthetic)
    pillars = next(g for g in grids(data.verdicts, data.grades) if g.key == "peel-pillars")
    assert pillars.areas[:4] == [
        "peel_effectiveness",
        "peel_efficiency",
        "peel_legitimacy",
        "peel_leadership",
    ]
    kent = pillars.cells[("Kent Police", "peel_efficiency", "2017")]
    assert kent.value == "requires improvement"
    assert "PEEL 2017: Kent Police (corrected)" in kent.title and "1 source" in kent.title
    assert ("Cumbria Constabulary", "peel_effectiveness", "2015") not in pillars.cells
    assert "(national)" not in pillars.forces
    # Without the view (an old warehouse read as it is), the judgements by year as before.
    old = next(g for g in grids(data.verdicts) if g.key == "peel-pillars")
    assert old.forces[-1] == "(national)"


def test_fire_services_have_grids_of_their_own(synthetic: Path):
    """The second sector: fire and rescue services down, rounds across, in their own grids
    (pillars, and the eleven areas); no service in a police grid, no force in a fire one."""
    data = collect(synthetic)
    by_key = {g.key: g for g in grids(data.verdicts, data.grades)}
    pillars, areas = by_key["frs-pillars"], by_key["frs-areas"]
    west = "West Yorkshire Fire and Rescue Service"
    assert pillars.forces == [west]
    assert pillars.cells[(west, "frs_people", "2021/22")].value == "inadequate"
    assert pillars.cells[(west, "frs_people", "2018/19")].value == "good"
    assert (
        areas.cells[
            ("Staffordshire Fire and Rescue Service", "frs_values_and_culture", "2023–25")
        ].value
        == "outstanding"
    )
    police = [g for key, g in by_key.items() if not key.startswith("frs-")]
    assert not any("Fire" in f for g in police for f in g.forces)
    assert not any("Police" in f or "Constabulary" in f for f in pillars.forces + areas.forces)
    assert family_of("frs_people")[0] == "frs-pillars"
    assert family_of("frs_values_and_culture_new_question")[0] == "frs-areas"


def test_area_families_and_labels():
    assert family_of("peel_effectiveness_serious_crime")[0] == "peel-pillars"
    assert family_of("peel_something_new")[0] == "peel-areas"
    assert family_of("peel_leadership_and_force_management")[0] == "peel-areas"
    assert family_of("asb_other")[0] == "asb"
    assert family_of("firearms_licensing")[0] == "other"
    assert value_label("requires improvement") == "RI"
    assert value_label("not yet graded") == "NYG"


def test_a_warehouse_without_verdicts(tmp_path: Path):
    path = tmp_path / "w.duckdb"
    run_id = wh.start_run(path, sources=["src"], flow_run_id=None, extractor_version=1)
    staging = wh.staging_dir_for(path, run_id)
    record = wh.StagedDocument(
        url="file:///office/a.txt",
        source="src",
        fetched_at=dt.datetime(2024, 1, 1),
        status="ok",
        content_sha256="a" * 64,
        extraction=extractors.extract(b"A release with no verdicts in it."),
    )
    wh.write_batch(staging, 0, [record])
    wh.load_run(path, run_id, staging)
    page = write_report(path, tmp_path / "r.html").read_text("utf-8")
    assert "No judgements in the warehouse yet" in page
    assert 'id="chart-timeline"' in page and 'id="chart-runs"' in page

    empty = tmp_path / "empty.duckdb"
    wh.connect_writer(empty).close()
    page = write_report(empty, tmp_path / "e.html").read_text("utf-8")
    assert "No runs yet" in page and "<svg" not in page


def test_the_demos_report(prefect_harness, tmp_path_factory):
    """The report on the real demo's warehouse: two runs seconds apart, one correction."""
    demo = built_demo(tmp_path_factory)
    page = write_report(demo, tmp_path_factory.mktemp("demo-report") / "r.html").read_text()
    # Self-contained: nothing at all is fetched, not even a link leaves the machine.
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<script" not in page and "<link" not in page
    svgs = {m: s for s in _svgs(page) for m in re.findall(r'id="(chart-[^"]+)"', s)[:1]}
    assert {"chart-runs", "chart-timeline", "chart-grid-asb"} <= set(svgs)
    # The timeline's ticks are times of day: its versions are seconds apart, and bare
    # numbers (seconds) under a date axis read as days of the month.
    labels = re.findall(r">([^<>]+)</text>", svgs["chart-timeline"])
    assert any(re.fullmatch(r"\d\d:\d\d(:\d\d)?", t) for t in labels), labels
    assert not any(re.fullmatch(r"\d{1,2}", t) for t in labels), labels
    times = [t for t in labels if re.fullmatch(r"\d\d:\d\d(:\d\d)?", t)]
    assert len(times) == len(set(times)), f"a time printed twice on the axis: {times}"
    assert any(t.startswith("v2") for t in labels)  # the corrected release's new version
    corrections = lxml_html.fromstring(page).get_element_by_id("changes").text_content()
    assert "staffordshire-asb-2012.txt" in corrections and "phones" in corrections


def test_report_command(synthetic: Path, tmp_path: Path):
    out = tmp_path / "sub" / "r.html"
    result = runner.invoke(app, ["report", "-w", str(synthetic), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and str(out) in result.stdout.replace("\n", "")
    missing = runner.invoke(app, ["report", "-w", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no warehouse" in missing.output


@pytest.mark.skipif(
    not (Path("/usr/bin/chromium").exists() or shutil.which("chromium")),
    reason="Chromium is not installed (apt-get install -y chromium)",
)
def test_chromium_draws_the_charts(report: Path, tmp_path: Path):
    """Open the report in headless Chromium with the network off and look at the picture:
    the grade colours of the grid must be on the screen."""
    import importlib.util

    from PIL import Image

    spec = importlib.util.spec_from_file_location(
        "screenshot_report", ROOT / "scripts" / "screenshot_report.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    png = module.screenshot(report, tmp_path / "report.png", width=1400, height=2400)
    image = Image.open(png).convert("RGB")
    assert image.size == (1400, 2400)
    colours = image.getcolors(maxcolors=1 << 20)
    counts = {rgb: n for n, rgb in colours}

    def near(hex_colour: str) -> int:
        target = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return sum(
            n
            for rgb, n in counts.items()
            if all(abs(a - b) <= 6 for a, b in zip(rgb, target, strict=True))
        )

    # Grid cells in "good" and "requires improvement", and the runs chart's blue bars.
    assert near("#5cb85c") > 2000
    assert near(POOR) > 1000
    assert near("#3b6fb6") > 2000


def test_the_grid_groups_peel_verdicts_by_the_period_named(tmp_path: Path):
    """A release published in 2022 about the 2021/22 programme: its grades sit under
    "2021/22"; one naming no period under "period unknown", never a year guessed from its
    publication date."""
    path = tmp_path / "w.duckdb"
    run_id = wh.start_run(path, sources=["src"], flow_run_id=None, extractor_version=1)
    staging = wh.staging_dir_for(path, run_id)
    texts = {
        "file:///office/kent.txt": (
            "PEEL 2021/22: An inspection of Kent Police\n\nPublished: 10 March 2022\n\n"
            "Kent Police was graded adequate at investigating crime."
        ),
        "file:///office/essex.txt": (
            "Essex Police rated good in PEEL inspection\n\nPublished: 4 May 2023\n\n"
            "Essex Police was graded good at investigating crime, the inspectorate said."
        ),
    }
    records = [
        wh.StagedDocument(
            url=url,
            source="src",
            fetched_at=dt.datetime(2024, 1, 1),
            status="ok",
            content_sha256=f"{i:064x}",
            extraction=extractors.extract(text.encode(), url=url),
        )
        for i, (url, text) in enumerate(texts.items())
    ]
    wh.write_batch(staging, 0, records)
    wh.load_run(path, run_id, staging)
    data = collect(path)
    (areas,) = [g for g in grids(data.verdicts, data.grades) if g.key == "peel-areas"]
    cells = {key: cell.value for key, cell in areas.cells.items()}
    assert cells[("Kent Police", "peel_investigating_crime", "2021/22")] == "adequate"
    assert cells[("Essex Police", "peel_investigating_crime", "period unknown")] == "good"
    assert areas.years["peel_investigating_crime"] == ["2021/22", "period unknown"]
