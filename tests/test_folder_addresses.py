"""A folder of saved releases whose text opens with `URL: https://...` (the devset's
layout, and what saved pages often carry), run through `pressroom ingest`: the line is the
document's address, never its title, and a date source where the address has a date."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analysis.evaluate import norm
from flows.cli import app

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"

pytestmark = [
    pytest.mark.usefixtures("prefect_harness"),
    pytest.mark.skipif(not DEVSET.is_dir(), reason="../shared/devset not present"),
]

# Real devset releases: dated by their address alone (028, 134), by their text and their
# address (049), by their text alone (016, 406), and undated (001).
NAMES = ("001", "016", "028", "049", "134", "406")


def test_ingest_reads_the_url_line_as_the_address(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(DEVSET / f"{name}.txt", folder / f"{name}.txt")
    warehouse = tmp_path / "w.duckdb"
    runner = CliRunner()
    done = runner.invoke(app, ["ingest", str(folder), "--warehouse", str(warehouse)])
    assert done.exit_code == 0, done.output
    sql = "SELECT url, title, published_date, date_source FROM releases ORDER BY url"
    shown = runner.invoke(app, ["query", sql, "-w", str(warehouse), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    rows = {Path(r["url"]).stem: r for r in json.loads(shown.stdout)}
    assert set(rows) == set(NAMES)
    for name, row in rows.items():
        labels = json.loads((DEVSET / f"{name}.json").read_text("utf-8"))
        assert not (row["title"] or "").startswith("URL:"), name
        assert norm(row["title"]) == norm(labels["title"]), name
        stated = labels.get("published_date")
        if stated:  # the date the text states wins over the address's
            assert (row["published_date"], row["date_source"]) == (stated, "text"), name
    for name, day in (("028", "2025-01-24"), ("134", "2016-02-25")):
        assert (rows[name]["published_date"], rows[name]["date_source"]) == (day, "url")
    assert rows["001"]["date_source"] == "first_seen"
