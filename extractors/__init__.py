"""Pure extraction: bytes (+ hints) -> Document -> Release fields. No I/O, no database."""

from __future__ import annotations

from .document import parse_document
from .normalise import fingerprint, normalised_text
from .records import (
    DatedBy,
    Document,
    Extraction,
    ExtractionError,
    ForceMention,
    Gap,
    Judgement,
    Person,
    Release,
    ServiceMention,
)
from .release import extract_release
from .version import EXTRACTOR_VERSION

__all__ = [
    "EXTRACTOR_VERSION",
    "DatedBy",
    "Document",
    "Extraction",
    "ExtractionError",
    "ForceMention",
    "Gap",
    "Judgement",
    "Person",
    "ServiceMention",
    "Release",
    "extract",
    "extract_release",
    "fingerprint",
    "normalised_text",
    "parse_document",
]


def extract(data: bytes, *, url: str = "", content_type: str | None = None) -> Extraction:
    """Parse `data` and extract its release fields. Raises ExtractionError with a message
    a person can act on when the bytes are not a readable document."""
    document = parse_document(data, url=url, content_type=content_type)
    release = extract_release(document, url=url)
    return Extraction(
        document=document,
        release=release,
        fingerprint=fingerprint(document),
        extractor_version=EXTRACTOR_VERSION,
    )
