"""bytes -> Document: detection, HTML chrome removal, PDF paragraphs and errors, encodings."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from extractors import Document, ExtractionError, parse_document
from extractors.detect import detect_format

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"

RELEASE = (
    "HMIC found that the force has improved its service to victims of anti-social "
    "behaviour since 2010, with progress made in every neighbourhood."
)


# --------------------------------------------------------------------------- helpers


def make_pdf(
    pages: list[list[str]],
    *,
    header: str | None = None,
    footer: str | None = "Page {n} of {nb}",
    title: str | None = None,
    encrypt: bool = False,
) -> bytes:
    """A real PDF made with fpdf2: one list of paragraphs per page."""
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("Helvetica", "I", 8)
                self.cell(0, 5, header, align="R")
                self.ln(12)

        def footer(self) -> None:
            if footer:
                self.set_y(-15)
                self.set_font("Helvetica", "I", 8)
                self.cell(0, 8, footer.format(n=self.page_no(), nb="{nb}"), align="C")

    pdf = Doc(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_margins(20, 10, 20)
    pdf.alias_nb_pages()
    if title:
        pdf.set_title(title)
    for paragraphs in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for para in paragraphs:
            pdf.multi_cell(0, 5.5, para, align="L")
            pdf.ln(4)
    if encrypt:
        pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    return bytes(pdf.output())


def words(doc: Document) -> str:
    return " ".join(" ".join(doc.paragraphs).split())


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.4\n...", "application/pdf"),
        (b"\r\n  junk\x00\x01%PDF-1.7\n", "application/pdf"),
        (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "text/html"),
        (b"\xef\xbb\xbf  \n<!doctype html>\n<title>x</title>", "text/html"),
        (b"<html><p>x</p></html>", "text/html"),
        (b"  <p>A paragraph</p>", "text/html"),
        (b"<!-- saved page --><html>", "text/html"),
        ("<!doctype html><p>caf\u00e9</p>".encode("utf-16"), "text/html"),
        (b"Plain press release text.\n\nSecond paragraph.", "text/plain"),
        ("Text \u2019 with \u2013 cp1252".encode("cp1252"), "text/plain"),
        ("UTF-16 text with BOM".encode("utf-16"), "text/plain"),
        ("UTF-16 text without a BOM, little endian".encode("utf-16-le"), "text/plain"),
        ("UTF-16 text without a BOM, big endian".encode("utf-16-be"), "text/plain"),
        (b"3 < 4 and 5 > 2 in plain text", "text/plain"),
    ],
)
def test_detect_format(data: bytes, expected: str) -> None:
    assert detect_format(data) == expected


def test_detection_ignores_the_file_name() -> None:
    pdf = make_pdf([[RELEASE]])
    assert detect_format(pdf, url="https://x.test/release.html", content_type="text/html") == (
        "application/pdf"
    )
    doc = parse_document(b"<!doctype html><p>" + RELEASE.encode() + b"</p>", url="r.pdf")
    assert doc.media_type == "text/html"


def test_hints_choose_between_text_and_html_when_ambiguous() -> None:
    data = b"Release text with a <b>bold</b> tag inside."
    assert detect_format(data) == "text/plain"
    assert detect_format(data, content_type="text/html; charset=utf-8") == "text/html"


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        b"\x89PNG\r\n\x1a\n" + bytes(range(200)),
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(300),
        b"\x00\x01\x02\x03",
    ],
)
def test_binary_junk_is_rejected(data: bytes) -> None:
    with pytest.raises(ExtractionError, match=r"^binary data, not a text, HTML or PDF document \("):
        parse_document(data)


def test_empty_file() -> None:
    with pytest.raises(ExtractionError, match=r"^empty file \(0 bytes\)$"):
        parse_document(b"")


def test_whitespace_only_file() -> None:
    with pytest.raises(ExtractionError, match="no text"):
        parse_document(b" \r\n\t \n")


# --------------------------------------------------------------------------- plain text


def test_cp1252_with_crlf() -> None:
    text = (
        "HMIC\u2019s report \u2013 \u201cA Step in the Right Direction\u201d\r\n"
        "was published today.\r\n\r\n"
        "Second paragraph\u2026 caf\u00e9.\r\n"
    )
    doc = parse_document(text.encode("cp1252"), url="file:///x.txt")
    assert doc.media_type == "text/plain"
    assert doc.title is None
    assert doc.paragraphs == (
        "HMIC\u2019s report \u2013 \u201cA Step in the Right Direction\u201d was published today.",
        "Second paragraph\u2026 caf\u00e9.",
    )
    assert doc.pages == ()


def test_old_mac_line_endings() -> None:
    doc = parse_document(b"one\rtwo\r\rthree")
    assert doc.paragraphs == ("one two", "three")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-8"])
def test_unicode_encodings(encoding: str) -> None:
    text = (
        "Chief Constable S\u00e9amus \u2018Jo\u2019 \u00d3 Briain said:\n\n"
        "\u201cWe welcome it.\u201d"
    )
    doc = parse_document(text.encode(encoding))
    assert doc.media_type == "text/plain"
    assert doc.paragraphs == (
        "Chief Constable S\u00e9amus \u2018Jo\u2019 \u00d3 Briain said:",
        "\u201cWe welcome it.\u201d",
    )


def test_invalid_utf8_does_not_raise() -> None:
    data = b"Valid start \xe2\x80\x99 then broken \xff\xfe\xc3 bytes and more text.\n\nEnd."
    doc = parse_document(data)
    assert doc.paragraphs[-1] == "End."
    assert "Valid start" in doc.paragraphs[0]


def test_truncated_utf8_character_at_the_end() -> None:
    data = ("Caf\u00e9 \u2019 release text. " * 20).encode() + "\u2019".encode()[:2]
    doc = parse_document(data)
    assert doc.paragraphs[0].startswith("Caf\u00e9 \u2019 release")


def test_text_paragraphs_and_list_lines() -> None:
    text = (
        "Title line\n\n"
        "A paragraph that was\nwrapped over   three\nlines.\n\n"
        "HMIC found that the force:\n"
        "  \u2022 is good at preventing crime;\n"
        "  \u2022 requires improvement at\n    investigating crime; and\n"
        "- answers calls quickly.\n\n"
        "Notes to editors\n"
        "1. The report is on the website.\n"
        "2) The press office is open.\n"
    )
    doc = parse_document(text.encode())
    assert doc.paragraphs == (
        "Title line",
        "A paragraph that was wrapped over three lines.",
        "HMIC found that the force:",
        "is good at preventing crime;",
        "requires improvement at investigating crime; and",
        "answers calls quickly.",
        "Notes to editors",
        "1. The report is on the website.",
        "2) The press office is open.",
    )


def test_large_text_is_bounded() -> None:
    para = ("A long line of a very large text file, repeated many times over. " * 4) + "\n"
    data = (para * 2 + "\n").encode() * 100_000  # ~52 MB
    assert len(data) > 50_000_000
    started = time.perf_counter()
    doc = parse_document(data)
    elapsed = time.perf_counter() - started
    assert elapsed < 30
    assert doc.metadata.get("truncated_input") == "true"
    assert len(doc.paragraphs) > 1000


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Force improves service to ASB victims - HMIC</title>
<meta name="description" content="A short description.">
<meta property="og:title" content="Force improves service (OG)">
<meta property="article:published_time" content="2012-06-14T09:00:00Z">
<meta name="DC.date" content="2012-06-14">
<link rel="canonical" href="https://hmic.example/news/asb-2012">
<style>.x{color:red}</style>
<script>var tracking = "SCRIPT TEXT";</script>
</head>
<body class="has-cookie-banner page-news">
<a class="skip-link" href="#main">Skip to main content</a>
<div id="cookie-notice" class="cookie-banner"><p>We use cookies on this site.</p></div>
<header class="site-header"><a href="/">HMIC home</a>
<nav><ul><li><a href="/news">News menu item</a></li><li>Publications menu item</li></ul></nav>
</header>
<div class="breadcrumbs"><a href="/">Home</a> &gt; News crumb</div>
<div class="content-with-sidebar">
<main id="main">
<article class="release">
<h1>Force improves the service to <em>ASB</em> victims</h1>
<p class="meta">Published <time datetime="2012-06-14">14 June 2012</time></p>
<p>HMIC found that the force has improved its service.</p>
<p>The force:</p>
<ul><li>is good at preventing crime;</li><li>requires improvement at investigating.</li></ul>
<blockquote><p>\u201cWe welcome the report,\u201d said the Chief Constable.</p></blockquote>
<div>Direct text in a div.<p>Nested paragraph.</p>Tail text of the div.</div>
<table><tr><th>Area</th><td>Judgement cell</td></tr></table>
<h2>Notes to editors</h2>
<ol><li>The report is online.</li><li>Call 0300 071 6994.</li></ol>
<div class="share-buttons">Share this on Twitter</div>
<form action="/subscribe"><label>Subscribe to our newsletter</label></form>
<noscript>Please enable JavaScript</noscript>
</article>
</main>
<aside class="sidebar"><h2>Related links</h2><ul><li>Kent Police news</li></ul></aside>
<div class="related-content">More from Dorset Police</div>
</div>
<footer><p>\u00a9 Crown copyright 2013. Footer text.</p></footer>
</body></html>
"""


def test_html_article_kept_and_chrome_dropped() -> None:
    doc = parse_document(PAGE.encode("utf-8"), url="https://hmic.example/news/asb-2012")
    assert doc.media_type == "text/html"
    assert doc.paragraphs == (
        "Force improves the service to ASB victims",
        "Published 14 June 2012",
        "HMIC found that the force has improved its service.",
        "The force:",
        "is good at preventing crime;",
        "requires improvement at investigating.",
        "\u201cWe welcome the report,\u201d said the Chief Constable.",
        "Direct text in a div.",
        "Nested paragraph.",
        "Tail text of the div.",
        "Area",
        "Judgement cell",
        "Notes to editors",
        "1. The report is online.",
        "2. Call 0300 071 6994.",
    )
    text = doc.text
    for chrome in (
        "cookies",
        "menu item",
        "Skip to",
        "crumb",
        "Kent Police",
        "Dorset Police",
        "Footer text",
        "Share this",
        "newsletter",
        "SCRIPT TEXT",
        "JavaScript",
        "color:red",
    ):
        assert chrome not in text
    assert doc.title == "Force improves the service to ASB victims"
    assert doc.metadata["html_title"] == "Force improves service to ASB victims - HMIC"
    assert doc.metadata["og:title"] == "Force improves service (OG)"
    assert doc.metadata["description"] == "A short description."
    assert doc.metadata["article:published_time"] == "2012-06-14T09:00:00Z"
    assert doc.metadata["dc.date"] == "2012-06-14"
    assert doc.metadata["time"] == "2012-06-14"
    assert doc.metadata["canonical"] == "https://hmic.example/news/asb-2012"
    assert doc.pages == ()


def test_html_without_article_element_uses_body_minus_chrome() -> None:
    page = (
        "<html><head><title>Release title | HMIC</title></head><body>"
        "<div id='menu'><a>Home</a> <a>News</a></div>"
        "<div id='nav-bar'>Navigation</div>"
        "<div class='text'><p>First paragraph of the release.</p>"
        "<p>Second <b>bold</b> paragraph<br>with a line break.</p></div>"
        "<div role='contentinfo'>Contact details footer</div>"
        "</body></html>"
    )
    doc = parse_document(page.encode())
    assert doc.paragraphs == (
        "First paragraph of the release.",
        "Second bold paragraph with a line break.",
    )
    assert doc.title == "Release title"


def test_html_title_fallbacks() -> None:
    og = "<html><head><meta property='og:title' content='OG title'><title>T</title></head>"
    doc = parse_document((og + "<body><p>Text.</p></body></html>").encode())
    assert doc.title == "OG title"
    doc = parse_document(b"<html><head><title>Just a title</title></head><p>Text.</p></html>")
    assert doc.title == "Just a title"


def test_html_article_whose_class_mentions_chrome_words_is_kept() -> None:
    page = (
        "<html><body class='has-cookie-banner with-sidebar'>"
        "<div class='page-wrapper sidebar-layout'><div class='main-content share-enabled'>"
        f"<p>{RELEASE}</p><p>{RELEASE}</p></div>"
        "<div class='sidebar'><p>Sidebar text</p></div></div></body></html>"
    )
    doc = parse_document(page.encode())
    assert doc.paragraphs == (RELEASE, RELEASE)


def test_html_double_br_splits_paragraphs() -> None:
    doc = parse_document(b"<html><body><div>First part<br><br>Second part<br>same</div></html>")
    assert doc.paragraphs == ("First part", "Second part same")


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (
            "<html><head><meta charset='windows-1252'></head><p>It\u2019s \u2013 ok</p>".encode(
                "cp1252"
            ),
            None,
        ),
        ("<html><p>It\u2019s \u2013 ok</p></html>".encode("cp1252"), "text/html; charset=cp1252"),
        ("<html><p>It\u2019s \u2013 ok</p></html>".encode("cp1252"), None),
        ("<html><p>It\u2019s \u2013 ok</p></html>".encode("utf-16"), None),
        ("\ufeff<html><p>It\u2019s \u2013 ok</p></html>".encode(), "text/html; charset=latin-1"),
        (
            "<html><head><meta http-equiv='Content-Type' content='text/html; charset=utf-8'>"
            "</head><p>It\u2019s \u2013 ok</p></html>".encode(),
            None,
        ),
    ],
)
def test_html_encodings(data: bytes, content_type: str | None) -> None:
    doc = parse_document(data, content_type=content_type)
    assert doc.paragraphs == ("It\u2019s \u2013 ok",)


def test_deeply_nested_html_is_fast_and_does_not_recurse() -> None:
    depth = 100_000
    page = b"<html><body>" + b"<div>" * depth + b"deep text" + b"</div>" * depth
    page += b"<p>after the divs</p></body></html>"
    started = time.perf_counter()
    doc = parse_document(page)
    assert time.perf_counter() - started < 15
    assert "deep text" in doc.paragraphs
    assert doc.paragraphs[-1] == "after the divs"


def test_deeply_nested_unclosed_tags() -> None:
    page = b"<html><body>" + b"<span><b><i>" * 30_000 + b"text</body></html>"
    started = time.perf_counter()
    doc = parse_document(page)
    assert time.perf_counter() - started < 15
    assert doc.paragraphs == ("text",)


def test_html_with_only_chrome() -> None:
    with pytest.raises(ExtractionError, match="HTML page has no readable text"):
        parse_document(b"<html><body><script>var x = 1;</script></body></html>")


# --------------------------------------------------------------------------- PDF


def test_pdf_paragraphs_headers_footers_and_page_numbers() -> None:
    sentences = [
        "Victims were more satisfied with how the police dealt with their report.",
        "The force answers most emergency calls within the target time.",
        "Neighbourhood officers knew the problems in their areas well.",
        "Supervisors did not always review investigations promptly.",
        "Repeat and vulnerable victims were identified consistently.",
        "The call handlers focused on the needs of each caller.",
        "More analysis helped to identify hotspots for extra patrols.",
        "Chief officers made it clear that this is a priority for everyone.",
        "Some crimes were recorded late, or not at all, the inspection found.",
    ]
    body = [
        [
            f"Page {page + 1}, paragraph {k + 1}. "
            + " ".join(sentences[(page * 3 + k + j) % 9] for j in range(3 + 2 * k))
            for k in range(3)
        ]
        for page in range(3)
    ]
    pdf = make_pdf(body, header="HMIC press release 2012", title="ASB victims report")
    doc = parse_document(pdf, url="release.pdf")
    assert doc.media_type == "application/pdf"
    expected = tuple(p for page in body for p in page)
    assert doc.paragraphs == expected
    assert doc.pages == (1, 1, 1, 2, 2, 2, 3, 3, 3)
    assert "HMIC press release" not in doc.text
    assert "of 3" not in doc.text
    assert doc.title == "ASB victims report"
    assert doc.metadata["pdf:Title"] == "ASB victims report"
    assert doc.metadata["pdf:CreationDate"][:4].isdigit()


@pytest.mark.parametrize("footer", ["{n}", "- {n} -", "Page {n}"])
def test_pdf_page_number_styles(footer: str) -> None:
    pdf = make_pdf([[RELEASE], ["Two. " + RELEASE]], footer=footer)
    doc = parse_document(pdf)
    assert doc.paragraphs == (RELEASE, "Two. " + RELEASE)


def test_pdf_single_page_with_running_header() -> None:
    pdf = make_pdf([[RELEASE, "Second paragraph."]], header="HMIC press release")
    doc = parse_document(pdf)
    assert doc.paragraphs == (RELEASE, "Second paragraph.")
    assert doc.pages == (1, 1)


def test_pdf_wrapped_lines_hyphens_and_cp1252() -> None:
    para = (
        "The force\u2019s \u201canti-social behaviour\u201d work \u2013 well-established "
        "and long-standing \u2013 was found to be effective\u2026 " * 6
    ).strip()
    doc = parse_document(make_pdf([[para]]))
    assert doc.paragraphs == (para,)


def test_pdf_title_metadata_is_ignored_when_meaningless() -> None:
    doc = parse_document(make_pdf([[RELEASE]], title="Microsoft Word - release.docx"))
    assert doc.title is None
    assert doc.metadata["pdf:Title"] == "Microsoft Word - release.docx"


def test_encrypted_pdf() -> None:
    pdf = make_pdf([[RELEASE]], encrypt=True)
    with pytest.raises(ExtractionError, match=r"^encrypted PDF, no password$"):
        parse_document(pdf)


def test_encrypted_pdf_from_the_corpus() -> None:
    path = CORPORA / "pdf" / "password-example.pdf"
    if not path.exists():
        pytest.skip("corpus not present")
    with pytest.raises(ExtractionError, match=r"^encrypted PDF, no password$"):
        parse_document(path.read_bytes())


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.9])
def test_truncated_pdf(fraction: float) -> None:
    pdf = make_pdf([[RELEASE] * 5] * 3)
    with pytest.raises(ExtractionError, match=r"^corrupt or truncated PDF: "):
        parse_document(pdf[: int(len(pdf) * fraction)])


def test_corrupt_pdf() -> None:
    pdf = make_pdf([[RELEASE]])
    middle = len(pdf) // 3
    corrupt = pdf[:middle] + bytes(range(256)) * 4 + pdf[middle + 1024 :]
    try:
        doc = parse_document(corrupt)
    except ExtractionError as exc:
        assert str(exc).startswith(("corrupt or truncated PDF: ", "PDF has no extractable"))
    else:
        assert isinstance(doc, Document)
    with pytest.raises(ExtractionError, match=r"^corrupt or truncated PDF: "):
        parse_document(b"%PDF-1.4\n%%EOF\n")


def test_pdf_without_text() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")
    with pytest.raises(ExtractionError, match=r"^PDF has no extractable text \(scanned image\?\)$"):
        parse_document(bytes(pdf.output()))


def test_pdf_after_leading_junk() -> None:
    pdf = make_pdf([[RELEASE]])
    doc = parse_document(b"\r\n\xef\xbb\xbf  " + pdf)
    assert doc.paragraphs == (RELEASE,)


# --------------------------------------------------------------------------- other renderers
# The same release as another press office or CMS would render it: the paragraphs must
# come out as they do from the plain text.

LISTED_RELEASE = (
    "HMIC judged that the force:\n"
    "\u2022 is \u2018good\u2019 at keeping people safe;\n"
    "\u2022 is \u2018requires improvement\u2019 at reducing crime; and\n"
    "1. is \u2018good\u2019 at planning for the future.\n"
    "\n"
    "HM Inspector of Constabulary Zoe Billingham said:\n"
    "\u201cThe force has made progress.\u201d\n"
)


def test_html_br_lines_and_pre_read_as_plain_text() -> None:
    import html as html_lib

    expected = parse_document(LISTED_RELEASE.encode()).paragraphs
    assert len(expected) == 5
    lines = [html_lib.escape(line) for line in LISTED_RELEASE.split("\n")]
    br_div = f"<html><body><div>{'<br>'.join(lines)}</div></body></html>"
    br_td = f"<table><tr><td><font size=2>{'<br />'.join(lines)}</font></td></tr></table>"
    pre = f"<html><body><pre>{html_lib.escape(LISTED_RELEASE)}</pre></body></html>"
    for page in (br_div, br_td, pre):
        assert parse_document(page.encode()).paragraphs == expected


CHROMIUM = shutil.which("chromium")
BROWSER_RELEASE = [
    "Cheshire Constabulary is good at keeping people safe",
    "Inspectors found that Cheshire Constabulary:",
    [
        "is \u2018good\u2019 in effectively reducing crime and keeping people safe;",
        "is \u2018good\u2019 in operating efficiently; and",
        "is \u2018good\u2019 in the way it treats the public and its workforce.",
    ],
    "The full report can be found at www.hmic.gov.uk",
    ("1.", "The inspection took place in 2018."),
    ("2.", "HMIC also published reports today on other forces."),
] + [f"Finding {chr(65 + i)}: {RELEASE}" for i in range(26)]  # onto a second page, at least


@pytest.fixture(scope="module")
def browser_printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The release as a page printed to PDF by Chromium, with and without its header and
    footer (date and time, page title, file:// address, '1/2')."""
    import html as html_lib
    import subprocess

    body = []
    for block in BROWSER_RELEASE:
        if isinstance(block, list):
            body.append("<ul>" + "".join(f"<li>{html_lib.escape(b)}</li>" for b in block) + "</ul>")
        elif isinstance(block, tuple):
            body.append(f'<ol start="{block[0][:-1]}"><li>{html_lib.escape(block[1])}</li></ol>')
        else:
            body.append(f"<p>{html_lib.escape(block)}</p>")
    page = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Cheshire Constabulary is good"
        f" at keeping people safe - HMICFRS</title></head><body>{''.join(body)}</body></html>"
    )
    folder = tmp_path_factory.mktemp("chromium")
    source = folder / "release.html"
    source.write_text(page, "utf-8")
    out = {}
    for name, extra in (("with", []), ("without", ["--no-pdf-header-footer"])):
        target = folder / f"{name}.pdf"
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                f"--print-to-pdf={target}",
                *extra,
                source.as_uri(),
            ],
            capture_output=True,
            timeout=60,
            check=False,
        )
        out[name] = target.read_bytes()
    return out


def _browser_expected() -> list[str]:
    expected: list[str] = []
    for block in BROWSER_RELEASE:
        if isinstance(block, list):
            expected += block
        elif isinstance(block, tuple):
            expected.append(" ".join(block))
        else:
            expected.append(block)
    return expected


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed")
@pytest.mark.parametrize("variant", ["with", "without"])
def test_pdf_printed_by_a_browser(browser_printed: dict[str, bytes], variant: str) -> None:
    doc = parse_document(browser_printed[variant])
    # How many pages one browser version makes of it is its own affair: what matters is
    # that the release crosses a page break and reads as one text all the same.
    assert int(doc.metadata["pdf:pages"]) >= 2
    # No print header or footer lines; list items whose bullets are drawn shapes are
    # paragraphs of their own; "2." after a line ending in an address starts an item.
    assert list(doc.paragraphs) == _browser_expected()
    # The PDF's title is the page's <title>, whose site name is not part of the headline.
    assert doc.title == "Cheshire Constabulary is good at keeping people safe"


def test_html_generic_page_title_is_no_headline() -> None:
    page = b"<html><head><title>News release - HMICFRS</title></head><body><p>x</p></body>"
    assert parse_document(page).title is None
    page = b"<html><head><title>Forces told to improve - HMICFRS</title></head><p>x</p>"
    assert parse_document(page).title == "Forces told to improve"


def test_html_main_text_keeps_headline_dateline_and_structure() -> None:
    lead = "HMIC found that the force has improved its service to victims of crime. " * 4
    page = (
        "<html><body><div class='layout'><h1>Force improves<br>its service</h1>"
        "<div class='byline'>Published 14<br>June 2012</div>"
        f"<p>{lead}</p><p>First line<br>second line<br><br>Own paragraph</p>"
        "<p>Forces graded good:</p>"
        "<ol start='3'><li>Kent Police</li><li value='7'>Surrey Police</li></ol>"
        "<table><tr><th>Force</th><td>Grade</td></tr></table></div>"
        "<div id='secondary' class='widget-area'><h2>Latest news</h2><ul>"
        "<li><a href='/a'>Another force is good at keeping people safe</a></li></ul></div>"
        "</body></html>"
    )
    doc = parse_document(page.encode())
    assert doc.title == "Force improves its service"
    assert doc.paragraphs == (
        "Force improves its service",
        "Published 14 June 2012",
        lead.strip(),
        "First line second line",
        "Own paragraph",
        "Forces graded good:",
        "3. Kent Police",
        "7. Surrey Police",
        "Force",
        "Grade",
    )
