"""Format detection from the bytes themselves.

The file name and the Content-Type header are only weak hints: servers mislabel documents
and files get renamed. `detect_format` looks at the first few kilobytes and decides between
PDF, HTML and plain text, or rejects the bytes as binary junk with a message that says what
they look like.
"""

from __future__ import annotations

import re

from .records import ExtractionError

PDF = "application/pdf"
HTML = "text/html"
TEXT = "text/plain"

# How far into the file the %PDF- magic may sit (some servers prepend junk or whitespace;
# Acrobat accepts the header anywhere in the first 1024 bytes).
PDF_MAGIC_WINDOW = 1024
SNIFF_BYTES = 8192

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Well-known binary formats, to say what the bytes are instead of just "junk".
_MAGICS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel .docx/.xlsx file)"),
    (b"\x1f\x8b", "gzip-compressed data (was the response decompressed?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"%!PS", "a PostScript file"),
    (b"RIFF", "a RIFF media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"ID3", "an MP3 audio file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"BM", "a BMP image"),
)

_HTML_START = re.compile(
    rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|link|base|style|script|p|div|table|"
    rb"h[1-6]|article|main|section|header|nav|ul|ol|span|a|br|img|form|center|font|b|i)"
    rb"[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_ANY_TAG = re.compile(rb"<(?:[a-z][a-z0-9]*)(?:\s[^<>]*)?/?>", re.IGNORECASE)

# Bytes that do not occur in text: C0 controls except TAB, LF, VT, FF, CR, and ESC (seen in
# old terminal-made text) -- plus DEL.
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 11, 12, 13, 27)) + b"\x7f"
_CONTROL_TABLE = bytes.maketrans(b"", b"")


def bom_encoding(data: bytes) -> tuple[str | None, int]:
    """The encoding announced by a byte-order mark, and the BOM's length."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None, 0


def utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the sample looks like BOM-less UTF-16 text: many NUL
    bytes, nearly all at odd (LE) or even (BE) offsets."""
    n = len(sample) - (len(sample) % 2)
    if n < 4:
        return None
    even = sample[0:n:2]
    odd = sample[1:n:2]
    half = n // 2
    nul_even = even.count(0)
    nul_odd = odd.count(0)
    if nul_odd >= 0.4 * half and nul_even <= 0.05 * half:
        candidate = "utf-16-le"
    elif nul_even >= 0.4 * half and nul_odd <= 0.05 * half:
        candidate = "utf-16-be"
    else:
        return None
    try:
        decoded = sample[:n].decode(candidate)
    except UnicodeDecodeError:
        return None
    if _control_ratio(decoded.encode("utf-8", "replace")) > 0.02:
        return None
    return candidate


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    stripped = sample.translate(_CONTROL_TABLE, _CONTROL)
    return (len(sample) - len(stripped)) / len(sample)


def find_pdf_magic(data: bytes) -> int:
    """Offset of the %PDF- header in the first kilobyte, or -1."""
    return data.find(b"%PDF-", 0, PDF_MAGIC_WINDOW + 5)


def _hint_is_html(url: str, content_type: str | None) -> bool:
    ct = (content_type or "").lower()
    if "html" in ct or "xhtml" in ct:
        return True
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    return path.endswith((".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", "/"))


def _hint_is_text(url: str, content_type: str | None) -> bool:
    ct = (content_type or "").lower()
    if ct.startswith("text/plain"):
        return True
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    return path.endswith((".txt", ".text"))


def _describe(data: bytes) -> str:
    for magic, what in _MAGICS:
        if data.startswith(magic):
            return f"looks like {what}"
    head = data[:8].hex(" ")
    return f"starts with bytes {head}"


def sniff_text(data: bytes) -> tuple[str, str | None]:
    """Decode a sample of the document for sniffing: (text, encoding or None if unknown)."""
    encoding, skip = bom_encoding(data)
    sample = data[skip : skip + SNIFF_BYTES]
    if encoding is None:
        encoding = utf16_without_bom(sample)
    if encoding is not None:
        if encoding == "utf-8-sig":
            encoding = "utf-8"
        return sample.decode(encoding, "replace"), encoding
    return sample.decode("latin-1"), None


def detect_format(data: bytes, *, url: str = "", content_type: str | None = None) -> str:
    """'application/pdf', 'text/html' or 'text/plain', decided from the bytes.

    Raises ExtractionError for empty files and binary data that is none of the three.
    """
    if not data:
        raise ExtractionError("empty file (0 bytes)")
    if find_pdf_magic(data) >= 0:
        return PDF

    text, encoding = sniff_text(data)
    head = text.lstrip("\ufeff \t\r\n\f\v\x00").encode("latin-1", "replace")

    looks_html = bool(_HTML_START.match(head))
    if encoding is None and not looks_html:
        # Not UTF-16/32: binary junk has many control bytes (text has nearly none).
        sample = data[:SNIFF_BYTES]
        ratio = _control_ratio(sample)
        if ratio > 0.01 or (len(sample) < 64 and ratio > 0):
            raise ExtractionError(
                f"binary data, not a text, HTML or PDF document ({_describe(data)})"
            )
        # Check the middle and the end too: a text head on a binary body is still junk.
        if len(data) > 3 * SNIFF_BYTES:
            middle = len(data) // 2
            for chunk in (data[middle : middle + 4096], data[-4096:]):
                if _control_ratio(chunk) > 0.05:
                    raise ExtractionError(
                        "binary data, not a text, HTML or PDF document "
                        f"(text at the start but binary further on; {_describe(data)})"
                    )

    if looks_html:
        # '<p>' at the start of a file served as text/plain is still most likely HTML,
        # unless the hint says text and there is no real document structure.
        if _hint_is_text(url, content_type) and not _HTML_ANYWHERE.search(head[:2048]):
            return TEXT
        return HTML
    if _HTML_ANYWHERE.search(head[:2048]):
        return HTML
    if _hint_is_html(url, content_type) and _ANY_TAG.search(head[:4096]):
        return HTML
    return TEXT
