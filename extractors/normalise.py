"""Text normalisation for versioning: two renderings of the same words are one version."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .records import Document

# A word made only of list-marker or dash characters ("-", "\u2022", "\u2013", "*"): the
# marker of a list item, which a parser drops at the start of a line but has to keep in the
# middle of one ("crime - inadequate"), so that where a re-wrap puts it is no change.
_MARKER_WORD = re.compile(
    r"[-\u2010-\u2015\u2022\u2023\u25aa\u25cf\u25e6\u2043\u2219\u00b7\u25a0\u25a1*+]+"
)


def normalised_text(document: Document) -> str:
    """Title and paragraphs with Unicode compatibility forms folded, all runs of whitespace
    (including line breaks and paragraph breaks) made one space, and words that are only a
    list marker or a dash left out: re-wrapping, or re-flowing a list, does not count."""
    parts = [document.title or "", *document.paragraphs]
    text = unicodedata.normalize("NFKC", "\n".join(parts))
    return " ".join(word for word in text.split() if not _MARKER_WORD.fullmatch(word))


def fingerprint(document: Document) -> str:
    return hashlib.sha256(normalised_text(document).encode("utf-8")).hexdigest()
