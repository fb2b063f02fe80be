"""XML from the web, parsed safely: no entity declarations (billion laughs, quadratic
blow-up), no external entities or DTDs fetched (defusedxml)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import defusedxml
import defusedxml.ElementTree as DET


class UnsafeXML(ValueError):
    """XML that declares entities or references external ones: refused unread."""


def parse(data: bytes, *, forbid_dtd: bool = False) -> ET.Element:
    """The root element. UnsafeXML for entity tricks; ET.ParseError when not well-formed."""
    try:
        return DET.fromstring(
            data, forbid_dtd=forbid_dtd, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DTDForbidden:
        raise UnsafeXML(
            "it has a DOCTYPE declaration, which feeds and sitemaps do not need; refused "
            "unread (a guard against entity-expansion attacks)"
        ) from None
    except defusedxml.EntitiesForbidden as exc:
        raise UnsafeXML(
            f"it declares XML entities ({exc.name!r}), which is how entity-expansion "
            "('billion laughs') attacks work; refused unread"
        ) from None
    except defusedxml.ExternalReferenceForbidden:
        raise UnsafeXML(
            "it references an external entity (another file or URL); refused unread"
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise UnsafeXML(f"it uses unsafe XML ({exc}); refused unread") from None


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def root_name(data: bytes) -> str | None:
    """Local name of the root element, or None when `data` is not XML. Safe: raises
    UnsafeXML as `parse` does."""
    head = data.lstrip()[:1]
    if head not in (b"<", b"\xef"):  # \xef: a UTF-8 byte-order mark
        return None
    try:
        return local_name(parse(data).tag)
    except ET.ParseError:
        return None
