"""HTML listing pages: the links to documents in their content, and the link to the next
page (rel="next", or a link reading "Next", "Next page", "Older", "»" ...)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

import lxml.etree
import lxml.html

from .urls import IGNORED_SCHEMES, absolute, scheme_of

NEXT_TEXT = re.compile(
    r"^\s*(((next|older|more)(\s+(page|posts|entries|news|releases|items|results))?"
    r"\s*[›»→>]*)|[›»→>]+)\s*$",
    re.IGNORECASE,
)
PAGINATION_TEXT = re.compile(
    r"^\s*(\d+|next|previous|prev|newer|older|first|last|[‹«←<›»→>]+|"
    r"(next|previous|prev|newer|older|first|last)(\s+(page|posts|entries))?\s*[›»→>‹«←<]*|"
    r"[‹«←<]*\s*(next|previous|prev|newer|older|first|last)(\s+(page|posts|entries))?)\s*$",
    re.IGNORECASE,
)
CHROME = {"nav", "header", "footer", "aside"}
PAGER_CLASS = re.compile(r"pag(ination|er|ing)", re.IGNORECASE)

# A page counts as a listing (when the kind is not given) if it has a next-page link, or
# if at least this many links carry at least this share of its content's text.
MIN_LISTING_LINKS = 2
MIN_LINK_TEXT_SHARE = 0.5


@dataclass(frozen=True)
class Listing:
    links: list[str]  # absolute, in page order, deduplicated; not pagination or chrome
    next_url: str | None
    link_text_share: float
    # On a web server's index of a folder (every link named by its file name, as
    # `python3 -m http.server`, Apache and nginx list a folder), the links to its
    # sub-folders: more listings, not documents.
    folders: list[str] = field(default_factory=list)

    @property
    def looks_like_listing(self) -> bool:
        return self.next_url is not None or (
            len(self.links) >= MIN_LISTING_LINKS and self.link_text_share >= MIN_LINK_TEXT_SHARE
        )


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _rel(el) -> set[str]:
    return set((el.get("rel") or "").lower().split())


def _in_chrome(el, stop) -> bool:
    for parent in el.iterancestors():
        if parent is stop:
            return False
        tag = parent.tag if isinstance(parent.tag, str) else ""
        if tag.lower() in CHROME:
            return True
        marks = f"{parent.get('class') or ''} {parent.get('id') or ''}"
        if PAGER_CLASS.search(marks) or parent.get("role") == "navigation":
            return True
    return False


def _folder_index(hrefs: list[tuple[str, str]]) -> list[bool] | None:
    """When the links (href as written, text) are a server's index of a folder, which of
    them name an entry of the folder ("a.txt", "more/", shown as themselves or cut short,
    "a-long-na..>", as Apache and nginx cut long names) rather than the index's furniture
    (its parent, Apache's sort links); None when they are not."""
    names: list[bool] = []
    for href, text in hrefs:
        name = unquote(href)
        shown = text.strip()
        # The index's own furniture: its parent, Apache's sort links.
        if name.startswith(("?", "#", "../")) or name == ".." or shown.lower() in _INDEX_FURNITURE:
            names.append(False)
            continue
        if not name or name.startswith("/") or "/" in name.rstrip("/"):
            return None
        if ":" in name.split("/", 1)[0]:  # a scheme: another place
            return None
        if shown.rstrip("/") != name.rstrip("/") and not (
            shown.endswith(("..>", "...", "…")) and name.startswith(shown.rstrip(".>…"))
        ):
            return None
        names.append(True)
    return names if any(names) else None


_INDEX_FURNITURE = {"parent directory", "name", "last modified", "size", "description"}


def _decoded(data: bytes, content_type: str | None) -> str | bytes:
    """Text for lxml: the declared charset, else UTF-8 when it is; else the bytes (lxml
    then reads a <meta charset>)."""
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.IGNORECASE)
    for encoding in ([match.group(1)] if match else []) + ["utf-8"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data


def parse_listing(data: bytes, url: str, content_type: str | None = None) -> Listing:
    try:
        doc = lxml.html.document_fromstring(_decoded(data, content_type))
    except ValueError:  # a str with an XML encoding declaration
        try:
            doc = lxml.html.document_fromstring(data)
        except (lxml.etree.ParserError, ValueError):
            return Listing([], None, 0.0)
    except lxml.etree.ParserError:
        return Listing([], None, 0.0)
    base = url
    for el in doc.iter("base"):
        if el.get("href"):
            base = absolute(url, el.get("href"))
            break

    next_url = None
    for el in doc.iter("link", "a"):
        if "next" in _rel(el) and el.get("href"):
            next_url = absolute(base, el.get("href"))
            break
    if next_url is None:
        for el in doc.iter("a"):
            label = _text(el) or el.get("aria-label") or el.get("title") or ""
            if el.get("href") and NEXT_TEXT.match(label):
                next_url = absolute(base, el.get("href"))
                break

    regions = doc.xpath("//main | //*[@role='main']")
    region = regions[0] if regions else (doc.find("body") if doc.find("body") is not None else doc)
    links: list[str] = []
    written: list[tuple[str, str]] = []  # (href, text) of each link kept
    seen = {absolute(url, ""), next_url}
    link_chars = 0
    for el in region.iter("a"):
        href = el.get("href")
        if not href or href.strip().startswith("#"):
            continue
        text = _text(el)
        if _in_chrome(el, region) or {"next", "prev", "previous"} & _rel(el):
            continue
        if PAGINATION_TEXT.match(text or el.get("aria-label") or ""):
            continue
        target = absolute(base, href)
        if scheme_of(target) in IGNORED_SCHEMES:
            continue
        link_chars += len(text)
        if target not in seen:
            seen.add(target)
            links.append(target)
            written.append((href.strip(), text))
    total = len(_text(region)) or 1
    folders: list[str] = []
    entries = _folder_index(written)
    if entries is not None:
        kept = [
            (link, href)
            for link, (href, _), entry in zip(links, written, entries, strict=True)
            if entry
        ]
        links = [link for link, _ in kept]
        folders = [link for link, href in kept if href.endswith("/")]
    return Listing(links, next_url, min(1.0, link_chars / total), folders)
