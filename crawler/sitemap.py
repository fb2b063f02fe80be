"""XML sitemaps (sitemaps.org): a urlset's page URLs, a sitemap index's sitemaps. Parsed
with defusedxml; a gzipped sitemap is inflated under the size cap."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field

from . import xmlsafe

SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})


class SitemapError(ValueError):
    pass


@dataclass(frozen=True)
class Sitemap:
    is_index: bool
    locations: list[str]  # pages (a urlset) or sitemaps (an index)
    lastmod: dict[str, dt.date] = field(default_factory=dict)  # location -> its <lastmod>


def gunzip_bounded(data: bytes, max_bytes: int) -> bytes:
    z = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = z.decompress(data, max_bytes + 1)
    if len(out) > max_bytes or z.unconsumed_tail:
        raise SitemapError(f"the gzipped sitemap inflates past the {max_bytes:,}-byte limit")
    return out


def parse_sitemap(data: bytes, url: str, max_bytes: int) -> Sitemap:
    if data[:2] == b"\x1f\x8b":
        try:
            data = gunzip_bounded(data, max_bytes)
        except zlib.error as exc:
            raise SitemapError(f"the sitemap at {url} is not valid gzip ({exc})") from None
    try:
        root = xmlsafe.parse(data, forbid_dtd=True)
    except xmlsafe.UnsafeXML as exc:
        raise SitemapError(f"the sitemap at {url} was not read: {exc}") from None
    except ET.ParseError as exc:
        raise SitemapError(f"the sitemap at {url} is not well-formed XML ({exc})") from None
    kind = xmlsafe.local_name(root.tag)
    if kind not in SITEMAP_ROOTS:
        raise SitemapError(
            f"{url} is not a sitemap (its root element is <{kind}>, not <urlset> or <sitemapindex>)"
        )
    locations = []
    lastmod: dict[str, dt.date] = {}
    for child in root:
        loc = modified = None
        for element in child:
            name = xmlsafe.local_name(element.tag)
            text = (element.text or "").strip()
            if name == "loc" and text:
                loc = text
            elif name == "lastmod" and text:
                modified = w3c_date(text)
        if loc is not None:
            locations.append(loc)
            if modified is not None:
                lastmod[loc] = modified
    return Sitemap(is_index=kind == "sitemapindex", locations=locations, lastmod=lastmod)


def w3c_date(text: str) -> dt.date | None:
    """A sitemap's <lastmod> (W3C Datetime: "2017-03-02", "2017-03-02T10:00:00+01:00")
    as a UTC date; None when it is not one."""
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.date()
