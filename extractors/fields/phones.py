"""UK telephone numbers, complete ones only ("07836 217" cut off at the end of a text is
not a number)."""

from __future__ import annotations

import re

_PHONE = re.compile(
    # (a number starts with "+", "(" or "0": a position at any other character is refused
    # at once)
    r"(?=[+(0])(?<![\w+/.,£$-])"
    r"(?:\+44\s?(?:\(0\)\s?)?|\(0|0)"
    r"\d(?:[ \u00a0\-)]{0,2}\d){7,11}"
    r"(?![\w/]|[.,]\d|[ \u00a0-]\d)"
)


def _national_digits(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    if number.lstrip().startswith("+44"):
        digits = digits[2:]
        if digits.startswith("0"):
            digits = digits[1:]
        digits = "0" + digits
    return digits


def find_phones(text: str) -> list[str]:
    """UK phone numbers as written (spacing collapsed), distinct, in order."""
    out: dict[str, None] = {}
    for match in _PHONE.finditer(text[:500_000]):
        number = " ".join(match.group(0).replace("\u00a0", " ").split()).strip(" -")
        digits = _national_digits(number)
        if not digits.startswith("0") or digits.startswith("00"):
            continue
        # UK numbers: 11 digits (01/02/03/07/08), a few 10-digit ones (01xxx xxxxx,
        # 0800 xxx xxx).
        if len(digits) == 11 or (len(digits) == 10 and digits[1] in "18"):
            if number.startswith("(0") and ")" not in number:
                continue
            out.setdefault(number, None)
    return list(out)
