"""The graded-verdict engine shared by the PEEL and crime-data-integrity families.

A verdict is a grade word (outstanding, good, adequate, requires improvement, inadequate,
not yet graded) used as a predicate, tied to an area by a cue phrase either before it
("the efficiency with which the force carries out its responsibilities is good";
"crime recording as 'inadequate'") or right after it ("assessed as good in respect of
the efficiency"; "is 'good' in the way it treats the public"). Grades used attributively
("a good understanding", "good at reducing crime") are not verdicts on an area.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

Cue = tuple[str, re.Pattern[str]]

PILLAR_VALUES = ("outstanding", "good", "requires improvement", "inadequate", "not yet graded")
AREA_VALUES = ("outstanding", "good", "adequate", "requires improvement", "inadequate")

_VALUE = re.compile(
    # (a quote or a grade word's first letter, either case, first: a position at any other
    # character is refused at once)
    r"(?=[‘'\"“oganir])[‘'\"“]?\b(?P<v>outstanding|good|adequate|inadequate|requires?\s+improvement|"
    r"requiring\s+improvement|"
    r"not\s+yet\s+graded)\b[’'\"”]?",
    re.IGNORECASE,
)
# What may stand right before a predicate grade (a list item's bullet: "• good at
# investigating crime;" after "found the force was:").
_LINK_BEFORE = re.compile(
    r"(?:\b(?:is|are|was|were|remains|remained|remain|been|be|as|of|now|judged|graded|"
    r"rated|assessed|grading|grade|found|considered|deemed)\b\s*:?|:|[-–]|^\s*[•*·▪●◦‣]?|"
    # The judged force as the verb's object: "rated the force ‘good’ in ...".
    r"\b(?:judged|graded|rated|assessed)\s+(?:the\s+(?:force|constabulary|service)|it))\s*$",
    re.IGNORECASE,
)
# A grade that closes its clause.
_CLAUSE_END = re.compile(
    r"^\s*(?:[.;,:!?)\]]|$|(?:too|as\s+well|also)\s*(?:[.;,:!?]|$)|"
    r"\b(?:and|but|overall|with|while|whilst|though|although|"
    r"because|as\s+a\s+result|in\s+(?:this|that|each|both|all)\b|"
    # "graded the force's crime recording as 'good' following an inspection".
    r"following\s+(?:an?|its|the|our)\b|"
    r"by\s+(?:HMIC\w*|the\s+(?:police\s+)?inspectorate|inspectors|(?:Her|His)\s+Majesty)|"
    # The forces given the grade, named after it: "The forces judged inadequate were:
    # Bedfordshire Police and ...", "Forces rated good included Kent Police".
    r"(?:were|was|included?|includes)\b(?=\s*:?\s*(?:the\s+)?(?-i:[A-Z]))))",
    re.IGNORECASE,
)
_LIST_BEFORE = re.compile(r"(?:\band|,|;|\bbut)\s*[‘'\"“]?$", re.IGNORECASE)
# A grade followed by what it is a grade in.
_GRADE_IN = re.compile(
    r"^\s*(?:(?:in|for|at|on|when\s+it\s+comes\s+to)\s+(?:respect\s+of\s+)?|"
    # "inadequate in all three of the PEEL pillars: effectiveness, efficiency and
    # legitimacy", "good across all three areas of its inspection: ..." (the list after
    # the colon names them; without it, "in all three areas" is a count).
    r"(?:in|across|for)\s+(?:all|each|every\s+one)\s+(?:of\s+)?(?:the\s+|its\s+)?"
    r"(?:three|four|\d)\s+(?:of\s+(?:the|its)\s+)?(?:[\w-]+\s+){0,2}?(?:pillars|areas)\b"
    r"[^.;:]{0,40}:\s*)",
    re.IGNORECASE,
)

# A grade "in this area" / "in both areas" points back to an area named before it.
_BACK_REFERENCE = re.compile(
    r"^\s*(?:(?:in|for|at)\s+(?:this|that|each|both|these|those|all\s+(?:of\s+)?these)\s+"
    r"(?:area|areas|respect|regard)\b|"
    # "was also rated as 'inadequate' on the issue": the subject named before
    r"(?:on|in)\s+(?:the|this|that)\s+(?:issue|matter|subject|front)\b|"
    r"(?:in|at|during)\s+(?:our|its|the|that|an?)\s+(?:last|previous|initial|first|earlier)\s+"
    r"(?:inspection|assessment|visit)\b|in\s+(?:19|20)\d\d\b)",
    re.IGNORECASE,
)

# A grade given as a noun's attribute, then what it is a grade in: "received an
# outstanding grade for efficiency", "a ‘good’ rating for legitimacy".
_GRADE_NOUN = re.compile(
    r"^\s*(?:grade|grading|rating|judge?ment|verdict)\s+(?=(?:for|in|at|on)\s)", re.IGNORECASE
)
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|the|its|their)\s*[‘'\"“]?$", re.IGNORECASE)

# A change of grade since the last inspection: "has improved from requires improvement
# to good in ...": the first grade is the past one, the second this release's.
_G = r"outstanding|good|adequate|inadequate|requires?\s+improvement|requiring\s+improvement"
FROM_TO = re.compile(
    r"\b(?:improv\w*|mov\w*|r[io]s\w*|progress\w*|declin\w*|deteriorat\w*|f[ae]ll\w*|"
    r"dropp\w*|slipp\w*|(?:gone|went|go(?:es)?)\s+(?:up|down))\s+"
    rf"from\s+(?:being\s+)?[‘'\"“]?(?P<old>{_G})[’'\"”]?\s+(?:in\s+(?:19|20)\d\d\s+)?"
    rf"to\s+(?:being\s+)?[‘'\"“]?(?P<new>{_G})\b",
    re.IGNORECASE,
)
# The same change told new grade first: "ratings for efficiency and effectiveness move to
# good from requires improvement".
TO_FROM = re.compile(
    r"\b(?:improv\w*|mov\w*|r[io]s\w*|progress\w*|declin\w*|deteriorat\w*|f[ae]ll\w*|"
    r"dropp\w*|slipp\w*|(?:gone|went|go(?:es)?)\s+(?:up|down))\s+"
    rf"to\s+(?:being\s+)?[‘'\"“]?(?P<new>{_G})[’'\"”]?\s+"
    rf"from\s+(?:being\s+)?[‘'\"“]?(?P<old>{_G})\b",
    re.IGNORECASE,
)


def grade_changes(sentence: str) -> list[re.Match[str]]:
    """The sentence's changes of grade, either way round (groups `old` and `new`)."""
    # Both shapes need the word "from" (no other character folds to its letters): most
    # sentences are spared the two scans.
    if "from" not in sentence.lower():
        return []
    return [*FROM_TO.finditer(sentence), *TO_FROM.finditer(sentence)]


# A past grade the change starts from, the new one given elsewhere: "has declined from
# good in 2017", "rated good, up from 'requires improvement' in 2016", "an improvement on
# the 'inadequate' grade it received in 2016".
FROM_PAST = re.compile(
    # (each alternative starts with one of these letters, either case: a position at any
    # other character is refused at once)
    r"(?=[dfirsu])(?:"
    r"\b(?:improv\w*|declin\w*|deteriorat\w*|r[io]s\w*|f[ae]ll\w*|drop\w*|slipp\w*|"
    r"up|down)\s+from\s+(?:being\s+)?(?:(?:judged|graded|rated|assessed)\s+(?:as\s+)?)?"
    rf"[‘'\"“]?(?P<old>{_G})\b(?![’'\"”]?\s+(?:in\s+(?:19|20)\d\d\s+)?to\s)|"
    rf"\bimprovement\s+(?:on|from)\s+(?:the|its|an?)\s+[‘'\"“]?(?P<old2>{_G})[’'\"”]?\s+"
    r"(?:grade|grading|rating|judge?ment)\b)",
    re.IGNORECASE,
)


def _past_starts(sentence: str) -> list[tuple[int, str]]:
    """(offset, raw grade) of each past grade a change starts from, not a 'from X to Y'."""
    return [
        (m.start("old"), m.group("old")) if m.group("old") else (m.start("old2"), m.group("old2"))
        for m in FROM_PAST.finditer(sentence)
    ]


# The judging agent right after a grade, when what is graded follows it.
_AGENT = re.compile(
    r"^\s*,?\s*by\s+(?:the\s+)?(?:(?:Her|His)\s+Majesty[’']s\s+|HM\s+)?"
    r"(?:HMIC\w*|(?:police\s+)?inspectorate|inspectors)"
    r"(?:\s+of\s+Constabulary(?:\s+and\s+Fire\s+(?:&|and)\s+Rescue\s+Services)?)?"
    r"(?:\s*\((?:HMIC\w*)\))?\s*,?(?=\s+(?:in|for|at|on)\s)",
    re.IGNORECASE,
)
# A judging verb just before the grade ("has been graded as inadequate").
_JUDGING = re.compile(r"\b(?:judged|graded|rated|assessed|found)\b", re.IGNORECASE)
# The PEEL 2015-2017 question every pillar answers; the topic says which pillar.
_SAFE_AND_CRIME = re.compile(
    r"(?:how\s+it\s+)?keep(?:ing|s)\s+people\s+safe\s+and\s+reduc(?:ing|es)\s+crime",
    re.IGNORECASE,
)

_KEEPING_SAFE = re.compile(r"keeping\s+people\s+safe\s+and\s+reducing\s+crime", re.IGNORECASE)

# A further area sharing the grade: "adequate at preventing crime and at developing a
# positive workplace", "requires improvement in how it responds to the public, and in
# how it protects vulnerable people".
_ALSO_IN = re.compile(
    r"^(?:\s+(?:and\s+(?!(?:in|for|at|on|how)\b))?(?!and\b)[\w’'-]+){0,3}?\s*,?\s*"
    r"(?:and|as\s+well\s+as)\s+(?:also\s+)?"
    r"(?:(?:in|for|at|on)\s+|(?=how\s+(?:it|the\s+force|well)\b))",
    re.IGNORECASE,
)

# The next item of a list of activities sharing the grade, with no preposition of its
# own: "requires improvement in responding to the public, investigating crime and
# recording data about crime" (the item must open with its cue, an -ing word).
# An item may also be an area's name in quotes: "‘good’ in ‘preventing crime’ and ‘police
# powers and public treatment’".
_LIST_ITEM = re.compile(
    r"^[’'\"”]?(?:\s+(?!and\b)[\w’'-]+){0,3}?(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
    r"(?:(?=[a-z]+ing\b|good\s+use\b|use\s+of\b|offender\s+management\b|"
    r"crime\s+prevention\b|strategic\s+planning\b|value\s+for\s+money\b|"
    # The pillars named as nouns: "inadequate for effectiveness, efficiency and legitimacy".
    r"(?:its\s+)?(?:effectiveness|efficiency|legitimacy)\b)|[‘'\"“])"
)

# The next area of a list that repeats the preposition after a comma: "good in its
# treatment of the public, in investigating crime and in developing a positive workplace"
# (the area must open the item).
_COMMA_IN = re.compile(
    r"^\s*,\s*(?:(?P<prep>in|for|at|on)\s+(?!(?:19|20)\d\d)|"
    # "adequate in how it treats the public, how it prevents crime and how it ...".
    r"(?=how\s+(?:it|the\s+force|well)\b))",
    re.IGNORECASE,
)

_BACK_WINDOW = 220
_FORWARD_WINDOW = 60

# Restated past verdicts ("at our initial inspection in 2016 we judged ...").
_HISTORY = re.compile(
    r"\b(?:in|during)\s+(?:(?:our|its|the|an?)\s+)?(?:[a-z]+\s+){0,2}(?:19|20)\d\d\b(?![/–-])|"
    r"\bpreviously\b|\bprevious\s+(?:inspection|assessment|report)|\blast\s+year\b|"
    r"\binitial\s+inspection\b|"
    r"\b(?:at\s+which|when)\s+(?:time\s+)?(?:we|HMIC\w*|inspectors|the\s+inspectorate)\s+"
    r"(?:had\s+)?(?:last\s+)?(?:judged|graded|rated|assessed|found)\b",
    re.IGNORECASE,
)
_NOW = re.compile(r"\bnow\b", re.IGNORECASE)


def may_grade(sentence: str) -> bool:
    """Whether `sentence` holds a grade word the predicate rules (`graded`) read: without
    one, they read nothing from it."""
    return bool(_VALUE.search(sentence))


def is_history(sentence: str) -> bool:
    return bool(_HISTORY.search(sentence)) and not _NOW.search(sentence)


class Hit(NamedTuple):
    """One verdict a rule read: its area, value and the offset of the grade in the
    sentence (to pick the force named nearest to it). `restated`: a verdict of an earlier
    inspection the release recalls ("in 2016 we judged the force inadequate")."""

    area: str
    value: str
    offset: int
    restated: bool = False


def as_hits(found: Iterable[tuple]) -> list[Hit]:
    """Rule output as Hits (a rule may give bare (area, value, offset) tuples)."""
    return [h if isinstance(h, Hit) else Hit(*h) for h in found]


# A grade of its own clause's past, in a sentence about the present: "is now good at X,
# having previously been graded inadequate".
_PAST_GRADE = re.compile(
    r"\b(?:previously|formerly|had\s+(?:last\s+)?been|was\s+last|were\s+last|"
    r"at\s+(?:our|its|the)\s+(?:last|previous|initial|first)\s+inspection)\b"
    r"[^.;]{0,40}$",
    re.IGNORECASE,
)


def with_history(sentence: str, hits: Iterable[tuple]) -> list[Hit]:
    """Hits as the release's own verdicts, or restated when recalled from an earlier
    inspection: the whole sentence, or the grade's own clause ("having previously been
    graded inadequate")."""
    hits = as_hits(hits)
    if not hits:
        return hits
    changes = grade_changes(sentence)
    pasts = {offset for offset, _ in _past_starts(sentence)}
    if changes or pasts:
        # "has improved from requires improvement to good since 2016": the change's
        # first grade is the past one, its second this release's, whatever else the
        # sentence says of the past.
        old = {m.start("old") for m in changes} | pasts
        new = {m.start("new") for m in changes}
        # A past grade's own year ("up from 'requires improvement' in 2016") dates that
        # grade, not the rest of the sentence.
        cut = min((m.start() for m in FROM_PAST.finditer(sentence)), default=len(sentence))
        own = sentence if changes else sentence[:cut]
        rest = _with_history([h for h in hits if h.offset not in old | new], own)
        return rest + [h._replace(restated=h.offset in old) for h in hits if h.offset in old | new]
    return _with_history(hits, sentence)


# A grade's own clause dated in the past, before the sentence's "now": "was graded
# inadequate for crime recording in 2014 and is now good".
_DATED_CLAUSE = re.compile(
    r"^[^.;]{0,60}?\bin\s+(?:19|20)\d\d\b(?![/–-])(?=[^.;]{0,40}?\bnow\b)", re.IGNORECASE
)
_CLAUSE_BREAK = re.compile(r"[,;]|\b(?:and|but|while|whereas)\b", re.IGNORECASE)


def _dated_past(sentence: str, offset: int) -> bool:
    tail = sentence[offset : offset + 100]
    dated = _DATED_CLAUSE.match(tail)
    if not dated:
        return False
    # The year is in the grade's own clause: no clause break and no "now" before it.
    head = tail[: dated.end()]
    return not _NOW.search(head) and not _CLAUSE_BREAK.search(head)


def _with_history(hits: list[Hit], sentence: str) -> list[Hit]:
    if is_history(sentence):
        return as_restated(hits)
    return [
        h._replace(restated=True)
        if _PAST_GRADE.search(sentence[max(0, h.offset - 60) : h.offset])
        or _dated_past(sentence, h.offset)
        else h
        for h in hits
    ]


def as_restated(hits: Iterable[tuple]) -> list[Hit]:
    """Verdicts the release restates from an earlier inspection ("in 2016 we judged the
    force inadequate"): their contract area and value, flagged restated."""
    return [h._replace(restated=True) for h in as_hits(hits)]


def graded(
    sentence: str,
    cues: Sequence[Cue],
    values: Sequence[str],
    *,
    default_area: str | None = None,
    safe_area: str | None = None,
) -> list[tuple[str, str, int]]:
    """(area, value, offset) for each predicate grade in `sentence` tied to a cue.
    `safe_area` is the area a grade "at keeping people safe and reducing crime" is in
    when the release names no pillar of its own (the effectiveness question)."""
    out: list[tuple[str, str, int]] = []
    if not _VALUE.search(sentence):
        return out
    changed: set[int] = set()
    for change in grade_changes(sentence):
        changed.update((change.start("old"), change.start("new")))
        area = _area_of_change(sentence, change, cues, default_area)
        if area:
            for group in ("old", "new"):
                value = _normal(change.group(group))
                if value in values:
                    out.append((area, value, change.start(group)))
    for offset, raw in _past_starts(sentence):
        if offset in changed:
            continue
        changed.add(offset)
        value = _normal(raw)
        area = _area_of_past(sentence, offset, cues, default_area)
        if area and value in values:
            out.append((area, value, offset))
    for match in _VALUE.finditer(sentence):
        if match.start("v") in changed or match.start() in changed:
            continue
        value = " ".join(match.group("v").lower().split())
        # "judged to require improvement"; "graded the force as requiring improvement" (a
        # participle, so it needs its link: "areas requiring improvement" is no verdict).
        participle = value == "requiring improvement"
        if value in ("require improvement", "requiring improvement"):
            value = "requires improvement"
        if value not in values:
            continue
        start, end = match.start(), match.end()
        before = sentence[max(0, start - _BACK_WINDOW) : start]
        after = sentence[end : end + 4 * _FORWARD_WINDOW]
        verb_like = value in ("requires improvement", "not yet graded") and not participle
        # "rated as 'good' by HM Inspectorate of Constabulary (HMIC) for the efficiency
        # with which ...": what is graded follows the agent.
        plain_after = after
        agent = _AGENT.match(after)
        if agent:
            after = after[agent.end() :] + sentence[end + len(after) : end + agent.end() + 120]
        noun = _GRADE_NOUN.match(after) if _ARTICLE_BEFORE.search(before) else None
        if noun:
            after = after[noun.end() :]
        forward = _GRADE_IN.match(after)
        if agent and forward and not _first_cue(after[forward.end() :][:_FORWARD_WINDOW], cues):
            # "was judged to require improvement by HMICFRS in a report published today":
            # what follows the agent is not an area; the area stands before the grade.
            after, forward = plain_after, None
        linked = verb_like or noun or _LINK_BEFORE.search(before)
        # In a list of verdicts: "adequate in X and good at investigating crime".
        if not linked and not (forward and _LIST_BEFORE.search(before)):
            continue
        area = None
        also: list[str] = []
        back_reference = _BACK_REFERENCE.match(after)
        if forward and back_reference:
            # "rated it as requires improvement in this area", "judged inadequate at our
            # last inspection": the area stands before.
            forward = None
        if forward:
            window = after[forward.end() : forward.end() + _FORWARD_WINDOW]
            best = _first_cue(window, cues)
            if best:
                area = best[2]
                rest = after[forward.end() + best[1] :]
                for _ in range(8):
                    more = _ALSO_IN.match(rest)
                    comma = None if more else _COMMA_IN.match(rest)
                    if more:
                        rest = rest[more.end() :]
                        following = _first_cue(rest[:_FORWARD_WINDOW], cues)
                    elif comma:
                        rest = rest[comma.end() :]
                        following = _first_cue(rest[:_FORWARD_WINDOW], cues)
                        if following and following[0] > (4 if comma.group("prep") else 16):
                            following = None
                    else:
                        item = _LIST_ITEM.match(rest)
                        if not item:
                            break
                        rest = rest[item.end() :]
                        following = _first_cue(rest[:_FORWARD_WINDOW], cues)
                        if following and following[0] != 0:
                            following = None
                    if not following:
                        break
                    also.append(following[2])
                    rest = rest[following[1] :]
            elif default_area and _SAFE_AND_CRIME.match(window):
                area = default_area
            elif safe_area and _KEEPING_SAFE.match(window):
                # The question's own words ("good at keeping people safe and reducing
                # crime"), not "in how it keeps people safe ...", an overall summary.
                area = safe_area
        elif back_reference or _CLAUSE_END.match(after):
            best = None
            for name, pattern in cues:
                for cue in pattern.finditer(before):
                    if best is None or cue.end() > best[0]:
                        best = (cue.end(), name)
            if best:
                area = best[1]
            elif (
                default_area
                and (len(before) < 40 or _JUDGING.search(before[-60:]))
                and not _LABEL_LINE.match(sentence[:start])
            ):
                area = default_area
        if area:
            out.append((area, value, start))
            out.extend((name, value, start) for name in also if name != area)
    return out


# A list line giving a grade to something the family has no area for ("· Crime Prevention
# – Good" under a pillar: a sub-area), which is not the release's own area.
_LABEL_LINE = re.compile(r"^[\s•·*▪●◦‣-]*[A-Z][\w ,&’'/()-]{2,60}?\s*[:–—|-]\s*[‘'\"“]?$")


def _normal(raw: str) -> str:
    value = " ".join(raw.lower().split())
    if value in ("require improvement", "requiring improvement"):
        return "requires improvement"
    return value


def _area_of_change(
    sentence: str, change: re.Match[str], cues: Sequence[Cue], default_area: str | None
) -> str | None:
    """The area a change of grade is in: named after it ("... to good in how it keeps
    people safe"), else the one named nearest before it, else the release's own."""
    after = sentence[change.end() : change.end() + 4 * _FORWARD_WINDOW]
    forward = _GRADE_IN.match(after)
    if forward:
        window = after[forward.end() : forward.end() + _FORWARD_WINDOW]
        best = _first_cue(window, cues)
        if best:
            return best[2]
        if default_area and _SAFE_AND_CRIME.match(window):
            return default_area
    before = sentence[max(0, change.start() - _BACK_WINDOW) : change.start()]
    nearest = None
    for name, pattern in cues:
        for found in pattern.finditer(before):
            if nearest is None or found.end() > nearest[0]:
                nearest = (found.end(), name)
    if nearest:
        return nearest[1]
    return default_area


def _area_of_past(
    sentence: str, offset: int, cues: Sequence[Cue], default_area: str | None
) -> str | None:
    """The area of a past grade a change starts from: the one named nearest before it
    ("its grade for effectiveness has declined from good"), else the release's own."""
    nearest = None
    for name, pattern in cues:
        for found in pattern.finditer(sentence[max(0, offset - _BACK_WINDOW) : offset]):
            if nearest is None or found.end() > nearest[0]:
                nearest = (found.end(), name)
    return nearest[1] if nearest else default_area


def _first_cue(window: str, cues: Sequence[Cue]) -> tuple[int, int, str] | None:
    """(start, end, area) of the cue that opens `window` (starting within 35 characters),
    the earliest if several do."""
    best = None
    for name, pattern in cues:
        cue = pattern.search(window)
        if cue and cue.start() <= 35 and (best is None or cue.start() < best[0]):
            best = (cue.start(), cue.end(), name)
    return best


def cue(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)
