"""PDF: text per page with pdfplumber, paragraphs rebuilt from line geometry, running
headers, footers and page numbers removed."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from .detect import PDF, find_pdf_magic
from .inflate import budget_exceeded, inflate_budget
from .patterns import DATE, REFERENCE_PREFIX, strip_site_suffix
from .records import Document, ExtractionError

# Pages beyond this are not read (metadata['truncated_input'] = 'true'); a press release
# has a handful, and pdfplumber reads ~10-20 pages a second.
MAX_PAGES = 300
# The top / bottom fraction of a page where running headers and footers live.
MARGIN_ZONE = 0.07
# Lines per page edge considered as header / footer candidates.
EDGE_LINES = 3

_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|pg\.?|seite|pagina)\s*)?[-\u2013\u2014\s(\[]*"
    r"\d{1,4}(?:\s*(?:of|/|\bfrom\b)\s*\d{1,4})?[-\u2013\u2014\s)\]]*$",
    re.IGNORECASE,
)
_ROMAN_PAGE = re.compile(r"^[-\u2013\u2014\s]*[ivxlc]{1,6}[-\u2013\u2014\s]*$", re.IGNORECASE)
_BULLET = re.compile(
    r"^[\u2022\u2023\u25aa\u25cf\u25e6\u2043\u2219\u00b7\u25a0\u25a1\uf0b7\uf0a7]\s*"
)
_NUMBERED = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-z][.)])\s+\S", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
# The Creator / Producer of a page printed to PDF by a web browser.
_BROWSER = re.compile(r"Mozilla/|Chrom(?:e|ium)|Firefox|Safari/|Skia/PDF|Edg/", re.IGNORECASE)
# How a sentence, or an item of a list, ends ("...; and").
_ENDS_ITEM = re.compile(r"(?:[.:;!?)]|[.!?][\"\u201d\u2019']|;\s+(?:and|or))$")
# What a browser prints in the page margins: the date and time of printing (with the page
# title after it), and the page's address (with "1/2" or "Page 1 of 2" after it).
_PRINT_STAMP = re.compile(
    r"^(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"|\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?,?\s+\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})(?:\s|$)",
    re.IGNORECASE,
)
_PRINT_ADDRESS = re.compile(
    r"^(?:(?:file|https?|about|data|blob):\S*|www\.\S+)"
    r"(?:\s+(?:page\s+)?\d{1,4}\s*(?:/|of)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_PDF_DATE = re.compile(
    r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(Z|[+-]\d{2}'?\d{2}'?|[+-]\d{2})?"
)
_MEANINGLESS_TITLE = re.compile(
    r"^(?:untitled|title|document\d*|microsoft word\b.*|.*\.(?:docx?|pdf|rtf|odt|indd|qxd)"
    r"|slide \d+|powerpoint presentation|press release|news release)$",
    re.IGNORECASE,
)


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    page: int  # 1-based
    page_height: float
    marked: bool = False  # a drawn bullet just before it: it starts a list item
    # Part of the first page's letterhead: page chrome, left out of the paragraphs (but
    # its lines still count in the page's line spacing, as they did before it was known).
    letterhead: bool = False
    # The site's header printed with a web page (cookie notice, logo, menu, search,
    # breadcrumbs): page chrome, left out of the paragraphs likewise.
    site_chrome: bool = False


def _mark_items(lines: list[_Line], marks: list[tuple[float, float, float, float]]) -> None:
    """Flag the lines a drawn bullet stands before (to the left, within the line's
    height, no further than a few characters away)."""
    if not marks or len(marks) > 500:
        return
    for line in lines:
        height = line.bottom - line.top
        if height <= 0:
            continue
        for _x0, top, x1, bottom in marks:
            middle = (top + bottom) / 2
            if (
                line.top <= middle <= line.bottom
                and x1 <= line.x0 + 0.5
                and line.x0 - x1 <= 2.5 * height
                and bottom - top <= 0.8 * height
            ):
                line.marked = True
                break


def _pdf_date(value: str) -> str | None:
    match = _PDF_DATE.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, tz = match.groups()
    try:
        if hour is None:
            return dt.date(int(year), int(month or 1), int(day or 1)).isoformat()
        tzinfo = None
        if tz:
            if tz == "Z":
                tzinfo = dt.UTC
            else:
                digits = tz.replace("'", "")
                sign = -1 if digits[0] == "-" else 1
                hours = int(digits[1:3])
                minutes = int(digits[3:5]) if len(digits) >= 5 else 0
                tzinfo = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
        stamp = dt.datetime(
            int(year),
            int(month or 1),
            int(day or 1),
            int(hour),
            int(minute or 0),
            int(second or 0),
            tzinfo=tzinfo,
        )
        return stamp.isoformat()
    except (ValueError, OverflowError):
        return None


def _meta_str(value: object) -> str:
    if isinstance(value, bytes):
        try:
            from pdfminer.utils import decode_text

            value = decode_text(value)
        except Exception:
            value = value.decode("latin-1", "replace")
    elif isinstance(value, list | tuple):
        value = " ".join(_meta_str(v) for v in value)
    elif not isinstance(value, str):
        name = getattr(value, "name", None)
        value = str(name) if name is not None else str(value)
    return " ".join(str(value).replace("\x00", "").split())


def _pdf_metadata(info: dict) -> dict[str, str]:
    metadata: dict[str, str] = {}
    for key in ("Title", "Author", "Subject", "Keywords", "Creator", "Producer"):
        if key in info:
            value = _meta_str(info[key])
            if value:
                metadata[f"pdf:{key}"] = value[:1000]
    for key in ("CreationDate", "ModDate"):
        if key in info:
            raw = _meta_str(info[key])
            if raw:
                metadata[f"pdf:{key}"] = _pdf_date(raw) or raw[:100]
    return metadata


def _meaningful_title(title: str | None) -> str | None:
    if not title:
        return None
    title = title.strip()
    if len(title) < 3 or not re.search(r"[^\W\d_]{2}", title):
        return None
    if _MEANINGLESS_TITLE.match(title):
        return None
    return title


def _edge_key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text) or _ROMAN_PAGE.match(text))


def _remove_chrome(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Drop running headers/footers (same text, digits ignored, at the top or bottom of most
    pages) and page numbers in the top or bottom lines of a page."""
    n = len([p for p in pages if p])
    counts: Counter[str] = Counter()
    for lines in pages:
        edges = {_edge_key(ln.text) for ln in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}
        counts.update(edges)
    repeated: set[str] = set()
    if n >= 2:
        threshold = max(2, (n + 1) // 2) if n > 2 else 2
        repeated = {key for key, c in counts.items() if c >= threshold and key.strip("# ")}
    # The heights each repeated edge line is printed at.
    positions: dict[str, list[float]] = {key: [] for key in repeated}
    for lines in pages:
        for ln in lines[:EDGE_LINES] + lines[-EDGE_LINES:]:
            key = _edge_key(ln.text)
            if key in positions:
                positions[key].append(ln.top)
        # Also page-number-like keys such as "page # of #" when numbers differ.
    body_height = statistics.median([ln.bottom - ln.top for p in pages for ln in p] or [10.0])

    def chrome(lines: list[_Line], i: int) -> bool:
        line = lines[i]
        if _is_page_number(line.text):
            return True
        if _in_margin(line) and _printed_by_browser(line.text):
            return True
        key = _edge_key(line.text)
        if key in repeated and all(abs(top - line.top) <= 1.0 for top in positions[key]):
            # At the very same height on every page it is on: a running header or footer,
            # however close the body text comes to it.
            return True
        if key in repeated:
            # A running header/footer stands apart from the body text (or from another
            # repeated line); a repeated line that flows with the body is body text.
            inward = i + 1 if i < len(lines) / 2 else i - 1
            if 0 <= inward < len(lines) and _edge_key(lines[inward].text) in repeated:
                return True
            return len(lines) == 1 or _separated(lines, i)
        return (
            n == 1
            and (i == 0 or i == len(lines) - 1)
            and len(line.text) <= 60
            and line.bottom - line.top <= body_height + 0.5
            and _in_margin(line)
            and _separated(lines, i)
        )

    cleaned: list[list[_Line]] = []
    for lines in pages:
        # Peel chrome lines off the top and the bottom edge, stopping at the first line of
        # body text (so a repeated line in the middle of a page is never dropped).
        first = 0
        while first < min(EDGE_LINES, len(lines)) and chrome(lines, first):
            first += 1
        last = len(lines)
        while last > max(first, len(lines) - EDGE_LINES) and chrome(lines, last - 1):
            last -= 1
        if not any(cleaned):
            _mark_letterhead(lines[first:last], body_height)
        cleaned.append(lines[first:last])
    return cleaned


# A letterhead is a few lines; it ends within the top of the page.
LETTERHEAD_LINES = 6
LETTERHEAD_ZONE = 0.22


def _mark_letterhead(lines: list[_Line], body_height: float) -> None:
    """Flag the first page's letterhead: a block of a few lines at the top of the
    page in small type (none bigger than the body's, some smaller: the sender's name and
    address), set apart from what follows by a gap, and printed on this page only (a
    letterhead repeated on every page is a running header, removed as such). The lines
    of the block that give a date or a reference stay: they are the release's."""
    if len(lines) < 3:
        return
    page_height = lines[0].page_height or 842.0
    end = 0  # lines[:end] is the block
    for i in range(min(LETTERHEAD_LINES, len(lines) - 1)):
        line, after = lines[i], lines[i + 1]
        if line.bottom > LETTERHEAD_ZONE * page_height:
            break
        height = max(line.bottom - line.top, after.bottom - after.top, 1.0)
        if after.top - line.bottom > height:
            end = i + 1  # set apart from the next line: the block ends here
            break
    if not end:
        return
    block = lines[:end]
    heights = [ln.bottom - ln.top for ln in block]
    if max(heights) > 1.1 * body_height or min(heights) >= 0.9 * body_height:
        return
    if any(_is_page_number(ln.text) for ln in block):
        return
    for line in block:
        line.letterhead = not (DATE.search(line.text) or REFERENCE_PREFIX.match(line.text))


def _printed_by_browser(text: str) -> bool:
    """A browser's print header or footer: the time of printing (and the page title), or
    the page's address (and the page number)."""
    text = " ".join(text.split())
    return bool(_PRINT_STAMP.match(text) or _PRINT_ADDRESS.match(text))


def _in_margin(line: _Line) -> bool:
    h = line.page_height or 842.0
    return line.bottom <= MARGIN_ZONE * h or line.top >= (1 - MARGIN_ZONE) * h


def _separated(lines: list[_Line], i: int) -> bool:
    """True when line i stands apart from its inward neighbour (the next line for a line
    in the top half of the list, the previous one otherwise) by more than a line gap."""
    line = lines[i]
    inward = i + 1 if i < len(lines) / 2 else i - 1
    if not 0 <= inward < len(lines) or inward == i:
        return False
    neighbour = lines[inward]
    height = max(line.bottom - line.top, neighbour.bottom - neighbour.top, 1.0)
    if neighbour.top >= line.top:
        gap = neighbour.top - line.bottom
    else:
        gap = line.top - neighbour.bottom
    return gap > 0.8 * height


_COOKIES = re.compile(r"\bcookies?\b", re.IGNORECASE)
# A page's header holds at most this many lines before its article.
SITE_HEADER_LINES = 40


def _link_boxes(page: object) -> list[tuple[float, float, float, float]]:
    """The page's link areas (x0, top, x1, bottom): where a browser printed an <a>."""
    boxes = []
    try:
        for annot in page.annots or []:
            if annot.get("uri") or str(annot.get("data", {}).get("Subtype", "")).endswith("Link"):
                boxes.append((annot["x0"], annot["top"], annot["x1"], annot["bottom"]))
    except Exception:
        return []
    return boxes[:500]


def _is_link(line: _Line, links: list[tuple[float, float, float, float]]) -> bool:
    """Most of the line lies in link areas."""
    width = line.x1 - line.x0
    if width <= 0:
        return False
    middle = (line.top + line.bottom) / 2
    covered = 0.0
    for x0, top, x1, bottom in links:
        if top <= middle <= bottom:
            covered += max(0.0, min(x1, line.x1) - max(x0, line.x0))
    return covered >= 0.6 * width


def _mark_site_chrome(pages: list[list[_Line]], page_links: dict[int, list]) -> None:
    """Flag the site's header and its closing links on a web page printed by a browser."""
    heights = sorted(ln.bottom - ln.top for p in pages for ln in p)
    if not heights:
        return
    body = heights[len(heights) // 2]
    filled = [p for p in pages if p]
    if filled:
        _mark_site_header(filled[0], page_links.get(filled[0][0].page, []), body)
        # The closing links may begin at the foot of the page before the last.
        tail = [ln for p in filled[-2:] for ln in p]
        _mark_site_footer(tail, {ln.page: page_links.get(ln.page, []) for ln in tail}, body)


# The heading of the links a page closes with, beside or after its article: not the
# article's ("Related documents" lists the reports it publishes).
_ASIDE_HEADING = re.compile(
    r"^(?:related(?:\s+(?:content|links|news|articles|stories|pages))?|more\s+news|"
    r"other\s+news|latest\s+news|you\s+may\s+also\s+(?:like|be\s+interested\s+in)|"
    r"see\s+also|further\s+reading|share\s+this(?:\s+page)?)\s*:?$",
    re.IGNORECASE,
)


def _is_label(text: str) -> bool:
    """A short label (a menu item, a button, a copyright line), not a sentence."""
    label = re.sub(r"^\d{1,2}[.)]\s+", "", text)
    return (
        len(text.split()) <= 5
        and len(label) <= 40
        and not label.endswith((".", "!", "?", ":"))
        and not _PAGE_NUMBER.match(text)
    )


def _mark_site_footer(lines: list[_Line], links: dict[int, list], body: float) -> None:
    """Flag the links a printed web page closes with, after its article: a block at the
    end of the last page of link lines (a "Related content" list, the footer's links) and
    short labels ("© Crown copyright"), from its heading ("Related content") or its first
    link on. Two links at least; a heading that names the article's documents stops it."""
    start = len(lines)
    links_seen = 0
    top = len(lines)  # the block's first heading-or-link line
    for i in range(len(lines) - 1, max(-1, len(lines) - SITE_HEADER_LINES), -1):
        line = lines[i]
        text = " ".join(line.text.split())
        if line.bottom - line.top > 1.2 * body:
            if _ASIDE_HEADING.match(text):
                top = i
            break
        if _is_link(line, links[line.page]) and len(text.split()) <= 12:
            links_seen += 1
            top = i
        elif not _is_label(text):
            break
        start = i
    if links_seen < 2 or top >= len(lines) or top == 0 and start == 0 and len(lines) < 3:
        return
    for line in lines[top:]:
        line.site_chrome = True


def _mark_site_header(lines: list[_Line], links: list, body: float) -> None:
    """Flag the site's header on the first page of a web page printed by a browser: the
    lines before the article that a reader skips. They are links (the logo, the menu,
    the breadcrumbs' trail), a cookie notice and its buttons, or short labels (a search
    box, the breadcrumbs' last step), and they stop at the headline (type bigger than
    the body's) or at the first line of ordinary text. Only a header that holds links or
    a cookie notice (two lines at least) is one."""
    if len(lines) < 3:
        return
    end = 0
    evidence = 0
    cookie = False
    previous: _Line | None = None
    for line in lines[:SITE_HEADER_LINES]:
        text = " ".join(line.text.split())
        height = line.bottom - line.top
        if height > 1.2 * body:
            break  # the headline
        tight = previous is not None and line.top - previous.bottom <= 0.5 * height
        if _COOKIES.search(text) or (cookie and tight):
            cookie = True
            evidence += 1
        elif _is_link(line, links):
            cookie = False
            evidence += 1
        else:
            cookie = False
            if not _is_label(text):
                break
        end += 1
        previous = line
    if evidence < 2 or end >= len(lines):
        return
    for line in lines[:end]:
        line.site_chrome = not DATE.search(line.text)


def _starts_item(text: str, line: _Line | None = None, before: str | None = None) -> bool:
    """A bullet character; or a drawn bullet when the text before ended a sentence, an
    item or a list's lead-in (a menu's or a link list's items, with nothing to end them,
    stay together as they are read without the bullets)."""
    if _BULLET.match(text):
        return True
    return line is not None and line.marked and bool(_ENDS_ITEM.search(before or ""))


def _join(previous: str, line: str) -> str:
    if previous.endswith("\u00ad"):
        return previous[:-1] + line
    if len(previous) >= 2 and previous[-1] == "-" and previous[-2].isalnum() and line[:1].isalnum():
        return previous + line  # "anti-" + "social": keep the hyphen, no space
    last_token = previous.rsplit(" ", 1)[-1]
    if ("://" in last_token or last_token.startswith("www.")) and line[:1] not in ("", " "):
        first = line.split(" ", 1)[0]
        if first[:1].islower() or first[:1].isdigit() or first[:1] in "/?&=#%_.-+~:;@!$*,":
            return previous + line  # a URL broken across lines
    return previous + " " + line


def _room_for(previous: _Line, text: str, line: _Line, right: float) -> bool:
    """True when the first word of `line` (whose text is `text`) would have fitted at the
    end of `previous`, before the page's right edge: wrapping text would have put it
    there, so `previous` ended its paragraph."""
    words = text.split()
    width = line.x1 - line.x0
    if not words or width <= 0:
        return False
    per_char = width / len(text)
    return right - previous.x1 > (len(words[0]) + 1.5) * per_char


def _paragraphs(pages: list[list[_Line]]) -> tuple[list[str], list[int]]:
    paragraphs: list[str] = []
    para_pages: list[int] = []
    # Typical gap between the lines of one paragraph (a low percentile of all gaps, since
    # in one-line-paragraph documents most gaps are paragraph gaps) and line height.
    gaps: list[float] = []
    heights: list[float] = []
    for lines in pages:
        for a, b in zip(lines, lines[1:], strict=False):
            gap = b.top - a.bottom
            if -1 < gap < 3 * max(a.bottom - a.top, 1):
                gaps.append(max(gap, 0.0))
        heights.extend(ln.bottom - ln.top for ln in lines)
    height = statistics.median(heights) if heights else 10.0
    gaps.sort()
    line_gap = gaps[len(gaps) // 5] if gaps else 0.3 * height
    band = max(0.45 * height, 2.0)
    if len(gaps) < 8:
        # Too few lines to learn from: assume ordinary leading.
        line_gap = min(line_gap, 0.5 * height)
    elif line_gap > 0.9 * height and line_gap - gaps[0] > band:
        # A "line gap" as tall as a line: most paragraphs are one line (a publication
        # page: title, grade, "Published on", short headings), so the percentile is a
        # paragraph gap. The lines of the few wrapped paragraphs give the line gap (not a
        # stray gap of next to nothing: overlapping lines, a superscript).
        lower = [g for g in gaps if g - gaps[0] <= band and g >= 0.15 * height]
        if lower:
            line_gap = max(lower)
    # All gaps alike: they cannot tell line from paragraph (a page of one-line paragraphs,
    # or one paragraph), so a line that stops short of where the next line's first word
    # would have fitted ends its paragraph.
    uniform = len(gaps) >= 8 and gaps[-1] - gaps[0] <= band
    para_gap = line_gap + band
    current: str | None = None
    current_page = 0
    previous: _Line | None = None
    previous_page_right = 0.0
    for lines in pages:
        page_right = max((ln.x1 for ln in lines), default=0.0)
        page_left = min((ln.x0 for ln in lines), default=0.0)
        # The right edge of the lines that start where each line starts or further left
        # (the text column): at most as far as a line there could have run.
        column_right = [max(other.x1 for other in lines if other.x0 <= ln.x0 + 2.0) for ln in lines]
        for index, line in enumerate(lines):
            text = " ".join(line.text.split())
            if not text or line.letterhead or line.site_chrome:
                continue
            new_para = current is None
            if not new_para and previous is not None and index == 0:
                # First line of a page: continue the paragraph from the previous page if
                # that page's last line ran to the right edge (a wrapped line), or if the
                # paragraph has no end punctuation and this line starts in lower case.
                full = previous.x1 >= page_left + 0.85 * (previous_page_right - page_left)
                ended = (current or "").rstrip()[-1:] in '.!?:;"\u201d\u2019)'
                last_token = (current or "").rsplit(" ", 1)[-1]
                if (current or "").endswith(":") and text.startswith(("http", "www.")):
                    new_para = False  # "URL:" with the address wrapped onto the next page
                elif ended or ("://" in last_token and not text[:1].islower()):
                    new_para = True
                elif text[:1].islower():
                    new_para = False
                else:
                    new_para = not full
                new_para = new_para or _starts_item(text, line, current)
            elif not new_para and previous is not None:
                gap = line.top - previous.bottom
                line_height = max(line.bottom - line.top, 1.0)
                previous_height = max(previous.bottom - previous.top, 1.0)
                if gap > para_gap or line.top < previous.top - 1:
                    new_para = True
                elif uniform and _room_for(previous, text, line, page_right):
                    new_para = True
                elif max(line_height, previous_height) > 1.25 * min(line_height, previous_height):
                    new_para = True  # a heading (bigger type) is a paragraph of its own
                if not new_para and _starts_item(text, line, current):
                    new_para = True
                if (
                    not new_para
                    and _NUMBERED.match(text)
                    and current is not None
                    and (
                        _ENDS_ITEM.search(current)
                        or _room_for(previous, text, line, column_right[index - 1])
                    )
                ):
                    new_para = True
            if new_para:
                if current:
                    paragraphs.append(current)
                    para_pages.append(current_page)
                current = _BULLET.sub("", text, count=1) if _starts_item(text) else text
                current_page = line.page
            else:
                current = _join(current or "", text)
            previous = line
        if lines:
            previous_page_right = page_right
    if current:
        paragraphs.append(current)
        para_pages.append(current_page)
    paragraphs_clean: list[str] = []
    pages_clean: list[int] = []
    for para, page in zip(paragraphs, para_pages, strict=True):
        para = " ".join(para.split())
        if para:
            paragraphs_clean.append(para)
            pages_clean.append(page)
    return paragraphs_clean, pages_clean


# --- Text lines of a page -------------------------------------------------------------
#
# pdfplumber's `page.extract_text_lines()` runs pdfminer over the page, keeping every
# object (chars, curves, rects, images) as an LT* object, then turns each into a dict with
# all of its attributes resolved (colours, graphic state, font name, ...), and only then
# clusters the chars into words and lines. Profiled on press-release PDFs, 60% of the time
# went to building those dicts and 25% to objects and attributes the line grouping never
# reads. `page_text_lines` gives the same lines at a fraction of the cost: a pdfminer
# device that keeps only the chars, each as the handful of fields pdfplumber's
# WordExtractor / TextMap read (computed as pdfminer's LTChar and pdfplumber's
# Page.process_object compute them), then pdfplumber's own `chars_to_textmap` and
# `TextMap.extract_text_lines` with the arguments `Page.extract_text_lines` passes.
# tests/test_pdf_fast_path.py checks it line for line against `page.extract_text_lines`
# on real PDFs, so a change in either library shows up there.


def _char_device_class() -> type:
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdffont import PDFUnicodeNotDefined

    class CharCollector(PDFTextDevice):
        """Keeps each rendered char as (text, x0, y0, x1, y1, upright, size), in pdfminer
        coordinates; ignores paths, images and figures (their chars are still rendered,
        with the figure's matrix applied by the interpreter)."""

        def __init__(self, rsrcmgr: object) -> None:
            super().__init__(rsrcmgr)
            self.chars: list[tuple[str, float, float, float, float, bool, float]] = []
            self.marks: list[tuple[float, float, float, float]] = []
            # (font, cid) -> what pdfminer looks up for it on every occurrence.
            self._glyphs: dict[tuple[object, int], tuple] = {}

        def _glyph(self, font: object, cid: int) -> tuple:
            try:
                text = font.to_unichr(cid)
                assert isinstance(text, str), str(type(text))
            except PDFUnicodeNotDefined:
                text = f"(cid:{cid})"
            textwidth = font.char_width(cid)
            if font.is_vertical():
                textdisp = font.char_disp(cid)
                assert isinstance(textdisp, tuple)
                glyph = (text, textwidth, True, 0.0, textdisp)
            else:
                glyph = (text, textwidth, False, font.get_descent(), None)
            self._glyphs[(font, cid)] = glyph
            return glyph

        def render_char(
            self,
            matrix: tuple,
            font: object,
            fontsize: float,
            scaling: float,
            rise: float,
            cid: int,
            ncs: object,
            graphicstate: object,
        ) -> float:
            # pdfminer.converter.PDFLayoutAnalyzer.render_char + layout.LTChar.__init__,
            # with utils.apply_matrix_rect inlined (same expressions, same order).
            glyph = self._glyphs.get((font, cid)) or self._glyph(font, cid)
            text, textwidth, vertical, descent, textdisp = glyph
            adv = textwidth * fontsize * scaling
            if vertical:
                (vx, vy) = textdisp
                vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
                vy = (1000 - vy) * fontsize * 0.001
                (bx0, by0, bx1, by1) = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
            else:
                descent = descent * fontsize
                (bx0, by0, bx1, by1) = (0, descent + rise, adv, descent + rise + fontsize)
            (a, b, c, d, e, f) = matrix
            upright = a * d * scaling > 0 and b * c <= 0
            left1, bottom1 = a * bx0 + c * by0 + e, b * bx0 + d * by0 + f
            right1, bottom2 = a * bx1 + c * by0 + e, b * bx1 + d * by0 + f
            right2, top1 = a * bx1 + c * by1 + e, b * bx1 + d * by1 + f
            left2, top2 = a * bx0 + c * by1 + e, b * bx0 + d * by1 + f
            x0 = min(left1, left2, right1, right2)
            y0 = min(bottom1, bottom2, top1, top2)
            x1 = max(left1, left2, right1, right2)
            y1 = max(bottom1, bottom2, top1, top2)
            size = (x1 - x0) if vertical else (y1 - y0)
            self.chars.append((text, x0, y0, x1, y1, upright, size))
            return adv

        def paint_path(
            self, gstate: object, stroke: bool, fill: bool, evenodd: bool, path: list
        ) -> None:
            # Small filled shapes (a browser's or a word processor's drawn list bullets):
            # kept as boxes, so the line after one starts a list item. Chars are not
            # affected (pdfplumber's lines stay exactly as they are).
            if not fill or len(self.marks) >= 2000:
                return
            (a, b, c, d, e, f) = self.ctm
            xs: list[float] = []
            ys: list[float] = []
            for segment in path:
                values = segment[1:]
                for k in range(0, len(values) - 1, 2):
                    x, y = values[k], values[k + 1]
                    xs.append(a * x + c * y + e)
                    ys.append(b * x + d * y + f)
            if not xs:
                return
            width, height = max(xs) - min(xs), max(ys) - min(ys)
            if 1.0 <= width <= 8.0 and 1.0 <= height <= 8.0 and 0.5 <= width / height <= 2.0:
                self.marks.append((min(xs), min(ys), max(xs), max(ys)))

    return CharCollector


_CHAR_DEVICE: type | None = None


def page_chars(page: object, marks: list | None = None) -> list[dict]:
    """The page's chars as pdfplumber's `page.chars` gives them, with only the keys its
    text extraction reads (text, x0, x1, top, bottom, doctop, upright, width, height,
    size), in the same order. `marks`, when given, receives the small filled shapes of
    the page (drawn bullets) as (x0, top, x1, bottom)."""
    global _CHAR_DEVICE
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.utils.exceptions import PdfminerException

    if _CHAR_DEVICE is None:
        _CHAR_DEVICE = _char_device_class()
    device = _CHAR_DEVICE(page.pdf.rsrcmgr)
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except Exception as exc:
        raise PdfminerException(exc) from exc
    # pdfplumber.page.Page.process_object: flip y from the page's top, shift by the
    # MediaBox origin.
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    if marks is not None:
        for x0, y0, x1, y1 in device.marks:
            marks.append((x0 + mb_x0, (height - y1) + mb_top, x1 + mb_x0, (height - y0) + mb_top))
    doctop = page.initial_doctop
    chars = []
    append = chars.append
    for text, x0, y0, x1, y1, upright, size in device.chars:
        top = (height - y1) + mb_top
        if mb_x0 != 0:
            width = x1 - x0
            x0 = x0 + mb_x0
            x1 = x1 + mb_x0
        else:
            width = x1 - x0
        append(
            {
                "text": text,
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": (height - y0) + mb_top,
                "doctop": doctop + top,
                "upright": upright,
                "width": width,
                "height": y1 - y0,
                "size": size,
            }
        )
    return chars


def page_text_lines(page: object, marks: list | None = None) -> list[dict]:
    """`page.extract_text_lines(layout=False, strip=True, return_chars=False)`, faster
    (see above). `marks`: see page_chars."""
    from pdfplumber.utils.text import chars_to_textmap

    textmap = chars_to_textmap(
        page_chars(page, marks),
        layout=False,
        layout_bbox=page.bbox,
        layout_width=page.width,
        layout_height=page.height,
    )
    return textmap.extract_text_lines(strip=True, return_chars=False)


def reference_text_lines(page: object) -> list[dict]:
    """pdfplumber's own reading of the page (what `page_text_lines` must equal)."""
    try:
        return page.extract_text_lines(layout=False, strip=True, return_chars=False)
    finally:
        page.close()


def _short_reason(exc: BaseException) -> str:
    inner = exc
    # pdfplumber wraps pdfminer errors: show the original.
    while inner.args and isinstance(inner.args[0], BaseException):
        inner = inner.args[0]
    message = str(inner).strip().splitlines()[0] if str(inner).strip() else ""
    reason = type(inner).__name__ + (f": {message}" if message else "")
    return reason[:160]


def _is_encryption_error(exc: BaseException) -> bool:
    seen = 0
    while exc is not None and seen < 5:
        name = type(exc).__name__
        if name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"):
            return True
        if "password" in str(exc).lower() or "encrypt" in name.lower():
            return True
        nxt = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = nxt or exc.__cause__ or exc.__context__
        seen += 1
    return False


def parse_pdf(data: bytes) -> Document:
    """PDF bytes -> Document, or ExtractionError with a message a person can act on."""
    if not data:
        raise ExtractionError("empty file (0 bytes)")
    start = find_pdf_magic(data)
    if start < 0:
        raise ExtractionError("corrupt or truncated PDF: no %PDF- header")
    if start > 0:
        data = data[start:]
    eof = data.rfind(b"%%EOF", max(0, len(data) - 4096))
    tail = data[eof + 5 :] if eof >= 0 else b""
    if eof < 0 or any(mark in tail for mark in (b" obj", b"stream", b"xref", b"trailer")):
        # The last %%EOF is missing, or followed by the start of an incremental update.
        raise ExtractionError(
            "corrupt or truncated PDF: no %%EOF marker at the end (download cut short?)"
        )
    import pdfplumber

    # pdfminer logs every oddity of a damaged file at WARNING; that is not our output.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    metadata: dict[str, str] = {}
    pages: list[list[_Line]] = []
    page_links: dict[int, list[tuple[float, float, float, float]]] = {}
    try:
        with inflate_budget(), pdfplumber.open(io.BytesIO(data)) as pdf:
            try:
                metadata.update(_pdf_metadata(pdf.metadata or {}))
            except Exception:
                pass
            page_list = pdf.pages
            if len(page_list) > MAX_PAGES:
                metadata["truncated_input"] = "true"
                metadata["pdf:pages_read"] = str(MAX_PAGES)
            metadata["pdf:pages"] = str(len(page_list))
            printed = bool(
                _BROWSER.search(
                    metadata.get("pdf:Creator", "") + " " + metadata.get("pdf:Producer", "")
                )
            )
            for number, page in enumerate(page_list[:MAX_PAGES], start=1):
                if printed:
                    page_links[number] = _link_boxes(page)
                height = float(page.height or 842.0)
                marks: list[tuple[float, float, float, float]] = []
                lines = [
                    _Line(
                        text=text,
                        top=float(item["top"]),
                        bottom=float(item["bottom"]),
                        x0=float(item["x0"]),
                        x1=float(item["x1"]),
                        page=number,
                        page_height=height,
                    )
                    for item in page_text_lines(page, marks)
                    if (text := str(item.get("text", ""))).strip()
                ]
                _mark_items(lines, marks)
                pages.append(lines)
    except ExtractionError:
        raise
    except RecursionError as exc:
        raise ExtractionError("corrupt or truncated PDF: structure nested too deeply") from exc
    except MemoryError as exc:
        raise ExtractionError("PDF too large to read in memory") from exc
    except Exception as exc:
        if too_large := budget_exceeded(exc):
            raise too_large from exc
        if _is_encryption_error(exc):
            raise ExtractionError("encrypted PDF, no password") from exc
        raise ExtractionError(f"corrupt or truncated PDF: {_short_reason(exc)}") from exc

    if not any(pages):
        if not pages:
            raise ExtractionError("corrupt or truncated PDF: no pages")
        raise ExtractionError("PDF has no extractable text (scanned image?)")
    cleaned = _remove_chrome(pages)
    if page_links:
        _mark_site_chrome(cleaned, page_links)
    paragraphs, para_pages = _paragraphs(cleaned)
    if not paragraphs:
        raise ExtractionError("PDF has no extractable text (scanned image?)")
    title = _meaningful_title(metadata.get("pdf:Title"))
    if title and _BROWSER.search(
        metadata.get("pdf:Creator", "") + " " + metadata.get("pdf:Producer", "")
    ):
        # A page printed by a browser: its title is the page's <title>, "Headline - Site".
        title = _meaningful_title(strip_site_suffix(title))
    return Document(
        media_type=PDF,
        title=title,
        paragraphs=tuple(paragraphs),
        metadata=metadata,
        pages=tuple(para_pages),
    )
