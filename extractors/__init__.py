"""Pure extraction: bytes (+ hints) -> Document -> Release fields. No I/O, no database."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from .version import EXTRACTOR_VERSION

if TYPE_CHECKING:
    from .document import parse_document
    from .normalise import fingerprint, normalised_text
    from .release import extract_release

# The parsers and rules are imported on first use, not with the package: importing them
# compiles hundreds of patterns (about 0.5 s), which a process that only needs the
# records or EXTRACTOR_VERSION (the command line, the warehouse) never uses.
_LAZY = {
    "parse_document": ".document",
    "fingerprint": ".normalise",
    "normalised_text": ".normalise",
    "extract_release": ".release",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


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
    from .document import parse_document
    from .normalise import fingerprint
    from .release import extract_release

    document = parse_document(data, url=url, content_type=content_type)
    release = extract_release(document, url=url)
    return Extraction(
        document=document,
        release=release,
        fingerprint=fingerprint(document),
        extractor_version=EXTRACTOR_VERSION,
    )
