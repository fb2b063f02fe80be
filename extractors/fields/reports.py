"""Titles of reports a release refers to: quoted after "report"/"review" ("the national
thematic review 'A Step in the Right Direction'"), or the link text after "Get the
report"."""

from __future__ import annotations

import re

from ..forces import canonical_force, find_forces
from ..patterns import REFERENCE_PREFIX
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
# The inspectorate's quoted title, its possessive before it: "HMIC’s ‘Without Fear or
# Favour – A review of police relationships’ looked at ...".
_QUOTED_AFTER_OWNER = re.compile(
    r"\b(?:HMIC|HMICFRS|HMIC\s?FRS|[Ii]nspectorate)[’']s\s+(?:(?:19|20)\d\d\s+)?"
    rf"[{_OPEN}](?P<title>[A-Z0-9]{_TITLE_CHARS}{{2,160}}?)[{_CLOSE}](?!\w)"
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
# A report named unquoted after its owner or kind, set off by commas or dashes or after
# "called"/"entitled": "The inspectorate's spotlight report, Values and culture in fire
# and rescue services, makes 35 recommendations"; "The report – Policing in Austerity:
# Rising to the Challenge – is available"; "The report, called A Step in the Right
# Direction, is published today"; "his annual report, State of Policing – ... 2019."
_OWNER = (
    r"(?:[Tt]he|[Tt]his|[Oo]ur|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Aa]n?|"
    r"(?:[Tt]he\s+)?(?:inspectorate|HMIC|HMICFRS|HMIC\s?FRS)[’']s?)"
)
_KIND = (
    r"(?:(?:full|final|national|annual|spotlight|thematic|inspection|latest|new|joint|"
    r"interim|progress|resulting|original|earlier|previous|first|second|(?:19|20)\d\d)\s+)"
    r"{0,2}(?:report|review)(?:\s+published\s+(?:today|yesterday|this\s+week))?"
)
# What a report does, after its name set off by commas or dashes: where the name ends
# ("The report – Anti-Social Behaviour: Stop the Rot – revealed a significant number").
REPORT_VERBS = (
    "is", "was", "can", "will", "has", "makes", "made", "sets", "set", "found", "finds",
    "which", "published", "looks", "looked", "examines", "examined", "follows", "contains",
    "says", "said", "highlights", "highlighted", "reveals", "revealed", "shows", "showed",
    "concludes", "concluded", "recommends", "recommended", "warns", "warned", "identifies",
    "identified", "praises", "praised", "criticises", "criticised", "calls", "called",
    "states", "stated", "notes", "noted", "urges", "urged", "describes", "described",
)  # fmt: skip
_NAMED_AFTER_OWNER = re.compile(
    rf"\b{_OWNER}\s+{_KIND}(?:\s*,\s*|\s+[–—-]\s+|\s*,?\s+(?:called|entitled|titled)\s+)"
    r"(?P<title>[A-Z0-9][^;\n]{3,160}?)"
    r"(?:(?:\s*,\s*|\s+[–—-]\s+)(?=(?:" + "|".join(REPORT_VERBS) + r")\b)"
    r"|(?P<stop>\.(?:\s|$)|$)"
    # ... or shaped as a title ("Main title: Subtitle") and closed by a comma: "Launching a
    # new report, Anti-social Behaviour: Stop the rot, Sir Denis said ...".
    r"|(?<=[\w)])(?P<comma>,)\s)"
)
# Unquoted after "report" with no comma, where the name has a report title's shape (a
# colon or a spaced dash: "the report PEEL: Police effectiveness 2016 – An inspection
# of Hampshire Constabulary."), to the end of its sentence.
# What a report does that nothing else in a title's place does ("is", "has", "says" may be
# the sentence's own verb after a clause with a colon).
_FINDING_VERBS = tuple(
    v
    for v in REPORT_VERBS
    if v not in ("is", "was", "can", "will", "has", "which", "says", "said", "called", "set")
)
_NAMED_AFTER_REPORT_WORD = re.compile(
    r"\b(?:report|inspection\s+report)\s+"
    r"(?P<title>(?!HMIC|HMICFRS|It\b|We\b|The\s+report)[A-Z0-9][^;,\n.]{2,80}?"
    r"(?::\s|\s[–—-]\s)[^;\n]{3,120}?)"
    # ... to the sentence's end, or to the verb the report is the subject of ("the report
    # Crime-recording: making the victim count found that ...").
    r"(?=\.(?:\s|$)|,?\s+(?:" + "|".join(_FINDING_VERBS) + r")\s+(?:that\s+)?[a-z])"
)
_LINK_LEAD = re.compile(r"\b(?:get|read|download|view|see)\s+the\s+(?:full\s+)?$", re.I)
# A quoted title another report follows or builds on, or that the inspectorate
# published: "This report follows 'Adapting to Austerity'", "In 2010 HMIC published
# 'Stop the Rot' and ...".
_QUOTED_AFTER_VERB = re.compile(
    r"\b(?:follows|followed|follows\s+up|builds\s+on|updates|revisits|published|"
    # "a document entitled 'Policing in austerity'": what is entitled is a publication.
    r"entitled|titled)\s+"
    r"(?:on\s+|today\s*,?\s+|yesterday\s*,?\s+)?(?:(?:its|our|the|a|HMIC[’']s|(?:19|20)\d\d)\s+){0,2}"
    r"(?:(?:report|review|inspection)\s+)?"
    rf"[{_OPEN}](?P<title>[A-Z0-9]{_TITLE_CHARS}{{2,160}}?)[{_CLOSE}](?!\w)"
)
# Where a quoted title may start: every quoted-title pattern has it.
_OPEN_TITLE = re.compile(rf"[{_OPEN}][A-Z0-9]")
# Further quoted titles listed after one: "'Adapting to Austerity' (2011) and 'Valuing
# the Police' (2010)".
_LISTED_NEXT = re.compile(
    r"(?:\s*\((?:19|20)\d\d\))?\s*(?:,\s*(?:and\s+)?|\s+and\s+)"
    rf"[{_OPEN}](?P<title>[A-Z0-9]{_TITLE_CHARS}{{2,160}}?)[{_CLOSE}](?!\w)"
)
# The inspectorate's PEEL report titles, unquoted in running text ("in response to the
# publication of HMIC's PEEL: Police Efficiency 2016: ..."; lines run together: "... on its
# performance. PEEL 2021/22 – An inspection of Northumbria Police His Majesty's ..."): a
# pillar title with its year, or the year with "An inspection of <force>".
PEEL_PILLARS = ("effectiveness", "efficiency", "legitimacy", "leadership")
_PILLAR = "|".join(rf"[{p[0].upper()}{p[0]}]{p[1:]}" for p in PEEL_PILLARS)
_PEEL_YEAR = r"(?:19|20)\d\d(?:/\d\d|[–-](?:19|20)?\d\d)?"
_PEEL_FORCE = (
    r"(?:the\s+)?(?:[A-Z][\w&’'-]*\s+(?:(?:and|&|of)\s+)?){0,4}"
    r"(?:Police(?:\s+Service)?|Constabulary)\b"
)
_PEEL_INSPECTION_OF = rf"An\s+inspection\s+of\s+{_PEEL_FORCE}"
_PEEL_TITLE = re.compile(
    r"(?<![\w‘'“\"])PEEL(?:"
    rf":\s+(?:[Pp]olice\s+)?(?:{_PILLAR})(?:(?:,\s+|\s+and\s+)(?:{_PILLAR}))*\s+{_PEEL_YEAR}"
    # "PEEL: Police effectiveness 2015 (vulnerability) – Essex Police": a part's name.
    r"(?:\s+\([a-z][a-z ]{2,30}\))?"
    rf"(?:\s+[–—-]\s+(?:{_PEEL_INSPECTION_OF}|A\s+national\s+overview|{_PEEL_FORCE}))?"
    rf"|\s+{_PEEL_YEAR}(?:\s+[–—-]\s+|:\s+){_PEEL_INSPECTION_OF}"
    r")(?![\w’'”\"])"
)
# A force's inspection report named by force, programme and year, unquoted in running
# text: "Kent Police: Crime Data Integrity inspection 2018", "Cumbria Constabulary - Crime
# Data Integrity re-inspection 2019". The programmes, as data.
FORCE_INSPECTION_PROGRAMMES = ("Crime Data Integrity",)
_FORCE_REPORT_TITLE = re.compile(
    r"(?<![\w‘'“\"])(?P<force>(?:[A-Z][\w&’'-]*\s+(?:(?:and|&|of)\s+)?){0,4}"
    r"(?:Police(?:\s+Service)?|Constabulary))(?::\s+|\s+[–—-]\s+)"
    r"(?P<programme>"
    + "|".join(
        r"\s+".join(rf"[{w[0].upper()}{w[0].lower()}]{w[1:]}" for w in p.split())
        for p in FORCE_INSPECTION_PROGRAMMES
    )
    + rf")\s+(?:re-)?inspection\s+{_PEEL_YEAR}(?![\w’'”\"/–-])"
)


def _force_report_titles(text: str) -> list[str]:
    """The titles of `_FORCE_REPORT_TITLE` in `text`, each starting at its force's name
    (words run in before it are dropped: "... HMICFRS Kent Police: ...")."""
    out = []
    for match in _FORCE_REPORT_TITLE.finditer(text):
        words = match.group("force").split()
        for start in range(len(words)):
            if canonical_force(" ".join(words[start:])):
                skip = len(" ".join(words[:start])) + (1 if start else 0)
                # The original spacing after the dropped words is kept.
                out.append(text[match.start() + skip : match.end()].lstrip())
                break
    return out


# "(PDF document, 1.2MB)": a link's file type and size, not part of its title.
_FILE_NOTE = re.compile(r"\s*\((?:PDF|Word|DOCX?|ODT|XLSX?|CSV|HTML)\b[^()]{0,40}\)", re.IGNORECASE)
_TITLE_SHAPE = re.compile(
    r":\s|\s[–—-]\s|\b(?:19|20)\d\d\b|^(?:An?|The)\s+(?:inspection|review|report|"
    r"progress\s+report|thematic)\b"
)
# A report title's "Main title: Subtitle" (the subtitle capitalised: "Without Fear or
# Favour: but more needs to be done" is a sentence about the report, not its title).
_MAIN_AND_SUBTITLE = re.compile(r"^[A-Z0-9][^:]{2,80}:\s+[A-Z0-9]")
_NOT_TITLE_END = re.compile(r"\b(?:said|says|added|found|finds)$")
# Unquoted names that hold a speech verb or a quotation are someone speaking about the
# report ("Responding to the report Chief Constable Jane Doe said: ...").
_SPEECH = re.compile(r"\b(?:said|says|added|adds|told|stated|commented|explained)\b|[“”\"]")

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
    r"(?:^|(?<=\s))(?:Get|Read|Download|View)\s+the\s+(?:full\s+)?(?:report|letter)\s*:?\s+"
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
        name = " ".join(_FILE_NOTE.sub("", name).split()).strip(" ,;:")
        if len(name) > 250 or (len(name) < 12 and " " not in name):
            return  # a word alone ("PEE", a line cut short) is no report's title
        key = fold(name)
        if title_key and fold(REFERENCE_PREFIX.sub("", name)) == title_key and not quoted:
            return  # the headline with its reference ("#023/2012 – ...")
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
                # Lines joined into one paragraph split at each file note.
                parts = [p for p in _FILE_NOTE.split(item) if p.strip()] or [item]
                stop = False
                for part in parts:
                    part = part.strip()
                    if (
                        len(part) > 200
                        or part.endswith(".")
                        or len(part.split()) < 3
                        or is_chrome(part)
                    ):
                        stop = True
                        break
                    add(part)
                if stop:
                    break
            continue
        if _GET_REPORT.match(text.strip()):
            if index + 1 < len(paragraphs):
                add(_from_link_text(paragraphs[index + 1][:2000], standalone=True))
            continue
        # (the inline lead-in cannot match without its "report" or "letter")
        linked = "report" in text or "letter" in text
        lead_in = _GET_REPORT_INLINE.match(text.strip()) if linked else None
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
        for inline in _GET_REPORT_INLINE.finditer(text) if linked else ():
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
        # (Each pattern below runs only where the words it cannot match without are:
        # a scan of every paragraph by each pattern was most of this function's time.)
        if title_key is None or len(text) > 2 * len(title_key) + 20 or fold(text) != title_key:
            if "PEEL" in text:
                for match in _PEEL_TITLE.finditer(text):
                    add(match.group(0), quoted=True)
            if "inspection" in text:
                for name in _force_report_titles(text):
                    add(name, quoted=True)
        if "report," in text:
            for match in _NAMED_AFTER_REPORT_COMMA.finditer(text):
                name = match.group("title") or match.group("title2")
                if not name.lstrip().startswith(tuple(_OPEN)) and not _NOT_TITLE_END.search(name):
                    add(name, quoted=True)
        owned = "report" in text or "review" in text  # the words _KIND ends with
        for match in _NAMED_AFTER_OWNER.finditer(text) if owned else ():
            name = match.group("title").strip()
            if name.startswith(tuple(_OPEN)) or _NOT_TITLE_END.search(name) or _SPEECH.search(name):
                continue
            if match.group("comma") and not _MAIN_AND_SUBTITLE.search(name):
                continue
            if match.group("stop") is not None and not _TITLE_SHAPE.search(name):
                continue  # ends its sentence: only a name shaped like a report title
            add(name, quoted=True)
        for match in _NAMED_AFTER_REPORT_WORD.finditer(text) if "report" in text else ():
            if not _LINK_LEAD.search(
                text[max(0, match.start() - 30) : match.start()]
            ) and not _SPEECH.search(match.group("title")):
                add(match.group("title"), quoted=True)
        # Each quoted-title pattern needs an opening quote before a capital or a digit
        # (the title's start): most paragraphs have none, though many an apostrophe.
        if _OPEN_TITLE.search(text):
            _add_quoted(text, add)
    return list(found.values())


# Each quoted-title pattern with the words (as written) one of which it cannot match
# without: a paragraph with none of them is not scanned by it.
_REPORT_WORDS = ("report", "review", "inspection", "thematic", "study", "publication")
_AFTER_VERB_WORDS = ("follow", "builds", "updates", "revisits", "published", "titled")
_QUOTED_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (_QUOTED_AFTER_WORD, _REPORT_WORDS),
    (_QUOTED_AFTER_SUBJECT, _REPORT_WORDS),
    (_QUOTED_TITLE_WITH_SUBTITLE, (":",)),
    (_QUOTED_BEFORE_WORD, ("report", "review", "inspection")),
    (_QUOTED_AFTER_OWNER, ("HMIC", "nspectorate")),
)


def _add_quoted(text: str, add) -> None:
    """The quoted titles of `text`, to `add`."""
    # (found once: its titles are added first, the titles listed after them last)
    after_verb = (
        list(_QUOTED_AFTER_VERB.finditer(text))
        if any(word in text for word in _AFTER_VERB_WORDS)
        else []
    )
    for match in after_verb:
        add(match.group("title"), quoted=True)
    for pattern, needed in _QUOTED_PATTERNS:
        if not any(word in text for word in needed):
            continue
        for match in pattern.finditer(text):
            add(match.group("title"), quoted=True)
            end = match.end()
            while listed := _LISTED_NEXT.match(text, end):
                add(listed.group("title"), quoted=True)
                end = listed.end()
    for match in after_verb:
        end = match.end()
        while listed := _LISTED_NEXT.match(text, end):
            add(listed.group("title"), quoted=True)
            end = listed.end()
