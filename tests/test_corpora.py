"""Real-world inputs: the pdfplumber test PDFs (empty, encrypted, pathological ones among
them) and trafilatura's saved web pages, ingested as folders. Every file appears in
`fetches`, every failure in `errors` with a message a person can act on, the run finishes
in bounded time, and `pressroom check` finds nothing wrong.

scripts/ingest_corpora.py runs the same ingestion and prints the figures."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from .conftest import CORPORA

ROOT = Path(__file__).resolve().parents[1]


def _script():
    path = ROOT / "scripts" / "ingest_corpora.py"
    spec = importlib.util.spec_from_file_location("ingest_corpora", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("ingest_corpora", module)
    spec.loader.exec_module(module)
    return module


def _corpus(name: str) -> Path:
    folder = CORPORA / name
    if not folder.is_dir():
        pytest.skip(f"../shared/corpora/{name} not present")
    return folder


def _ingest(name: str, tmp_path: Path) -> dict:
    report = _script().ingest_corpus(_corpus(name), tmp_path / f"{name}.duckdb")
    brief = {k: v for k, v in report.items() if k not in ("errors_by_file", "errors_by_message")}
    print(json.dumps(brief, indent=1, default=str))
    print(json.dumps(report["errors_by_message"], indent=1))
    assert report["missing_from_fetches"] == []
    assert report["fetched"] == report["files"]
    assert report["not_actionable"] == [], report["not_actionable"]
    assert report["check_faults"] == []
    return report


@pytest.mark.usefixtures("prefect_harness")
def test_pdf_corpus(tmp_path: Path):
    report = _ingest("pdf", tmp_path)
    assert report["files"] >= 52
    errors = report["errors_by_file"]
    assert errors["password-example.pdf"] == "encrypted PDF, no password"
    assert errors["empty.pdf"] == "empty file (0 bytes)"
    # Most of them are ordinary, readable PDFs.
    assert report["outcomes"].get("new", 0) >= 0.85 * report["files"]


@pytest.mark.usefixtures("prefect_harness")
def test_html_corpus(tmp_path: Path):
    report = _ingest("html", tmp_path)
    assert report["files"] >= 279
    assert report["outcomes"].get("new", 0) >= 0.9 * report["files"]


def test_error_messages_are_judged_actionable_or_not():
    script = _script()
    assert script.actionable_problem("encrypted PDF, no password") is None
    assert script.actionable_problem("KeyError") == "a bare exception name"
    assert script.actionable_problem("PSSyntaxError()") == "a bare exception name"
    assert (
        script.actionable_problem(
            "extractor failed unexpectedly (KeyError: 'x'); the raw bytes are archived"
        )
        == "an extractor bug (unexpected exception)"
    )
    assert script.error_kind("corrupt or truncated PDF: no pages") == "corrupt or truncated PDF"
    assert (
        script.error_kind("file is 12,345 bytes, over the limit")
        == "file is N bytes, over the limit"
    )
