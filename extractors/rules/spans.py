"""Verdicts read from the shape of a sentence: the grade words used as verdicts, and the
area phrases around them, each area going to the grade whose span it falls in.

    "Four areas drew a 'good' score - treatment of the public, managing offenders and
     use of resources."                                  -> three areas, good
    "The way officers investigate crime and how they respond to the public were given
     adequate ratings."                                  -> two areas, adequate
    "'outstanding' in X and 'good' ratings for Y and Z"  -> X outstanding, Y and Z good
    "the areas requiring improvement are X; Y; Z"        -> X, Y, Z requires improvement

A grade owns the areas named before it when a link joins them ("... were given",
"... is", nothing at all); otherwise the areas named after it, up to the next grade or a
clause break ("but", "while"). A grade is a verdict only when quoted, linked ("rated",
"was", "received") or followed by a rating noun ("ratings", "score", "overall"); a wish or
negation before it ("aims to be", "not") rules it out. The words are data
(`data/verdict_words.toml`); the areas are the family's cue tables.

This reader complements the family rules: the caller keeps the family rules' hits and adds
this reader's for areas they did not read in the sentence.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .grades import grade_changes
from .vocabulary import DATA, Cue

_DATA = DATA / "verdict_words.toml"
_QUOTE_CHARS = "‘’'\"“”"
_MAX_LINK = 90  # characters between the last area before a grade and the grade
_MAX_LEAD = 60  # characters between a grade and the first area after it
_MAX_GAP = 45  # characters between two areas of one list


@dataclass(frozen=True)
class Words:
    grades: dict[str, str]
    grade_pattern: re.Pattern[str]
    rating_nouns: frozenset[str]
    links: frozenset[str]
    not_a_verdict: frozenset[str]
    list_breaks: re.Pattern[str]
    all_areas: re.Pattern[str]
    keys: tuple[str, ...]  # a word each grade phrase holds, to skip sentences quickly
    after_predicate: frozenset[str]
    judged_objects: frozenset[str]
    judging_verbs: frozenset[str]
    judged_by: frozenset[str]
    back_grade: re.Pattern[str]
    back_list: re.Pattern[str]
    intensifiers: frozenset[str]
    cdi_inspection: re.Pattern[str]


def all_areas_pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    """A sector's words for "every area", not where a relative clause picks some of them
    ("X, Y and Z were all areas which need improving"; data: [words] subset_after)."""
    subset = tomllib.loads(_DATA.read_text("utf-8"))["words"]["subset_after"]
    return re.compile(
        r"\b(?:"
        + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
        + r")\b(?!\s+(?:"
        + "|".join(r"\s+".join(map(re.escape, p.split())) for p in subset)
        + r")\b)",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def words() -> Words:
    data = tomllib.loads(_DATA.read_text("utf-8"))
    grades = {" ".join(k.split()): v for k, v in data["grades"].items()}
    alternation = "|".join(
        r"\s+".join(map(re.escape, k.split())) for k in sorted(grades, key=len, reverse=True)
    )
    w = data["words"]
    return Words(
        keys=tuple(
            sorted(
                {max(k.split(), key=len) for k in [*grades, *w["back_grades"]]}
                | {max(k.split(), key=len) for k in w["back_lists"]}
            )
        ),
        grades=grades,
        grade_pattern=re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE),
        rating_nouns=frozenset(w["rating_nouns"]),
        links=frozenset(w["links"]),
        not_a_verdict=frozenset(w["not_a_verdict"]),
        after_predicate=frozenset(w["after_predicate"]),
        judged_objects=frozenset(w["judged_objects"]),
        judging_verbs=frozenset(w["judging_verbs"]),
        judged_by=frozenset(w["judged_by"]),
        intensifiers=frozenset(w["intensifiers"]),
        cdi_inspection=re.compile(
            r"\b(?:"
            + "|".join(
                r"[\s-]+".join(map(re.escape, p.replace("-", " ").split()))
                for p in w["cdi_inspection"]
            )
            + r")\b",
            re.IGNORECASE,
        ),
        back_list=re.compile(
            r"^\W*(?:"
            + "|".join(r"\s+".join(map(re.escape, p.split())) for p in w["back_lists"])
            + r")\b:?",
            re.IGNORECASE,
        ),
        back_grade=re.compile(
            r"\b(?:"
            + "|".join(r"\s+".join(map(re.escape, p.split())) for p in w["back_grades"])
            + r")\b",
            re.IGNORECASE,
        ),
        all_areas=all_areas_pattern(w["all_areas"]),
        list_breaks=re.compile(
            # a new sentence or clause opens with a capital; "; managing orders; ..." is
            # the next item of a list
            r"\b(?:" + "|".join(map(re.escape, w["list_breaks"])) + r")\b|[.;:!?]\s+(?-i:[A-Z])",
            re.IGNORECASE,
        ),
    )


@dataclass(frozen=True)
class _Grade:
    start: int
    end: int
    value: str


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    area: str


_WORD = re.compile(r"[A-Za-z’']+")


def _words_before(sentence: str, start: int, n: int) -> list[str]:
    return [w.lower().strip("’'") for w in _WORD.findall(sentence[max(0, start - 60) : start])][-n:]


_BULLET_CHARS = " \t•*·▪●◦‣-"
_LABEL_AFTER = re.compile(r"^\s*[:–—-]\s")


def _alternative(sentence: str, match: re.Match[str]) -> bool:
    """A grade offered as one of two ("'good' or 'adequate'", "good or outstanding")."""
    after = sentence[match.end() : match.end() + 40].lstrip(_QUOTE_CHARS + " ")
    before = sentence[max(0, match.start() - 40) : match.start()].rstrip(_QUOTE_CHARS + " ")
    pattern = words().grade_pattern
    if after[:3].lower() == "or " and pattern.match(after[3:].lstrip(_QUOTE_CHARS + " ")):
        return True
    if before[-3:].lower() == " or":
        head = before[:-3].rstrip(_QUOTE_CHARS + " ")
        return any(m.end() == len(head) for m in pattern.finditer(head))
    return False


def _verdict_grades(sentence: str, values: Sequence[str]) -> tuple[_Grade, ...]:
    # The release reads a sentence's grades twice (its areas, then the grade "this
    # grading" points back to): the second time is free.
    return _verdict_grades_cached(sentence, tuple(values))


@lru_cache(maxsize=64)
def _verdict_grades_cached(sentence: str, values: tuple[str, ...]) -> tuple[_Grade, ...]:
    return tuple(_scan_grades(sentence, values))


def names_a_grade(sentence: str) -> bool:
    """Whether `sentence` holds a word of some grade the sentence reader reads: without
    one, it reads no verdict from it (unless a sentence before gave an antecedent)."""
    lowered = sentence.lower()
    return any(key in lowered for key in words().keys)


def _scan_grades(sentence: str, values: Sequence[str]) -> list[_Grade]:
    vocab = words()
    out: list[_Grade] = []
    if not names_a_grade(sentence):
        return out  # most sentences name no grade: skip the scan
    # "improved from 'requires improvement' to 'good'", "move to good from ...": the grade
    # a change ends at is a verdict, though "to" stands before it.
    changed_to = {m.start("new") for m in grade_changes(sentence)}
    for match in vocab.grade_pattern.finditer(sentence):
        raw = " ".join(match.group(0).lower().split())
        value = vocab.grades[raw]
        if value not in values:
            continue
        before = sentence[max(0, match.start() - 2) : match.start()]
        after = sentence[match.end() : match.end() + 2]
        quoted = any(q in before for q in _QUOTE_CHARS) and any(q in after for q in _QUOTE_CHARS)
        # "was found to be heavily inadequate": the adverb does not part the link
        previous = [
            w for w in _words_before(sentence, match.start(), 5) if w not in vocab.intensifiers
        ][-3:]
        if any(w in vocab.not_a_verdict for w in previous):
            continue
        if _alternative(sentence, match):
            continue  # "'good' or 'adequate' in all areas": no one grade
        changed = match.start() in changed_to
        if (
            (previous[-2:] == ["to", "be"] or previous[-1:] == ["to"])
            and not (set(previous[:-1]) & vocab.judging_verbs)
            and not changed
        ):
            continue  # "aims to be good", but "was found to be inadequate"
        next_text = sentence[match.end() :].lstrip(_QUOTE_CHARS + " ")
        next_word = _WORD.match(next_text)
        noun = next_word.group(0).lower() if next_word else ""
        verb_like = raw in ("requires improvement", "require improvement") or raw in (
            "need improving",
            "needs improving",
        )
        # "top rating" holds its own rating noun
        rated = noun in vocab.rating_nouns or raw.split()[-1] in vocab.rating_nouns
        # (an adverb may stand between: "was 'worryingly inadequate' at ...")
        linked = bool(previous) and (
            previous[-1] in vocab.links
            or (previous[-1].endswith("ly") and previous[-2:-1] and previous[-2] in vocab.links)
        )
        if not linked and previous[-1:] and previous[-1] in vocab.judged_objects:
            # "found the force inadequate", "found Kent Fire and Rescue Service good"
            linked = bool(set(_words_before(sentence, match.start(), 7)) & vocab.judging_verbs)
        head = sentence[: match.start()].rstrip(_QUOTE_CHARS + " ")
        # a list line led by its grade: "• Adequate – developing a positive workplace"
        labelled = not head.strip(_BULLET_CHARS) and bool(_LABEL_AFTER.match(next_text))
        listed = (
            labelled
            or head.endswith((":", "–", "-", "—"))
            or (
                # the next grade of a list of verdicts: "outstanding for X, good for Y and ..."
                bool(out) and (head.endswith((",", ";")) or previous[-1:] in (["and"], ["but"]))
            )
        )
        if changed:
            out.append(_Grade(match.start(), match.end(), value))
            continue
        if not (quoted or rated or linked or verb_like or listed or raw == "requiring improvement"):
            continue
        # "good work", "a good understanding": a grade word qualifying another noun.
        if (
            not (quoted or rated or verb_like)
            and raw in ("good", "outstanding", "adequate", "inadequate")
            and noun
            and noun not in vocab.after_predicate
            and next_text[:1].isalpha()
        ):
            continue
        out.append(_Grade(match.start(), match.end(), value))
    return out


def verdict_values(sentence: str, values: Sequence[str]) -> list[str]:
    """The grades (of `values`) `sentence` gives as verdicts, whatever they are in."""
    return [g.value for g in _verdict_grades(sentence, values)]


_ALL = "*all areas*"


def _mentions(
    sentence: str,
    cues: Sequence[Cue],
    every: bool = False,
    phrases: re.Pattern[str] | None = None,
) -> list[_Mention]:
    found: list[_Mention] = []
    if every:
        found.extend(
            _Mention(m.start(), m.end(), _ALL)
            for m in (phrases or words().all_areas).finditer(sentence)
        )
    for area, pattern in cues:
        for match in pattern.finditer(sentence):
            found.append(_Mention(match.start(), match.end(), area))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[_Mention] = []
    for mention in found:
        if out and mention.start < out[-1].end:
            continue  # overlapping cues: the earliest, longest one
        out.append(mention)
    return out


# After a grade that stands for the release's one area: the clause ends, or what follows
# is the report, the agent or a time, not another area ("'good' in the latest report").
_DEFAULT_AFTER = re.compile(
    r"^[’'\"”]?\s*(?:$|[.,;:!?)–—-]|(?:grading|rating|grade|overall|by|from|after|following|"
    r"and|but|which|when|this|last|"
    # "the rating of 'Good' as the overall judgment of this report"
    r"as\s+(?:the|its|our|an?)\s+(?:overall\s+)?(?:judge?ment|grade|grading|rating)|"
    r"in\s+(?:the|its|a|an|their|her|his)\s+"
    r"(?:\w+\s+){0,2}(?:report|inspection|assessment|review)|in\s+(?:19|20)\d\d)\b)",
    re.IGNORECASE,
)


_COUNTED = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|\w+teen|\w+ty|all|most|many|"
    r"some|other|several|no)\s+(?:other\s+)?(?:forces|force)\b[^()]*$",
    re.IGNORECASE,
)


# A count of forces given the grade just before it: "one force has been graded as
# 'outstanding', 35 as 'good', six forces as 'requires improvement'".
_COUNT_BEFORE = re.compile(
    r"(?:\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|\w+teen|\w+ty|all|most|"
    r"many|some|several|no)\s+(?:other\s+)?(?:forces?|constabularies)\s+"
    r"(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been)\s+)?"
    r"(?:(?:rated|graded|judged|assessed|found|deemed)\s+)?(?:as\s+)?|\b\d+\s+(?:were\s+)?as\s+)"
    r"[‘’'\"“”\s]*$",
    re.IGNORECASE,
)


def counted(sentence: str, offset: int) -> bool:
    """The grade at `offset` is given to a number of forces ("35 as 'good'"), not to a
    force the sentence names."""
    return bool(_COUNT_BEFORE.search(sentence[max(0, offset - 50) : offset]))


def _judged(sentence: str, grade: _Grade) -> bool:
    """A grade given by a judging word ("rated", "judged ... as", "'good' grading") whose
    clause names nothing else it is a grade in."""
    if _COUNTED.search(sentence[max(0, grade.start - 40) : grade.start]):
        return False  # "24 forces as good": a count, not this release's force
    before = set(_words_before(sentence, grade.start, 6))
    after = sentence[grade.end : grade.end + 80]
    noun = _WORD.match(after.lstrip("’'\"” "))
    rated = noun is not None and noun.group(0).lower() in ("grading", "rating", "grade")
    judged = before & words().judged_by
    return bool(judged or rated) and bool(_DEFAULT_AFTER.match(after))


_LINK_TEXT = re.compile(
    r"^[\s‘’'\"“”,:|–—-]*(?:(?:(?:has|have|had)\s+been|is|are|was|were|remains?|remained|"
    r"(?:were|was|is|are|been)\s+(?:all\s+|both\s+|each\s+)?(?:given|awarded|rated|graded|"
    r"judged|assessed|found|deemed|considered)(?:\s+(?:as|to\s+be))?|"
    r"received|drew|earned|achieved|got|secured|gained|all|both|each|also|now|still|"
    # the area's head noun and a relative ("crime recording practices have been graded
    # as", "crime recording accuracy, which was found to be")
    r"practices|arrangements|accuracy|processes|process|standards?|performance|approach|"
    # "X and Y were all areas which need improving"; "X and Y move to good from ..."
    r"areas|(?:mov\w*|improv\w*|r[io]s\w*)\s+to|which|that|found\s+to\s+be|judged\s+to\s+be|considered\s+to\s+be|"
    r"rated|graded|judged|assessed|as|an?|the|overall)\b[\s‘’'\"“”,:|–—-]*)*$",
    re.IGNORECASE,
)


# "the 'inadequate' grading it received in this area in 2023": the area the sentence
# before named.
_THIS_AREA = re.compile(
    r"^[’'\"”]?\s+(?:(?:grade|grading|rating|judge?ment)\s+)?"
    r"(?:(?:it|the\s+force|they)\s+(?:had\s+)?(?:received|was\s+given|got|had)\s+)?"
    r"(?:in|for)\s+(?:this|that|the\s+same)\s+area\b",
    re.IGNORECASE,
)


_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|does|do|did)\b", re.IGNORECASE)


def read_spans(
    sentence: str,
    cues: Sequence[Cue],
    values: Sequence[str],
    *,
    default_area: str | None = None,
    all_areas: Sequence[str] = (),
    all_areas_phrases: re.Pattern[str] | None = None,
    antecedent: str | None = None,
    area_antecedent: str | None = None,
    list_antecedent: str | None = None,
) -> list[tuple[str, str, int]]:
    """(area, value, offset of the grade) for each area named in the span of a verdict
    grade of `sentence`. With `default_area` (the one area a release is about: a pillar,
    crime recording), a grade given by a judging word and naming no area at all is in it:
    "welcomed the 'good' grading", "has judged North Wales Police as 'requires
    improvement'". With `antecedent` (the last grade the sentence before gave), "this
    grading" / "the same grade" is that grade; with `area_antecedent` (the one area the
    sentence before graded), a grade "in this area" naming none is in it; with
    `list_antecedent` (a grade the sentence before gave to areas it did not name), "These
    included X, Y and Z" gives it to them.
    `all_areas_phrases` are the sector's words for "every area" (the police ones by
    default)."""
    grades = _verdict_grades(sentence, values)
    if antecedent in values and not grades:
        grades = tuple(
            _Grade(m.start(), m.end(), antecedent) for m in words().back_grade.finditer(sentence)
        )
    if list_antecedent in values and not grades:
        pointing = words().back_list.match(sentence)
        first = _mentions(sentence, cues)[:1] if pointing else []
        if pointing and first and first[0].start - pointing.end() <= 6:
            grades = (_Grade(pointing.start(), pointing.end(), list_antecedent),)
    if not grades:
        return []
    mentions = _mentions(sentence, cues, every=bool(all_areas), phrases=all_areas_phrases)
    if not mentions and area_antecedent:
        pointed = [
            (area_antecedent, g.value, g.start)
            for g in grades
            if _THIS_AREA.match(sentence[g.end : g.end + 80])
        ]
        if pointed:
            return pointed
    if not mentions:
        if default_area is None:
            return []
        return [(default_area, g.value, g.start) for g in grades if _judged(sentence, g)]
    vocab = words()
    owner: dict[int, _Grade] = {}
    # Areas before a grade, joined to it by a link: "X and Y were given adequate ratings".
    for i, grade in enumerate(grades):
        floor = grades[i - 1].end if i else 0
        before = [m for m in mentions if floor <= m.start and m.end <= grade.start]
        if not before:
            continue
        link = sentence[before[-1].end : grade.start]
        if len(link) > _MAX_LINK or not _LINK_TEXT.match(link):
            continue
        if (
            i
            and not link.strip(_QUOTE_CHARS + " ,")
            and not (grade.value == "requires improvement" and not link.strip())
        ):
            continue  # "good for X, outstanding for Y": X is the earlier grade's
        chain = [before[-1]]
        for previous in reversed(before[:-1]):
            gap = sentence[previous.end : chain[0].start]
            if len(gap) > _MAX_GAP or vocab.list_breaks.search(gap):
                break
            chain.insert(0, previous)
        for mention in chain:
            owner[mention.start] = grade
    # Areas after a grade, up to the next grade or a clause break: "'good' ratings for X
    # and Y", "the areas requiring improvement are X; Y; Z".
    for i, grade in enumerate(grades):
        ceiling = grades[i + 1].start if i + 1 < len(grades) else len(sentence)
        after = [m for m in mentions if grade.end <= m.start and m.end <= ceiling]
        last = grade.end
        for n, mention in enumerate(after):
            gap = sentence[last : mention.start]
            if mention.start in owner:
                break
            if n == 0:
                if len(gap) > _MAX_LEAD or re.search(r"[.!?]\s", gap):
                    break
                if _FINITE.search(gap) and len(gap.split()) > 3:
                    break  # another clause: "is inadequate, and the force is also missing"
                if vocab.list_breaks.search(gap):
                    break
            elif len(gap) > _MAX_GAP or vocab.list_breaks.search(gap):
                break
            owner[mention.start] = grade
            last = mention.end
    # A change of grade: the areas of its new grade had its old one ("X and Y move to good
    # from requires improvement").
    by_start = {g.start: g for g in grades}
    was: dict[int, _Grade] = {}  # a change's new grade -> its old one
    for change in grade_changes(sentence):
        new, old = by_start.get(change.start("new")), by_start.get(change.start("old"))
        if new and old:
            was[new.start] = old
    hits: list[tuple[str, str, int]] = []
    for mention in mentions:
        grade = owner.get(mention.start)
        if grade is None:
            continue
        for given in (grade, was[grade.start]) if grade.start in was else (grade,):
            for area in all_areas if mention.area == _ALL else (mention.area,):
                if (area, given.value, given.start) not in hits:
                    hits.append((area, given.value, given.start))
    return hits
