"""The PDF fast path (extractors.pdf.page_text_lines) reads exactly what pdfplumber's own
`page.extract_text_lines()` reads, on real PDFs; and parse_pdf's paragraphs hold the same
text, in the same order, as pdfplumber's plain `extract_text()`, less the running headers,
footers and page numbers it removes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest

from extractors.pdf import _BULLET, page_text_lines, parse_pdf, reference_text_lines

from .conftest import CORPORA, DEVSET

SAMPLES = Path(__file__).resolve().parents[1] / "flows" / "sample"

# Real PDFs from the shared corpus (pdfplumber's own test files), chosen to cover pages
# rotated by 90 and 270 degrees, text inside form XObjects, duplicated chars, marked
# content, tables with curves, several fonts and encodings. The slowest (seconds each)
# are left out; the benchmark reads the rest.
CORPUS_PDFS = [
    "150109DSP-Milw-505-90D.pdf",
    "2023-06-20-PV.pdf",
    "cupertino_usd_4-6-16.pdf",
    "figure_structure.pdf",
    "issue-1054-example.pdf",
    "issue-13-151201DSP-Fond-581-90D.pdf",
    "issue-140-example.pdf",
    "issue-192-example.pdf",
    "issue-33-lorem-ipsum.pdf",
    "issue-461-example.pdf",
    "issue-463-example.pdf",
    "issue-466-example.pdf",
    "issue-598-example.pdf",
    "issue-71-duplicate-chars.pdf",
    "issue-842-example.pdf",
    "issue-848.pdf",
    "issue-90-example.pdf",
    "la-precinct-bulletin-2014-p1.pdf",
    "line-char-render-example.pdf",
    "mcid_example.pdf",
    "nics-background-checks-2015-11-rotated.pdf",
    "pdffill-demo.pdf",
    "pr-138-example.pdf",
    "pr-88-example.pdf",
    "scotus-transcript-p1.pdf",
    "senate-expenditures.pdf",
    "table-curves-example.pdf",
    "word365_structure.pdf",
]


def _corpus_pdf(name: str) -> bytes:
    path = CORPORA / "pdf" / name
    if not path.is_file():
        pytest.skip(f"{path} not present")
    return path.read_bytes()


def _assert_same_lines(data: bytes) -> int:
    """Fast and reference lines are equal on every page; returns the number of lines."""
    total = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            fast = page_text_lines(page)
            reference = reference_text_lines(page)
            assert fast == reference, f"page {page.page_number}"
            total += len(fast)
    return total


@pytest.mark.parametrize("name", CORPUS_PDFS)
def test_fast_lines_equal_pdfplumber_on_corpus(name: str) -> None:
    assert _assert_same_lines(_corpus_pdf(name)) > 0


def _release_texts() -> list[tuple[str, str]]:
    texts = [(p.stem, p.read_text("utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]
    if DEVSET.is_dir():
        texts += [(p.stem, p.read_text("utf-8")) for p in sorted(DEVSET.glob("*.txt"))[:6]]
    return texts


def _rendition(text: str, title: str) -> bytes:
    from analysis.renditions import render_pdf

    return render_pdf(text, title=title)


@pytest.mark.parametrize("name,text", _release_texts()[:8])
def test_fast_lines_equal_pdfplumber_on_renditions(name: str, text: str) -> None:
    assert _assert_same_lines(_rendition(text, name)) > 10


def _offset_pdf() -> bytes:
    """A hand-made PDF whose MediaBox does not start at (0, 0), with text drawn directly
    and from inside a form XObject (a figure), in two sizes: pdfplumber shifts x by the
    MediaBox origin and flips y from the page's top."""
    content = (
        b"BT /F1 18 Tf 80 780 Td (Police appeal for witnesses) Tj ET\n"
        b"BT /F1 11 Tf 80 750 Td (Officers were called to the High Street at 2am.) Tj ET\n"
        b"BT /F1 11 Tf 80 736 Td [(A 24-year-old man was ar) 20 (rested.)] TJ ET\n"
        b"q 1 0 0 1 40 -200 cm /X1 Do Q\n"
    )
    form = b"BT /F1 9 Tf 60 700 Td (Text inside a form XObject.) Tj ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [37 52 632 894] "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 600 900] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Length %d >>\nstream\n"
        % len(form)
        + form
        + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_fast_lines_equal_pdfplumber_with_offset_mediabox_and_form() -> None:
    data = _offset_pdf()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        assert page.mediabox[0] != 0
        lines = page_text_lines(page)
    texts = [line["text"] for line in lines]
    assert "Police appeal for witnesses" in texts
    assert "Text inside a form XObject." in texts
    assert _assert_same_lines(data) == len(lines)
    doc = parse_pdf(data)
    assert doc.paragraphs[0] == "Police appeal for witnesses"


_WS = re.compile(r"\s+")


def _assert_paragraphs_follow_extract_text(data: bytes) -> list[str]:
    """parse_pdf's paragraphs, whitespace aside, are pdfplumber's extract_text() lines in
    order, less whole lines dropped at the top or bottom edge of a page (running headers,
    footers, page numbers); a bullet that starts an item is dropped too. Returns the
    dropped lines."""
    doc = parse_pdf(data)
    ours = _WS.sub("", "".join(doc.paragraphs))
    dropped: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines = [ln for ln in page.extract_text().splitlines() if ln.strip()]
            for index, line in enumerate(lines):
                squeezed = _WS.sub("", line)
                if not ours.startswith(squeezed):
                    squeezed = _WS.sub("", _BULLET.sub("", line.strip(), count=1))
                if ours.startswith(squeezed):
                    ours = ours[len(squeezed) :]
                else:
                    edge = index < 3 or index >= len(lines) - 3
                    assert edge, f"page {page.page_number}: {line!r} missing mid-page"
                    dropped.append(line)
    assert ours == "", f"text not in extract_text(): {ours[:80]!r}"
    return dropped


@pytest.mark.parametrize("name,text", _release_texts()[:8])
def test_paragraphs_follow_extract_text_on_renditions(name: str, text: str) -> None:
    dropped = _assert_paragraphs_follow_extract_text(_rendition(text, name))
    # render_pdf puts a running header and "Page N of M" on every page: both removed.
    assert any(re.fullmatch(r"Page \d+ of \d+", line.strip()) for line in dropped)


@pytest.mark.parametrize(
    "name", ["issue-33-lorem-ipsum.pdf", "scotus-transcript-p1.pdf", "issue-90-example.pdf"]
)
def test_paragraphs_follow_extract_text_on_corpus(name: str) -> None:
    _assert_paragraphs_follow_extract_text(_corpus_pdf(name))
