"""Text helpers shared by the field and rule modules: bounded sentence splitting and
normalisation for comparison."""

from __future__ import annotations

import functools
import re
import unicodedata

# Longest paragraph looked at by the rules, and longest sentence: press releases have
# paragraphs of a few hundred characters, so anything longer is cut rather than scanned.
MAX_PARAGRAPH = 20_000
MAX_SENTENCE = 1_500

_SENTENCE_END = re.compile(r"(?<=[.!])[\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9À-Þ])|(?<=\?)[\"”’']?\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph (a simple split on . ! ? before a capital), each at most
    MAX_SENTENCE characters. Abbreviations such as "Mr." split a sentence: harmless here."""
    return list(_sentences(paragraph[:MAX_PARAGRAPH]))


# The verdict rules, the gaps and the areas each split the same paragraphs again (about
# twice each per release).
@functools.lru_cache(maxsize=256)
def _sentences(paragraph: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in _SENTENCE_END.split(paragraph):
        part = part.strip()
        while len(part) > MAX_SENTENCE:
            out.append(part[:MAX_SENTENCE])
            part = part[MAX_SENTENCE:]
        if part:
            out.append(part)
    return tuple(out)


# The letters a case-insensitive pattern matches to an ASCII letter that str.lower() does
# not lower to it (re's extra case equivalences, and the capital dotted I, which lower()
# makes two characters).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def folded(text: str) -> str:
    """`text` lowered so that a lower-case ASCII word a case-insensitive pattern matches
    in `text` is a substring of it: the text a cheap word check before such a pattern
    looks in."""
    lowered = text.lower()
    if len(lowered) != len(text) or "\u0131" in lowered or "\u017f" in lowered:
        return text.translate(_FOLD).lower()
    return lowered


def clean(text: str) -> str:
    """Whitespace collapsed, stripped."""
    return " ".join(text.split())


def fold(text: str) -> str:
    """Comparison key: NFC, casefolded, curly quotes straight, dashes as '-', spaces
    collapsed."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = _DASHES.sub("-", text)
    return " ".join(text.casefold().split())
