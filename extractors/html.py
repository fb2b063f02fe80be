"""HTML pages: the article's paragraphs without the page chrome, plus head metadata.

BeautifulSoup with the lxml parser builds the tree; everything after that is iterative
(explicit stacks), so a page of 100,000 nested <div>s neither recurses nor crawls.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import PreformattedString
from lxml import etree
from lxml import html as lxml_html

from .detect import HTML, bom_encoding
from .maintext import (
    LINE_BREAK,
    is_chrome_line,
    main_text,
    mark_line_breaks,
    number_ordered_items,
)
from .patterns import find_dates, strip_site_suffix
from .records import Document, ExtractionError
from .text import charset_from_content_type, clean_inline, decode_bytes, markup_paragraphs

# Pages beyond this many bytes are cut (metadata['truncated_input'] = 'true').
MAX_HTML_BYTES = 12_000_000

# Below this many characters of main text, trafilatura's choice is not trusted (it falls
# back to the whole page's text on short pages): pressroom's own reading is used.
MIN_MAIN_TEXT = 250
# Elements that may hold a release's dateline under its headline.
_DATELINE_TAGS = frozenset({"p", "div", "span", "time", "small", "li", "dd", "em", "strong"})

# Tags never part of the article.
DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "svg",
        "math",
        "canvas",
        "object",
        "embed",
        "button",
        "select",
        "textarea",
        "input",
        "label",
        "nav",
        "aside",
        "dialog",
        "menu",
        "head",
        "title",
        "meta",
        "link",
    }
)
# What the lenient fallback pass (used when the strict pass finds next to nothing) drops.
HARD_DROP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "math", "head", "title", "meta", "link"}
)
# Page-level chrome tags: dropped outside the article, kept inside it (an article's own
# <header> holds its headline; its <footer> usually holds tags and share links: dropped).
PAGE_CHROME_TAGS = frozenset({"header", "footer"})

CHROME_ROLES = frozenset(
    {
        "navigation",
        "banner",
        "contentinfo",
        "complementary",
        "search",
        "menu",
        "menubar",
        "toolbar",
        "dialog",
        "alertdialog",
        "form",
        "tablist",
    }
)

_CHROME_WORD = re.compile(
    r"(?:^|[-_])(?:cookies?|consent|gdpr|banner|related|share|sharing|social|sharethis|"
    r"breadcrumbs?|footer|sidebar|side-bar|menu|skip-?link|skip|skiptocontent|navbar|"
    r"nav|navigation|masthead|newsletter|subscribe|signup|promo|advert|advertisement|ads|"
    r"popup|modal|comments?|pagination|pager|toolbar|print-?only|sr-only|"
    r"visually-?hidden|screen-?reader|back-?to-?top|taglist|more-?stories|"
    r"recommended|also-?read|read-?more|feedback|survey|alert-?banner)(?:$|[-_])",
    re.IGNORECASE,
)
# State classes on the body or a wrapper ("has-cookie-banner", "with-sidebar", "is-menu-open")
# describe the page, not the element: never a reason to drop it.
_STATE_PREFIX = re.compile(
    r"^(?:has|with|without|no|is|show|hide|js|enable|disable|page|template|layout|body|"
    r"category|tag|term|postid|post|format|single|type|status)[-_]",
    re.IGNORECASE,
)

BLOCK_TAGS = frozenset(
    {
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "td",
        "th",
        "dt",
        "dd",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "ul",
        "ol",
        "dl",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "caption",
        "figure",
        "figcaption",
        "address",
        "hr",
        "center",
        "details",
        "summary",
        "body",
        "html",
    }
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_META_NAMES = {
    "description": "description",
    "og:title": "og:title",
    "og:description": "og:description",
    "og:site_name": "og:site_name",
    "og:url": "og:url",
    "og:type": "og:type",
    "article:published_time": "article:published_time",
    "article:modified_time": "article:modified_time",
    "date": "date",
    "dc.date": "dc.date",
    "dc.date.issued": "dc.date.issued",
    "dcterms.date": "dcterms.date",
    "dcterms.issued": "dcterms.issued",
    "dcterms.created": "dcterms.created",
    "dcterms.modified": "dcterms.modified",
    "dc.title": "dc.title",
    "dcterms.title": "dcterms.title",
    "author": "author",
    "keywords": "keywords",
    "pubdate": "pubdate",
    "publish-date": "publish-date",
    "twitter:title": "twitter:title",
}

_META_CHARSET = re.compile(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([a-zA-Z0-9_.:-]+)", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"^<\?xml[^>]{0,100}encoding\s*=\s*[\"']([a-zA-Z0-9_.:-]+)")
_GENERIC_TITLE = re.compile(
    r"^(?:untitled(?: document)?|home|(?:press|news|media)(?: releases?)?|page not found)$",
    re.IGNORECASE,
)


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode an HTML page: BOM, then Content-Type charset, then <meta charset>, then
    UTF-8 / charset-normalizer."""
    encoding, _ = bom_encoding(data)
    if encoding is not None:
        return decode_bytes(data)
    declared = charset_from_content_type(content_type)
    if declared is None:
        head = data[:4096]
        match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
        if match:
            declared = match.group(1).decode("ascii", "replace")
    return decode_bytes(data, declared=declared)


def _attr_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    return str(value)


def _has_chrome_word(value: str) -> bool:
    for token in value.split():
        if _STATE_PREFIX.match(token):
            continue
        if _CHROME_WORD.search(token):
            return True
    return False


def _is_hidden(tag: Tag) -> bool:
    attrs = tag.attrs
    if "hidden" in attrs:
        return True
    if _attr_text(attrs.get("aria-hidden")).strip().lower() == "true":
        return True
    style = _attr_text(attrs.get("style")).replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _text_length(tag: Tag, limit: int) -> int:
    """Characters of text under `tag`, counting stops once past `limit`."""
    total = 0
    for node in tag.descendants:
        if type(node) is NavigableString:
            total += len(node.strip())
            if total > limit:
                break
    return total


class _Walker:
    """One iterative pass over the article subtree collecting paragraph blocks."""

    def __init__(
        self, root: Tag, *, root_is_page: bool, root_text: int, lenient: bool = False
    ) -> None:
        self.root = root
        self.lenient = lenient
        self.root_is_page = root_is_page
        self.root_text = root_text
        self.paragraphs: list[str] = []
        self.buffer: list[str] = []
        self.title_h1: str | None = None
        self.time: str | None = None

    def flush(self) -> None:
        if not self.buffer:
            return
        raw = "".join(self.buffer)
        self.buffer = []
        self.paragraphs.extend(markup_paragraphs(raw))

    def is_chrome(self, tag: Tag) -> bool:
        name = tag.name
        if name in DROP_TAGS:
            return True
        if tag is self.root:
            return False
        if self.lenient:
            return name in HARD_DROP_TAGS
        if name in PAGE_CHROME_TAGS:
            if name == "footer" or self.root_is_page:
                return True
        if name == "form":
            # ASP.NET pages wrap the whole page in one <form>: only small forms are chrome.
            limit = max(200, self.root_text // 2)
            return _text_length(tag, limit) <= limit
        role = _attr_text(tag.attrs.get("role")).strip().lower()
        if role in CHROME_ROLES:
            return True
        if _is_hidden(tag):
            return True
        if name in ("article", "main", "body", "html") or role == "main":
            return False
        ident = _attr_text(tag.attrs.get("class")) + " " + _attr_text(tag.attrs.get("id"))
        if ident.strip() and _has_chrome_word(ident):
            # Careful: a wrapper whose class merely mentions "sidebar" may hold the
            # article. Drop it only if it holds a minor share of the text.
            limit = max(200, self.root_text // 2)
            return _text_length(tag, limit) <= limit
        return False

    def walk(self) -> None:
        # Stack items: (node, leaving, ordinal prefix for <ol> items)
        stack: list[tuple[object, bool]] = [(self.root, False)]
        ol_counters: dict[int, int] = {}
        pre_depth = 0
        while stack:
            node, leaving = stack.pop()
            if leaving:
                tag = node
                assert isinstance(tag, Tag)
                if tag.name == "pre":
                    pre_depth -= 1
                if tag.name in BLOCK_TAGS:
                    text_before = len(self.paragraphs)
                    self.flush()
                    if (
                        tag.name == "h1"
                        and self.title_h1 is None
                        and len(self.paragraphs) > text_before
                    ):
                        self.title_h1 = self.paragraphs[-1]
                continue
            if isinstance(node, NavigableString):
                if isinstance(node, PreformattedString) or isinstance(node, Comment):
                    continue
                if type(node) is not NavigableString:
                    continue  # script/style/template strings
                if pre_depth:
                    self.buffer.append(str(node).replace("\r", ""))
                else:
                    self.buffer.append(re.sub(r"\s+", " ", str(node)))
                continue
            if not isinstance(node, Tag):
                continue
            tag = node
            name = tag.name
            if self.is_chrome(tag):
                # Chrome between two pieces of inline text still separates them.
                self.buffer.append(" ")
                continue
            if name == "br":
                self.buffer.append("\n")
                continue
            if name in ("img", "hr", "wbr"):
                if name == "hr":
                    self.flush()
                continue
            if name == "time" and self.time is None:
                value = _attr_text(tag.attrs.get("datetime")).strip()
                if value:
                    self.time = value
            if name in BLOCK_TAGS:
                self.flush()
                if name == "li":
                    parent = tag.parent
                    if parent is not None and parent.name == "ol":
                        key = id(parent)
                        if key not in ol_counters:
                            try:
                                ol_counters[key] = int(_attr_text(parent.attrs.get("start"))) - 1
                            except ValueError:
                                ol_counters[key] = 0
                        value = _attr_text(tag.attrs.get("value"))
                        if value.strip().isdigit():
                            ol_counters[key] = int(value) - 1
                        ol_counters[key] += 1
                        self.buffer.append(f"{ol_counters[key]}. ")
            elif name in ("td", "th"):
                self.flush()
            if name == "pre":
                pre_depth += 1
            stack.append((tag, True))
            children = tag.contents
            if children:
                stack.extend((child, False) for child in reversed(children))
        self.flush()


_JSON_LD_MAX = 200_000  # characters of one JSON-LD block read; a page's is a few KB


def _json_ld_published(text: str) -> str | None:
    """The first `datePublished` of a JSON-LD block (an object, a list of them, or an
    @graph), or None when there is none or the block is not JSON."""
    try:
        data = json.loads(text[:_JSON_LD_MAX])
    except (ValueError, RecursionError):  # not JSON, or nested past Python's stack
        return None
    stack = [data]
    seen = 0
    while stack and seen < 1_000:
        item = stack.pop(0)
        seen += 1
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str) and value.strip():
                return value.strip()[:100]
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(item)
    return None


# The elements head metadata is read from (microdata <time> may sit in the body).
_HEAD_TAGS = ("meta", "title", "link", "time", "script")


def _read_head_node(
    metadata: dict[str, str],
    name: str,
    attr: Callable[[str], str],
    text: Callable[[], str],
) -> str | None:
    """Add what one of _HEAD_TAGS says to `metadata` (meta tags, the canonical link,
    JSON-LD and microdata `datePublished`, first found wins); the text of a <title>. The
    same reading for a BeautifulSoup tag and an lxml element: `attr` gives an attribute
    ("" when absent), `text` the element's text."""
    if name in ("meta", "time") and "datePublished" not in metadata:
        # schema.org microdata: <meta itemprop="datePublished" content="...">,
        # <time itemprop="datePublished" datetime="...">.
        if attr("itemprop").strip() == "datePublished":
            value = attr("content") or attr("datetime")
            if value.strip():
                metadata["datePublished"] = clean_inline(value)
    if name == "meta":
        key = (attr("property") or attr("name")).strip().lower()
        if key in _META_NAMES:
            content = clean_inline(attr("content"))
            if content and _META_NAMES[key] not in metadata:
                metadata[_META_NAMES[key]] = content
    elif name == "script":
        kind = attr("type").strip().lower()
        if kind == "application/ld+json" and "datePublished" not in metadata:
            published = _json_ld_published(text())
            if published:
                metadata["datePublished"] = published
    elif name == "title":
        return clean_inline(text())
    elif name == "link" and "canonical" in attr("rel").lower().split():
        href = attr("href").strip()
        if href and "canonical" not in metadata:
            metadata["canonical"] = href
    return None


def _choose_root(soup: BeautifulSoup) -> tuple[Tag, bool, dict[str, str], str | None]:
    """Pick the article element and collect head metadata in one pass over the tree."""
    metadata: dict[str, str] = {}
    html_title: str | None = None
    articles: list[Tag] = []
    mains: list[Tag] = []
    body: Tag | None = None
    for node in soup.descendants:
        if not isinstance(node, Tag):
            continue
        name = node.name
        if name in _HEAD_TAGS:
            title = _read_head_node(
                metadata,
                name,
                lambda key, node=node: _attr_text(node.attrs.get(key)),
                node.get_text,
            )
            if html_title is None:
                html_title = title
            if name != "time":
                continue
        if name == "article":
            articles.append(node)
        elif name == "main" or _attr_text(node.attrs.get("role")).strip().lower() == "main":
            mains.append(node)
        elif name == "body" and body is None:
            body = node
    if html_title:
        metadata["html_title"] = html_title

    page = body if body is not None else soup
    page_text = _text_length(page, 10**9)
    candidates = [
        a
        for a in articles
        if not _inside_chrome(a)
        and not _has_chrome_word(
            _attr_text(a.attrs.get("class")) + " " + _attr_text(a.attrs.get("id"))
        )
    ]
    best: Tag | None = None
    if candidates:
        lengths = [(_text_length(a, 10**9), i) for i, a in enumerate(candidates)]
        length, index = max(lengths, key=lambda x: (x[0], -x[1]))
        if length >= 200 or length >= 0.25 * page_text:
            best = candidates[index]
    if best is None:
        for main in mains:
            if _text_length(main, 50) > 0:
                best = main
                break
    if best is None:
        return page, True, metadata, html_title
    return best, False, metadata, html_title


def _inside_chrome(tag: Tag) -> bool:
    parent = tag.parent
    while parent is not None and parent.name not in (None, "[document]"):
        if parent.name in ("nav", "footer"):
            return True
        role = _attr_text(parent.attrs.get("role")).strip().lower()
        if role in CHROME_ROLES:
            return True
        parent = parent.parent
    return False


def _lxml_tree(text: str) -> lxml_html.HtmlElement | None:
    try:
        parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
        tree = lxml_html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except Exception:  # noqa: BLE001 - empty or unreadable: pressroom's own reading decides
        return None
    return tree if isinstance(tree, lxml_html.HtmlElement) else None


def _lxml_metadata(tree: lxml_html.HtmlElement) -> tuple[dict[str, str], str | None]:
    """Head metadata (as _choose_root collects it: meta tags, the canonical link, JSON-LD
    and microdata `datePublished`) and the <title>, from an lxml tree."""
    metadata: dict[str, str] = {}
    html_title: str | None = None
    for node in tree.iter(*_HEAD_TAGS):
        title = _read_head_node(
            metadata,
            node.tag,
            lambda key, node=node: node.get(key) or "",
            lambda node=node: (node.text or "") if node.tag == "script" else node.text_content(),
        )
        if html_title is None:
            html_title = title
    if html_title:
        metadata["html_title"] = html_title
    return metadata, html_title


def _node_text(node: lxml_html.HtmlElement) -> str:
    """An element's text on one line (its <br>s are LINE_BREAK marks by then)."""
    return clean_inline(node.text_content().replace(LINE_BREAK, " "))


def _outside_chrome(node: lxml_html.HtmlElement) -> bool:
    for parent in node.iterancestors():
        if parent.tag in ("nav", "footer", "aside"):
            return False
        if (parent.get("role") or "").strip().lower() in CHROME_ROLES:
            return False
    return True


def _first_heading(tree: lxml_html.HtmlElement, text: str | None) -> lxml_html.HtmlElement | None:
    """The page's first <h1> outside chrome (the one reading `text`, when given)."""
    first = None
    for h1 in tree.iter("h1"):
        if not _outside_chrome(h1):
            continue
        found = _node_text(h1)
        if found and (text is None or found == text):
            return h1
        if found and first is None:
            first = h1
    return first if text is None else None


def _dateline(heading: lxml_html.HtmlElement) -> str | None:
    """A short line stating a date right after the headline ("Published 14 June 2012"):
    trafilatura drops it as a byline, but it is the release's date."""
    for node in heading.xpath("following::*[position() <= 8]"):
        if node.tag not in _DATELINE_TAGS:
            continue
        text = _node_text(node)
        if len(text) > 80:
            return None  # the article has begun
        if text and find_dates(text):
            return text
    return None


def _first_time(tree: lxml_html.HtmlElement, heading: lxml_html.HtmlElement | None) -> str | None:
    """The release's <time datetime>: under its headline, else in its <article> or
    <main>, else the page's first outside navigation, footers and sidebars (whose
    "latest news" widgets carry other releases' dates)."""
    if heading is not None:
        for node in heading.xpath("following::*[position() <= 8]"):
            if node.tag == "time" and (node.get("datetime") or "").strip():
                return node.get("datetime").strip()
    for path in ("//article//time[@datetime]", "//main//time[@datetime]"):
        for node in tree.xpath(path):
            value = node.get("datetime").strip()
            if value and _outside_chrome(node):
                return value
    for node in tree.iter("time"):
        value = (node.get("datetime") or "").strip()
        if value and _outside_chrome(node) and not _in_chrome_class(node):
            return value
    return None


def _in_chrome_class(node: lxml_html.HtmlElement) -> bool:
    for parent in node.iterancestors():
        ident = f"{parent.get('class') or ''} {parent.get('id') or ''}"
        if ident.strip() and (_has_chrome_word(ident) or "widget" in ident.lower()):
            return True
    return False


def _is_chrome_element(node: lxml_html.HtmlElement) -> bool:
    """Page chrome by markup alone: a chrome role (navigation, banner, complementary ...)
    or hidden. (Class and id names are trafilatura's to judge: pressroom's chrome words,
    pruned first, cost more recall on the gold standard than the precision they gave.)"""
    if node.tag in ("html", "body", "article", "main", "form"):
        return False
    role = (node.get("role") or "").strip().lower()
    return role in CHROME_ROLES or _is_hidden_element(node)


def _is_hidden_element(node: lxml_html.HtmlElement) -> bool:
    if node.get("hidden") is not None:
        return True
    if (node.get("aria-hidden") or "").strip().lower() == "true":
        return True
    style = (node.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


# Only elements with one of these attributes can be chrome by markup (a role, hidden):
# XPath finds them without a Python step per element.
_CHROME_CANDIDATES = etree.XPath("//body//*[@role or @hidden or @aria-hidden or @style]")


def prune_chrome(tree: lxml_html.HtmlElement) -> None:
    """Remove what pressroom's rules know as chrome before trafilatura reads the page."""
    # In document order: a node inside one already removed is removed from that subtree,
    # which is gone either way.
    for node in [n for n in _CHROME_CANDIDATES(tree) if _is_chrome_element(n)]:
        _drop_keep_tail(node)


def _drop_keep_tail(node: lxml_html.HtmlElement) -> None:
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + " " + node.tail
        else:
            parent.text = (parent.text or "") + " " + node.tail
    parent.remove(node)


# Elements a list follows directly: where a lead-in ("The force:", "Good:") or a heading
# may introduce it.
_BEFORE_LIST = etree.XPath(
    "//body//*[self::p or self::div or self::span or self::strong or self::b or self::h2 or "
    "self::h3 or self::h4 or self::h5 or self::h6][following-sibling::*[1][self::ul or self::ol]]"
)


def _restore_lists(
    tree: lxml_html.HtmlElement, paragraphs: tuple[str, ...], lead_ins: frozenset[str]
) -> tuple[str, ...]:
    """Lists of short items that trafilatura dropped (it takes a short list, above all one
    that ends the article, for a link rail) put back under the lead-in or heading it kept:
    a release's "Good:" followed by forces, or "Notes to editors" followed by its notes.
    A list whose every item is a link is left out: that is a rail."""
    if not lead_ins:
        return paragraphs
    out = list(paragraphs)
    present = set(paragraphs)
    for node in _BEFORE_LIST(tree):
        lead = _node_text(node)
        if lead not in lead_ins or lead not in out:
            continue
        listing = node.getnext()
        items = [_node_text(li) for li in listing if li.tag == "li"]
        items = [item for item in items if item and not is_chrome_line(item)]
        if not items or any(item in present for item in items) or not _outside_chrome(listing):
            continue
        if all(
            _node_text(li) == "".join(a.text_content() for a in li.iter("a")).strip()
            for li in listing
            if li.tag == "li"
        ):
            continue
        at = out.index(lead) + 1
        out[at:at] = items
        present.update(items)
    return tuple(out)


def _page_title(
    headline: str | None, metadata: dict[str, str], html_title: str | None
) -> str | None:
    """The page's headline, else its og:title or <title> (site name cut off), unless that
    is generic ("News release": the page's kind, not its headline)."""
    if headline:
        return headline
    title = metadata.get("og:title") or (strip_site_suffix(html_title) if html_title else None)
    if title and _GENERIC_TITLE.match(title):
        return None
    return title or None


def _main_text_document(text: str, metadata: dict[str, str]) -> Document | None:
    """The Document from trafilatura's main text, or None when it finds too little to
    trust (a short page: pressroom's own reading is as good, and keeps every line)."""
    tree = _lxml_tree(text)
    if tree is None:
        return None
    number_ordered_items(tree)
    if LINE_BREAK not in text:
        mark_line_breaks(tree)
    prune_chrome(tree)
    found = main_text(tree)
    if found is None or sum(len(p) for p in found.paragraphs) < MIN_MAIN_TEXT:
        return None
    head_meta, html_title = _lxml_metadata(tree)
    metadata.update(head_meta)
    lead_ins = frozenset(p for p in found.paragraphs if p.endswith(":")) | found.headings
    paragraphs = _restore_lists(tree, found.paragraphs, lead_ins)
    h1 = _first_heading(tree, found.heading)
    time = _first_time(tree, h1)
    if time:
        metadata["time"] = time
    heading = found.heading or (_node_text(h1) if h1 is not None else None)
    if heading and heading not in paragraphs[:3]:
        # The headline is the release's: trafilatura leaves it out as page metadata.
        paragraphs = (heading, *paragraphs)
    if h1 is not None:
        dateline = _dateline(h1)
        if dateline and not any(dateline in p for p in paragraphs[:6]):
            at = paragraphs.index(heading) + 1 if heading in paragraphs[:3] else 0
            paragraphs = (*paragraphs[:at], dateline, *paragraphs[at:])
    title = _page_title(heading, metadata, html_title)
    return Document(media_type=HTML, title=title, paragraphs=paragraphs, metadata=metadata)


def parse_html(data: bytes, *, content_type: str | None = None) -> Document:
    """HTML bytes -> Document with the article's paragraphs and the page metadata.

    The main text is trafilatura's choice read into pressroom's paragraphs
    (extractors.maintext); when it finds none, pressroom's own reading of the page
    (the article element, chrome by tag, role and class) gives the paragraphs."""
    metadata: dict[str, str] = {}
    if len(data) > MAX_HTML_BYTES:
        data = data[:MAX_HTML_BYTES]
        metadata["truncated_input"] = "true"
    text, encoding = decode_html(data, content_type)
    metadata["encoding"] = encoding
    text = text.replace("\x00", "\ufffd")
    document = _main_text_document(text, metadata)
    if document is not None:
        return document
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            soup = BeautifulSoup(text, "lxml")
    except Exception as exc:  # lxml/bs4 failure on pathological input
        raise ExtractionError(f"unreadable HTML: {type(exc).__name__}: {exc}"[:200]) from exc

    root, root_is_page, head_meta, html_title = _choose_root(soup)
    metadata.update(head_meta)
    root_text = _text_length(root, 10**9)
    walker = _Walker(root, root_is_page=root_is_page, root_text=root_text)
    walker.walk()
    found = sum(len(p) for p in walker.paragraphs)
    if found < min(200, root_text // 10):
        # Chrome rules ate the page (odd class names): keep everything but code.
        lenient = _Walker(root, root_is_page=root_is_page, root_text=root_text, lenient=True)
        lenient.walk()
        if sum(len(p) for p in lenient.paragraphs) > found:
            lenient.title_h1 = walker.title_h1 or lenient.title_h1
            walker = lenient
            metadata["lenient"] = "true"
    if walker.time:
        metadata["time"] = walker.time
    paragraphs = tuple(walker.paragraphs)
    if not paragraphs:
        raise ExtractionError("HTML page has no readable text (empty, or only page chrome)")

    return Document(
        media_type=HTML,
        title=_page_title(walker.title_h1, metadata, html_title),
        paragraphs=paragraphs,
        metadata=metadata,
    )
