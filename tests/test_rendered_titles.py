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
    # One page, or more than one however reportlab's version lays them out.
    assert (int(document.metadata["pdf:pages"]) > 1) == (pages > 1)
    assert document.paragraphs[0] == headline
    assert not any("Eccleston" in p for p in document.paragraphs)
    assert _title(_reportlab_release(headline, paragraphs)) == headline
    # No headline: the letterhead is not one either.
    assert _title(_reportlab_release(None, paragraphs)) is None


def _chromium_pdf(page: str, tmp_path) -> bytes:
    import shutil
    import subprocess

    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium not installed")
    source = tmp_path / "release.html"
    source.write_text(page, "utf-8")
    out = tmp_path / "release.pdf"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", f"--print-to-pdf={out}",
         "--no-pdf-header-footer", source.as_uri()],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    if not out.is_file():
        pytest.skip("chromium printed nothing")
    return out.read_bytes()


def _cms_page(headline: str | None) -> str:
    h1 = f"<h1>{headline}</h1>" if headline else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{headline or "News release"} - HMICFRS</title></head><body>
<div class="cookie-banner"><p>We use some essential cookies to make this website work. We'd
like to set additional cookies to understand how you use it.</p>
<button>Accept additional cookies</button> <button>Reject additional cookies</button></div>
<header><a href="/">HMICFRS</a><nav><ul><li><a href="/">Home</a></li>
<li><a href="/our-work/">Our work</a></li><li><a href="/news/">News</a></li></ul></nav>
<form role="search"><label>Search this site</label><input><button>Search</button></form>
</header>
<ol class="breadcrumbs"><li><a href="/">Home</a></li><li><a href="/news/">News</a></li>
<li>News releases</li></ol>
<main><article>{h1}<p>{LEAD}</p><p>{SECOND}</p></article></main>
<aside><h2>Related content</h2><ul><li><a href="/r/1">Merseyside Police news</a></li>
<li><a href="/r/2">West Midlands Police: crime data integrity inspection</a></li></ul></aside>
<footer><p>&copy; Crown copyright</p><ul><li><a href="/privacy">Privacy</a></li>
<li><a href="/cookies">Cookies</a></li></ul></footer></body></html>"""


def test_browser_printed_page_chrome_is_left_out(tmp_path) -> None:
    headline = "PEEL: police efficiency 2017 - force press releases"
    document = parse_document(_chromium_pdf(_cms_page(headline), tmp_path))
    assert document.paragraphs[0] == headline
    assert document.paragraphs[1:] == (LEAD, SECOND)
    release = extract_release(document)
    assert release.title == headline
    assert not release.reports and [f.force for f in release.forces] == ["Kent Police"]
    untitled = parse_document(_chromium_pdf(_cms_page(None), tmp_path))
    assert untitled.paragraphs == (LEAD, SECOND)
    assert extract_release(untitled).title is None
