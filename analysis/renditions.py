"""Render a plain-text release as a press-office web page or a PDF.

Pure helpers (no I/O) used by the demo, the evaluator and the benchmarks: the same words
in different containers. Parsing a rendition with `extractors.parse_document` gives the
same paragraphs as parsing the text itself (the HTML/PDF title, when given and not already
the text's first paragraph, comes first).
"""

from __future__ import annotations

import datetime as dt
import html
import re

SITE = "HMIC"
RUNNING_HEADER = "HMIC press release"


# Other forces' news pages: the related-links box of a real force page names other forces,
# which an extractor must not mistake for forces the release is about.
_RELATED = (
    ("Kent Police news", "https://www.kent.police.uk/news/"),
    ("Greater Manchester Police news", "https://www.gmp.police.uk/news/"),
    ("Thames Valley Police news", "https://www.thamesvalley.police.uk/news/"),
    ("Devon and Cornwall Police news", "https://www.devon-cornwall.police.uk/news/"),
)
_NAV = (
    ("Home", "/"),
    ("News", "/news/"),
    ("Publications", "/publications/"),
    ("Our work", "/our-work/"),
    ("About us", "/about-us/"),
    ("Contact", "/contact-us/"),
)


def _blocks(text: str) -> list[tuple[str, str | int | None, str]]:
    """The text's paragraphs as (kind, marker, text): kind 'p', 'ul' or 'ol' (marker = the
    item number), as extractors.text reads them."""
    from extractors.text import normalise_newlines, text_blocks

    return list(text_blocks(normalise_newlines(text).replace("\ufeff", "")))


def _with_title(
    blocks: list[tuple[str, str | int | None, str]], title: str | None
) -> tuple[str | None, list[tuple[str, str | int | None, str]]]:
    """Drop the first block when it is the title itself (it is rendered as the heading)."""
    if title is None:
        return None, blocks
    title = " ".join(title.split())
    if blocks and _same(blocks[0][2], title):
        blocks = blocks[1:]
    return title, blocks


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(s.lstrip("#").split()).lower()

    return norm(a) == norm(b)


def render_html(text: str, *, title: str | None = None) -> bytes:
    """A realistic press-office page holding the release: doctype, head metadata, site
    header with a menu, cookie banner, the article, a related-links box naming other
    forces, and a footer."""
    blocks = _blocks(text)
    heading, blocks = _with_title(blocks, title)
    page_title = heading or (blocks[0][2][:90] if blocks else "Press release")
    description = blocks[0][2] if blocks else ""
    if heading and blocks:
        description = blocks[0][2]
    description = description[:160]
    esc = html.escape

    body: list[str] = []
    if heading:
        body.append(f"<h1>{esc(heading)}</h1>")
    open_list: str | None = None
    for kind, number, para in blocks:
        if kind != open_list:
            if open_list:
                body.append(f"</{open_list}>")
            if kind == "ul":
                body.append('<ul class="bullets">')
            elif kind == "ol":
                body.append(f'<ol start="{number}">')
            open_list = kind if kind in ("ul", "ol") else None
        if kind == "p":
            body.append(f"<p>{esc(para)}</p>")
        elif kind == "ol":
            body.append(f'<li value="{number}">{esc(para)}</li>')
        else:
            body.append(f"<li>{esc(para)}</li>")
    if open_list:
        body.append(f"</{open_list}>")

    nav = "\n".join(f'      <li><a href="{href}">{esc(name)}</a></li>' for name, href in _NAV)
    related = "\n".join(
        f'      <li><a href="{href}">{esc(name)}</a></li>' for name, href in _RELATED
    )
    article = "\n      ".join(body)
    year = 2013
    page = f"""<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{SITE} | {esc(page_title)}</title>
  <meta name="description" content="{esc(description)}">
  <meta property="og:title" content="{esc(page_title)}">
  <meta property="og:site_name" content="{SITE}">
  <link rel="stylesheet" href="/assets/css/site.css">
  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"page": "news"}});</script>
</head>
<body class="page-news has-cookie-banner">
  <a class="skip-link" href="#content">Skip to main content</a>
  <div class="cookie-banner" id="cookie-banner">
    <p>We use cookies to make this site work and to understand how you use it.
    <a href="/cookies/">Read about cookies</a></p>
    <button type="button">Accept all cookies</button>
  </div>
  <header class="site-header">
    <a class="logo" href="/">Her Majesty's Inspectorate of Constabulary</a>
    <nav class="main-menu" aria-label="Main menu">
      <ul>
{nav}
      </ul>
    </nav>
    <form class="search" action="/search/"><input name="q" placeholder="Search"></form>
  </header>
  <div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/news/">News</a></div>
  <div class="wrapper">
  <main id="content">
    <article class="news-release">
      {article}
    </article>
    <div class="share-this">Share this page: <a href="#">Twitter</a> <a href="#">Email</a></div>
  </main>
  <aside class="related-links">
    <h2>Related links</h2>
    <ul>
{related}
    </ul>
  </aside>
  </div>
  <footer class="site-footer">
    <ul>
      <li><a href="/accessibility/">Accessibility</a></li>
      <li><a href="/privacy/">Privacy notice</a></li>
      <li><a href="/cookies/">Cookies</a></li>
    </ul>
    <p>&copy; Crown copyright {year}. {SITE}, 6th Floor, Globe House, London.</p>
  </footer>
</body>
</html>
"""
    return page.encode("utf-8")


def _cp1252(text: str) -> str:
    """Keep what the PDF core fonts can show (cp1252: curly quotes, dashes, ellipsis,
    bullet, euro, ...); map the rest to close ASCII, else '?'."""
    try:
        text.encode("cp1252")
        return text
    except UnicodeEncodeError:
        pass
    import unicodedata

    replacements = {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2015": "\u2014",
        "\u2032": "'",
        "\u2033": '"',
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
        "\u2043": "-",
        "\u25cf": "\u2022",
        "\u25aa": "\u2022",
        "\u0141": "L",
        "\u0142": "l",
        "\u0110": "D",
        "\u0111": "d",
        "\u0131": "i",
        "\u0127": "h",
        "\u0126": "H",
    }
    out = []
    for ch in text:
        try:
            ch.encode("cp1252")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        if ch in replacements:
            out.append(replacements[ch])
            continue
        folded = unicodedata.normalize("NFKD", ch)
        folded = "".join(c for c in folded if not unicodedata.combining(c))
        try:
            folded.encode("cp1252")
            out.append(folded or "?")
        except UnicodeEncodeError:
            out.append("?")
    return "".join(out)


def render_pdf(text: str, *, title: str | None = None, created: dt.datetime | None = None) -> bytes:
    """The release as an A4 PDF (core Helvetica font, cp1252): a running header on every
    page, 'Page N of M' in the footer, the title (if given) in bold, then the paragraphs,
    bullet items indented. The PDF has no creation date unless `created` gives one."""
    from fpdf import FPDF

    blocks = _blocks(text)
    heading, blocks = _with_title(blocks, title)

    class _Release(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", "I", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, RUNNING_HEADER, align="R")
            self.ln(12)
            self.set_text_color(0, 0, 0)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", "I", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 8, f"Page {self.page_no()} of {{nb}}", align="C")
            self.set_text_color(0, 0, 0)

    pdf = _Release(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_margins(20, 10, 20)
    pdf.set_auto_page_break(True, margin=22)
    pdf.alias_nb_pages()
    pdf.set_creator("pressroom renditions")
    pdf.set_author(SITE)
    pdf.set_title(_cp1252(heading or (blocks[0][2][:120] if blocks else "Press release")))
    # fpdf2 always writes a creation date (now, unless told otherwise); it is blanked out
    # below, so the rendition carries no date the text does not state.
    pdf.set_creation_date(created or dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    pdf.add_page()
    if heading:
        pdf.set_font("Helvetica", "B", 15)
        pdf.multi_cell(0, 7.5, _cp1252(heading), align="L")
        pdf.ln(5)
    pdf.set_font("Helvetica", size=11)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for index, (kind, number, para) in enumerate(blocks):
        next_kind = blocks[index + 1][0] if index + 1 < len(blocks) else None
        para = _cp1252(para)
        if kind == "ul":
            pdf.set_x(pdf.l_margin + 4)
            pdf.cell(5, 5.5, "\u2022")
            pdf.multi_cell(width - 9, 5.5, para, align="L")
            pdf.ln(1.0 if next_kind == "ul" else 4.0)
        elif kind == "ol":
            pdf.multi_cell(width, 5.5, f"{number}. {para}", align="L")
            pdf.ln(2.5 if next_kind == "ol" else 4.0)
        else:
            pdf.multi_cell(width, 5.5, para, align="L")
            pdf.ln(4.0)
    data = bytes(pdf.output())
    return data if created else _without_creation_date(data)


_CREATION_DATE = re.compile(rb"/CreationDate\s*\(D:[0-9Z+'\-]{0,40}\)")


def _without_creation_date(data: bytes) -> bytes:
    """The PDF with its Info dictionary's /CreationDate replaced by as many spaces (so
    every xref offset stays right): a date the PDF's maker chose is not the release's
    publication date, and the extractor must not be handed one the text does not state."""
    return _CREATION_DATE.sub(lambda m: b" " * len(m.group(0)), data, count=1)
