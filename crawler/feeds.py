"""Atom and RSS feeds: the document links of their entries (feedparser, after a
defusedxml check so entity tricks are refused before feedparser sees them)."""

from __future__ import annotations

import calendar
import datetime as dt
import threading
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import feedparser

from . import xmlsafe

FEED_ROOTS = frozenset({"rss", "feed", "RDF"})

# feedparser is pure Python: about 3 s and 15 MB per MiB of feed (a 96 MiB feed took 283 s
# and 1.5 GB). A press office's feed is tens or hundreds of KB; a bigger one is refused
# unread, and parsing one that is allowed gets a time limit.
MAX_FEED_BYTES = 8 * 1024 * 1024
FEED_TIME_LIMIT = 30.0  # seconds


class FeedError(ValueError):
    pass


@dataclass(frozen=True)
class FeedEntry:
    link: str
    # The entry's published date, else its updated date (UTC), as feedparser reads them
    # (RFC 822 in RSS, RFC 3339 in Atom, and the many variants feeds use).
    date: dt.date | None = None


def feed_links(data: bytes, base_url: str, content_type: str | None = None) -> list[str]:
    """Each entry's link (its alternate link, else its first enclosure), absolute and in
    feed order. FeedError when the bytes are unsafe or not a feed."""
    return [entry.link for entry in feed_entries(data, base_url, content_type)]


def feed_entries(data: bytes, base_url: str, content_type: str | None = None) -> list[FeedEntry]:
    """Each entry's link (as feed_links) with its date. FeedError when the bytes are
    unsafe, not a feed, larger than MAX_FEED_BYTES or slower to parse than
    FEED_TIME_LIMIT."""
    if len(data) > MAX_FEED_BYTES:
        raise FeedError(
            f"the feed at {base_url} is {len(data) / 2**20:.1f} MiB, more than the "
            f"{MAX_FEED_BYTES // 2**20} MiB a feed may be; not read (a press office's feed is "
            "far smaller: give its sitemap or listing instead)"
        )
    try:
        xmlsafe.parse(data)
    except xmlsafe.UnsafeXML as exc:
        raise FeedError(f"the feed at {base_url} was not read: {exc}") from None
    except ET.ParseError:
        pass  # feedparser's lenient parser copes with many broken feeds; it expands nothing
    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    parsed = _parse_within(data, headers, base_url)
    if not parsed.entries and parsed.get("bozo") and not parsed.get("feed"):
        raise FeedError(
            f"{base_url} is not a readable RSS or Atom feed "
            f"({parsed.get('bozo_exception', 'unknown format')})"
        )
    entries: list[FeedEntry] = []
    for entry in parsed.entries:
        link = _entry_link(entry)
        if link:
            entries.append(FeedEntry(link, _entry_date(entry)))
    return entries


def _parse_within(data: bytes, headers: dict[str, str], base_url: str):
    """feedparser's result, or FeedError after FEED_TIME_LIMIT seconds. The parse runs in
    a daemon thread that is left to finish on its own (bounded by MAX_FEED_BYTES): Python
    cannot stop it, but the run does not wait for it."""
    result: list = []

    def parse() -> None:
        # Bytes, never a URL or path: feedparser would fetch or open those itself.
        result.append(feedparser.parse(data, response_headers=headers, resolve_relative_uris=True))

    worker = threading.Thread(target=parse, name="pressroom-feed-parse", daemon=True)
    worker.start()
    worker.join(FEED_TIME_LIMIT)
    if not result:
        raise FeedError(
            f"the feed at {base_url} took longer than {FEED_TIME_LIMIT:g} s to parse; not read"
        )
    return result[0]


def _entry_date(entry) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC).date()
            except (OverflowError, ValueError, OSError):
                continue
    return None


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
