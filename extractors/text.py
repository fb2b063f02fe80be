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
_BULLET = re.compile(
    r"^(?:[\u2022\u2023\u25aa\u25cf\u25e6\u2043\u2219\u00b7\u25a0\u25a1\u2013*+-]|::)\s+"
)
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

# Bullet characters: nothing else looks like them, so one starts a list item wherever it
# stands (a re-wrapped "; • next item" lands mid-line).
_BULLET_CHARS = "\u2022\u2023\u25aa\u25cf\u25e6\u2043\u2219\u00b7\u25a0\u25a1"
# Markers that prose makes too ("crime - inadequate", "(a) and (b)", "in 2014. 43 forces"):
# they start an item at the start of a block, after the end of a sentence, an item or a
# lead-in, or on a line that a wrap did not make (see _deliberate_break).
_DASH_MARKER = r"[\u2013*+-]"
_INLINE_ITEM = re.compile(
    r"(?P<bullet>(?:(?<=\s)|^)(?:[" + _BULLET_CHARS + r"]|::)(?=\s))"
    r"|(?:[:;.?!][\"'\u2019\u201d)\]]?|[;,]\s+(?:and|or))\s+"
    r"(?=(?:" + _DASH_MARKER + r"|\(?\d{1,3}[.)])\s+\S)"
)
_ORDERED = re.compile(r"^(\d{1,3})\.\s+(\S.*)$", re.DOTALL)
_ITEM = "\x00"  # where a line starts an item, in a block's joined text


def _deliberate_break(previous: str, line: str, width: int) -> bool:
    """True when `line` starts with a list marker that a wrap at `width` (the text's
    longest line) would have put at the end of `previous`: the line break is the
    writer's, so the marker starts an item."""
    marker = line.split(None, 1)[0]
    return len(previous.expandtabs()) + 1 + len(marker) <= width


def _width(text: str) -> int:
    """The longest line: the width the text was wrapped at, if it was."""
    return max((len(line.expandtabs()) for line in text.split("\n")), default=0)


def _block_paragraphs(lines: list[str], width: int) -> list[str]:
    """One block's lines (non-blank) -> its paragraphs, list markers still on them."""
    parts = [lines[0].strip()]
    for previous, line in zip(lines, lines[1:], strict=False):
        stripped = line.strip()
        if is_list_line(stripped) and _deliberate_break(previous, stripped, width):
            parts.append(" " + _ITEM + stripped)
        elif previous[-1:] == "-" and previous[-2:-1].isalpha() and stripped[:1].isalpha():
            parts.append(stripped)  # "crime-" + "recording": a wrap broke after the hyphen
        else:
            parts.append(" " + stripped)
    joined = "".join(parts)
    cuts = [
        match.start() if match.group("bullet") else match.end()
        for match in _INLINE_ITEM.finditer(joined)
    ]
    pieces = [joined[i:j] for i, j in zip([0, *cuts], [*cuts, len(joined)], strict=True)]
    return [para for piece in pieces for part in piece.split(_ITEM) if (para := clean_inline(part))]


def text_blocks(text: str) -> list[tuple[str, int | None, str]]:
    """The paragraphs of plain text as (kind, number, text): kind 'ul' (a bullet item,
    marker dropped), 'ol' (an item "12. ...": number 12, text without it) or 'p'.

    The model does not depend on the line width. A paragraph is a block between blank
    lines, its lines run together (a line that ends in a hyphen after a letter and goes
    on with a letter is joined without a space: "crime-" + "recording"). Inside a block,
    a bullet character (\u2022 and the like) starts an item wherever it stands; a dash or
    number marker ("- ", "1. ", "(a) ") starts one at the start of the block, after what
    ends a sentence, an item or a lead-in (". : ; ? !", "; and"), or at the start of a line
    whose break a wrap would not have made (the marker would have fitted on the line
    before, the text's longest line taken as the width)."""
    out: list[tuple[str, int | None, str]] = []
    text = text.replace(_ITEM, " ")
    width = _width(text)
    for block in _BLANK_LINES.split(text):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        for para in _block_paragraphs(lines, width):
            if _BULLET.match(para):
                item = _BULLET.sub("", para, count=1)
                if item:
                    out.append(("ul", None, item))
                continue
            ordered = _ORDERED.match(para)
            if ordered:
                out.append(("ol", int(ordered.group(1)), ordered.group(2)))
            else:
                out.append(("p", None, para))
    return out


def text_paragraphs(text: str) -> list[str]:
    """The paragraphs of plain text (see text_blocks): bullets dropped, numbers kept."""
    out: list[str] = []
    text = text.replace(_ITEM, " ")
    width = _width(text)
    for block in _BLANK_LINES.split(text):
        lines = [line.rstrip() for line in block.split("\n") if line.strip()]
        if lines:
            paragraphs = _block_paragraphs(lines, width)
            out.extend(p for para in paragraphs if (p := strip_bullet(para)))
    return out


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


_BR_SPLIT = re.compile(r"\n[ \t]*\n")


def markup_paragraphs(raw: str) -> list[str]:
    """The paragraphs of text gathered from one block of markup. Without line breaks it
    is one paragraph; lines broken by <br> (or inside <pre>) are read as plain text is
    read: a blank line ends a paragraph, a list line starts one of its own, other lines
    join."""
    if "\n" not in raw:
        text = clean_inline(raw)
        return [text] if text else []
    return [p for piece in _BR_SPLIT.split(raw) for p in text_paragraphs(piece)]
