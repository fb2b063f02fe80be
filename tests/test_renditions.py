"""The same release as text, as an HTML page and as a PDF parses to the same paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.renditions import _cp1252, render_html, render_pdf
from extractors import parse_document

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = Path(__file__).resolve().parents[1] / "flows" / "sample"


def _release_files() -> list[Path]:
    files = sorted(SAMPLE.glob("*.txt"))
    for folder in (SHARED / "seeds", SHARED / "devset"):
        if folder.is_dir():
            files += sorted(folder.glob("*.txt"))
    return files


FILES = _release_files()


def _norm(paragraphs: tuple[str, ...] | list[str]) -> list[str]:
    return [" ".join(p.split()) for p in paragraphs]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_round_trip_without_title(path: Path) -> None:
    text = path.read_text("utf-8")
    expected = _norm(parse_document(text.encode("utf-8")).paragraphs)
    html = parse_document(render_html(text))
    pdf = parse_document(render_pdf(text))
    assert html.media_type == "text/html"
    assert pdf.media_type == "application/pdf"
    assert _norm(html.paragraphs) == expected
    # The PDF's core font holds cp1252 only: a character outside it (a U+FFFD that a real
    # release carries from its own mis-decoding) is drawn as its nearest form, or "?".
    assert _norm(pdf.paragraphs) == [_cp1252(p) for p in expected]


@pytest.mark.parametrize("path", FILES[:6], ids=[p.name for p in FILES[:6]])
def test_round_trip_with_title(path: Path) -> None:
    text = path.read_text("utf-8")
    title = "Forces \u2018improve\u2019 their service \u2013 but it remains variable"
    expected = [title, *_norm(parse_document(text.encode("utf-8")).paragraphs)]
    html = parse_document(render_html(text, title=title))
    pdf = parse_document(render_pdf(text, title=title))
    assert _norm(html.paragraphs) == expected
    assert _norm(pdf.paragraphs) == expected
    assert html.title == title
    assert pdf.title == title


def test_title_equal_to_first_paragraph_is_not_repeated() -> None:
    text = "The headline\n\nFirst paragraph of the body.\n"
    for rendered in (
        render_html(text, title="The headline"),
        render_pdf(text, title="The headline"),
    ):
        doc = parse_document(rendered)
        assert doc.paragraphs == ("The headline", "First paragraph of the body.")
        assert doc.title == "The headline"


def test_long_release_spans_pages_and_round_trips() -> None:
    files = FILES[:12]
    text = "\n\n".join(p.read_text("utf-8") for p in files)
    expected = _norm(parse_document(text.encode()).paragraphs)
    doc = parse_document(render_pdf(text))
    assert int(doc.metadata["pdf:pages"]) >= 3
    assert max(doc.pages) == int(doc.metadata["pdf:pages"])
    assert list(doc.pages) == sorted(doc.pages)
    assert _norm(doc.paragraphs) == expected
    assert "HMIC press release" not in doc.text
    assert " of " + doc.metadata["pdf:pages"] not in doc.text


def test_html_rendition_is_a_realistic_page() -> None:
    text = (
        "Force press release\n\nThe force was judged good.\n\n"
        "It found:\n\u2022 one thing;\n\u2022 another.\n\nNotes\n1. A note.\n2. Another note.\n"
    )
    page = render_html(text, title="Force press release").decode("utf-8")
    assert page.lower().startswith("<!doctype html>")
    for piece in (
        "<title>HMIC | Force press release</title>",
        '<meta name="description"',
        "<header",
        "<nav",
        "cookie",
        "<main",
        "<article",
        "<h1>Force press release</h1>",
        "<ul",
        "<li>one thing;</li>",
        "Related links",
        "Kent Police news",
        "<footer",
        "Crown copyright",
    ):
        assert piece in page
    doc = parse_document(page.encode())
    assert doc.paragraphs == (
        "Force press release",
        "The force was judged good.",
        "It found:",
        "one thing;",
        "another.",
        "Notes",
        "1. A note.",
        "2. Another note.",
    )
    for chrome in ("Kent Police", "cookies", "Crown copyright", "Publications", "Share"):
        assert chrome not in doc.text
    assert doc.metadata["description"] == "The force was judged good."


def test_pdf_rendition_characters_outside_cp1252() -> None:
    text = "Price \u20ac5 \u2013 caf\u00e9 \u2018quoted\u2019 \u2026 "
    text += "\u0141\u00f3d\u017a \u2212 \u4e2d\n"
    doc = parse_document(render_pdf(text))
    assert doc.paragraphs == (
        "Price \u20ac5 \u2013 caf\u00e9 \u2018quoted\u2019 \u2026 L\u00f3dz - ?",
    )  # \u00f3 is cp1252


def test_pdf_rendition_states_no_date_the_text_does_not() -> None:
    # fpdf2 stamps every PDF with a creation date; a rendition must not hand the
    # extractor a publication date the release never stated.
    data = render_pdf("Kent Police has been removed from Engage\n\nThe force improved.\n")
    assert b"CreationDate" not in data and b"D:20" not in data
    doc = parse_document(data)
    assert not any("Date" in key for key in doc.metadata)
    assert doc.paragraphs[0] == "Kent Police has been removed from Engage"


# Two page shapes whose line gaps mislead a paragraph finder: a publication page whose
# title, grade, dates and headings are each one line and only a few paragraphs wrap (most
# gaps between lines are paragraph gaps), and a page with one wrapped paragraph only.
ONE_LINE_PARAGRAPHS = (
    "Kent Police: Crime Data Integrity inspection 2017\n\nRequires improvement\n\n"
    "Published on: 20 October 2017\n\nPublication types: Crime recording\n\n"
    "Police Forces: Kent\n\nJudgment\n\n"
    "Kent Police has made progress in improving its crime-recording accuracy since our "
    "2014 inspection, but there is more to do before victims can rely on it, and we "
    "estimate that it records 86.6 percent of the crimes reported to it each year.\n\n"
    "How effective is the force at recording reported crime?\n\n"
    "graded requires improvement\n\n"
    "How efficiently do the systems and processes in the force support accurate crime "
    "recording?\n\ngraded good\n\nOverall\n\ngraded good\n"
)
SINGLE_WRAPPED_PARAGRAPH = (
    "Skip to content\n\nKent 2016\n\nRead more about Kent\n\n"
    "This is HMIC's third PEEL (police effectiveness, efficiency and legitimacy) "
    "assessment of Kent Police, the force for the county.\n\n"
    "The extent to which the force is effective is good.\n\n"
    "The extent to which the force is efficient is good.\n\n"
    "The extent to which the force is legitimate is good.\n\n"
    "Jane Doe, Her Majesty's Inspector of Constabulary\n\nContact Jane Doe\n"
)


@pytest.mark.parametrize(
    ("text", "n_paragraphs"),
    [(ONE_LINE_PARAGRAPHS, 13), (SINGLE_WRAPPED_PARAGRAPH, 9)],
    ids=["mostly-one-line-paragraphs", "single-wrapped-paragraph"],
)
def test_pdf_page_paragraphs_as_the_text_has_them(text: str, n_paragraphs: int) -> None:
    expected = _norm(parse_document(text.encode("utf-8")).paragraphs)
    assert len(expected) == n_paragraphs
    assert _norm(parse_document(render_pdf(text)).paragraphs) == expected
