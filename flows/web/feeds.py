"""Atom and RSS feeds: the document links of their entries (feedparser, after a
defusedxml check so entity tricks are refused before feedparser sees them)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser

from . import xmlsafe

FEED_ROOTS = frozenset({"rss", "feed", "RDF"})


class FeedError(ValueError):
    pass


def feed_links(data: bytes, base_url: str, content_type: str | None = None) -> list[str]:
    """Each entry's link (its alternate link, else its first enclosure), absolute and in
    feed order. FeedError when the bytes are unsafe or not a feed."""
    try:
        xmlsafe.parse(data)
    except xmlsafe.UnsafeXML as exc:
        raise FeedError(f"the feed at {base_url} was not read: {exc}") from None
    except ET.ParseError:
        pass  # feedparser's lenient parser copes with many broken feeds; it expands nothing
    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    # Bytes, never a URL or path: feedparser would fetch or open those itself.
    parsed = feedparser.parse(data, response_headers=headers, resolve_relative_uris=True)
    if not parsed.entries and parsed.get("bozo") and not parsed.get("feed"):
        raise FeedError(
            f"{base_url} is not a readable RSS or Atom feed "
            f"({parsed.get('bozo_exception', 'unknown format')})"
        )
    links: list[str] = []
    for entry in parsed.entries:
        link = _entry_link(entry)
        if link:
            links.append(link)
    return links


def _entry_link(entry) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    if entry.get("link"):
        return entry["link"]
    for enclosure in entry.get("enclosures", []):
        if enclosure.get("href"):
            return enclosure["href"]
    return None
