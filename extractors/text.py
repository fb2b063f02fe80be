"""Plain text: decoding whatever the encoding, and paragraphs from blank-line blocks."""

from __future__ import annotations

import re
import unicodedata

from .detect import TEXT, bom_encoding, utf16_without_bom
from .records import Document, ExtractionError

# Only the first MAX_TEXT_CHARS characters are split into paragraphs; the rest is dropped
# and metadata['truncated_input'] says so. A press release is a few kilobytes.
MAX_TEXT_CHARS = 8_000_000
# charset-normalizer is slow on big inputs: it only ever sees this much.
DETECT_SAMPLE = 256 * 1024

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)

# Unordered list markers (dropped from the paragraph) and ordered ones (kept: "1." is text).
_BULLET = re.compile(r"^[\u2022\u2023\u25aa\u25cf\u25e6\u2043\u2219\u00b7\u25a0\u25a1\u2013*+-]\s+")
_NUMBERED = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}[.)])\s+\S", re.IGNORECASE)

# Characters that make cp1252 the right guess for non-UTF-8 Western text.
_WESTERN_EXTRA = set("\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u20ac\u2122")


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = _CHARSET.search(content_type)
    return _known_codec(match.group(1)) if match else None


def _known_codec(name: str) -> str | None:
    import codecs

    name = name.strip().strip("\"'").lower()
    if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1"):
        # As browsers do (WHATWG): these labels mean windows-1252.
        return "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_western(text: str) -> bool:
    """True when the non-ASCII characters of `text` are the usual Western European ones."""
    odd = 0
    total = 0
    for ch in text:
        if ch < "\x80":
            continue
        total += 1
        if ch in _WESTERN_EXTRA or ("\u00a0" <= ch <= "\u00ff"):
            continue
        odd += 1
    return total == 0 or odd <= 0.1 * total


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode `data` to str: (text, encoding used). Never raises for bad bytes.

    Order: byte-order mark, BOM-less UTF-16, the declared charset (if it decodes cleanly),
    strict UTF-8, cp1252 for Western-looking text, then charset-normalizer's best guess,
    and finally UTF-8 with replacement characters.
    """
    encoding, skip = bom_encoding(data)
    if encoding is not None:
        return data[skip:].decode(encoding.replace("-sig", ""), "replace"), encoding
    utf16 = utf16_without_bom(data[:8192])
    if utf16 is not None:
        return data.decode(utf16, "replace"), utf16
    if declared:
        codec = _known_codec(declared)
        if codec is not None:
            try:
                return data.decode(codec), codec
            except (UnicodeDecodeError, LookupError):
                pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        # Valid UTF-8 up to a cut in the middle of the last character: a truncated file.
        if exc.start >= len(data) - 3 and exc.start > 0:
            return data.decode("utf-8", "replace"), "utf-8"
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _looks_western(western[:DETECT_SAMPLE]):
        return western, "cp1252"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:DETECT_SAMPLE]).best()
    except Exception:  # pragma: no cover - detection is best effort
        best = None
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding, "replace"), best.encoding
        except LookupError:  # pragma: no cover
            pass
    return data.decode("utf-8", "replace"), "utf-8"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_inline(text: str) -> str:
    """Collapse runs of whitespace (any kind) into one space and strip."""
    return " ".join(text.split())


def _strip_controls(text: str) -> str:
    if not any(unicodedata.category(c) == "Cc" for c in set(text) if c not in "\n\t"):
        return text
    return "".join(c if (c in "\n\t" or unicodedata.category(c) != "Cc") else " " for c in text)


def is_list_line(line: str) -> bool:
    stripped = line.lstrip()
    return bool(_BULLET.match(stripped) or _NUMBERED.match(stripped))


def strip_bullet(line: str) -> str:
    """Remove an unordered list marker; keep numbers ("1.", "a)") which are content."""
    return _BULLET.sub("", line.lstrip(), count=1)


_BLANK_LINES = re.compile(r"\n[ \t\f\v\u00a0]*\n\s*")


def text_paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines; lines of a block joined with a space, except that a
    list-like line starts a paragraph of its own (lines after it continue that item)."""
    paragraphs: list[str] = []
    for block in _BLANK_LINES.split(text):
        if not block.strip():
            continue
        current: list[str] = []
        for line in block.split("\n"):
            if not line.strip():
                continue
            if is_list_line(line):
                if current:
                    paragraphs.append(clean_inline(" ".join(current)))
                current = [strip_bullet(line)]
            else:
                current.append(line)
        if current:
            para = clean_inline(" ".join(current))
            if para:
                paragraphs.append(para)
    return [p for p in paragraphs if p]


def parse_text(data: bytes, *, content_type: str | None = None) -> Document:
    """Plain text bytes -> Document (title None: the release layer decides titles)."""
    text, encoding = decode_bytes(data, declared=charset_from_content_type(content_type))
    metadata = {"encoding": encoding}
    if len(text) > MAX_TEXT_CHARS:
        cut = text.rfind("\n", 0, MAX_TEXT_CHARS)
        text = text[: cut if cut > MAX_TEXT_CHARS // 2 else MAX_TEXT_CHARS]
        metadata["truncated_input"] = "true"
    text = _strip_controls(normalise_newlines(text).replace("\ufeff", ""))
    paragraphs = text_paragraphs(text)
    if not paragraphs:
        raise ExtractionError("no text in the document (it is empty or only whitespace)")
    return Document(media_type=TEXT, title=None, paragraphs=tuple(paragraphs), metadata=metadata)
