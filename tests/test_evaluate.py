"""The evaluator: scoring, normalisation, mistakes, report, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from analysis.evaluate import (
    FieldScore,
    evaluate_dir,
    mistakes,
    norm,
    print_report,
    read_labelled,
    run_evaluate,
)

TEXT = """URL: https://example.org/news/kent-police-has-been-removed-from-engage/

Kent Police has been removed from Engage

His Majesty’s Inspector of Constabulary Jane Doe said the force has made improvements.

The inspectorate has removed Kent Police from enhanced monitoring.

Published 3 March 2024

Notes to editors

1. Press office: 0203 513 0600.
"""

LABELS = {
    "title": "Kent Police has been removed from Engage",
    "reference": None,
    "published_date": "2024-03-03",
    "primary_force": "Kent Police",
    "forces_mentioned": ["Kent Police"],
    "topic": "enhanced monitoring (Engage)",
    "people": [{"name": "Jane Doe", "role": "His Majesty's Inspector of Constabulary"}],
    "reports_referenced": [],
    "judgements": [
        {"force": "Kent Police", "area": "engage_monitoring", "value": "removed"},
        {"force": "Surrey Police", "area": "peel_efficiency", "value": "good"},
    ],
    "phones": ["0203 513 0600"],
}


def _write(tmp_path: Path) -> Path:
    (tmp_path / "001.txt").write_text(TEXT, "utf-8")
    (tmp_path / "001.json").write_text(json.dumps(LABELS), "utf-8")
    (tmp_path / "002.txt").write_text("no labels for this one", "utf-8")
    return tmp_path


def test_norm() -> None:
    assert norm("Her Majesty’s  Inspector") == norm("her majesty's inspector")
    assert norm("PEEL 2023–2025 : A") == norm("PEEL 2023-2025: A")
    assert norm(None) == ""


def test_read_labelled(tmp_path: Path) -> None:
    items = read_labelled(_write(tmp_path))
    assert [i.name for i in items] == ["001"]
    assert items[0].url.startswith("https://example.org/")
    assert items[0].text.startswith("Kent Police has been removed")


def test_scores(tmp_path: Path) -> None:
    scores = {s.field: s for s in evaluate_dir(_write(tmp_path))}
    assert scores["title"].accuracy == 1.0
    assert scores["primary_force"].accuracy == 1.0
    assert scores["published_date"].accuracy == 1.0
    assert scores["published_date (where labelled)"].n == 1
    assert "reference (where labelled)" not in scores
    assert scores["people"].f1 == 1.0  # curly and straight apostrophes compare equal
    judgements = scores["judgements"]
    assert (judgements.tp, judgements.fp, judgements.fn) == (1, 0, 1)
    assert judgements.precision == 1.0 and judgements.recall == 0.5
    assert scores["phones"].f1 == 1.0


def test_mistakes_and_report(tmp_path: Path) -> None:
    path = _write(tmp_path)
    wrong = mistakes(path)
    assert [(m.document, m.field) for m in wrong] == [("001", "judgements")]
    assert wrong[0].missing == [("surrey police", "peel_efficiency", "good")]
    console = Console(record=True, width=200)
    print_report(evaluate_dir(path), console=console)
    out = console.export_text()
    assert "judgements" in out and "primary_force" in out


def test_field_score_empty() -> None:
    score = FieldScore("people", "text", kind="list")
    assert score.f1 is None and score.accuracy is None


def test_run_evaluate_exit_codes(tmp_path: Path) -> None:
    assert run_evaluate(tmp_path / "missing", False) == 2
    assert run_evaluate(_write(tmp_path), False) == 1  # judgements recall 0.5 < 0.9


def test_cli_evaluate(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flows.cli import app

    runner = CliRunner()
    missing = runner.invoke(app, ["evaluate", str(tmp_path / "missing")])
    assert missing.exit_code == 2
    assert "no labelled documents" in missing.output
    folder = _write(tmp_path)
    below = runner.invoke(app, ["evaluate", str(folder), "--mistakes"])
    assert below.exit_code == 1, below.output  # judgements recall 0.5 < 0.9
    assert "primary_force" in below.output and "below target" in below.output
    assert "surrey police" in below.output  # --mistakes lists the missing verdict
    # Without the unreachable label every target is met: exit 0, and --renditions adds
    # the html and pdf columns.
    labels = dict(LABELS, judgements=LABELS["judgements"][:1])
    (folder / "001.json").write_text(json.dumps(labels), "utf-8")
    ok = runner.invoke(app, ["evaluate", str(folder), "--renditions"])
    assert ok.exit_code == 0, ok.output
    assert "html" in ok.output and "pdf" in ok.output


def test_judgements_scored_on_the_contract_areas(tmp_path: Path) -> None:
    # The release also recalls the force's earlier entry into Engage: that entry, flagged
    # superseded, is reported but is not a mistake against the labels.
    text = TEXT.replace(
        "Notes to editors", "Kent Police was moved into Engage in 2022.\n\nNotes to editors"
    )
    (tmp_path / "001.txt").write_text(text, "utf-8")
    labels = dict(LABELS, judgements=LABELS["judgements"][:1])
    (tmp_path / "001.json").write_text(json.dumps(labels), "utf-8")
    from analysis.evaluate import document_from_text
    from extractors.release import extract_release

    found = {
        (j.area, j.value, j.superseded)
        for j in extract_release(document_from_text(text)).judgements
    }
    assert found == {
        ("engage_monitoring", "removed", False),
        ("engage_monitoring", "entered", True),
    }
    scores = {s.field: s for s in evaluate_dir(tmp_path)}
    assert (scores["judgements"].tp, scores["judgements"].fp) == (1, 0)


FIRE_LABELS = {
    "sector": "fire",
    "title": "Kent Fire and Rescue Service is good",
    "primary_service": "Kent Fire and Rescue Service",
    "services_mentioned": ["Kent Fire and Rescue Service"],
    "people": [],
    "reports_referenced": [],
    "judgements": [
        {"service": "Kent Fire and Rescue Service", "area": "frs_effectiveness", "value": "good"}
    ],
}


def test_cli_evaluate_reads_subfolders_and_scores_each_sector_apart(tmp_path: Path) -> None:
    # The devset's layout: police releases in the top folder and in police2/, fire releases
    # (labelled with a `service`, not a `force`) in fire/: the police ones are scored as
    # one set, the fire ones on their own lines, not a KeyError.
    import os
    import subprocess
    import sys

    labels = dict(LABELS, judgements=LABELS["judgements"][:1])
    (tmp_path / "001.txt").write_text(TEXT, "utf-8")
    (tmp_path / "001.json").write_text(json.dumps(labels), "utf-8")
    for folder, name, data in (("police2", "003", labels), ("fire", "700", FIRE_LABELS)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / f"{name}.txt").write_text(TEXT, "utf-8")
        (tmp_path / folder / f"{name}.json").write_text(json.dumps(data), "utf-8")
    scores = {s.field: s for s in evaluate_dir(tmp_path)}
    assert scores["title"].n == 2  # 001 and police2/003
    assert {s.n for s in evaluate_dir(tmp_path, folders=("",))} == {1}
    done = subprocess.run(
        [sys.executable, "-m", "flows.cli", "evaluate", str(tmp_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    # The fire "release" is a police text: no fire verdict is read from it.
    assert done.returncode == 1, done.stdout + done.stderr
    assert "fire: 1 releases (fire/)" in done.stdout
    assert "fire: judgements" in done.stdout
    assert "police: 2 releases" in done.stdout
    assert not any("below target: police" in line for line in done.stdout.splitlines())
