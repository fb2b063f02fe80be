"""Discovering the documents of a web source: a feed, a paginated listing, a sitemap (or
sitemap index) or one page, detected from the response unless the source says which."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extractors.records import DatedBy

from . import xmlsafe
from .credentials import strip_credentials
from .feeds import FEED_ROOTS, FeedError, feed_entries
from .listing import Listing, parse_listing
from .sitemap import SITEMAP_ROOTS, SitemapError, parse_sitemap
from .sources import Source
from .urls import IGNORED_SCHEMES, SitePolicy, UrlFilter, not_a_document, scheme_of

if TYPE_CHECKING:
    from .client import WebClient, WebResponse

FEED_TYPES = re.compile(r"(rss|atom|rdf)\+xml", re.IGNORECASE)


@dataclass
class Crawl:
    kind: str
    documents: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # url, message
    # The source's own answer, when the source is handed on as a document: the fetch
    # stage uses it instead of asking again.
    prefetched: WebResponse | None = None
    # What the feed or sitemap said of each document's date.
    dates: dict[str, tuple[DatedBy, ...]] = field(default_factory=dict)
    # Links of listing pages left out as no release (crawler.urls.not_a_document), by why.
    skipped: dict[str, int] = field(default_factory=dict)


def _problem(response: WebResponse) -> str:
    if response.error:
        return response.error
    return f"HTTP {response.status} {response.reason} from {response.final_url}"


def _media(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _want_body(status: int, headers: dict[str, str]) -> bool:
    """While detecting: read the body only when it may be a feed, sitemap or listing."""
    media = _media(headers.get("content-type"))
    return (
        not media
        or "html" in media
        or "xml" in media
        or media in ("application/octet-stream", "application/x-gzip", "application/gzip")
    )


def detect_kind(response: WebResponse) -> str:
    """feed, sitemap, listing or page, from the answer's type and bytes. Raises
    xmlsafe.UnsafeXML for XML with entity tricks."""
    body = response.body or b""
    media = _media(response.content_type)
    if body[:2] == b"\x1f\x8b" or response.final_url.lower().endswith(".xml.gz"):
        return "sitemap"
    root = xmlsafe.root_name(body)
    if root in FEED_ROOTS:
        return "feed"
    if root in SITEMAP_ROOTS:
        return "sitemap"
    if FEED_TYPES.search(media):
        return "feed"  # broken XML from a feed: feedparser's lenient parser may cope
    head = body[:1024].lstrip().lower()
    if "html" in media or head.startswith((b"<!doctype html", b"<html")):
        listing = parse_listing(body, response.final_url, response.content_type)
        return "listing" if listing.looks_like_listing else "page"
    return "page"


class _Collector:
    def __init__(self, source: Source, policy: SitePolicy, max_documents: int):
        self.source = source
        self.policy = policy
        self.filter = UrlFilter(source.include, source.exclude)
        self.max_documents = max_documents
        self.documents: list[str] = []
        self.errors: list[tuple[str, str]] = []
        self.dates: dict[str, tuple[DatedBy, ...]] = {}
        self._seen: set[str] = set()
        self._refused: set[str] = set()
        self.overflow = 0
        self.skipped: dict[str, int] = {}  # a listing's links to files that are no release
        self.left_out: set[str] = set()

    def add(self, url: str, found_in: str, dated: DatedBy | None = None) -> None:
        url = strip_credentials(url)  # stored and shown without user:pass@
        if url in self._seen:
            self._date(url, dated)
            return
        if url in self._refused:
            return
        if scheme_of(url) in IGNORED_SCHEMES or not self.filter(url):
            return
        if why := self.policy.refusal(url):
            self._refused.add(url)
            self.errors.append((url, f"{why} (found in {found_in})"))
            return
        if len(self.documents) >= self.max_documents:
            self.overflow += 1
            return
        self._seen.add(url)
        self.documents.append(url)
        self._date(url, dated)

    def _date(self, url: str, dated: DatedBy | None) -> None:
        # The earliest date given, when a feed or sitemap lists a URL twice.
        known = self.dates.get(url)
        if dated is not None and (not known or dated.value < known[0].value):
            self.dates[url] = (dated,)

    def finish(self) -> None:
        if self.overflow:
            self.errors.append(
                (
                    self.source.location,
                    f"{self.source.location} lists more than {self.max_documents:,} documents; "
                    f"{self.overflow:,} were skipped (raise max_documents in sources.toml "
                    "[crawler], or narrow the source with include / exclude)",
                )
            )


def crawl_source(
    source: Source, client: WebClient, known_urls: set[str], policy: SitePolicy | None = None
) -> Crawl:
    """The documents `source` lists now (never raises for what the web sends). `policy`
    (by default the source's own) learns the site the source's URL redirects to."""
    kind = source.crawl_kind or "auto"
    # Its credentials (if any) are remembered for its host; the URL goes on without them.
    url = strip_credentials(source.location)
    if kind == "page" or (kind == "auto" and url in known_urls):
        # One document (or one already known as a document): the fetch stage reads it.
        return Crawl("page", [url])
    options = client.options
    policy = policy or SitePolicy(url, source.allow_hosts)
    response = client.get(url, policy=policy, want_body=_want_body if kind == "auto" else None)
    if not response.ok:
        if kind == "auto":
            # Unknown kind and unreadable: handed on as a document, so the failure is
            # recorded once, as a failed fetch of that URL.
            return Crawl("page", [url], prefetched=response)
        return Crawl(kind, errors=[(url, f"could not read the {kind} {url}: {_problem(response)}")])
    policy.add_site(response.final_url)
    if kind == "auto":
        if response.body is None:
            return Crawl("page", [url])  # a PDF, a text file...: fetched in the fetch stage
        try:
            kind = detect_kind(response)
        except xmlsafe.UnsafeXML as exc:
            return Crawl("feed", errors=[(url, f"{url} was not read: {exc}")])
        if kind == "page":
            return Crawl("page", [url], prefetched=response)
    collect = _Collector(source, policy, options.max_documents)
    crawl = Crawl(kind)
    if kind == "feed":
        try:
            entries = feed_entries(response.body or b"", response.final_url, response.content_type)
        except FeedError as exc:
            return Crawl(kind, errors=[(url, str(exc))])
        for entry in entries:
            dated = DatedBy("feed", entry.date) if entry.date else None
            collect.add(entry.link, f"the feed {url}", dated)
    elif kind == "sitemap":
        _read_sitemaps(response, client, policy, collect)
    elif kind == "listing":
        _read_listing(response, client, policy, collect)
    collect.finish()
    crawl.documents = collect.documents
    crawl.errors = collect.errors
    crawl.dates = collect.dates
    crawl.skipped = collect.skipped
    return crawl


def _read_listing(
    first: WebResponse, client: WebClient, policy: SitePolicy, collect: _Collector
) -> None:
    max_pages = client.options.max_pages
    pages = {first.url, first.final_url}
    page_url = first.final_url
    listing = parse_listing(first.body or b"", page_url, first.content_type)
    found: list[tuple[str, str]] = []
    # A server's index of a folder lists its sub-folders: they are read as listings too,
    # as a folder source reads its sub-folders, once the next pages run out.
    folders: list[str] = []
    count = 1
    while True:
        found += [(link, page_url) for link in listing.links if link not in listing.folders]
        folders += [f for f in listing.folders if not _left_out(collect, f)]
        folders = [f for f in folders if f not in pages]
        if listing.next_url and listing.next_url not in pages:
            next_url, what = listing.next_url, "next-page link"
        elif folders:
            next_url, what = folders.pop(0), "sub-folder link"
        else:
            break
        if count >= max_pages:
            collect.errors.append(
                (
                    next_url,
                    f"the listing {first.url} has more than {max_pages} pages; stopped before "
                    f"{next_url} (raise max_pages in sources.toml [crawler] to read further)",
                )
            )
            break
        # A page that cannot be read is one error: the pages after it are not known, but
        # the sub-folders found so far are still read.
        listing = Listing([], None, 0.0)
        if why := policy.refusal(next_url, what):
            collect.errors.append((next_url, f"{why} (found in {page_url})"))
            continue
        response = client.get(next_url, policy=policy)
        pages.update({next_url, response.final_url})
        count += 1
        if not response.ok:
            collect.errors.append(
                (next_url, f"could not read listing page {next_url}: {_problem(response)}")
            )
            continue
        page_url = response.final_url
        listing = parse_listing(response.body or b"", page_url, response.content_type)
    for link, page in found:
        if link in pages or _left_out(collect, link):
            continue
        collect.add(link, f"the listing page {page}")


def _left_out(collect: _Collector, link: str) -> bool:
    """Whether a listing's link is to a file that is no release (counted once), unless the
    source's include patterns ask for it by name."""
    why = not_a_document(link)
    if not why or collect.source.include:
        return False
    if link not in collect.left_out:
        collect.left_out.add(link)
        collect.skipped[why] = collect.skipped.get(why, 0) + 1
    return True


def _read_sitemaps(
    first: WebResponse, client: WebClient, policy: SitePolicy, collect: _Collector
) -> None:
    options = client.options
    queue: list[tuple[str, bytes]] = [(first.final_url, first.body or b"")]
    seen = {first.url, first.final_url}
    read = 1
    while queue:
        url, body = queue.pop(0)
        try:
            sitemap = parse_sitemap(body, url, options.max_bytes)
        except SitemapError as exc:
            collect.errors.append((url, str(exc)))
            continue
        if not sitemap.is_index:
            for loc in sitemap.locations:
                modified = sitemap.lastmod.get(loc)
                dated = DatedBy("sitemap", modified) if modified else None
                collect.add(loc, f"the sitemap {url}", dated)
            continue
        for loc in sitemap.locations:
            if loc in seen:
                # An index naming itself or a sitemap already read: a cycle, recorded so a
                # crawl that finds nothing says why.
                collect.errors.append(
                    (
                        loc,
                        f"the sitemap index {url} names {loc}, which this crawl has already "
                        "read (a sitemap cycle); not read again",
                    )
                )
                continue
            seen.add(loc)
            if why := policy.refusal(loc, "sitemap link"):
                collect.errors.append((loc, f"{why} (found in the sitemap index {url})"))
                continue
            if read >= options.max_sitemaps:
                collect.errors.append(
                    (
                        loc,
                        f"the sitemap index {url} names more than {options.max_sitemaps} "
                        "sitemaps; the rest were not read (raise max_sitemaps in "
                        "sources.toml [crawler])",
                    )
                )
                break
            response = client.get(loc, policy=policy)
            read += 1
            if not response.ok:
                collect.errors.append((loc, f"could not read sitemap {loc}: {_problem(response)}"))
                continue
            queue.append((response.final_url, response.body or b""))
