"""Re-wrapping a plain-text release at another line width changes nothing: the same
paragraphs, the same fields, the same fingerprint, and no new version in the warehouse.

Two ways of re-wrapping, both with textwrap (which breaks after the hyphen of
"crime-recording" too):
- "lines": every line is wrapped on its own (list items stay at the start of a line, and
  their text runs on over the next lines);
- "blocks": the lines between two blank lines are run together and filled again, as a
  naive re-flow does (a bullet "•" lands wherever the width puts it, mid-line included).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import warehouse as wh
from analysis.evaluate import read_labelled
from extractors import Document, extract_release, fingerprint, parse_document

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
WIDTHS = (50, 57, 66, 78, 89, 100)


def rewrap(text: str, width: int, how: str) -> str:
    out: list[str] = []
    block: list[str] = []
    for line in [*text.split("\n"), ""]:
        if line.strip() and how == "blocks":
            block.append(line)
        elif line.strip():
            out.extend(textwrap.wrap(line, width))
        else:
            if block:
                out.append(textwrap.fill(" ".join(block), width))
                block = []
            out.append("")
    return "\n".join(out)


FIELD_NAMES = (
    "title",
    "reference",
    "published_date",
    "primary_force",
    "topic",
    "forces",
    "people",
    "reports",
    "phones",
    "judgements",  # force, area, value, evidence text, restated
)


def parse(text: str) -> Document:
    return parse_document(text.encode(), content_type="text/plain; charset=utf-8")


def fields(document: Document, url: str) -> tuple:
    release = extract_release(document, url=url)
    return tuple(getattr(release, name) for name in FIELD_NAMES)


_ITEMS = read_labelled(DEVSET) if DEVSET.is_dir() else []


@pytest.mark.skipif(not _ITEMS, reason="../shared/devset is absent")
@pytest.mark.parametrize("item", _ITEMS, ids=lambda item: item.name)
def test_devset_release_rewrapped_keeps_fields_and_fingerprint(item) -> None:
    original = parse(item.text)
    expected = fields(original, item.url)
    for width in WIDTHS:
        for how in ("lines", "blocks"):
            where = f"{item.name} wrapped at {width} ({how})"
            document = parse(rewrap(item.text, width, how))
            assert fingerprint(document) == fingerprint(original), f"{where}: fingerprint"
            if document == original:
                continue  # the same Document: extraction is a function of it and the URL
            got = fields(document, item.url)
            for name, want, have in zip(FIELD_NAMES, expected, got, strict=True):
                assert have == want, f"{where}: {name} differs"


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        # A bullet starts an item wherever a re-wrap puts it.
        (
            "The force:\n\u2022 is good; \u2022 requires\nimprovement; and \u2022 is fine.",
            ("The force:", "is good;", "requires improvement; and", "is fine."),
        ),
        # A hyphen a wrap broke after: one word again.
        ("The crime-\nrecording process and anti-\nsocial behaviour.", None),
        # A dash or a number in prose, even at the start of a line a wrap made, is text.
        (
            "Kent Police was judged to be good at investigating crime\n- a rise on 2015.",
            ("Kent Police was judged to be good at investigating crime - a rise on 2015.",),
        ),
        (
            "The report looks at options (a) and (b) and at what happened in\n(c) and in 2014.",
            ("The report looks at options (a) and (b) and at what happened in (c) and in 2014.",),
        ),
        # A dash or number item after a lead-in or an item's end, on a line or mid-line.
        (
            "HMIC asked: - How effective is the force? - How efficient is it?",
            ("HMIC asked:", "How effective is the force?", "How efficient is it?"),
        ),
        (
            "It made two changes:\n  1. a lower rate; and 2. three questions.",
            ("It made two changes:", "1. a lower rate; and", "2. three questions."),
        ),
        # An unpunctuated list of short lines: a wrap would not have broken there.
        (
            "Notes to editors\n- Effectiveness: Good\n- Efficiency: Good\n"
            "A paragraph long enough to show the width this text was written at.",
            (
                "Notes to editors",
                "Effectiveness: Good",
                "Efficiency: Good A paragraph long enough to show the width this text was "
                "written at.",
            ),
        ),
    ],
)
def test_text_model(text: str, paragraphs: tuple[str, ...] | None) -> None:
    source = text.replace("-\n", "-")  # the words as written, before any wrap
    assert parse(text).paragraphs == (paragraphs or (" ".join(source.split()),))
    for width in (20, 33, 50):
        for how in ("lines", "blocks"):
            assert fingerprint(parse(rewrap(source, width, how))) == fingerprint(parse(text))


RELEASE_78 = """\
Kent Police requires improvement in keeping people safe, says HMIC

HMIC found that Kent Police:
  \u2022 is good at preventing crime and tackling anti-social behaviour;
  \u2022 requires improvement at investigating crime and reducing re-offending;
    and
  \u2022 is inadequate at protecting those who are vulnerable from harm and
    supporting victims.

The force's crime-recording and anti-social behaviour work was examined
between May and June 2015 - the full report is on the website.

HM Inspector of Constabulary Zoe Billingham said the force had made progress.
"""


def test_text_file_rewrapped_in_the_warehouse_is_one_version(
    prefect_harness, tmp_path: Path, warehouse_path: Path
) -> None:
    from flows.pipeline import ingest

    office = tmp_path / "office"
    office.mkdir()
    path = office / "kent.txt"
    path.write_text(RELEASE_78, encoding="utf-8")
    assert ingest(sources=[str(office)], warehouse=str(warehouse_path)).counts.n_new == 1
    for width in (66, 50):
        path.write_text(rewrap(RELEASE_78, width, "blocks"), encoding="utf-8")
        counts = ingest(sources=[str(office)], warehouse=str(warehouse_path)).counts
        assert (counts.n_new, counts.n_changed, counts.n_unchanged) == (0, 0, 1), width
    versions = wh.run_query(warehouse_path, "SELECT count(*) FROM release_versions").rows
    assert versions == [(1,)]
    fetches = wh.run_query(warehouse_path, "SELECT count(*) FROM fetches").rows
    assert fetches == [(3,)]
