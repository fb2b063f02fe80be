"""Document -> Release: the structured fields of one press release.

Pure and deterministic; never raises (a document it cannot make sense of gives a Release
with empty fields). Work is bounded: at most MAX_PARAGRAPHS paragraphs of at most
MAX_PARAGRAPH characters are looked at, every rule runs on one sentence at a time, and no
pattern has nested unbounded repetition.

Field rules live in `extractors.fields` (dates, references, phones, people, reports,
titles), the force gazetteer in `extractors.forces`, and the judgement rules per release
family in `extractors.rules`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .fields.address import effective_url, stated_address
from .fields.dates import (
    html_meta_date,
    pdf_meta_date,
    stated_publication_date,
    url_date,
    years_named,
)
from .fields.people import find_people
from .fields.phones import find_phones
from .fields.references import find_reference
from .fields.reports import find_reports
from .fields.text import MAX_PARAGRAPH, clean, folded, sentences
from .fields.titles import find_title, is_chrome, is_headline
from .forces import (
    canonical_force,
    commissioner_forces,
    find_forces,
    force_of_own_site,
    forces_in,
    forces_in_url,
)
from .gaps import find_gaps
from .records import DatedBy, Document, ForceMention, Judgement, Person, Release, ServiceMention
from .rules import (
    FAMILIES,
    SPAN_CUES,
    asb,
    crime_data_integrity,
    engage,
    frs,
    peel_2018,
    peel_pillars,
    periods,
    topics,
)
from .rules import grouped as grouped_rules
from .rules.grades import AREA_VALUES, Hit, as_hits, as_restated, may_grade, with_history
from .rules.spans import counted, names_a_grade, read_spans, verdict_values, words
from .sectors import FIRE, POLICE, sector_of
from .services import commissioner_services, find_services, services_in, services_in_url

MAX_PARAGRAPHS = 3_000

# "Notes to editors" and friends: what follows is background, not the release.
_NOTES_HEADING = re.compile(
    r"^(?:notes?\s+(?:to|for)\s+(?:the\s+)?editors?|editors?[’']?\s+notes?|notes?|"
    r"background(?:\s+notes?|\s+information)?(?:\s+(?:to|for)\s+editors)?|"
    r"information\s+for\s+editors|editor\s+notes|ends|-?\s*ends\s*-?)\s*:?$",
    re.IGNORECASE,
)
# A paragraph of run-together lines that ends with the heading ("... 2018 Notes").
_NOTES_AT_END = re.compile(
    r"\s(?:Notes\s+(?:to|for)\s+[Ee]ditors|NOTES\s+TO\s+EDITORS|Notes)\s*:?$"
)
# Page furniture after the article.
_CHROME_TAIL = re.compile(
    r"^(?:related\s+(?:links|news|content|articles|stories|pages)|more\s+news|"
    r"you\s+may\s+also\s+(?:like|be\s+interested\s+in)|share\s+this(?:\s+page)?|"
    r"other\s+news|latest\s+news|further\s+reading)\s*:?$",
    re.IGNORECASE,
)
_FORCE_LIST = re.compile(r"^police\s+forces?\s*:\s*(?P<list>.{1,400})$", re.IGNORECASE)
# The inspectorate, or its inspectors' titles (only HMICFRS's inspectors are "of
# Constabulary and Fire & Rescue Services").
# (Both start with an "H" or an "I": a position at any other character is refused at once.)
_HMICFRS = re.compile(
    r"(?=[HI])(?:\bHMICFRS\b|Inspector(?:ate)?\s+of\s+Constabulary\s+and\s+Fire\s+(?:&|and)\s+"
    r"Rescue\s+Services)"
)
_HMIC = re.compile(
    r"(?=[HI])(?:\bHMIC\b(?!FRS)|Inspectorate\s+of\s+Constabulary\b(?!\s+and\s+Fire))"
)
_PLACE_AND_YEAR = re.compile(r"^\s*[A-Z][\w&’' -]{2,40}\s+(?:19|20)\d\d\s*$")
# The service at large as the lead's subject: a national release, whatever force it
# names later as an example.
_NATIONAL_SUBJECT = re.compile(
    r"\b(?:police\s+)?forces\b(?![’']\s)|\bthe\s+police\s+service\b|\ball\s+(?:43|forty-three)\b|"
    r"\bevery\s+(?:police\s+)?force\b|\bpolice\s+in\s+England\b",
    re.IGNORECASE,
)
_WELCOMED = re.compile(
    r"\b(?:has|have)\s+welcomed\b|\bwelcomes?\b[^.]{0,80}\b(?:report|inspection|findings)\b",
    re.IGNORECASE,
)


# Bodies named in a text, (canonical, start, end): police forces or fire services.
_Finder = Callable[..., list[tuple[str, int, int]]]


@dataclass
class _Parts:
    paragraphs: list[str]
    title: str | None
    title_index: int | None
    body: list[str]  # the release itself (title excluded), in order
    notes: list[str]  # notes to editors
    url: str = ""  # the address read: the fetched one, else the one the text states


def _paragraphs(document: Document) -> list[str]:
    raw = document.paragraphs if isinstance(document.paragraphs, (tuple, list)) else ()
    out: list[str] = []
    for paragraph in raw[:MAX_PARAGRAPHS]:
        if not isinstance(paragraph, str):
            continue
        text = clean(paragraph[: MAX_PARAGRAPH * 2])[:MAX_PARAGRAPH]
        if text:
            out.append(text)
    return out


def _split(document: Document, url: str) -> _Parts:
    stated, paragraphs = stated_address(_paragraphs(document))
    url = effective_url(url, stated)
    metadata = document.metadata if isinstance(document.metadata, dict) else {}
    doc_title = document.title if isinstance(document.title, str) else None
    title, title_index = find_title(paragraphs, doc_title=doc_title, metadata=metadata, url=url)
    body: list[str] = []
    notes: list[str] = []
    in_notes = False
    for index, paragraph in enumerate(paragraphs):
        if index == title_index:
            continue
        if _CHROME_TAIL.match(paragraph):
            if any(_is_substantive(p) for p in body):
                break
            continue  # a page's "Latest News" rail above the article, not after it
        if not in_notes and _NOTES_HEADING.match(paragraph) and index > 0:
            in_notes = True
            continue
        if not in_notes and len(paragraph) > 40 and _NOTES_AT_END.search(paragraph):
            body.append(_NOTES_AT_END.sub("", paragraph))
            in_notes = True
            continue
        (notes if in_notes else body).append(paragraph)
    return _Parts(paragraphs, title, title_index, body, notes, url)


def _is_substantive(paragraph: str) -> bool:
    return len(paragraph) >= 60 and not is_chrome(paragraph)


def _lead(body: list[str], n: int = 2) -> list[str]:
    out = []
    for paragraph in body[:20]:
        if _is_substantive(paragraph) and not is_headline(paragraph):
            out.append(paragraph)
            if len(out) == n:
                break
    return out


def _heading_force(paragraph: str, find: _Finder = find_forces) -> str | None:
    """The force a section heading is about: "Cheshire Constabulary is generally good in
    how it keeps people safe ..." (a headline-like paragraph that starts with a force)."""
    if not is_headline(paragraph):
        return None
    found = find(paragraph[:200])
    if found and found[0][1] <= 4 and not paragraph[found[0][2] :].strip(" :’'s"):
        return found[0][0]  # the force's name on its own
    if len(paragraph) < 25:
        return None
    if found and found[0][1] <= 4:
        rest = paragraph[found[0][2] :]
        # A heading says something about the force; a bare link or list does not.
        if re.match(
            r"^[’']s?\s|^\s+[-–—:]\s|^\s+(?:is|has|have|was|must|needs?|should|does|records?|"
            r"continues|remains|requires|judged|rated|improv\w+)\b",
            rest,
        ):
            return found[0][0]
    return None


def _mentions(parts: _Parts) -> tuple[list[str], list[str]]:
    body_forces: dict[str, None] = {}
    texts = ([parts.title] if parts.title else []) + parts.body
    for paragraph in texts:
        listed = _FORCE_LIST.match(paragraph)
        if listed:
            for name in re.split(r",|;|\band\b", listed.group("list")):
                canonical = canonical_force(name.strip())
                if canonical:
                    body_forces.setdefault(canonical, None)
            continue
        for force in forces_in(paragraph):
            body_forces.setdefault(force, None)
    notes_forces: dict[str, None] = {}
    for paragraph in parts.notes:
        for force in forces_in(paragraph):
            if force not in body_forces:
                notes_forces.setdefault(force, None)
    return list(body_forces), list(notes_forces)


def _primary(
    parts: _Parts, body_forces: list[str], url: str, people: tuple[Person, ...] = ()
) -> str | None:
    lead = _lead(parts.body)
    if not body_forces:
        # An assessment page titled by its force and year ("Essex 2017") that never
        # writes the force's full name.
        if parts.title and _PLACE_AND_YEAR.match(parts.title):
            in_title = forces_in(parts.title, bare=True)
            return in_title[0] if in_title else None
        # A force's own news page that never names the force ("the force would act on
        # the findings"): the site's force.
        return force_of_own_site(url) or _bare_subject(lead, url)
    # 1. The headline names it ("Dyfed-Powys 2014" counts: bare names are fine there).
    if parts.title:
        in_title = forces_in(parts.title, bare=True)
        if in_title:
            return in_title[0]
    # A release about many forces is a national one, whether the lead names them in full
    # or by place ("at four forces - Merseyside, Northumbria, ..."); its sections may
    # each be about one force ("North Wales Police" heading a part of the story).
    lead_forces = {f for p in lead for f in forces_in(p)}
    if len({f for p in lead for f in forces_in(p, bare=True)} | lead_forces) >= 3:
        return None
    # 2. A page of several forces' releases: the first section heading's force.
    for paragraph in parts.body[:25]:
        force = _heading_force(paragraph)
        if force:
            return force
    # 3. The URL names a force the text names.
    for force in forces_in_url(url):
        if force in body_forces:
            return force
    # 4. A force's (or its commissioner's) own news page that names no other force in its
    # lead: "Chief Constable X said the force would act on the findings."
    own = force_of_own_site(url)
    if own and lead_forces <= {own}:
        return own
    # 5. The lead paragraphs name it (a national release names forces later, if at all).
    # Mentions are counted, not paragraphs: a story whose lines all ran into one block
    # names its force twice in one paragraph.
    counts: dict[str, int] = {}
    for paragraph in parts.body:
        for force, _start, _end in find_forces(paragraph):
            counts[force] = counts.get(force, 0) + 1
    for index, paragraph in enumerate(lead):
        found = find_forces(paragraph)
        if not found:
            continue
        force, start, _end = found[0]
        if index == 0 and _NATIONAL_SUBJECT.search(paragraph[:start]):
            # "Police forces in England and Wales are failing ..., although Durham
            # Constabulary showed good practice": an example, not the subject.
            return None
        first_sentence = index == 0 and start < 200
        if first_sentence or counts.get(force, 0) >= 2:
            return force
    # 6. A lead that names one force alone, after an opening that names none and speaks
    # of no forces at large ("A police force is no longer in enhanced monitoring ..." /
    # "West Midlands Police, the second largest force, ..."); a photo's caption may come
    # first.
    longer = _lead(parts.body, 3)
    named_in = [set(forces_in(p)) for p in longer]
    alone = set().union(*named_in) if named_in else set()
    if len(alone) == 1 and not named_in[0] and not _NATIONAL_SUBJECT.search(longer[0]):
        return next(iter(alone))
    # 7. The lead's first sentence has a police area as its subject, by its place alone
    # ("POLICE in Lancashire must improve ...", "Hertfordshire has made ...").
    bare = _bare_subject(lead, url)
    if bare:
        return bare
    # 8. A commissioner's statement about "the region's police force" that names the
    # force only through its commissioner's office.
    if not any(forces_in(p) for p in lead):
        offices = [f for p in lead for f in commissioner_forces(p)]
        if len(set(offices)) == 1:
            return offices[0]
    # 9. The officers the release quotes, all of one force ("West Midlands Police
    # Assistant Chief Constable Sharon Rowe said: ...").
    quoted = {f for person in people for f in forces_in(person.role, bare=True)}
    if len(quoted) == 1:
        return next(iter(quoted))
    return None


def _bare_subject(lead: list[str], url: str) -> str | None:
    """The one police area the lead's first sentence names by its place alone ("POLICE in
    Lancashire must improve ...", "An inspection has shown Hertfordshire is one of the most
    improved police forces"), when nothing before it speaks of forces at large and the
    rest of the lead names no other force; or, failing a place there, the one force the
    address's slug names when the lead names it by place."""
    if not lead:
        return None
    first = sentences(lead[0][:1000])[0] if lead[0] else ""
    named = find_forces(first, bare=True)
    others = {f for p in lead for f in forces_in(p, bare=True)}
    if len({f for f, _s, _e in named}) == 1 and len(others) <= 1:
        force, start, _end = named[0]
        if not _NATIONAL_SUBJECT.search(first[:start]):
            return force
    in_url = forces_in_url(url)
    if len(in_url) == 1 and others == {in_url[0]}:
        return in_url[0]
    return None


def _publisher(parts: _Parts, primary: str | None, url: str) -> str | None:
    host_forces = []
    host = re.match(r"^[a-z]+://([^/]+)", url or "", re.IGNORECASE)
    if host and host.group(1).lower().endswith(".police.uk"):
        host_forces = forces_in_url(host.group(1))
    if host_forces:
        return host_forces[0]
    for paragraph in ([parts.title] if parts.title else []) + _lead(parts.body, 1):
        found = find_forces(paragraph)
        if found and found[0][1] <= 4 and _WELCOMED.search(paragraph[:400]):
            return found[0][0]
    text = "\n".join(([parts.title] if parts.title else []) + parts.body + parts.notes)[:200_000]
    long_form = len(_HMICFRS.findall(text))
    short_form = len(_HMIC.findall(text))
    if long_form and long_form >= short_form:
        return "HMICFRS"
    if short_form:
        return "HMIC"
    if long_form:
        return "HMICFRS"
    return None


_COORDINATED = re.compile(r"^\s*(?:,\s*(?:and\s+|&\s+)?|and\s+|&\s+)(?:the\s+)?$")


def _verdict_forces(
    sentence: str, named: list[tuple[str, int, int]], offset: int, default: str | None
) -> list[str]:
    """The forces a verdict at `offset` is about: the force named nearest before it, with
    any named alongside it ("Durham Constabulary, Kent Police and Surrey Police were rated
    outstanding"); else the first named after it; else the section's force."""
    before = [f for f in named if f[1] <= offset]
    if not before:
        if not named:
            return [default] if default else []
        # "were judged inadequate: Kent Police, Surrey Police and Sussex Police".
        out = [named[0][0]]
        for previous, current in zip(named, named[1:], strict=False):
            if not _COORDINATED.match(sentence[previous[2] : current[1]]):
                break
            out.append(current[0])
        return list(dict.fromkeys(out))
    out = [before[-1][0]]
    for previous, current in zip(reversed(before[:-1]), reversed(before[1:]), strict=True):
        if not _COORDINATED.match(sentence[previous[2] : current[1]]):
            break
        out.insert(0, previous[0])
    return list(dict.fromkeys(out))


def _with_coordinated_places(
    sentence: str, named: list[tuple[str, int, int]], find: _Finder = find_forces
) -> list[tuple[str, int, int]]:
    """`named` with the forces (or services) named by place alone in a list with one of
    them."""
    bare = find(sentence, bare=True)
    if len(bare) <= len(named):
        return named
    kept = {(start, end) for _, start, end in named}
    for _ in range(2):
        for left, right in zip(bare, bare[1:], strict=False):
            if not _COORDINATED.match(sentence[left[2] : right[1]]):
                continue
            if (left[1], left[2]) in kept or (right[1], right[2]) in kept:
                kept.update({(left[1], left[2]), (right[1], right[2])})
    return [f for f in bare if (f[1], f[2]) in kept]


# The PEEL programme since 2021 grades "areas of policing"; the pillars ended in 2019/20.
_AREAS_OF_POLICING = re.compile(r"\bareas\s+of\s+policing\b", re.IGNORECASE)


# A grade table whose rows ran together into one paragraph ("Area | Grade Preventing
# crime | Adequate Responding to the public | Requires improvement ..."): one row per cell
# pair, read as "Preventing crime: Adequate".
_TABLE_GRADE_CELL = re.compile(
    r"\|\s*(?:outstanding|good|adequate|requires\s+improvement|inadequate|not\s+yet\s+graded)"
    r"\b\s*(?=[A-Z])",
    re.IGNORECASE,
)


# Heading lines of areas and grades that ran together ("Preventing crime: Good Treatment
# of the public: Adequate Responding to the public: Requires improvement"): a row ends at
# each grade that follows a colon or dash and precedes the next capitalised area.
_RUN_TOGETHER_GRADE = re.compile(
    r"(?:\s*:|\s+[-–—])\s*(?:outstanding|good|adequate|requires\s+improvement|inadequate|"
    r"not\s+yet\s+graded|ungraded)\b\s+(?=[A-Z])",
    re.IGNORECASE,
)


# A grade table flattened to one line under its header, without colons or bars ("Pillar
# Grade Effectiveness Good Efficiency Requires improvement Legitimacy Good"): a row ends
# at each grade that precedes the next capitalised name.
_TABLE_HEADER = re.compile(
    r"^\s*(?:pillar|area|question)s?\s+(?:grade|judge?ment|rating)s?\s+(?=[A-Z])", re.IGNORECASE
)
_BARE_GRADE_CELL = re.compile(
    r"\s(?-i:Outstanding|Good|Adequate|Requires\s+improvement|Inadequate|Not\s+yet\s+graded)"
    r"\b(?=\s+[A-Z]|\s*$)"
)


def _table_rows(sentence: str) -> list[str] | None:
    header = _TABLE_HEADER.match(sentence)
    if not header:
        return None
    body = sentence[header.end() :]
    out, start = [], 0
    for cell in _BARE_GRADE_CELL.finditer(body):
        out.append(f"{body[start : cell.start()].strip()}: {cell.group(0).strip()}")
        start = cell.end()
    if len(out) < 2:
        return None
    if body[start:].strip():
        out.append(body[start:].strip())
    return out


def _rows(sentence: str) -> list[str]:
    table = _table_rows(sentence)
    if table:
        return table
    if "|" not in sentence:
        # (a cell ends at a colon or a dash before its grade: most sentences have neither)
        cells = (
            list(_RUN_TOGETHER_GRADE.finditer(sentence))
            if any(mark in sentence for mark in ":-–—")
            else []
        )
        if len(cells) < 2:
            return [sentence]
        out, start = [], 0
        for cell in cells:
            out.append(sentence[start : cell.end()].strip())
            start = cell.end()
        out.append(sentence[start:].strip())
        return [row for row in out if row]
    out: list[str] = []
    start = 0
    for cell in _TABLE_GRADE_CELL.finditer(sentence):
        out.append(sentence[start : cell.end()])
        start = cell.end()
    out.append(sentence[start:])
    return [re.sub(r"\s*\|\s*", ": ", row).strip() for row in out if row.strip()]


# A page whose address names the programme's years ("/news/peel-2023/").
_URL_RECENT_PEEL = re.compile(r"[/_-]peel[_-]?20[2-9]\d(?:\D|$)", re.IGNORECASE)


def _family(parts: _Parts, topic: str | None, published: dt.date | None, url: str = "") -> str:
    """The topic's rule family; a PEEL release that never names its programme's years
    (a force's own news page: "graded good in four areas of policing") is of the areas
    programme when it is dated 2021 or later or speaks of areas of policing."""
    family = topics.family_of(topic)
    recent = (
        (published is not None and published.year >= 2021)
        or (isinstance(url, str) and bool(_URL_RECENT_PEEL.search(url[:2000])))
        or any(_AREAS_OF_POLICING.search(p) for p in ([parts.title or ""] + parts.body[:12]))
    )
    if topic == "PEEL assessment" and (recent or _grades_areas(parts)):
        return "peel_areas"
    if topic is None and _grades_areas(parts):
        # A force's own news of its grades that never names the programme.
        return "peel_areas"
    return family


# Grades only the areas programme gives: "adequate", and its areas without a pillar or
# sub-question counterpart.
def _grades_areas(parts: _Parts) -> bool:
    """The release grades areas of the programme since 2021 ("adequate for investigating
    crime", "good at developing a positive workplace"), whether or not it names it; or it
    gives "adequate" as a grade at all (only that programme's scale has it: "an
    additional grading of 'Adequate'")."""
    areas_only = pillars = False
    for paragraph in ([parts.title] if parts.title else []) + parts.body[:40]:
        for sentence in sentences(paragraph):
            if not names_a_grade(sentence) and not may_grade(sentence):
                continue  # no grade word: none of the readings below finds anything
            if "adequate" in verdict_values(sentence, ("adequate",)):
                return True
            for area, value, *_ in peel_2018.judge(sentence) + read_spans(
                sentence, peel_2018.CUES, AREA_VALUES
            ):
                if value == "adequate":
                    return True
                areas_only = areas_only or area in topics.AREAS_ONLY
            # A pillar graded ("the extent to which the force is efficient ... is good")
            # makes "its use of resources ... is good" the efficiency pillar's sub-question.
            pillars = pillars or any(
                area in peel_pillars.GRADED_PILLARS for area, *_ in peel_pillars.judge(sentence)
            )
    return areas_only and not pillars


# A quotation broken by its attribution mid-sentence: '"The force is good," she said,
# "at keeping people safe."' reads as one clause.
_SPLIT_QUOTE = re.compile(
    r",\s*[”\"’]\s*(?:(?:he|she|they|[A-Z][^,“\"”]{0,80}?)\s+"
    r"(?:said|says|added|adds|explained|continued)|"
    r"(?:said|says|added|adds|explained|continued)\s+[^,“\"”]{1,80}?)\s*,\s*[“\"‘]\s*(?=[a-z])"
)


# "Based on these criteria, overall HMICFRS has judged ...": after the questions, the
# release's own overall grade.
_OVERALL = re.compile(r"\boverall\b", re.IGNORECASE)
_FORCES_PLURAL = re.compile(r"\bforces\b", re.IGNORECASE)
# (not the inspectorate's or its inspectors' title: "HM Inspector of Fire & Rescue Services")
# A fire sentence's subject pointing back to the service named before it.
_THE_SERVICE = re.compile(
    r"\b(?:the|this)\s+(?:fire\s+)?(?:service|brigade)\b(?![’']s\s)", re.IGNORECASE
)
_SERVICES_PLURAL = re.compile(
    r"^(?!.*\bInspector(?:ate)?\s+of\s+(?:Constabulary\s+and\s+)?Fire\s+(?:&|and)\s+Rescue\s+"
    r"Services\b).*?\b(?:fire\s+(?:and\s+rescue\s+)?)?services\b",
    re.IGNORECASE | re.DOTALL,
)
_GRADE_WORD = r"[‘'\"“]?(?:outstanding|good|adequate|requires?\s+improvement|inadequate)[’'\"”]?"
_SCALE = re.compile(
    rf"{_GRADE_WORD}(?:\s*(?:,|/|\bor\b|\band\b|,\s*(?:and|or)\b)\s*{_GRADE_WORD}){{2,}}",
    re.IGNORECASE,
)


# Each grade word of a scale holds one of these: a sentence with fewer than three of them
# in all is no scale, and is not scanned for one.
_SCALE_WORDS = ("outstanding", "good", "adequate", "improvement")


def _scale_possible(sentence: str) -> bool:
    lowered = folded(sentence)
    return sum(lowered.count(word) for word in _SCALE_WORDS) >= 3


# A year of the pillars' programme (2014 to 2019/20).
_PILLAR_YEAR = re.compile(
    r"\b(?:in|during|for)\s+(?:the\s+)?201[4-9](?:/(?:1[5-9]|20))?\b", re.IGNORECASE
)


# A word every verdict rule needs in its sentence: a grade word's, Engage's or the ASB
# reviews'. A paragraph with none is skipped.
_VERDICT_KEYS = tuple(
    dict.fromkeys(k.lower() for k in (*words().keys, *engage.KEYWORDS, *asb.KEYWORDS))
)


def _area_name(paragraph: str, fire: frs.Round | None) -> str | None:
    return frs.area_name(paragraph, fire) if fire else peel_2018.area_name(paragraph)


def _section_area(paragraph: str, family: str) -> str | None:
    """The area a section heading names ("Responding to the public", "Efficiency")."""
    if family in ("peel_areas", "engage"):
        return peel_2018.area_name(paragraph)
    if family == "peel_pillars":
        return peel_pillars.pillar_heading(paragraph)
    return None


def _headline_engage(title: str | None, primary: str | None) -> list[Judgement]:
    """An Engage decision the headline announces ("Staffordshire Police removed from
    enhanced monitoring"): for the forces it names, by place alone too, else the
    release's own force."""
    if not title or len(title) > 300:
        return []
    hits = engage.judge(title)
    if not hits:
        return []
    forces = [f for f, _, _ in find_forces(title, bare=True)] or ([primary] if primary else [])
    return [
        Judgement(force, area, value, title)
        for area, value, _ in hits
        for force in dict.fromkeys(forces)
    ]


def _judgements(
    parts: _Parts,
    topic: str | None,
    primary: str | None,
    published: dt.date | None = None,
    url: str = "",
    fire: frs.Round | None = None,
    known: tuple[str, ...] = (),
) -> list[Judgement]:
    """The release's verdicts, on police forces, or with `fire` (the round a fire release
    is about) on fire and rescue services: the same readers, the sector's cue tables and
    gazetteer."""
    find: _Finder = find_forces
    plural_words = _FORCES_PLURAL
    if fire is not None:
        family, modules = "frs", ()

        def find(text: str, bare: bool = False) -> list[tuple[str, int, int]]:
            return find_services(text, bare=bare, known=known)

        plural_words = _SERVICES_PLURAL
    else:
        family = _family(parts, topic, published, url)
        modules = FAMILIES.get(family, FAMILIES["other"])
    default_pillar = None
    if (
        topic
        and topic.startswith("PEEL ")
        and topic[5:] in ("effectiveness", "efficiency", "legitimacy", "leadership")
    ):
        default_pillar = f"peel_{topic[5:]}"
    defaults = {"peel_pillars": default_pillar, "cdi": crime_data_integrity.AREA}
    spans_vocabulary = (
        (fire.cues, fire.values, fire.all_areas) if fire is not None else SPAN_CUES.get(family)
    )
    after_question = False
    found: list[Judgement] = []
    section_force = primary
    previous = ""
    grouped: str | None = None  # the grade heading the area names under it share
    list_area: str | None = None  # the area a section of grade lists is about
    pending_grade: str | None = None  # a grade heading whose forces follow
    in_groups = False
    antecedent: str | None = None  # the last grade a sentence gave ("this grading" is it)
    area_antecedent: str | None = None  # the one area it graded ("in this area" is it)
    list_antecedent: str | None = None  # its grade of areas it did not name ("These were")
    # A fire headline states its service's grades too ("... moves to good from requires
    # improvement"; a page of bullets has its first bullet for title).
    headline = [parts.title] if fire is not None and parts.title else []
    for paragraph in headline + parts.body:
        heading = _heading_force(paragraph, find)
        if heading:
            section_force = heading
        elif fire is not None and frs.is_judged_lead_in(paragraph):
            # "In North Yorkshire, the Fire Service has been assessed as:": the grades
            # that follow are that one service's.
            named = {name for name, *_ in find(paragraph, bare=True)}
            if len(named) == 1:
                section_force = named.pop()
        if peel_2018 in modules or fire is not None:
            # "Our judgements" / "Good" / "Investigating crime" / "Adequate" / ...
            grade = frs.group_grade(paragraph) if fire else peel_2018.group_grade(paragraph)
            if grade and (
                in_groups
                or peel_2018.GROUPS_HEADING.match(previous.strip())
                or (fire and frs.is_lead_in(paragraph))
            ):
                grouped, in_groups = grade, True
                previous = paragraph
                continue
            area = _area_name(paragraph, fire) if grouped else None
            if area and section_force:
                found.append(Judgement(section_force, area, grouped, f"{grouped}: {paragraph}"))
                previous = paragraph
                continue
            grouped = None
            in_groups = False
            # An area's heading, then its grade ("Investigating crime" / "Adequate"; "How
            # good is the force at investigating crime?" / "Requires improvement").
            asked = (
                (frs.area_name(previous, fire) if fire else peel_2018.heading_area(previous))
                if grade
                else None
            )
            if asked and section_force:
                found.append(Judgement(section_force, asked, grade, f"{previous}: {paragraph}"))
                previous = paragraph
                continue
            line = frs.area_grade_line(paragraph, fire) if fire else None
            if line and section_force:
                found.append(Judgement(section_force, line[0], line[1], paragraph))
                previous = paragraph
                continue
        # Lists that give grades by their layout: "Good: Avon & Somerset, Cambridgeshire",
        # a grade heading then a line of forces, "Dyfed-Powys – Outstanding".
        list_area = (
            frs.area_name(paragraph, fire) if fire else _section_area(paragraph, family)
        ) or list_area
        area_here = list_area or defaults.get(family)
        pending_before, pending_grade = pending_grade, None
        layout = None  # (value, forces) the paragraph's layout gives
        if area_here:
            bare_find = functools.partial(find, bare=True)
            grade_group = grouped_rules.grade_heading(paragraph, bare_find)
            if grade_group and not grade_group[1]:
                pending_grade = grade_group[0]  # a grade heading whose forces follow
            elif grade_group:
                layout = grade_group
            elif pending_before and (listed := grouped_rules.forces_listed(paragraph, bare_find)):
                layout, pending_grade = (pending_before, listed), pending_before
            elif (
                pending_before
                and primary is None
                and (lead := grouped_rules.force_paragraph(paragraph))
            ):
                # A round-up's paragraph a force under its grade heading (a national
                # release: on a force's page, the paragraph under a sub-question's grade
                # is about the sub-question).
                found.append(Judgement(lead, area_here, pending_before, clean(paragraph)))
                pending_grade = pending_before
                previous = paragraph
                continue
            else:
                layout = grouped_rules.force_grade_line(paragraph, bare_find)
        if layout:
            value, forces = layout
            found.extend(Judgement(f, area_here, value, clean(paragraph)) for f in forces)
            previous = paragraph
            continue
        # Question heading followed by a grade ("How efficient is the force ...?" / "Good"),
        # or "Overall judgment" / the title followed by "graded outstanding".
        if family == "peel_pillars":
            answer = peel_pillars.judge_question(previous, paragraph)
            if answer and section_force:
                found.append(
                    Judgement(section_force, answer[0], answer[1], clean(f"{previous} {paragraph}"))
                )
        if family == "cdi":
            grade = crime_data_integrity.grade_paragraph(paragraph)
            if (
                grade
                and section_force
                and (crime_data_integrity.OVERALL_HEADING.match(previous) or previous == "")
            ):
                found.append(Judgement(section_force, crime_data_integrity.AREA, grade, paragraph))
        previous = paragraph if not is_chrome(paragraph) or not previous else previous
        if len(paragraph) < 6:
            continue
        lowered = paragraph.lower()
        if not any(key in lowered for key in _VERDICT_KEYS):
            # No word any rule reads: nothing to judge (most paragraphs of a release).
            after_question = paragraph.rstrip("”’\"' ").endswith("?")
            antecedent = area_antecedent = list_antecedent = None
            continue
        told: str | None = None  # the one service the paragraph's last sentences named
        for sentence in (
            row for part in sentences(paragraph) for row in _rows(_SPLIT_QUOTE.sub(" ", part))
        ):
            pointed = None
            if fire is not None and section_force is None:
                # A round-up: "Kent FRS is rated Outstanding in four areas. ... the service
                # was rated outstanding along with ...": "the service" is the one named
                # just before, in the same paragraph.
                here = {name for name, *_ in find(sentence, bare=True)}
                pointed, told = told, (here.pop() if len(here) == 1 else None) if here else told
            hits: list[Hit] = as_hits(frs.judge(sentence, fire)) if fire else []
            # Right after a question ("How effective is the force at recording reported
            # crime?") a bare grade answers the question, not the release's headline area.
            default = (
                None if after_question and not _OVERALL.search(sentence) else defaults.get(family)
            )
            for module in modules:
                if module is peel_pillars:
                    # A grade "at keeping people safe and reducing crime" in a release
                    # naming no pillar answers the effectiveness question.
                    safe = None if after_question else "peel_effectiveness"
                    hits.extend(
                        as_hits(module.judge(sentence, default_area=default, safe_area=safe))
                    )
                elif module is crime_data_integrity:
                    hits.extend(as_hits(module.judge(sentence, default_area=default)))
                else:
                    hits.extend(as_hits(module.judge(sentence)))
            if spans_vocabulary:
                # The sentence's shape: areas named around a verdict grade.
                # What the family rules read already (a grade's offset may differ by the
                # quote mark the rules count in).
                read = {(hit.area, hit.value, hit.offset + d) for hit in hits for d in (-1, 0, 1)}
                cues, values, every = spans_vocabulary
                if every and default_pillar:
                    # A release about one pillar: "graded outstanding in each area" is
                    # that pillar's areas, its own grade.
                    every = (default_pillar,)
                spanned = read_spans(
                    sentence,
                    cues,
                    values,
                    default_area=default,
                    all_areas=every,
                    all_areas_phrases=frs.all_areas_phrases() if fire else None,
                    antecedent=antecedent,
                    area_antecedent=area_antecedent,
                    list_antecedent=list_antecedent,
                )
                given = verdict_values(sentence, values)
                antecedent = given[-1] if given else None
                areas_here = {hit.area for hit in hits if hit.value in values} | {
                    area for area, *_ in spanned
                }
                # "... areas of its performance were judged inadequate." names none.
                list_antecedent = antecedent if not areas_here else None
                area_antecedent = areas_here.pop() if len(areas_here) == 1 else None
                if spanned:
                    hits.extend(
                        hit
                        for hit in with_history(sentence, spanned)
                        if (hit.area, hit.value, hit.offset) not in read
                    )
            if family in ("peel_areas", "engage") and _PILLAR_YEAR.search(sentence):
                # A pillar grade recalled from the programme before ("in 2018/19 it was
                # rated good for effectiveness").
                read = {(hit.area, hit.value) for hit in hits}
                hits.extend(
                    hit
                    for hit in as_restated(peel_pillars.judge(sentence))
                    if hit.area in peel_pillars.GRADED_PILLARS and (hit.area, hit.value) not in read
                )
            if _scale_possible(sentence) and _SCALE.search(sentence):
                # The grading scale itself ("each category rated outstanding, good,
                # adequate, requires improvement and inadequate"), not a verdict.
                hits = []
            after_question = sentence.rstrip("”’\"' ").endswith("?")
            if fire is not None:
                hits = [h for h in hits if not frs.counted(sentence, h.offset)]
            if not hits:
                continue
            if family in ("peel_areas", "engage") and words().cdi_inspection.search(sentence):
                # "its crime recording accuracy ... was found to be outstanding": the crime
                # data integrity inspection's grade, not the PEEL area's.
                hits = [
                    h._replace(area=crime_data_integrity.AREA)
                    if h.area == "peel_recording_crime"
                    else h
                    for h in hits
                ]
            named = find(sentence)
            places = named
            if named and hits:
                # "two forces – Thames Valley and North Yorkshire – as 'inadequate'": a
                # place coordinated with a named force is a force too.
                places = _with_coordinated_places(sentence, named, find)
            if not named:
                # A national list names its forces by place alone: "The forces rated
                # outstanding for efficiency were Durham, Kent and Surrey"; a grade's
                # sentence too: "While rated good overall, both Northumbria and Cleveland
                # were told ..." (not the ASB reviews' "in Kent, victims ...").
                places = find(sentence, bare=True)
                if plural_words.search(sentence):
                    named = places
            for hit in hits:
                asb_review = hit.area.startswith("asb_")
                by = named if asb_review else places
                if (
                    not asb_review
                    and counted(sentence, hit.offset)
                    and any(start < hit.offset for _, start, _ in by)
                ):
                    # "Kent Police as 'outstanding', 35 as 'good'": a count of forces, not
                    # the force named before ("Two forces were judged inadequate: Kent
                    # Police and ..." names them after).
                    continue
                # "Forces rated requires improvement": forces the sentence does not name,
                # not the section's.
                plural = not asb_review and not by and plural_words.search(sentence)
                # "The following were rated good:" - the forces follow, not the section's.
                lead_in = not by and sentence.rstrip().endswith(":")
                own = None if plural or lead_in else section_force
                if own is None and pointed and not by and _THE_SERVICE.search(sentence):
                    own = pointed
                for force in _verdict_forces(sentence, by, hit.offset, own):
                    found.append(Judgement(force, hit.area, hit.value, sentence, hit.restated))
    if fire is None:
        found.extend(_headline_engage(parts.title, primary))
    # One verdict per (force, area, value); for Engage, a removal supersedes the entry.
    removed = {j.force for j in found if j.area == "engage_monitoring" and j.value == "removed"}
    out: dict[tuple[str | None, str, str], Judgement] = {}
    single: dict[tuple[str | None, str], str] = {}
    for judgement in found:
        if (
            judgement.area == "engage_monitoring"
            and judgement.value == "entered"
            and judgement.force in removed
        ):
            # The entry the release recalls, not a decision it announces.
            judgement = Judgement(
                judgement.force,
                judgement.area,
                judgement.value,
                judgement.evidence,
                judgement.restated,
                superseded=True,
            )
        if judgement.area.startswith("asb_"):
            # ASB verdicts are one per force: the first statement (the lead) wins.
            key1 = (judgement.force, judgement.area)
            if key1 in single and single[key1] != judgement.value:
                continue
            single.setdefault(key1, judgement.value)
        key = (judgement.force, judgement.area, judgement.value)
        if key not in out or (out[key].restated and not judgement.restated):
            # The same verdict announced and recalled ("remains good, as in 2016") is
            # this release's own.
            out[key] = judgement
    return list(out.values())


# Areas whose verdicts belong to an inspection period (the PEEL programmes and crime data
# integrity); Engage decisions and the ASB reviews do not.
_PERIOD_PREFIXES = ("peel_", "crime_data_integrity")


def _with_period(judgements: list[Judgement], period: str | None) -> tuple[Judgement, ...]:
    """The release's inspection period on each of its own verdicts; on one recalled from
    an earlier inspection, the period its sentence names or the round before the
    release's own (rules/periods.py), else None."""
    return tuple(
        dataclasses.replace(
            j,
            period=periods.recalled_period(j.evidence, j.area, period) if j.restated else period,
        )
        if j.area.startswith(_PERIOD_PREFIXES)
        else j
        for j in judgements
    )


def _service_mentions(parts: _Parts) -> tuple[list[str], list[str]]:
    """The fire services a fire release names in its body and only in its notes. An
    abbreviation several services share counts for the one named in full; in the body a
    bare place is its service ("Gloucestershire and London have been moved into Engage"):
    in a fire release "Staffordshire" is the fire service."""
    texts = ([parts.title] if parts.title else []) + parts.body
    known = tuple(dict.fromkeys(s for t in texts + parts.notes for s in services_in(t)))
    body = dict.fromkeys(s for t in texts for s in services_in(t, bare=True, known=known))
    notes = dict.fromkeys(
        s for t in parts.notes for s in services_in(t, known=known) if s not in body
    )
    return list(body), list(notes)


def _primary_service(parts: _Parts, body: list[str], url: str) -> str | None:
    """The fire service a fire release is about: the headline's, else the address's,
    else the first named early in the lead's first paragraph (a national release names
    services later, as examples), else the one its commissioner or authority answers
    for."""
    known = tuple(body)
    if parts.title:
        in_title = services_in(parts.title, bare=True, known=known)
        if len(in_title) == 1:
            return in_title[0]
    in_url = services_in_url(url)
    if len(in_url) == 1:
        return in_url[0]
    lead = _lead(parts.body, 3)
    if lead:
        found = find_services(lead[0][:400], known=known)
        if found and not _NATIONAL_SERVICES.search(lead[0][: found[0][1]]):
            return found[0][0]
    offices = list(dict.fromkeys(s for p in lead for s in commissioner_services(p)))
    if len(offices) == 1:
        return offices[0]
    return None


# The sector at large as the lead's subject: "fire and rescue services in England".
_NATIONAL_SERVICES = re.compile(
    r"\b(?:fire\s+(?:and|&)\s+rescue\s+|fire\s+)services\b|\bFRSs\b|\ball\s+(?:44|45)\b",
    re.IGNORECASE,
)


def _extract(document: Document, url: str) -> Release:
    parts = _split(document, url)
    url = parts.url
    metadata = document.metadata if isinstance(document.metadata, dict) else {}
    sector = sector_of(parts.title, _lead(parts.body, 3), url)
    people = tuple(find_people(parts.paragraphs))
    if sector == FIRE:
        body_forces, notes_forces, primary = [], [], None
        body_services, notes_services = _service_mentions(parts)
        primary_service = _primary_service(parts, body_services, url)
        if primary_service and primary_service not in body_services:
            body_services.insert(0, primary_service)
    else:
        body_forces, notes_forces = _mentions(parts)
        primary = _primary(parts, body_forces, url, people)
        if primary and primary not in body_forces:
            body_forces.insert(0, primary)
        body_services, notes_services, primary_service = body_forces, notes_forces, primary
    lead = _lead(parts.body, 3)
    reports = find_reports(parts.paragraphs, title=parts.title)
    topic = topics.find_topic(parts.title, lead, reports)
    if topic is None:
        # Pages of headings and grades: the section headings, then the URL, say what.
        headings = [p for p in parts.body[:30] if is_headline(p)]
        topic = topics.find_topic(None, headings[:12], None) or topics.topic_from_url(url)
    if topic is None or topic in topics.INCIDENTAL:
        # A release that never names its inspection, or whose lead mentions crime
        # recording or anti-social behaviour in passing while it grades the PEEL areas
        # ("'adequate' in five areas and 'required improvement' in three others").
        graded = topics.topic_from_verdicts(
            [s for p in parts.body[:40] for s in sentences(p[:MAX_PARAGRAPH])],
            areas_only=topic is not None,
        )
        if topic is None or graded == "PEEL assessment":
            topic = topics.refine(graded, "\n".join(parts.body[:40])) if graded else graded
    head_texts = [parts.paragraphs[parts.title_index]] if parts.title_index is not None else []
    head_texts += parts.paragraphs[:4]
    if isinstance(document.title, str):
        head_texts.append(document.title)
    text = document.text if isinstance(document.paragraphs, (tuple, list)) else ""
    dates = _document_dates(parts.paragraphs, metadata, url)
    stated = next((d.value for d in dates if d.source == "text"), None)
    # The document's own publication date: what the text states, else its container's
    # metadata. The address's date is a further source the warehouse weighs (with the
    # feed's, the sitemap's, ...), not the document's statement.
    published = next((d.value for d in dates if d.source != "url"), None)
    if sector == FIRE:
        round_ = frs.round_of(
            [parts.title or "", *_lead(parts.body, 3), *reports[:5]], published, parts.body
        )
        found = _judgements(
            parts, topic, primary_service, published, url, fire=round_, known=tuple(body_services)
        )
        topic = frs.topic_of([parts.title or "", *_lead(parts.body, 2)], round_)
        # The shared readers name the judged body `force`: here it is the service. Only
        # the frs_* areas are a fire service's (an Engage step stays out of the contract).
        judgements = tuple(
            dataclasses.replace(
                j,
                force=None,
                service=j.force,
                sector=FIRE,
                period=None if j.restated else (round_.name or None),
            )
            for j in found
            if j.force is not None and j.area.startswith("frs_")
        )
    else:
        judgements = tuple(
            dataclasses.replace(j, service=j.force, sector=POLICE)
            for j in _with_period(
                _judgements(parts, topic, primary, published, url),
                topics.inspection_period([parts.title or "", *_lead(parts.body, 3), *reports[:5]]),
            )
        )
    return Release(
        title=parts.title,
        reference=find_reference(head_texts, parts.body + parts.notes),
        published_date=published,
        publisher=_publisher(parts, primary, url),
        primary_force=primary,
        topic=topic,
        forces=tuple(
            [ForceMention(f, False) for f in body_forces]
            + [ForceMention(f, True) for f in notes_forces]
        ),
        people=people,
        reports=tuple(reports),
        phones=tuple(find_phones("\n\n".join(parts.paragraphs))),
        judgements=judgements,
        body_text=text,
        gaps=find_gaps(parts.body, judgements),
        stated_date=stated,
        dates=dates,
        sector=sector,
        primary_service=primary_service,
        services=tuple(
            [ServiceMention(sector, s, False) for s in body_services]
            + [ServiceMention(sector, s, True) for s in notes_services]
        ),
    )


def _document_dates(
    paragraphs: list[str] | tuple[str, ...], metadata: dict[str, str], url: str
) -> tuple[DatedBy, ...]:
    """The dates the document gives, best first: its text, its page's metadata, its
    address, its PDF creation date (docs/dates.md has the whole order)."""
    from_url = url_date(url)
    found = (
        ("text", stated_publication_date(paragraphs, url_day=from_url)),
        ("html_meta", html_meta_date(metadata)),
        ("url", from_url),
        ("pdf_meta", pdf_meta_date(metadata, text_years=years_named(paragraphs))),
    )
    return tuple(DatedBy(source, day) for source, day in found if day is not None)


def extract_release(document: Document, *, url: str = "") -> Release:
    """The release fields of `document`. Never raises; bounded time."""
    if not isinstance(url, str):
        url = ""
    try:
        return _extract(document, url)
    except Exception:  # noqa: BLE001 - a release with empty fields beats a failed run
        title = getattr(document, "title", None)
        try:
            body = document.text
        except Exception:  # noqa: BLE001
            body = ""
        return Release(
            title=title if isinstance(title, str) else None,
            reference=None,
            published_date=None,
            publisher=None,
            primary_force=None,
            topic=None,
            forces=(),
            people=(),
            reports=(),
            phones=(),
            judgements=(),
            body_text=body if isinstance(body, str) else "",
        )
