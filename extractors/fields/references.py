"""Release references such as "#015/2012" (number / year)."""

from __future__ import annotations

import re

# "#015/2012", "Ref: 015/2012", "Press release 015/2012"; never part of a date
# ("16/05/2019") or a year range ("2018/19").
_HASH = re.compile(r"(?<![\w/])#\s?(\d{1,4})\s?/\s?((?:19|20)\d\d)(?![\w/])")
_LABELLED = re.compile(
    r"\b(?:ref(?:erence)?|press\s+release|news\s+release|release\s+no)\.?\s*(?:no\.?|number)?"
    r"\s*[:#]?\s*(\d{1,4})\s?/\s?((?:19|20)\d\d)(?![\w/])",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^\s*#?\s?(\d{3})/((?:19|20)\d\d)\s*[-–—:|]\s*")


def _format(number: str, year: str) -> str:
    return f"{int(number):03d}/{year}"


# A line of its own that is only the reference ("Ref: 031/2012", as syndicated copies
# print it at the foot of the release).
_STANDALONE = re.compile(
    r"^\s*(?:ref(?:erence)?|press\s+release|news\s+release|release\s+no)\.?\s*"
    r"(?:no\.?|number)?\s*[:#]?\s*(\d{1,4})\s?/\s?((?:19|20)\d\d)\s*\.?\s*$",
    re.IGNORECASE,
)


# "No. 15/2013" alone on its line at the head of the release.
_NUMBER_ONLY = re.compile(r"^\s*No\.?\s*(\d{1,4})\s?/\s?((?:19|20)\d\d)\s*$", re.IGNORECASE)


def find_reference(
    texts: list[str] | tuple[str, ...], rest: list[str] | tuple[str, ...] = ()
) -> str | None:
    """The release reference stated in the first texts (title, first paragraphs), else on
    a line of its own anywhere in `rest`."""
    for text in texts:
        if not isinstance(text, str):
            continue
        head = text[:400]
        number = _NUMBER_ONLY.match(head)
        if number:
            return _format(number.group(1), number.group(2))
        for pattern in (_HASH, _LABELLED, _LEADING):
            if pattern is _LABELLED and "/" not in head:
                continue  # (its number and year are written with a slash between)
            match = pattern.search(head)
            if match:
                return _format(match.group(1), match.group(2))
    for text in rest:
        if isinstance(text, str) and len(text) <= 40:
            match = _STANDALONE.match(text)
            if match:
                return _format(match.group(1), match.group(2))
    return None
