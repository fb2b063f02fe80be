"""The page's main text, chrome left out: trafilatura picks it, pressroom keeps its shape.

trafilatura (its main-content XPaths, its boilerplate pruning and its readability / jusText
comparison) decides which parts of the page are the article. Its output tree is read back
into pressroom's paragraph model: a paragraph, a heading, a list item and a table cell
are each one paragraph, lines broken by <br> are read as plain text is, and ordered list
items keep their number ("3. ..."), which the verdict rules read.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from .text import markup_paragraphs

# Elements of trafilatura's output that end a paragraph (its own tag set: <head> is a
# heading, <item> a list item, <row>/<cell> a table's, <quote> a block quote or <pre>).
_BLOCKS = frozenset({"p", "head", "list", "item", "table", "row", "cell", "quote", "code", "div"})
# What a <br> becomes before trafilatura reads the page: it joins the lines of a <br>'d
# block into one, and this (printable, so its sanitising keeps it) marks where they broke.
LINE_BREAK = "\u2424"


_CHROME_LINES = Path(__file__).resolve().parent / "data" / "chrome_lines.toml"


@cache
def _chrome_line_patterns() -> tuple[int, tuple[re.Pattern[str], ...]]:
    data = tomllib.loads(_CHROME_LINES.read_text("utf-8"))

    def any_of(key: str) -> str:
        return "(?:" + "|".join(data[key]) + ")"

    patterns = (
        re.compile(r"^" + any_of("teaser_cues") + r"\s*:\s*\S", re.IGNORECASE),
        re.compile(r"^" + any_of("rail_headings") + r"\s*:?$", re.IGNORECASE),
        re.compile(any_of("subscription"), re.IGNORECASE),
        re.compile(any_of("follow"), re.IGNORECASE),
        re.compile(any_of("comments"), re.IGNORECASE),
        re.compile(any_of("copyright"), re.IGNORECASE),
    )
    return int(data["max_chars"]), patterns


def is_chrome_line(text: str) -> bool:
    """A short paragraph shaped like page chrome (data/chrome_lines.toml): a teaser for
    another article, a rail's heading, a newsletter or subscription call, "follow us", a
    comment counter or a copyright line."""
    max_chars, patterns = _chrome_line_patterns()
    if len(text) > max_chars:
        return False
    return any(pattern.search(text) for pattern in patterns)


@dataclass(frozen=True)
class MainText:
    """The article's paragraphs in reading order, its first <h1> heading if kept, and the
    paragraphs that were headings."""

    paragraphs: tuple[str, ...]
    heading: str | None
    headings: frozenset[str] = frozenset()


def mark_line_breaks(tree: etree._Element) -> None:
    """Replace each <br> by LINE_BREAK in the text. (The caller leaves alone a page whose
    source holds the character already.)"""
    for br in tree.xpath("//br"):
        parent = br.getparent()
        if parent is None:
            continue
        text = LINE_BREAK + (br.tail or "")
        previous = br.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(br)


def number_ordered_items(tree: etree._Element) -> None:
    """Write each <ol> item's number into its text ("3. "), as the page shows it, since
    trafilatura keeps neither `start` nor `value`."""
    for ol in tree.xpath("//ol"):
        try:
            counter = int(str(ol.get("start", "")).strip()) - 1
        except ValueError:
            counter = 0
        for li in ol:
            if li.tag != "li":
                continue
            value = str(li.get("value", "")).strip()
            if value.isdigit():
                counter = int(value) - 1
            counter += 1
            li.text = f"{counter}. " + (li.text or "")


class _Reader:
    """One pass over trafilatura's output tree collecting paragraph blocks."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.buffer: list[str] = []
        self.heading: str | None = None
        self.headings: set[str] = set()

    def flush(self) -> None:
        if not self.buffer:
            return
        raw = "".join(self.buffer)
        self.buffer = []
        self.paragraphs.extend(markup_paragraphs(raw))

    def read(self, body: etree._Element) -> None:
        # Iterative: (element, leaving); an element's tail is read after it is left.
        stack: list[tuple[etree._Element, bool]] = [(body, False)]
        while stack:
            element, leaving = stack.pop()
            tag = element.tag if isinstance(element.tag, str) else ""
            if leaving:
                if tag in _BLOCKS:
                    before = len(self.paragraphs)
                    self.flush()
                    if tag == "head" and len(self.paragraphs) > before:
                        self.headings.add(self.paragraphs[-1])
                    if (
                        tag == "head"
                        and self.heading is None
                        and element.get("rend") == "h1"
                        and len(self.paragraphs) > before
                    ):
                        self.heading = self.paragraphs[-1]
                if element is not body and element.tail:
                    self.buffer.append(_inline(element.tail, pre=False))
                continue
            if tag in _BLOCKS:
                self.flush()
            if tag == "lb":
                self.buffer.append("\n")
            elif element.text and tag:
                self.buffer.append(_inline(element.text, pre=tag in ("code", "quote")))
            stack.append((element, True))
            stack.extend((child, False) for child in reversed(element))
        self.flush()


def _inline(text: str, *, pre: bool) -> str:
    if pre and "\n" in text:
        text = text.replace("\r", "")
    else:
        text = re.sub(r"\s+", " ", text)
    return text.replace(LINE_BREAK, "\n")


def read_main_text(body: etree._Element) -> MainText:
    """trafilatura's output <body> -> paragraphs (pressroom's model)."""
    reader = _Reader()
    reader.read(body)
    kept = tuple(p for p in reader.paragraphs if not is_chrome_line(p))
    return MainText(
        kept,
        reader.heading if reader.heading in kept else None,
        frozenset(reader.headings.intersection(kept)),
    )


def main_text(tree: etree._Element, *, url: str | None = None) -> MainText | None:
    """The main text of the page `tree` (not modified), or None when trafilatura finds
    none (too little text, or a page it cannot read)."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            tree,
            url=url or None,
            include_comments=False,
            include_tables=True,
            include_formatting=False,
            include_links=False,
            include_images=False,
            with_metadata=False,
        )
    except Exception:  # noqa: BLE001 - the caller falls back to its own reading
        return None
    body = getattr(result, "body", None)
    if body is None:
        return None
    return read_main_text(body)
