"""STUB (to be replaced): bytes -> Document."""

from __future__ import annotations

from .records import Document, ExtractionError


def parse_document(data: bytes, *, url: str = "", content_type: str | None = None) -> Document:
    if not data:
        raise ExtractionError("empty file (0 bytes)")
    text = data.decode("utf-8", errors="replace")
    paragraphs = tuple(" ".join(p.split()) for p in text.split("\n\n") if p.strip())
    return Document(media_type="text/plain", title=None, paragraphs=paragraphs)
