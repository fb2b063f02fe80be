"""XML sitemaps (sitemaps.org): a urlset's page URLs, a sitemap index's sitemaps. Parsed
with defusedxml; a gzipped sitemap is inflated under the size cap."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass

from . import xmlsafe

SITEMAP_ROOTS = frozenset({"urlset", "sitemapindex"})


class SitemapError(ValueError):
    pass


@dataclass(frozen=True)
class Sitemap:
    is_index: bool
    locations: list[str]  # pages (a urlset) or sitemaps (an index)


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
    for child in root:
        for field in child:
            if xmlsafe.local_name(field.tag) == "loc" and field.text and field.text.strip():
                locations.append(field.text.strip())
    return Sitemap(is_index=kind == "sitemapindex", locations=locations)
