"""`pressroom history URL`: versions, the changed fields side by side, a diff of the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

import warehouse as wh
from analysis.history import print_history, text_diff
from flows.cli import app

from .synthetic_warehouse import CORRECTED_URL, RESTATED_URL, WITHDRAWN_URL, build
from .test_readme_sql import built_demo

runner = CliRunner()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("history") / "pressroom.duckdb")


@pytest.fixture(scope="module")
def demo(prefect_harness, tmp_path_factory) -> Path:
    return built_demo(tmp_path_factory)


def _cli(*args: str) -> str:
    result = runner.invoke(app, ["history", *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _printed(path: Path, url: str, **options) -> str:
    console = Console(record=True, width=200, color_system=None)
    print_history(url, wh.history(path, url), console, **options)
    return console.export_text()


def test_changed_fields_side_by_side(synthetic: Path):
    out = _printed(synthetic, CORRECTED_URL)
    assert "version 1 -> 2, 2024-03-01 09:00:00" in out
    # One row per changed field, version 1 on the left and version 2 on the right.
    title_row = next(line for line in out.splitlines() if line.startswith("│ title"))
    assert title_row.index("PEEL 2017: Kent Police ") < title_row.index("(corrected)")
    moved = next(line for line in out.splitlines() if "peel_efficiency" in line)
    assert moved.index("peel_efficiency: good") < moved.index(
        "peel_efficiency: requires improvement"
    )
    assert "│ body_text" not in out  # the text gets a diff instead
    assert "--- version 1" in out and "+++ version 2" in out
    assert "-HMIC judged Kent Police to be good at efficiency." in out
    assert "+HMIC judged Kent Police to be requires improvement at efficiency." in out
    assert "title, body_text, judgements" in out


def test_text_only_change_has_a_diff_and_no_field_table(synthetic: Path):
    out = _printed(synthetic, RESTATED_URL, context=0)
    assert "+A further review will take place in 2013." in out
    assert "│ field" not in out
    assert "Notes to editors" not in out  # no context asked for


def test_withdrawn_release_says_when(synthetic: Path):
    out = _printed(synthetic, WITHDRAWN_URL)
    assert "withdrawn at 2024-09-01 09:00:00" in out
    assert "withdrawn" in next(line for line in out.splitlines() if line.startswith("│ 1"))


def test_replaced_words_are_marked():
    lines = text_diff(
        "Intro.\n\nThe force is good at efficiency.\n\nEnd.",
        "Intro.\n\nThe force is inadequate at efficiency.\n\nEnd.",
        old="a",
        new="b",
    )
    plain = [t.plain for t in lines]
    assert plain[:3] == ["--- a", "+++ b", "@@ -1,3 +1,3 @@"]
    assert "-The force is good at efficiency." in plain
    assert "+The force is inadequate at efficiency." in plain
    minus = next(t for t in lines if t.plain.startswith("-The"))
    marked = [minus.plain[s.start : s.end] for s in minus.spans if "bold" in str(s.style)]
    assert marked == ["good "]


def test_long_context_is_shortened():
    long = "word " * 200
    lines = text_diff(f"{long}\n\nold", f"{long}\n\nnew", old="a", new="b")
    context = next(t.plain for t in lines if t.plain.startswith(" word"))
    assert "…" in context and len(context) < 200


def test_history_command(synthetic: Path):
    out = _cli(CORRECTED_URL, "-w", str(synthetic), "-C", "0")
    lines = out.splitlines()
    # The versions, with the fields each changed.
    v2 = next(line for line in lines if line.startswith("│ 2 "))
    assert "title, body_text, judgements" in v2 and "active" in v2
    assert "(first version)" in next(line for line in lines if line.startswith("│ 1 "))
    # The changed fields side by side: version 1 on the left, version 2 on the right.
    header = next(line for line in lines if line.startswith("┃ field"))
    assert header.index("version 1") < header.index("version 2")
    title = next(line for line in lines if line.startswith("│ title"))
    assert title.index("PEEL 2017: Kent Police ") < title.index("PEEL 2017: Kent Police (corr")
    moved = next(line for line in lines if "peel_efficiency" in line)
    assert moved.index(": good") < moved.index(": requires improvement")
    # The unified diff of the text, with no context asked for.
    at = lines.index("--- version 1")
    assert lines[at + 1] == "+++ version 2" and lines[at + 2].startswith("@@ ")
    assert "-HMIC judged Kent Police to be good at efficiency." in lines
    assert "+HMIC judged Kent Police to be requires improvement at efficiency." in lines
    assert not any(line.startswith(" ") and "Notes to editors" in line for line in lines[at:])


def test_history_command_fails_plainly(synthetic: Path, tmp_path: Path):
    missing = runner.invoke(app, ["history", "https://nowhere.example/x", "-w", str(synthetic)])
    assert missing.exit_code == 1 and "no release" in missing.output
    nowhere = runner.invoke(app, ["history", CORRECTED_URL, "-w", str(tmp_path / "no.duckdb")])
    assert nowhere.exit_code == 1 and "Traceback" not in nowhere.output


def test_history_of_the_demos_correction(demo: Path):
    """The real demo: its second run publishes the out-of-hours number that was cut off."""
    office = demo.parent / "pressroom-sample-office"
    out = _cli((office / "staffordshire-asb-2012.txt").as_uri(), "-w", str(demo), "-C", "0")
    lines = out.splitlines()
    assert "body_text, phones" in next(line for line in lines if line.startswith("│ 2 "))
    phones = lines.index(next(line for line in lines if line.startswith("│ phones")))
    assert "0203 513 0600" in lines[phones] and "07836 217 729" in lines[phones + 1]
    assert "07836 217 729" not in lines[phones].split("│")[2]  # not in version 1
    assert "+++ version 2" in lines
    added = next(line for line in lines if line.startswith("+5."))
    assert added.endswith("07836 217 729.")
    assert next(line for line in lines if line.startswith("-5.")).endswith("07836 217")
    # The restyled page made no version: one version, nothing to compare.
    restyled = _cli((office / "west-mercia-asb-2012.html").as_uri(), "-w", str(demo))
    assert "(first version)" in restyled and "--- version" not in restyled
