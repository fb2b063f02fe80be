"""bytes (+ hints) -> one normalised Document, whatever the format.

The format is decided from the bytes (extractors.detect); URL and Content-Type are only
hints. Every failure is an ExtractionError whose message says what is wrong with the file.
"""

from __future__ import annotations

from .detect import HTML, PDF, detect_format
from .records import Document, ExtractionError

__all__ = ["parse_document"]


def parse_document(data: bytes, *, url: str = "", content_type: str | None = None) -> Document:
    """Parse `data` into a Document (HTML, PDF or plain text, detected from the bytes).

    Raises ExtractionError, and only ExtractionError, when the bytes are not a readable
    document: empty, binary junk, encrypted or corrupt PDF, no text.
    """
    if not data:
        raise ExtractionError("empty file (0 bytes)")
    data = bytes(data)
    try:
        kind = detect_format(data, url=url, content_type=content_type)
        if kind == PDF:
            from .pdf import parse_pdf

            return parse_pdf(data)
        if kind == HTML:
            from .html import parse_html

            return parse_html(data, content_type=content_type)
        from .text import parse_text

        return parse_text(data, content_type=content_type)
    except ExtractionError:
        raise
    except RecursionError as exc:
        raise ExtractionError("document structure nested too deeply to read") from exc
    except MemoryError as exc:
        raise ExtractionError("document too large to read in memory") from exc
    except Exception as exc:  # a parser bug on odd input must still be a readable error
        raise ExtractionError(
            f"could not read the document ({type(exc).__name__}: {str(exc)[:120]})"
        ) from exc
