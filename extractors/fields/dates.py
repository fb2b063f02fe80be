"""The publication date of a release: the one its text states, its container's metadata,
its address (dates are written as extractors.patterns.DATE reads them)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ..patterns import DATE, parse_date

# A paragraph that starts by saying when the release was published.
_PUBLISHED_PREFIX = re.compile(
    # "Posted by Jane Doe on 12 March 2015", "Published by the Press Office on ...".
    r"^\s*(?:(?:posted|published)\s+by\s+(?:[\w’'.-]+\s+){1,4}on|"
    r"(?:first\s+)?published(?:\s+on)?|publication\s+date|date\s+published|"
    r"date\s+of\s+(?:publication|release|issue)|release\s+date|posted(?:\s+on)?|"
    r"released(?:\s+on)?|"
    r"issued(?:\s+on)?|date|"
    # "Embargoed until 00:01 Thursday 12 March 2015": the embargo lifts on publication.
    r"(?:under\s+)?embargo(?:ed)?(?:\s+(?:until|till|to))?(?:\s*:)?"
    r"(?:\s+\d{1,2}[:.]\d\d\s*(?:hrs|hours|[ap]\.?m\.?)?(?:\s+on)?)?)\s*[:\-–]?\s*",
    re.IGNORECASE,
)
# "..., the inspectorate said today (Friday 14 October 2022).": the day "today" is.
_TODAY_BRACKETED = re.compile(rf"\btoday\s*\(\s*(?:{DATE.pattern})\s*\)", re.IGNORECASE)
# A paragraph that is only a date, maybe with a time before or after it ("17th July 2018
# 6:44 am", "6:44 am, 17th July 2018", "10:25 GMT, Thursday, 11 March 2010"): a dateline.
_ZONES = ("GMT", "BST", "UTC", "CET")
_CLOCK = rf"\d{{1,2}}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*(?:{'|'.join(_ZONES)}))?"
_TIME = rf"(?:\s*,?\s*(?:at\s+)?{_CLOCK})?"
_TIME_FIRST = rf"(?:(?:at\s+)?{_CLOCK}\s*,?\s*(?:on\s+)?)?"
_CLOCK_FIRST = re.compile(rf"{_TIME_FIRST}")
# Day, month and a two-digit year ("12/03/14", "12.03.14"), day first as in the UK.
_SHORT_YEAR = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d\d)(?![\d/.])")
_ONLY_DATE = re.compile(
    rf"^\s*{_TIME_FIRST}(?:{DATE.pattern})(?:\s*[|,–—-])?{_TIME}\s*(?P<rest>.{{0,60}})$",
    re.IGNORECASE,
)
# A byline's name the date line ran into ("Wesley Johnson Tuesday 13 December 2011 13:05
# GMT"): one to three capitalised words before a weekday.
_NAME_BEFORE_DAY = re.compile(
    r"^\s*(?:[A-Z][\w’'.-]+\s+){1,3}(?=(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)"
)
# "By" and one to four capitalised names: a byline.
_BY_NAME = r"By\s+(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]+"
# A byline before the date line: "By Jane Reporter | 12 March 2019 | 10:15".
_BYLINE_FIRST = re.compile(rf"^\s*{_BY_NAME}\s*[|,–—-]\s*")
# The page's revision stamp after its date ("27 March 2014, 06:56 | Updated: 27 March
# 2014, 07:15"): the first date is the publication's.
_UPDATED_REST = re.compile(
    rf"[-–—|,]?\s*(?:last\s+)?updated:?\s*(?:on\s+)?(?:{DATE.pattern}){_TIME}\s*",
    re.IGNORECASE,
)
# A letter's covering line: "The Commissioner sent the following letter to the Home
# Secretary on 8 March 2019".
_LETTER_SENT = re.compile(
    rf"\bsent\s+(?:the\s+following|this|a|the)\s+letter\b[^.]{{0,160}}?\bon\s+(?:{DATE.pattern})",
    re.IGNORECASE,
)
# A byline the dateline's line ran into ("Sep 23, 2010 By Dilwar Hussain").
_BYLINE = re.compile(rf"[-–—|,]?\s*{_BY_NAME}")
# A news page's time stamp: weekday, date and clock time opening a paragraph ("Friday,
# 3rd March 2017, 8:46 am"), whatever the line ran into after it (an "Updated ..." stamp,
# a photo caption, the standfirst). No sentence opens with all three.
_WEEKDAY_DATE_CLOCK = re.compile(
    rf"^\s*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(?:{DATE.pattern})"
    rf"\s*,?\s*(?:at\s+)?{_CLOCK}(?![\w:.])",
    re.IGNORECASE,
)
# A news page's own stamp before its headline, when it states no publication date:
# "Page last updated at 10:25 GMT, Thursday, 11 March 2010" (the story's date stamp, not a
# later revision of a page section, as "Last updated 03/11/2016" under a heading is).
_PAGE_STAMP = re.compile(r"^\s*page\s+last\s+updated\s+(?:at\s+|on\s+)?", re.IGNORECASE)
# A wire-style dateline's place before the date: "London, 18 November 2014 – ...",
# "CARDIFF, 3 May 2016: ...". One to three capitalised words, then a comma.
_DATELINE_PLACE = re.compile(r"^(?:[A-Z][A-Za-z’'.-]+\s+){0,2}[A-Z][A-Za-z’'.-]+,\s+")


# Words a date inside a sentence follows ("inspected on 12 March 2015", "between ..."):
# after one, a date is the sentence's, not a dateline.
_BEFORE_A_DATE_IN_A_SENTENCE = re.compile(
    r"\b(?:on|from|until|till|to|by|since|before|after|between|of|in|at|dated|and|or|"
    r"the|until|published|released|issued|updated|modified)\s*,?$",
    re.IGNORECASE,
)


# A page's revision stamp before the date ("Page last updated at 10:25 GMT, 12 March
# 2010"), or a time: no headline.
_STAMP_WORDS = re.compile(r"\b(?:updated|modified|revised)\b|\d[:.]\d\d", re.IGNORECASE)


def dateline_after_headline(head: str) -> tuple[str, dt.date, int] | None:
    """A dateline between a headline and its lead that ran together into one paragraph
    (plain text with no blank lines): "Kent Police rated good 12 March 2015 Kent Police
    has been ...": (the headline, the date, where the lead starts), or None. The words
    before the date are a headline (three to thirty, no sentence ending, not ending in a
    word a date in a sentence follows); a capital or the paragraph's end comes after the
    date (and its time)."""
    match = DATE.search(head[:400])
    if not match or match.start() == 0:
        return None
    before = head[: match.start()].strip(" |–—-:,")
    if not 3 <= len(before.split()) <= 30 or re.search(r"[.!?:;]\s", before + " "):
        return None
    if _BEFORE_A_DATE_IN_A_SENTENCE.search(before) or _STAMP_WORDS.search(before):
        return None
    after = head[match.end() :]
    clock = re.match(rf"{_TIME}\s*[|,–—-]?\s*", after)
    start = match.end() + (clock.end() if clock else 0)
    rest = head[start:]
    if rest.strip() and not rest.lstrip()[:1].isupper():
        return None
    day = parse_date(match)
    return (before, day, start) if day is not None else None


def stated_publication_date(
    paragraphs: list[str] | tuple[str, ...], *, url_day: dt.date | None = None
) -> dt.date | None:
    """The publication date the text states: a paragraph opening with "Published (on):",
    "Date", "Posted" ... followed by a date, or a paragraph (among the first few) that is
    only a date. Dates inside sentences ("published on 11 February 2016", "Last updated
    03/11/2016", deadlines) are not publication dates. A date weeks after the one the
    page's address gives (`url_day`) is the site's masthead showing the day it was read
    ("Friday, March 24, 2023" above a story at /2013/04/08/), not the story's."""
    for day in _stated_dates(paragraphs):
        if url_day is None or day <= url_day + _MASTHEAD_LATER:
            return day
    return None


# How much later than its address's date a page's stated date may be and still be the
# story's (an address may carry the day a draft was made).
_MASTHEAD_LATER = dt.timedelta(days=7)


def _stated_dates(paragraphs: list[str] | tuple[str, ...]) -> Iterator[dt.date]:
    """The publication dates the text states, most telling first (see
    stated_publication_date)."""
    for index, paragraph in enumerate(paragraphs[:60]):
        head = paragraph[:300]
        prefix = _PUBLISHED_PREFIX.match(head)
        if prefix:
            # The time may come first: "PUBLISHED: 15:04, 26 March 2014 | UPDATED: ...".
            clock = _CLOCK_FIRST.match(head, prefix.end())
            match = DATE.match(head, clock.end() if clock else prefix.end())
            short = None
            if not match:
                short = _SHORT_YEAR.match(head, prefix.end()) or (
                    _SHORT_YEAR.match(head, clock.end()) if clock else None
                )
            if short:
                # "Posted: 12/03/14": a two-digit year, read only after a publication label.
                try:
                    yield dt.date(
                        2000 + int(short.group(3)), int(short.group(2)), int(short.group(1))
                    )
                except ValueError:
                    pass
            if match:
                day = parse_date(match)
                if day is not None:
                    yield day
        if index < 5:
            # A dateline opening the paragraph: "13 March 2024 – HMICFRS has ...", or with
            # the place first: "London, 18 November 2014 – Police forces ...".
            lead = head.lstrip()
            place = _DATELINE_PLACE.match(lead)
            for start in (0, place.end()) if place else (0,):
                match = DATE.match(lead, start)
                if match and re.match(r"\s*[-–—:|]\s", lead[match.end() :]):
                    day = parse_date(match)
                    if day is not None:
                        yield day
        if index < 3:
            dateline = dateline_after_headline(head)
            if dateline is not None:
                yield dateline[1]
        if index < 5:
            today = _TODAY_BRACKETED.search(paragraph[:1000])
            if today:
                day = parse_date(today)
                if day is not None:
                    yield day
        if index < 2:
            sent = _LETTER_SENT.search(paragraph[:600])
            if sent:
                day = parse_date(sent)
                if day is not None:
                    yield day
        stamp = _WEEKDAY_DATE_CLOCK.match(head) if index < 12 else None
        if stamp:
            day = parse_date(stamp)
            if day is not None:
                yield day
        if index < 12 and len(head) < 120:
            named = _NAME_BEFORE_DAY.match(head) or _BYLINE_FIRST.match(head)
            if named:
                head = head[named.end() :]
            only = _ONLY_DATE.match(head)
            rest = only.group("rest") if only else ""
            if only and (not rest or _BYLINE.fullmatch(rest) or _UPDATED_REST.fullmatch(rest)):
                match = DATE.search(head)
                if match:
                    day = parse_date(match)
                    if day is not None:
                        yield day
    # Last: a page's own stamp heading it, before the headline.
    for paragraph in paragraphs[:2]:
        stamp = _PAGE_STAMP.match(paragraph[:200])
        if stamp:
            stamped = paragraph[stamp.end() : 200]
            only = _ONLY_DATE.match(stamped)
            if only and not only.group("rest"):
                match = DATE.search(stamped)
                day = parse_date(match) if match else None
                if day is not None:
                    yield day


# Container metadata that means "published" (HTML meta tags, the page's <time>), most
# explicit first. Modification times are not publication dates and are not read.
_META_KEYS = (
    "article:published_time",
    "datePublished",
    "dc.date.issued",
    "dcterms.issued",
    "DC.date.issued",
    "publish_date",
    "publish-date",
    "pubdate",
    "date",
    "dc.date",
    "DC.date",
    "dcterms.date",
    "time",
)
_NOT_PUBLICATION = re.compile(r"modif|updat|creat|revis|expir|valid|print|access", re.I)
# A PDF's creation date is when the file was made: by a CMS on the day it was downloaded,
# by a word processor before the embargo lifted, or on a re-save years later. It is only
# taken (last of all) when the text corroborates it by naming its year.
_PDF_CREATED = "pdf:CreationDate"
# A year not inside a longer number: "(?<!\d)((?:19|20)\d\d)(?!\d)", written so that
# the pattern starts with its first digit (each branch checks the character before it),
# which lets re skip to a "1" or a "2" fast: it scans every paragraph of the document.
_YEAR = re.compile(r"((?:1(?<!\d1)9|2(?<!\d2)0)\d\d)(?!\d)")


def _meta_value_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()[:100]
    iso = re.match(r"D?:?\s*((?:19|20)\d\d)-?(\d\d)-?(\d\d)", value)
    if iso:
        try:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            pass
    match = DATE.search(value)
    if match:
        return parse_date(match)
    return None


def years_named(texts: list[str] | tuple[str, ...]) -> set[int]:
    """The years a text names (bounded: the first 100,000 characters)."""
    out: set[int] = set()
    budget = 100_000
    for text in texts:
        if budget <= 0:
            break
        if isinstance(text, str):
            out.update(int(y) for y in _YEAR.findall(text[:budget]))
            budget -= len(text)
    return out


def metadata_date(
    metadata: dict[str, str], *, text_years: set[int] | frozenset[int] = frozenset()
) -> dt.date | None:
    """A publication date from the container's metadata: an HTML publication tag or
    <time> first; a PDF's creation date only when its year is one of `text_years` (the
    years the release names). Never a modification date."""
    return html_meta_date(metadata) or pdf_meta_date(metadata, text_years=text_years)


def pdf_meta_date(
    metadata: dict[str, str], *, text_years: set[int] | frozenset[int] = frozenset()
) -> dt.date | None:
    """A PDF's creation date, when its year is one of `text_years` (see _PDF_CREATED)."""
    if not isinstance(metadata, dict):
        return None
    created = _meta_value_date(metadata.get(_PDF_CREATED))
    if created is not None and created.year in text_years:
        return created
    return None


def html_meta_date(metadata: dict[str, str]) -> dt.date | None:
    """A publication date from a page's markup: its publication meta tags, JSON-LD or
    microdata `datePublished`, or its first <time datetime>. Never a modification date."""
    if not isinstance(metadata, dict):
        return None
    keys = list(_META_KEYS) + sorted(
        k
        for k in metadata
        if isinstance(k, str)
        and "date" in k.lower()
        and k not in _META_KEYS
        and k != _PDF_CREATED
        and not k.startswith("pdf:")
        and not _NOT_PUBLICATION.search(k)
    )
    for key in keys:
        day = _meta_value_date(metadata.get(key))
        if day is not None:
            return day
    return None


# htmldate's bounds, fixed so extraction stays deterministic (its default upper bound is
# today) and wide, so a date out of range is kept and the warehouse's sanity rules say why
# it was not used (docs/dates.md).
_URL_DATE_BOUNDS = {"min_date": dt.datetime(1990, 1, 1), "max_date": dt.datetime(2100, 1, 1)}
# The 14-digit stamp day-month-year-hour-minute-second ending a Lotus Domino article's
# address ("...+good+performance+19082022111000?open", wired-gov.net), which htmldate's
# year-first URL patterns do not read.
_DOMINO_STAMP = re.compile(
    r"(?<![0-9])(?P<nd>[0-3][0-9])(?P<nm>[01][0-9])(?P<ny>(?:19|20)[0-9]{2})"
    r"(?:[01][0-9]|2[0-3])[0-5][0-9][0-5][0-9]$"
)
# What htmldate's URL reader needs before it reads a date: a year, a separator, then the
# month's digit (`/2017/03/02/`, `2024-07-23`). Most addresses have none, and the
# reader's page parse costs a quarter of a millisecond per document for nothing.
_URL_YEAR_MONTH = re.compile(r"[0-9]{4}[/_-][0-9]")


def url_date(url: str) -> dt.date | None:
    """The date a document's address gives (`/2017/03/02/...`, `/2024-07-23/`, a
    Domino stamp), read with htmldate; None when it gives no whole date (a year and
    month alone, `/2018/03/`, is no day)."""
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return None  # a local file's path says where it is kept, not when it appeared
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    stamp = _DOMINO_STAMP.search(path)
    if stamp:
        day = parse_date(stamp)
        if day is not None:
            return day
    if not _URL_YEAR_MONTH.search(url):
        return None
    from htmldate import find_date  # imported here: the text and PDF paths never need it

    # An empty page, so htmldate reads the address alone (the page's markup is read by
    # html_meta_date, without a second parse).
    found = find_date(
        "<html></html>", url=url, extensive_search=False, original_date=True, **_URL_DATE_BOUNDS
    )
    if not found:
        return None
    try:
        return dt.date.fromisoformat(found)
    except ValueError:
        return None
