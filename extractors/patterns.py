"""Text shapes the format parsers and the field rules both recognise: a written date, a
release reference heading a line, a page title's site name."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # Welsh, as the bilingual (cy) pages of Welsh forces and commissioners write them.
    "ionawr": 1, "chwefror": 2, "mawrth": 3, "ebrill": 4, "mai": 5, "mehefin": 6,
    "gorffennaf": 7, "awst": 8, "medi": 9, "hydref": 10, "tachwedd": 11, "rhagfyr": 12,
}  # fmt: skip
# Day-number endings: English ("13th"), Welsh ("1af", "2il", "3ydd", "5ed", "9fed",
# "11eg", "21ain").
_ORDINALS = ("st", "nd", "rd", "th", "af", "il", "ydd", "fed", "ed", "eg", "ain")
_ORDINAL = "(?:" + "|".join(_ORDINALS) + ")?"
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH = rf"(?P<mon>{_MONTH_NAMES})\.?"
_MONTH2 = rf"(?P<mon2>{_MONTH_NAMES})\.?"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\s+)?"
_DMY = rf"(?P<d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH},?\s+(?P<y>(?:19|20)\d\d)"
_MDY = rf"{_MONTH2}\s+(?P<d2>\d{{1,2}}){_ORDINAL},?\s+(?P<y2>(?:19|20)\d\d)"
_ISO = r"(?P<iy>(?:19|20)\d\d)-(?P<im>\d\d)-(?P<id>\d\d)"
_NUM = r"(?P<nd>\d{1,2})[/.](?P<nm>\d{1,2})[/.](?P<ny>(?:19|20)\d\d)"

# A date as written: "25 August 2016", "Thursday, August 25, 2016", "2024-03-13",
# "16/05/2019" (day first, as in the UK).
DATE = re.compile(
    rf"(?<![\w/.-])(?:{_WEEKDAY}(?:{_DMY}|{_MDY})|{_ISO}|{_NUM})(?![\w/-])",
    re.IGNORECASE,
)


def parse_date(match: re.Match[str]) -> dt.date | None:
    """The day a DATE match names, or None when there is no such day (31 February)."""
    g = match.groupdict()
    try:
        if g.get("iy"):
            return dt.date(int(g["iy"]), int(g["im"]), int(g["id"]))
        if g.get("ny"):
            return dt.date(int(g["ny"]), int(g["nm"]), int(g["nd"]))
        if g.get("y"):
            return dt.date(int(g["y"]), _MONTHS[g["mon"].lower()], int(g["d"]))
        if g.get("y2"):
            return dt.date(int(g["y2"]), _MONTHS[g["mon2"].lower()], int(g["d2"]))
    except (ValueError, KeyError):
        return None
    return None


def find_dates(text: str) -> list[dt.date]:
    """Every valid date written in `text`, in order."""
    out = []
    for match in DATE.finditer(text[:20_000]):
        day = parse_date(match)
        if day is not None:
            out.append(day)
    return out


# A release reference heading a line ("#015/2012 - ..."): a title is read without it, and
# a PDF letterhead's line that gives it is the release's, not the sender's.
REFERENCE_PREFIX = re.compile(r"^\s*#\s?\d{1,4}\s?/\s?(?:19|20)\d\d\s*[-–—:|]?\s*")

# What stands between a page title's headline and its site name.
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|\u00bb|\u00b7)\s+")


def strip_site_suffix(title: str) -> str:
    """'Headline - Site name' -> 'Headline' when the last part is obviously a site name;
    'Site | Headline' -> 'Headline' likewise."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    last = parts[-1]
    first = parts[0]
    rest_before = title[: title.rfind(last)].rstrip(" |-\u2013\u2014:\u00bb\u00b7")
    if len(last.split()) <= 4 and len(last) <= 40 and len(rest_before) > len(last):
        return rest_before.strip()
    rest_after = title[len(first) :].lstrip(" |-\u2013\u2014:\u00bb\u00b7")
    if (
        len(first.split()) <= 3
        and len(first) <= 30
        and len(rest_after) > 2 * len(first)
        and "|" in title[len(first) : len(first) + 4]
    ):
        return rest_after.strip()
    return title
