"""Fire and rescue inspections (since 2018): the pillars (2018/19, 2021/22) and the eleven
areas (every round; 2023-25 grades only these, with "adequate"), read by the same engine
as the police families (`grades.graded`, `spans.read_spans`) with the fire cue tables
(`data/areas.toml`) and rounds (`data/fire.toml`). Causes of concern are not graded
areas: no cue names them, so they give no judgement."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import cache

from .grades import graded, with_history
from .spans import all_areas_pattern, verdict_values, words
from .vocabulary import DATA, Cue, area_cues

PILLARS = area_cues("frs_pillars")
AREAS = area_cues("frs_areas")


@dataclass(frozen=True)
class Round:
    name: str  # "2018/19", "2021/22", "2023-25"
    period: re.Pattern[str]
    first_published: dt.date
    cues: tuple[Cue, ...]
    values: tuple[str, ...]
    all_areas: tuple[str, ...]  # what "good in all (three) areas" stands for


@cache
def _data() -> dict:
    return tomllib.loads((DATA / "fire.toml").read_text("utf-8"))


@cache
def all_areas_phrases() -> re.Pattern[str]:
    """The words for "every area" of a fire service (data/fire.toml, [words])."""
    return all_areas_pattern(_data()["words"]["all_areas_phrases"])


@cache
def rounds() -> tuple[Round, ...]:
    data = _data()
    out = []
    for entry in data["rounds"]:
        cues = tuple(c for framework in entry["frameworks"] for c in area_cues(framework))
        out.append(
            Round(
                name=entry["name"],
                period=re.compile(entry["period"], re.IGNORECASE),
                first_published=entry["first_published"],
                cues=cues,
                values=tuple(entry["values"]),
                all_areas=tuple(name for name, _ in area_cues(entry["all_areas"])),
            )
        )
    return tuple(out)


@cache
def any_round() -> Round:
    """Every round's words at once, for a release that names no round and gives no date."""
    every = rounds()
    return Round(
        name="",
        period=re.compile(r"(?!)"),
        first_published=every[-1].first_published,
        cues=tuple(dict.fromkeys(c for r in every for c in r.cues)),
        values=tuple(dict.fromkeys(v for r in every for v in r.values)),
        all_areas=every[-1].all_areas,
    )


def round_of(texts: list[str], published: dt.date | None, body: list[str] | None = None) -> Round:
    """The round a release is about: the newest its title or lead names (a release recalls
    older ones), else the one its date falls in, else the one whose body
    gives a grade of only one round ("adequate": 2023-25), else the one the latest year
    its body names falls in ("our inspection in 2024"; ranges like "plan 2019-2024" are
    not years of an inspection), else every round's words (`any_round`, its name
    empty)."""
    recalled = re.compile(_data()["words"]["recalled_round"], re.IGNORECASE)
    own = [recalled.sub(" ", text or "") for text in texts]
    for found in rounds():
        if any(found.period.search(text) for text in own):
            return found
    if published is not None:
        for found in rounds():
            if published >= found.first_published:
                return found
    graded = [v for text in (body or []) for v in verdict_values(text[:20_000], _ROUND_VALUES)]
    for found in rounds():
        # A grade only one round gives ("adequate", 2023-25) names the round.
        if any(sum(v in r.values for r in rounds()) == 1 and v in found.values for v in graded):
            return found
    years = [int(y) for text in (body or []) for y in _LONE_YEAR.findall(text[:20_000])]
    if years:
        latest = max(y for y in years if y < 2100)
        for found in rounds():
            if latest >= found.first_published.year:
                return found
    return any_round()


_ROUND_VALUES = ("outstanding", "good", "adequate", "requires improvement", "inadequate")


# A year standing alone, not an end of a range ("2019-2024", "2018/19").
_LONE_YEAR = re.compile(r"(?<![-–/\d])\b(20[1-9]\d)\b(?!\s*[-–/]\s*\d)")


@cache
def _count_subject() -> re.Pattern[str]:
    return re.compile(_data()["words"]["count_subject"], re.IGNORECASE)


def counted(sentence: str, offset: int) -> bool:
    """The grade at `offset` is given to a number of areas ("two are now deemed
    'adequate'"), not to the areas the sentence names."""
    return bool(_count_subject().search(sentence[max(0, offset - 60) : offset]))


def judge(sentence: str, round_: Round) -> list:
    found = [h for h in graded(sentence, round_.cues, round_.values) if not _wished(sentence, h[2])]
    read = {(a, v) for a, v, _ in found}
    found += [h for h in colon_list(sentence, round_) if (h[0], h[1]) not in read]
    return with_history(sentence, found)


def _wished(sentence: str, offset: int) -> bool:
    """The grade at `offset` is a wish, a condition or a negation, not a verdict ("aims to
    be outstanding", "should be good", "was not good"): the verdict words' list
    (verdict_words.toml, not_a_verdict) in the three words before it."""
    before = re.findall(r"[\w’']+", sentence[max(0, offset - 60) : offset].lower())[-3:]
    return bool(set(before) & words().not_a_verdict)


# A page's grades grouped under their grade: "Good" then one area a paragraph.
_GROUP_GRADE = re.compile(
    r"^(?P<v>outstanding|good|adequate|requires\s+improvement|inadequate)\s*:?$", re.IGNORECASE
)


# A grade that leads into a list of areas, one a paragraph: 'judged BFRS to be "good"
# at:' / 'rated outstanding in the following areas:' / "a 'good' rating in both of its
# pillars:".
_LEAD_IN = re.compile(
    r"[‘'\"“]?(?P<v>outstanding|good|adequate|requires\s+improvement|inadequate)[’'\"”]?"
    r"(?:\s+(?:rating|grade|grading|judge?ment)s?)?\s+(?:at|in|for|across)"
    r"(?:\s+(?:the\s+)?following(?:\s+\w+)?"
    # "a 'good' rating in both of its core assessment pillars:"
    r"|\s+(?:both|all|each)(?:\s+of)?(?:\s+(?:its|the|their))?(?:\s+\w+){0,3}?"
    r"\s+(?:pillars|areas|categories))?\s*:$",
    re.IGNORECASE,
)


def group_grade(paragraph: str) -> str | None:
    """The grade a heading ("Good") or a lead-in ('judged to be "good" at:') gives the
    areas listed under it."""
    text = paragraph.strip()
    match = _GROUP_GRADE.match(text) or _LEAD_IN.search(text)
    return " ".join(match.group("v").lower().split()) if match else None


# A line that is an area and its grade and nothing more: "Efficiency inadequate",
# "Effectiveness – requires improvement", "People: 'Good'".
_AREA_GRADE_LINE = re.compile(
    r"^(?P<a>[^.;:!?–—]{3,70}?)\s*[–—:-]?\s*[‘'\"“]?"
    r"(?P<v>outstanding|good|adequate|requires\s+improvement|inadequate)[’'\"”]?\s*\.?$",
    re.IGNORECASE,
)


def area_grade_line(paragraph: str, round_: Round) -> tuple[str, str] | None:
    """(area, value) of a line that names an area, then its grade."""
    match = _AREA_GRADE_LINE.match(paragraph.strip().lstrip("•·*>▪● "))
    if not match:
        return None
    value = " ".join(match.group("v").lower().split())
    said = {w.lower() for w in re.findall(r"[\w’']+", match.group("a"))}
    if said & (words().not_a_verdict | {"to"}):
        return None  # "Efficiency was not good", "Preventing fires should be good"
    area = area_name(match.group("a"), round_)
    return (area, value) if area and value in round_.values else None


# A paragraph that leads into its service's grades: "In North Yorkshire, the Fire Service
# has been assessed as:".
_JUDGED_LEAD_IN = re.compile(
    r"\b(?:assessed|graded|rated|judged|found|deemed)(?:\s+(?:as|to\s+be))?\s*:$", re.IGNORECASE
)


def is_judged_lead_in(paragraph: str) -> bool:
    return bool(_JUDGED_LEAD_IN.search(paragraph.strip()))


def is_lead_in(paragraph: str) -> bool:
    return bool(_LEAD_IN.search(paragraph.strip()))


# A grade, then a colon and a list of areas in the same sentence: "found the service to
# be 'good' in each of 11 subcategories: Responding to emergencies; Preventing fires ...".
_COLON_LIST = re.compile(
    r"[‘'\"“]?\b(?P<v>outstanding|good|adequate|requires\s+improvement|inadequate)\b[’'\"”]?"
    r"(?P<gap>[^:;.‘'\"“”]{0,60}):\s*(?P<items>.+)$",
    re.IGNORECASE,
)
_ITEM_SPLIT = re.compile(r"\s*(?:;|,)\s*(?:and\s*,?\s*)?|\s+and\s+(?=[A-Z])")


def colon_list(sentence: str, round_: Round) -> list[tuple[str, str, int]]:
    """(area, value, offset) for each area of a list that follows a grade and a colon,
    when every item of the list is an area's name."""
    match = _COLON_LIST.search(sentence)
    if not match:
        return []
    value = " ".join(match.group("v").lower().split())
    if value not in round_.values:
        return []
    items = [i for i in _ITEM_SPLIT.split(match.group("items").rstrip(" .")) if i.strip()]
    areas = [area_name(item, round_) for item in items]
    if len(areas) < 2 or not all(areas):
        return []
    return [(area, value, match.start("v")) for area in dict.fromkeys(areas)]


def area_name(paragraph: str, round_: Round) -> str | None:
    """The area a short paragraph names and nothing more ("Understanding fires and other
    risks", "Promoting the right values and culture")."""
    text = _LIST_END.sub("", paragraph.strip().lstrip("•·*-–>▪● "))
    # A list item naming its area, then a dash and what it covers: "People – how it
    # treats its employees."
    head = _ITEM_HEAD.match(text)
    if head:
        text = head.group(1)
    short = _data()["item_names"].get(" ".join(text.lower().split()))
    if short:
        return short
    if not text or len(text) > 90 or re.search(r"[.;!?]", text):
        return None
    for name, pattern in round_.cues:
        found = pattern.search(text)
        if (
            found
            and len(text[: found.start()].split()) <= 2
            and len(text[found.end() :].split()) <= 4
        ):
            return name
    return None


_ITEM_HEAD = re.compile(r"^([^–—:.;]{3,40}?)\s+[–—-]\s+\S")


# What closes a list item: "...; and,", "...;", "... .".
_LIST_END = re.compile(r"\s*[;,.:]?\s*(?:(?:and|or)\s*[,;]?)?\s*$")


def topic_of(texts: list[str], round_: Round) -> str | None:
    """A fire release's topic: a named report (data/fire.toml, [[topics]]), else the round
    it is about ("FRS inspection 2021/22")."""
    for entry in _data().get("topics", []):
        pattern = re.compile(entry["pattern"], re.IGNORECASE)
        for text in texts:
            found = pattern.search(text or "")
            if found:
                year = found.groupdict().get("year")
                name = entry["name"]
                if "{year}" in name:
                    name = name.replace("{year}", re.sub(r"\s+", "", year) if year else "").strip()
                return name
    return f"FRS inspection {round_.name}" if round_.name else None
