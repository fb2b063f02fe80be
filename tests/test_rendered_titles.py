"""Titles of releases rendered by other tools than ours: a generic page title is no
headline; a PDF's first-page letterhead and a browser-printed page's chrome are not the
headline."""

from __future__ import annotations

import pytest

from extractors import extract_release, parse_document

LEAD = (
    "Kent Police has been judged good at keeping people safe and reducing crime by His "
    "Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)."
)
SECOND = (
    "The inspectorate found that the force understands the threats its communities face "
    "and works well with partner organisations to prevent crime."
)


def _title(data: bytes) -> str | None:
    return extract_release(parse_document(data)).title


@pytest.mark.parametrize(
    "page_title", ["News release - HMICFRS", "Press release", "News releases | HMICFRS", "Media"]
)
def test_generic_page_title_is_no_headline(page_title: str) -> None:
    page = (
        f"<html><head><title>{page_title}</title></head><body>"
        f"<p>{LEAD}</p><p>{SECOND}</p></body></html>"
    ).encode()
    assert _title(page) is None


def _reportlab_release(title: str | None, paragraphs: list[str]) -> bytes:
    """A release laid out by reportlab's platypus: a letterhead (the sender's name, and
    its address in small type) at the top of the first page only, the headline as a
    Heading1, justified body text."""
    import io

    pytest.importorskip("reportlab")
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    body.alignment = TA_JUSTIFY
    body.fontSize = 10.5
    body.leading = 13.5

    def letterhead(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica-Bold", 11)
        canvas.drawString(doc.leftMargin, A4[1] - 40, "HM Inspectorate of Constabulary")
        canvas.setFont("Helvetica", 8.5)
        canvas.drawString(
            doc.leftMargin, A4[1] - 52, "6th Floor, Globe House, 89 Eccleston Square, London"
        )
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=title or "", topMargin=80)
    story = [Paragraph(title, styles["Heading1"])] if title else []
    story += [Paragraph(p, body) for p in paragraphs]
    doc.build(story, onFirstPage=letterhead)
    return buf.getvalue()


@pytest.mark.parametrize("pages", [1, 2])
def test_first_page_letterhead_is_not_the_headline(pages: int) -> None:
    headline = "Kent Police is good at keeping people safe"
    paragraphs = [LEAD, SECOND] * (1 if pages == 1 else 12)
    document = parse_document(_reportlab_release(headline, paragraphs))
    assert document.metadata["pdf:pages"] == str(pages)
    assert document.paragraphs[0] == headline
    assert not any("Eccleston" in p for p in document.paragraphs)
    assert _title(_reportlab_release(headline, paragraphs)) == headline
    # No headline: the letterhead is not one either.
    assert _title(_reportlab_release(None, paragraphs)) is None
