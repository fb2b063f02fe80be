"""Text normalisation for versioning: two renderings of the same words are one version."""

from __future__ import annotations

import hashlib
import unicodedata

from .records import Document


def normalised_text(document: Document) -> str:
    """Title and paragraphs with Unicode compatibility forms folded and all runs of
    whitespace (including line breaks, so re-wrapping does not count) made one space."""
    parts = [document.title or "", *document.paragraphs]
    text = unicodedata.normalize("NFKC", "\n".join(parts))
    return " ".join(text.split())


def fingerprint(document: Document) -> str:
    return hashlib.sha256(normalised_text(document).encode("utf-8")).hexdigest()
