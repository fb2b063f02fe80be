"""Titles of reports a release refers to: quoted after "report"/"review" ("the national
thematic review 'A Step in the Right Direction'"), or the link text after "Get the
report"."""

from __future__ import annotations

import re

from ..forces import find_forces
from .text import fold
from .titles import is_chrome

_OPEN = "‘'\"“"
_CLOSE = "’'\"”"
# A quoted title's characters: anything but quotes, or an apostrophe inside a word
# ("‘Everyone’s business: Improving the police response to domestic abuse’").
_TITLE_CHARS = rf"(?:[^{_OPEN}{_CLOSE}\n]|(?<=[A-Za-z])[’'](?=[a-z]))"
_REPORT_WORD = (
    r"\b(?:report|reports|review|reviews|inspection|thematic|study|publication|"
    r"inspection\s+report)"
)
_QUOTED_AFTER_WORD = re.compile(
    rf"{_REPORT_WORD}\s*,?\s+(?:(?:called|entitled|titled|named)\s+)?"
    rf"[{_OPEN}](?P<title>[A-Z0-9]{_TITLE_CHARS}{{2,160}}?)[{_CLOSE}](?!\w)"
)
# "its final report on crime data integrity, ‘Crime-recording: making the victim count’":
# the report's subject, a comma, then its quoted title.
_QUOTED_AFTER_SUBJECT = re.compile(
    rf"{_REPORT_WORD}\s+(?:on|into|of)\s+[^{_OPEN}{_CLOSE}\n.;:,]{{3,80}},\s+"
    rf"[{_OPEN}](?P<title>[A-Z0-9]{_TITLE_CHARS}{{2,160}}?)[{_CLOSE}](?!\w)"
)
# "HMIC said today in ‘Policing in austerity: Rising to the challenge’": a quoted title
# of the inspectorate's "Main title: subtitle" form, in or published as such.
_QUOTED_TITLE_WITH_SUBTITLE = re.compile(
    r"\b(?:in|publish\w*|launch\w*|entitled|called|titled|alongside|accompany\w*|"
    r"as\s+part\s+of|read\s+with)\s+(?:today\s+)?(?:its\s+|the\s+)?"
    rf"[{_OPEN}](?P<title>[A-Z0-9]{_TITLE_CHARS}{{2,80}}?:\s+[A-Za-z0-9]{_TITLE_CHARS}{{2,120}}?)"
    rf"[{_CLOSE}](?!\w)"
)
# "‘A Step in the Right Direction’ report": the quoted title before the word.
_QUOTED_BEFORE_WORD = re.compile(
    rf"(?<![\w])[{_OPEN}](?P<title>[A-Z0-9]{_TITLE_CHARS}{{2,160}}?)[{_CLOSE}]"
    r"\s+(?:report|review|inspection)\b"
)
# A report named unquoted between commas after "the report": "The report, PEEL: Police
# efficiency 2016 – A national overview, is available on our website"; "Read the report,
# Kent Police: Crime Data Integrity inspection 2018."
_NAMED_AFTER_REPORT_COMMA = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Oo]ur)\s+(?:full\s+|final\s+|national\s+)?report,\s+"
    r"(?P<title>[A-Z0-9][^,;\n]{4,160}?),\s+(?:is|was|can|will|has|sets|which|published)\b|"
    r"\b(?:Read|Download|View)\s+the\s+(?:full\s+)?report,\s+"
    r"(?P<title2>[A-Z0-9][^;\n]{4,160}?)\.(?:\s|$)"
)
_GET_REPORT = re.compile(
    r"^(?:get|read|download|view|see)\s+(?:the\s+)?(?:full\s+)?(?:report|reports|letter)\s*:?$",
    re.IGNORECASE,
)
# "Related documents" / "Related publications": the short lines after it are the titles
# of the reports the page links to ("Related links" lists people and pages: not these).
_RELATED_DOCUMENTS = re.compile(
    r"^related\s+(?:documents|publications|reports)\s*:?$", re.IGNORECASE
)
_GET_REPORT_INLINE = re.compile(
    r"(?:^|(?<=\s))(?:Get|Read|Download|View)\s+the\s+(?:full\s+)?report\s*:?\s+"
)
# Where a report title ends when it runs into the next sentence (text whose lines were
# joined): after its year ("... inspection 2018"), after "An inspection of <force>".
_TITLE_END = re.compile(
    r"^(?P<title>.{3,200}?(?:"
    r"\b(?:inspection|re-inspection|revisit|review|assessment|letter|report|update)"
    r"\s+(?:(?:19|20)\d\d(?:[/–-]\d{2,4})?)"
    r"|\b(?:An?\s+)?(?:inspection|review|assessment|re-inspection)\s+of\s+(?:the\s+)?"
    r"(?P<subject>(?:[A-Z][\w&’'-]*)(?:\s+(?:and|&|of|[A-Z][\w&’'-]*)){0,5})"
    r"))(?=\s+[A-Z(“‘\"']|\s*$)"
)
_SUBJECT_END = re.compile(r"\b(?:Police(?:\s+Service)?|Constabulary)\b")


def _from_link_text(text: str, *, standalone: bool) -> str | None:
    """The report title at the start of `text` (a link's text). A standalone paragraph
    is the title itself; text that runs on into the next sentence is cut where report
    titles end."""
    text = " ".join(text.split())
    if not text:
        return None
    if standalone and len(text) <= 200 and not text.endswith("."):
        return text.strip(" ;:")
    match = _TITLE_END.match(text[:400])
    if not match:
        return None
    title = match.group("title")
    subject = match.group("subject")
    if subject:
        # "An inspection of Gloucestershire Constabulary His Majesty's ...": cut after the
        # police word.
        end = None
        for word in _SUBJECT_END.finditer(title, len(title) - len(subject)):
            end = word.end()
        if end is not None:
            title = title[:end]
    return title.strip(" .;:") or None


# A short standalone link to a report: "PEEL: police efficiency – Avon and Somerset
# Constabulary", "Wiltshire Police: PEEL cause of concern revisit letter".
_REPORT_LINK = re.compile(
    r"^(?:PEEL\b.{0,120}|.{0,100}\b(?:inspection|re-inspection|revisit letter|review)\b.{0,40})$"
)


def find_reports(paragraphs: list[str] | tuple[str, ...], *, title: str | None = None) -> list[str]:
    """Report titles referenced, distinct (by folded form), in order of first mention."""
    found: dict[str, str] = {}
    title_key = fold(title) if title else None

    def add(name: str | None, *, quoted: bool = False) -> None:
        if not name:
            return
        name = " ".join(name.split()).strip(" ,;:")
        if len(name) < 3 or len(name) > 250:
            return
        key = fold(name)
        # A link or line that merely repeats the headline is the page itself; a report
        # quoted by name in a sentence is referenced even when the release is named
        # after it ("HMIC said today in 'Policing in austerity: one year on'").
        if key == title_key and not quoted:
            return
        found.setdefault(key, name)

    paragraphs = list(paragraphs)[:2000]
    for index, paragraph in enumerate(paragraphs):
        text = paragraph[:20_000]
        if _RELATED_DOCUMENTS.match(text.strip()):
            for item in paragraphs[index + 1 : index + 6]:
                item = " ".join(item.split())
                if (
                    len(item) > 200
                    or item.endswith(".")
                    or len(item.split()) < 3
                    or is_chrome(item)
                ):
                    break
                add(item)
            continue
        if _GET_REPORT.match(text.strip()):
            if index + 1 < len(paragraphs):
                add(_from_link_text(paragraphs[index + 1][:2000], standalone=True))
            continue
        lead_in = _GET_REPORT_INLINE.match(text.strip())
        if lead_in:
            # "Read the report: PEEL: Police legitimacy 2016 – Durham Constabulary" alone
            # in its paragraph: the rest of it is the title (without the lead-in).
            rest = text.strip()[lead_in.end() :]
            add(
                _from_link_text(rest[:400], standalone=False)
                or _from_link_text(rest[:2000], standalone=True)
            )
            if len(rest) <= 200 and not rest.rstrip().endswith("."):
                continue
        for inline in _GET_REPORT_INLINE.finditer(text):
            rest = text[inline.end() :].strip()
            # Closing its paragraph ("... improvements needed.” Read the report: PEEL: ...
            # – Cleveland Police"): the rest is the title.
            ends = len(rest) <= 200 and not rest.endswith((".", "?", "!", "”", '"'))
            add(
                _from_link_text(rest[:400], standalone=False)
                or (_from_link_text(rest, standalone=True) if ends else None)
            )
        if (
            len(text) <= 150
            and not text.rstrip().endswith((".", "?", "!"))
            and (":" in text or " – " in text or " - " in text)
            and _REPORT_LINK.match(text)
            and find_forces(text)
        ):
            add(text)
        for match in _NAMED_AFTER_REPORT_COMMA.finditer(text):
            name = match.group("title") or match.group("title2")
            if not name.lstrip().startswith(tuple(_OPEN)):
                add(name, quoted=True)
        for pattern in (
            _QUOTED_AFTER_WORD,
            _QUOTED_AFTER_SUBJECT,
            _QUOTED_TITLE_WITH_SUBTITLE,
            _QUOTED_BEFORE_WORD,
        ):
            for match in pattern.finditer(text):
                add(match.group("title"), quoted=True)
    return list(found.values())
