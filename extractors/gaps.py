"""What the judgement rules did not read: sentences and list lines of a release's body that
hold a grade word next to a known area phrase or a known force, yet gave no judgement.

A recall signal that needs no labels: an analyst sees which lines to check by hand, a
developer which wordings the rules miss.

The rule, kept simple on purpose:

1. The units are the ones the judgement rules read: each body paragraph split into
   sentences (`fields.text.sentences`); a list line is a paragraph of its own.
2. A grade word is outstanding, good, adequate, inadequate, requires / requiring
   improvement or not yet graded, not inside an area phrase ("good use of resources"),
   and not used attributively: a grade followed straight by another word that is not a
   preposition or a conjunction ("good work", "good news", "a good understanding",
   "outstanding leadership") describes that word, not an area, and is skipped (a
   capitalised word after it starts a flattened table's next cell, and does not count).
3. It is a gap when an area phrase of the rules' cue tables (PEEL areas, PEEL pillars,
   crime-data integrity, anti-social behaviour) stands within `NEAR` characters of it;
   or, failing an area, when a known force is named in the unit and the grade is a
   predicate ("Kent Police was rated good ...", "Kent Police - Good"), since an area may
   then be missing from the cue tables; a count of areas ("good in three areas") names
   none and is no verdict, so it is not a gap.
4. Engage: a unit that says a force was put into or taken out of enhanced monitoring
   (a movement word before "Engage" / "enhanced monitoring" / "special measures"), not as
   a possibility ("may be moved into Engage"), is a gap with grade "entered" / "removed".
5. A unit is read when a judgement's evidence is, contains, or is contained in it, or
   when it restates a verdict already read elsewhere in the release (the same area and
   grade, or for a force-only unit the same force and grade): the rules keep one
   judgement per verdict, so the repetition has no evidence of its own.

Pure and bounded: units are cut as the rules cut them; the cue tables run only on units
that hold a grade word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .fields.text import clean, sentences
from .forces import find_forces
from .records import Gap, Judgement
from .rules import crime_data_integrity, peel_2018, peel_pillars

# Characters between a grade word and an area phrase for them to count as near.
NEAR = 80
MAX_GAPS = 200

_GRADE = re.compile(
    # (a grade word's first letter, either case, looked for first: a word starting with any
    # other is refused at once)
    r"\b(?=[oganir])(outstanding|good|adequate|inadequate|requires?\s+improvement|requiring\s+improvement|"
    r"not\s+yet\s+graded)\b",
    re.IGNORECASE,
)
# Words that may follow a grade used as a predicate (what it is a grade in, a list, a
# clause that goes on): anything else right after the grade is the noun it qualifies.
_AFTER_OK = frozenset(
    "in at for on and or but overall across with by to when as than while whilst though "
    "although because following since so too also both all its the how - – — : ; , . ) ( "
    "inspectors hmic hmicfrs".split()
)
_NEXT_WORD = re.compile(r"^[’'\"”]?\s*(?P<w>[A-Za-z]+|[-–—:;,.()]|$)")
# A grade as a predicate: a link just before it (verb, "as", a colon, a dash, a bullet).
_LINK = re.compile(
    r"(?:\b(?:is|are|was|were|remains?|remained|been|be|as|now|judged|graded|rated|assessed|"
    r"found|considered|deemed|grade|grading|rating)\b|[:\-–—|•*·▪●]|^)\s*[‘'\"“]?\s*$",
    re.IGNORECASE,
)

# Area phrases: the rules' cue tables, plus the anti-social behaviour reviews' subjects.
_ASB_CUES = (
    ("asb_victim_satisfaction_vs_national", re.compile(r"\bvictim\s+satisfaction\b", re.I)),
    (
        "asb_repeat_vulnerable_identification",
        re.compile(r"\brepeat\s+and\s+vulnerable\s+(?:victims|callers)\b", re.I),
    ),
)
CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    *peel_2018.CUES,
    *peel_pillars.CUES,
    *crime_data_integrity.CUES,
    *_ASB_CUES,
)

# The cue tables as one pattern (a group per cue), so a window is scanned once.
_ANY_CUE = re.compile(
    "|".join(f"(?P<c{i}>{pattern.pattern})" for i, (_, pattern) in enumerate(CUES)), re.IGNORECASE
)

_ENGAGE = r"(?:\bEngage\b|\benhanced\s+(?:level\s+of\s+)?monitoring\b|\bspecial\s+measures\b)"
_ENGAGE_MOVE = re.compile(
    r"\b(?P<removed>remov\w*|exit\w*|releas\w*|left|leav\w*|out\s+of|stepped\s+down|"
    r"no\s+longer)\b|\b(?P<entered>plac\w*|put|mov\w+\s+(?:in)?to|enter\w*|escalat\w*|"
    r"brought\s+into|subject\w*\s+to)\b",
    re.IGNORECASE,
)
_ENGAGE_PHRASE = re.compile(_ENGAGE, re.IGNORECASE)
_ENGAGE_WORDS = ("ngage", "monitoring", "measures")
_MAYBE = re.compile(
    r"\b(?:may|might|could|would|if|unless|until|whether|once|should)\b", re.IGNORECASE
)


def _norm_grade(raw: str) -> str:
    return " ".join(raw.lower().split())


def _value(grade: str) -> str:
    return "requires improvement" if grade.endswith("improvement") else grade


def _attributive(unit: str, end: int) -> bool:
    following = _NEXT_WORD.match(unit[end : end + 40])
    if not following:
        return True
    word = following.group("w")
    # A capital after the grade starts the next cell of a flattened table ("Effectiveness
    # Good Efficiency Requires improvement") or a name, not the noun the grade qualifies.
    return bool(word) and word.lower() not in _AFTER_OK and not word[0].isupper()


def _grades(unit: str) -> list[re.Match[str]]:
    """The grade words of `unit` used as predicates (not "good work", "a good understanding")."""
    return [m for m in _GRADE.finditer(unit) if not _attributive(unit, m.end())]


def _cue_spans(unit: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, area) of the area phrases in unit[lo:hi], as offsets in `unit`."""
    return [
        (lo + found.start(), lo + found.end(), CUES[int(found.lastgroup[1:])][0])
        for found in _ANY_CUE.finditer(unit[lo:hi])
    ]


def _area_gap(unit: str, grades, read_values) -> tuple[str, str] | None:
    """(grade, why) of the first grade word near an area phrase, not read elsewhere."""
    for match in grades:
        start, end = match.span()
        spans = _cue_spans(unit, max(0, start - NEAR - 40), end + NEAR + 40)
        if any(s <= start < e for s, e, _ in spans):
            continue  # part of an area phrase: "good use of resources"
        near = [
            (min(abs(s - end), abs(start - e)), s, e, area)
            for s, e, area in spans
            if s - end <= NEAR and start - e <= NEAR
        ]
        if not near:
            continue
        _, s, e, _area = min(near)
        grade = _norm_grade(match.group(1))
        phrase = unit[s:e]
        # Any area the phrase names ("crime recording" is PEEL's recording crime and the
        # crime-data integrity grade) with this grade read elsewhere: a restatement.
        if any(
            (area, _value(grade)) in read_values for area, pattern in CUES if pattern.search(phrase)
        ):
            continue
        return grade, f"grade word near area '{clean(unit[s:e]).lower()}' but no verdict read"
    return None


# A count of areas after the grade ("good in three areas"): a summary naming no area, which
# is no verdict (the devset's labels agree), so no gap for a force alone.
_COUNT = re.compile(
    r"^[’'\"”]?\s+(?:in|across|for)\s+(?:all\s+|each\s+of\s+)?(?:the\s+)?"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:of\s+(?:the|its)\s+)?"
    r"(?:[\w-]+\s+)?(?:areas?|pillars?|others)\b",
    re.IGNORECASE,
)


def _force_gap(unit: str, grades, read_forces) -> tuple[str, str] | None:
    named = find_forces(unit)
    if not named:
        return None
    for match in grades:
        start, end = match.span()
        if not _LINK.search(unit[max(0, start - 40) : start]) or _COUNT.match(unit[end:]):
            continue
        grade = _norm_grade(match.group(1))
        force = min(named, key=lambda f: min(abs(f[1] - end), abs(start - f[2])))[0]
        if (force, _value(grade)) in read_forces:
            continue
        return grade, f"grade word near force '{force}' but no area"
    return None


def _engage_gap(unit: str, read_values) -> tuple[str, str] | None:
    phrase = _ENGAGE_PHRASE.search(unit)
    if not phrase:
        return None
    before = unit[max(0, phrase.start() - 80) : phrase.start()]
    moves = list(_ENGAGE_MOVE.finditer(before))
    if not moves or _MAYBE.search(before[max(0, moves[-1].start() - 30) :]):
        return None
    grade = "removed" if moves[-1].group("removed") else "entered"
    if ("engage_monitoring", grade) in read_values:
        return None
    move = clean(moves[-1].group(0)).lower()
    return grade, f"{clean(phrase.group(0))} named with '{move}' but no entry or removal read"


def find_gaps(paragraphs: Sequence[str], judgements: Sequence[Judgement]) -> tuple[Gap, ...]:
    """The units of `paragraphs` (a release's body) that hold a grade word near an area
    phrase or a force, or an Engage movement, and from which no judgement came."""
    evidence = [e for j in judgements if isinstance(j.evidence, str) and (e := clean(j.evidence))]
    read_values = {(j.area, j.value) for j in judgements}
    read_forces = {(j.force, j.value) for j in judgements}
    out: list[Gap] = []
    seen: set[str] = set()
    for paragraph in paragraphs:
        if not isinstance(paragraph, str) or len(paragraph) < 6:
            continue
        has_engage = any(word in paragraph for word in _ENGAGE_WORDS)
        if not has_engage and not _GRADE.search(paragraph):
            continue  # most paragraphs: no sentence split, no cue tables
        for raw in sentences(paragraph):
            unit = clean(raw)
            grades = _grades(unit)
            engage = has_engage and any(word in unit for word in _ENGAGE_WORDS)
            if not grades and not engage:
                continue
            if unit in seen or any(unit in e or e in unit for e in evidence):
                continue
            found = None
            if grades:
                found = _area_gap(unit, grades, read_values) or _force_gap(
                    unit, grades, read_forces
                )
            if found is None and engage:
                found = _engage_gap(unit, read_values)
            if found:
                seen.add(unit)
                out.append(Gap(unit, *found))
                if len(out) >= MAX_GAPS:
                    return tuple(out)
    return tuple(out)
