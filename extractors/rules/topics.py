"""Release topics: an ordered table of (topic, family, pattern). The title is tried
first, then the lead paragraphs; the first rule that matches wins."""

from __future__ import annotations

import re

from ..fields.text import folded
from .crime_data_integrity import CUES as RECORDING_CUES
from .crime_data_integrity import VALUES as RECORDING_VALUES
from .grades import AREA_VALUES, PILLAR_VALUES
from .peel_2018 import CUES as AREA_CUES
from .peel_pillars import CUES as PILLAR_CUES
from .peel_pillars import GRADED_PILLARS
from .spans import names_a_grade, read_spans

# A PEEL programme named by its years (2020 onward): "PEEL 2021/22", "PEEL 2023–2025".
_PEEL_YEARS = re.compile(
    r"\bPEEL\s+(?:(?:inspection|assessment|report)s?\s+){0,2}"
    r"(?P<y1>20[2-9]\d)\s*(?P<sep>[/–—-])?\s*(?:20)?(?P<y2>\d\d)\b"
)
_PILLAR = re.compile(
    r"\bpolice\s+(?P<p>effectiveness|efficiency|legitimacy|leadership)\b(?!\s*,|\s+and\b)",
    re.IGNORECASE,
)
# "its annual effectiveness inspection", "the PEEL legitimacy report" (one pillar; not
# "effectiveness, efficiency and legitimacy inspections").
_PILLAR_INSPECTION = re.compile(
    r"(?<!and\s)(?<!,\s)\b(?P<p>effectiveness|efficiency|legitimacy|leadership)\s+"
    r"(?:inspection|report|assessment)s?\b",
    re.IGNORECASE,
)
# "their report into the Effectiveness of Humberside Police".
_PILLAR_OF_FORCE = re.compile(
    r"\b(?:(?:report|inspection|assessment|review)\s+(?:into|of|on)|examined|examines|"
    r"inspected|assessed|looked\s+at|graded\s+(?:\w+\s+){0,2}?for)\s+"
    r"(?:the\s+|their\s+|its\s+)?(?:overall\s+)?"
    r"(?P<p>effectiveness|efficiency|legitimacy|leadership)\b(?:\s+of\b|\s+as\s+follows)",
    re.IGNORECASE,
)
# A headline grading one pillar: "Force rated ‘good’ for legitimacy by HMIC".
_PILLAR_GRADED = re.compile(
    r"\b(?:rated|graded|judged|assessed)\b[^.]{0,40}?\bfor\s+(?:its\s+)?"
    r"(?P<p>effectiveness|efficiency|legitimacy|leadership)\b(?!\s*,|\s+and\b)",
    re.IGNORECASE,
)

# One pillar judged in the lead or the title, for a release that never writes "PEEL": "an
# inspection of police efficiency", "awarded a 'good' grading for legitimacy", "Kent
# Police's efficiency is still rated as requires improvement".
_ONE_PILLAR = re.compile(
    r"\b(?:rated|graded|judged|assessed|awarded|given|received|grading|rating)\b[^.]{0,40}?"
    r"\b(?:for|in(?:\s+terms\s+of)?)\s+(?:its\s+)?(?P<p>effectiveness|efficiency|legitimacy)\b"
    r"(?!\s*,|\s+and\b)|"
    r"(?<!and\s)(?<!,\s)\b(?P<q>effectiveness|efficiency|legitimacy)\b(?!\s*,|\s+and\b)"
    r"[^.,;]{0,30}?\b(?:rated|graded|judged|assessed)\s+(?:as\s+)?[‘'\"“]?"
    r"(?:outstanding|good|requires\s+improvement|inadequate)\b|"
    r"\b(?:outstanding|good|requires\s+improvement|inadequate)[’'\"”]?\s+(?:in|for)\s+"
    r"(?P<r>effectiveness|efficiency|legitimacy)\b(?!\s*,|\s+and\b)|"
    # The grade as the pillar's adjective: "the force's inadequate effectiveness at ...".
    r"\b(?:outstanding|inadequate)\s+(?P<s>effectiveness|efficiency|legitimacy)\b"
    r"(?!\s*,|\s+and\b)",
    re.IGNORECASE,
)
_PILLAR_WORD = re.compile(r"\b(effective|efficien|legitima)\w*", re.IGNORECASE)


def _one_pillar(text: str) -> str | None:
    """The pillar a release about one pillar judges, when it names no other."""
    match = _PILLAR.search(text) or _PILLAR_INSPECTION.search(text) or _ONE_PILLAR.search(text)
    if not match:
        return None
    named = {m.group(1).lower() for m in _PILLAR_WORD.finditer(text)}
    if len(named) > 1:
        return None
    return next(g for g in match.groups() if g).lower()


# (topic, family, pattern): first match wins.
RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (
        "PEEL cause of concern revisit",
        "peel_areas",
        re.compile(r"\bcauses?\s+of\s+concern\s+revisit|\brevisit\s+letter\b", re.I),
    ),
    (
        "enhanced monitoring (Engage)",
        "engage",
        re.compile(
            r"\benhanced\s+(?:level\s+of\s+)?monitoring\b|\bEngage\b|"
            r"\b(?:placed|put|kept|remains?|removed|taken)\s+(?:\w+\s+){0,2}special\s+measures\b"
        ),
    ),
    (
        "PEEL integrated assessment",
        "peel_pillars",
        re.compile(r"\bintegrated\s+PEEL\b|\bPEEL\b[^.]{0,80}\b2018/19\b|\bIPA\b", re.I),
    ),
    # A PEEL programme named by its years ("PEEL 2023–2025: An inspection of ...") is the
    # subject, whatever crime recording the release mentions as one of its areas.
    ("PEEL assessment", "peel_pillars", _PEEL_YEARS),  # refined to "PEEL 2023–25"
    # An assessment page ("This is the first PEEL Assessment of Kent Police", "HMIC's
    # third PEEL (police effectiveness, ...) assessment of ...") is PEEL, whatever crime
    # recording its summary mentions.
    (
        "PEEL assessment",
        "peel_pillars",
        re.compile(r"\bPEEL\s+(?:\([^)]{0,80}\)\s+)?assessment\s+of\b", re.I),
    ),
    (
        "crime data integrity",
        "cdi",
        re.compile(
            r"\bcrime\s+data\s+integrity\b|\bcrime[- ]recording\b|"
            # "failing to record tens of thousands of crimes", "under-recording of crime"
            r"\b(?:fail\w*\s+to|not)\s+record(?:ing)?\s+(?:[\w,]+\s+){0,4}?crimes?\b|"
            r"\bunder-?record(?:ing|s|ed)?\b",
            re.I,
        ),
    ),
    ("PEEL assessment", "peel_pillars", re.compile(r"\bPEEL\b")),
    # One pillar inspected or judged ("an inspection of police effectiveness").
    ("PEEL assessment", "peel_pillars", _ONE_PILLAR),
    ("PEEL assessment", "peel_pillars", _PILLAR),
    # "HMIC examined the effectiveness of police forces", "graded forces for their overall
    # effectiveness as follows".
    ("PEEL assessment", "peel_pillars", _PILLAR_OF_FORCE),
    # PEEL effectiveness's question (2015-2017) names anti-social behaviour: "how well
    # forces prevent crime and anti-social behaviour", "good at preventing crime and
    # tackling anti-social behaviour". A release in those words is PEEL, not an ASB review.
    (
        "PEEL assessment",
        "peel_pillars",
        re.compile(
            r"\bprevent(?:s|ing)?\s+crime,?\s+(?:and\s+)?(?:tackl(?:e|es|ing)\s+)?"
            r"anti-?\s?social\s+behaviour\b",
            re.I,
        ),
    ),
    (
        "anti-social behaviour",
        "asb",
        re.compile(r"\banti-?\s?social\s+behaviour\b|\bASB\b", re.I),
    ),
    # Joint inspections of police custody (with the prisons inspectorate).
    (
        "police custody",
        "other",
        re.compile(r"\bpolice\s+custody\b|\bcustody\s+(?:suites?|cells?|inspections?)\b", re.I),
    ),
    (
        "public disorder (August 2011)",
        "other",
        re.compile(
            r"\bAugust\s+2011\s+disorders?\b|\b(?:riots|disorders?)\s+(?:of|in)\s+August\s+2011\b|"
            r"\bAugust\s+(?:2011\s+)?riots\b",
            re.I,
        ),
    ),
    (
        "police finances / spending review",
        "other",
        re.compile(
            r"\bspending\s+review\b|\bfinanc\w*\s+challenge\b|\bValuing\s+the\s+Police\b|\bausterity\b|"
            r"\bpolice\s+(?:finances|budgets?|spending)\b",
            re.I,
        ),
    ),
    (
        "police workforce and front line",
        "other",
        re.compile(r"\bfront[- ]line\b|\bworkforce\s+comparisons?\b", re.I),
    ),
    # Last: the question every PEEL pillar answered (2014-2019), for a release that
    # never writes "PEEL" ("Kent Police is good at keeping people safe and reducing crime").
    (
        "PEEL assessment",
        "peel_pillars",
        re.compile(
            r"\bkeep(?:s|ing)?\s+people\s+safe\s+and\s+reduc(?:es|ing|e)\s+crime\b|"
            r"\beffectiveness,\s+efficiency\s+and\s+legitimacy\b",
            re.I,
        ),
    ),
)


# For each rule of RULES, words one of which its pattern cannot match without: a text
# with none of them skips the pattern's scan (most of a lead names no topic, and scanning
# it with every rule's pattern was most of find_topic's time). Lower-case words are looked
# for in the text as the case-insensitive patterns see it (see `folded`); words with a
# capital, in the text as written, for the case-sensitive ones.
_RULE_WORDS: tuple[tuple[str, ...], ...] = (
    ("revisit",),
    ("monitoring", "Engage", "measures"),
    ("peel", "ipa"),
    ("PEEL",),
    ("peel",),
    ("integrity", "record"),
    ("PEEL",),
    ("effectiveness", "efficiency", "legitimacy"),
    ("effectiveness", "efficiency", "legitimacy", "leadership"),
    ("effectiveness", "efficiency", "legitimacy", "leadership"),
    ("behaviour",),
    ("behaviour", "asb"),
    ("custody",),
    ("august",),
    ("spending", "financ", "valuing", "austerity", "budget"),
    ("front", "workforce"),
    ("people", "effectiveness"),
)
assert len(_RULE_WORDS) == len(RULES)


def _may_match(index: int, text: str, lowered: str) -> bool:
    return any(word in (lowered if word.islower() else text) for word in _RULE_WORDS[index])


def _refine(
    topic: str, text: str, *, pillar_text: str = "", title: str = "", reports_text: str = ""
) -> str:
    if topic != "PEEL assessment":
        return topic
    years = _PEEL_YEARS.search(text)
    if years:
        y1, y2, sep = years.group("y1"), years.group("y2"), years.group("sep")
        return f"PEEL {y1}/{y2}" if sep == "/" else f"PEEL {y1}–{y2}"
    pillar = (
        _PILLAR.search(pillar_text)
        or _PILLAR_INSPECTION.search(pillar_text)
        or _PILLAR_OF_FORCE.search(pillar_text)
        or _PILLAR_GRADED.search(title)
    )
    if pillar:
        return f"PEEL {pillar.group('p').lower()}"
    one = _one_pillar(pillar_text)
    if one:
        return f"PEEL {one}"
    # The reports it links to name one pillar ("PEEL: Police effectiveness 2015 – Kent
    # Police"); a release on several pillars' reports is about none of them.
    named = {m.group("p").lower() for m in _PILLAR.finditer(reports_text)}
    if len(named) == 1:
        return f"PEEL {named.pop()}"
    return topic


# A publisher's URL path naming the family ("/peel-assessments/peel-2017/essex/").
_URL_RULES = (
    ("PEEL assessment", re.compile(r"[/_-]peel(?:[/_-]|$)", re.I)),
    ("crime data integrity", re.compile(r"crime-data-integrity|crime-recording", re.I)),
    ("enhanced monitoring (Engage)", re.compile(r"enhanced-monitoring|[/-]engage[/-]", re.I)),
    ("anti-social behaviour", re.compile(r"anti-?social-behaviour|[/-]asb[/-]", re.I)),
)


def topic_from_url(url: str) -> str | None:
    """A last resort for pages whose text never names their family."""
    if not isinstance(url, str):
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url[:2000], flags=re.I)
    for topic, pattern in _URL_RULES:
        if pattern.search(path):
            return topic
    return None


def family_of(topic: str | None) -> str:
    if topic is None:
        return "other"
    if re.match(r"PEEL 20[2-9]\d", topic):
        return "peel_areas"
    for name, family, _pattern in RULES:
        if name == topic:
            return family
    if topic.startswith("PEEL "):
        return "peel_pillars"
    return "other"


_OFFERED_REPORT = re.compile(
    r"\b(?:get|read|download)\s+the\s+(?:full\s+)?report\b\s*:?\s*(?P<name>[^\n]{0,150})",
    re.IGNORECASE,
)


def find_topic(title: str | None, lead: list[str], reports: list[str] | None = None) -> str | None:
    """The topic from the title, else from the lead paragraphs and the titles of the
    reports the release links to. Which PEEL programme: the years named anywhere there;
    a single pillar ("PEEL: police efficiency") only from the title or the lead."""
    title = title or ""
    lead_text = "\n".join(p[:3000] for p in lead)
    reports_text = "\n".join(r[:300] for r in (reports or [])[:5])
    everything = "\n".join((title, lead_text, reports_text))
    pillar_text = "\n".join((title, lead_text))
    # The report the page offers ("Get the report PEEL 2023–2025: An inspection of ...") is
    # the release's subject, whatever status it recalls on the way ("In October 2022,
    # HMICFRS placed the force into Engage").
    offered = _OFFERED_REPORT.search(lead_text)
    offered_name = offered.group("name") if offered else ""
    for text in (title, offered_name, f"{lead_text}\n{reports_text}"):
        if not text.strip():
            continue
        lowered = folded(text)
        for index, (topic, _family, pattern) in enumerate(RULES):
            if _may_match(index, text, lowered) and pattern.search(text):
                return _refine(
                    topic,
                    everything,
                    pillar_text=pillar_text,
                    title=title,
                    reports_text=reports_text,
                )
    return None


# Pillar cue area -> the topic a release grading that pillar alone is about.
_PILLAR_TOPICS = {
    "peel_effectiveness": "PEEL effectiveness",
    "peel_efficiency": "PEEL efficiency",
    "peel_legitimacy": "PEEL legitimacy",
    "peel_leadership": "PEEL leadership",
}


# Topics a release's lead may name in passing ("recording crime", "anti-social behaviour")
# when what it grades is the PEEL areas.
INCIDENTAL = frozenset({"crime data integrity", "anti-social behaviour"})


# The inspection period a release names: "PEEL 2021/22", "PEEL inspection 2023–25",
# "PEEL: Police effectiveness 2016", "the 2018/19 integrated PEEL assessment", "Crime Data
# Integrity inspection 2018".
_PERIODS = (
    re.compile(
        r"\bPEEL\s*:?\s+(?:(?:inspection|assessment|report)s?\s+)?"
        r"(?P<p>20\d\d(?:\s*[/–—-]\s*(?:20)?\d\d\b)?)",
    ),
    re.compile(
        r"\bPEEL\s*:?\s+(?:police\s+)?(?:effectiveness|efficiency|legitimacy|leadership)"
        r"(?:\s+\([^)]{0,40}\))?\s+(?P<p>20\d\d)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?P<p>20\d\d\s*/\s*\d\d)\s+(?:integrated\s+)?PEEL\b|"
        r"\bintegrated\s+PEEL\s+assessment\s+(?:\(IPA\)\s+)?(?:for\s+)?(?P<q>20\d\d\s*/\s*\d\d)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\bcrime\s+data\s+integrity\s+(?:re-?)?inspection\s+(?P<p>20\d\d)\b", re.IGNORECASE
    ),
)


def inspection_period(texts: list[str]) -> str | None:
    """The inspection period the release's head names, as written ("2021/22"), or None."""
    for text in texts:
        for pattern in _PERIODS:
            match = pattern.search(text[:3000])
            if match:
                found = match.group("p") or match.groupdict().get("q")
                if found:
                    return " ".join(found.split())
    return None


def refine(topic: str, text: str) -> str:
    """A PEEL topic made precise by what `text` names (programme years, one pillar)."""
    return _refine(topic, text, pillar_text=text[:6000])


def topic_from_verdicts(sentences: list[str], *, areas_only: bool = False) -> str | None:
    """The topic of a release that never names its inspection ("Commissioner celebrates
    'Good' rating", "Four areas drew a 'good' score"), from the verdicts its sentences
    give: areas only the PEEL programme since 2021 grades (or "adequate") make a PEEL
    assessment; one pillar alone, that pillar; crime recording alone, crime data
    integrity."""
    areas: set[str] = set()
    graded_areas: set[str] = set()
    pillars: set[str] = set()
    recording = False
    for sentence in sentences:
        if not names_a_grade(sentence):
            continue  # no grade word: none of the readings below finds anything
        for area, value, *_ in read_spans(sentence, AREA_CUES, AREA_VALUES):
            graded_areas.add(area)
            if value == "adequate" or area in AREAS_ONLY:
                areas.add(area)
        if areas_only:
            continue
        pillars.update(
            h[0] for h in read_spans(sentence, PILLAR_CUES, PILLAR_VALUES, all_areas=GRADED_PILLARS)
        )
        recording = recording or bool(read_spans(sentence, RECORDING_CUES, RECORDING_VALUES))
    if areas or len(graded_areas) >= 3:
        # "adequate", an area only that programme grades, or three of its areas graded
        return "PEEL assessment"
    if len(pillars) == 1:
        return _PILLAR_TOPICS[pillars.pop()]
    if pillars:
        return "PEEL assessment"
    if recording:
        return "crime data integrity"
    return None


AREAS_ONLY = {
    "peel_developing_positive_workplace",
    "peel_responding_to_the_public",
    "peel_good_use_of_resources",
    "peel_leadership_and_force_management",
}
