"""Anti-social behaviour reviews (2010 'A Step in the Right Direction' follow-ups, 2012):
progress made, whether repeat and vulnerable victims are identified consistently, and
victim satisfaction against the national figure."""

from __future__ import annotations

import re

# A word each ASB rule needs (progress, identifying victims, satisfaction), lower case.
KEYWORDS = ("progress", "identif", "satisf")

PROGRESS = re.compile(
    r"\b(?:(?:has|have|had)\s+(?:also\s+|now\s+|already\s+)?(?:made|continued\s+to\s+make)|"
    r"(?:is|are)\s+(?:also\s+|now\s+)?(?:making|continuing\s+to\s+make)|"
    r"continues\s+to\s+make)\s+"
    r"(?P<v>(?:(?:some|good|limited|little|significant|considerable|real|excellent|steady|"
    r"substantial|positive|mixed|insufficient|slow|further|encouraging|strong|clear|"
    r"reasonable|no|very|great|notable|marked)\s+){0,2}progress)\b",
    re.IGNORECASE,
)
# The progress as the subject: "progress has been limited", "progress was good".
PROGRESS_IS = re.compile(
    r"\bprogress\s+(?:(?:since|in)\s+(?:(?:19|20)\d\d|(?-i:[A-Z])[\w-]+)\s+)?(?:has\s+been|was|is|had\s+been)\s+"
    r"(?:(?:very|rather|only|relatively)\s+)?"
    r"(?P<v>limited|good|slow|mixed|significant|considerable|steady|excellent|little|"
    r"insufficient|strong|encouraging|positive|substantial)\b(?!\s+(?:in|at|on|for)\s)",
    re.IGNORECASE,
)
_REPEAT = re.compile(r"\brepeat\b|\bvulnerable\b|\bmost\s+at\s+risk\b", re.IGNORECASE)
_IDENTIFY = re.compile(r"\bidentif\w*", re.IGNORECASE)
_CONSISTENT = re.compile(r"\b(?:in)?consisten(?:t|tly|cy)\b", re.IGNORECASE)
_NEGATIVE = re.compile(
    r"\b(?:not|unable|fail\w*|inconsisten\w*|should|needs?\s+to|must|lack\w*|never|"
    r"does\s+not|doesn[’']t|cannot|can[’']t|no\s+consistent)\b",
    re.IGNORECASE,
)
# "does not always identify repeat and vulnerable victims", "not routinely identified":
# identification that is not done every time is inconsistent, whatever the sentence says
# of consistency.
_NOT_ALWAYS = re.compile(
    r"\b(?:not|never|n[’']t)\s+(?:always|routinely|reliably|systematically)\s+(?:be\s+)?"
    r"identif\w*",
    re.IGNORECASE,
)
# "does not have a reliable way of identifying repeat and vulnerable callers", "has no
# robust process to identify ...": the means of identifying, negated or not.
_MEANS = re.compile(
    r"\b(?:reliabl[ey]|robust|systematic|structured|effective|dependable|good|strong|clear)\s+"
    r"(?:(?:way|means|process|system|method|approach|mechanism|procedure|arrangement)e?s?\s+"
    r"(?:in\s+place\s+)?(?:of|to|for)\s+|(?:at\s+)?)identif\w*",
    re.IGNORECASE,
)
# The means, negated without an adjective: "does not have the systems in place to identify",
# "does not yet have a system that allows it to identify".
_NO_MEANS = re.compile(
    r"\b(?:not|no|n[’']t|lacks?|lacking|without)\s+(?:yet\s+)?(?:have\s+|has\s+)?(?:the\s+|any\s+|a\s+)?"
    r"(?:way|means|process|system|method|mechanism|procedure|arrangement)e?s?\s+"
    r"(?:in\s+place\s+)?(?:(?:that|which)\s+(?:allows?|enables?|helps?)\s+(?:it|them|the\s+\w+)\s+)?"
    r"(?:of|to|for)\s+identif\w*",
    re.IGNORECASE,
)
# A means in place, without an adjective: "has a system in place to identify repeat and
# vulnerable victims" (consistent unless the sentence takes it back).
_IN_PLACE = re.compile(
    r"\b(?:has|have|had|there\s+(?:is|are))\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:way|means|process|system|method|mechanism|procedure|arrangement)e?s?\s+in\s+place\s+"
    # "has systems in place which automatically identify repeat and vulnerable callers".
    r"(?:(?:to|for)\s+(?:help\s+(?:it\s+)?)?|(?:which|that)\s+(?:\w+ly\s+)?)identif\w*",
    re.IGNORECASE,
)
# Identifying them every time: "identifies repeat and vulnerable victims at the first
# point of contact in all of the calls examined", "... in every case" (where they are
# identified alone is no verdict).
_EVERY_TIME = re.compile(
    r"\bidentif\w*(?:\s+(?!and\b)[\w’'-]+|\s+and){0,6}?\s+"
    r"(?:at\s+the\s+(?:first|initial)\s+point\s+of\s+contact\s+)?in\s+(?:all|every|each)\s+"
    r"(?:of\s+the\s+)?(?:[\w-]+\s+)?(?:case|call|instance|incident|report|contact)s?\b",
    re.IGNORECASE,
)
# What makes identifying every time a want, not a fact.
_WANTED = re.compile(
    r"\b(?:not|no|never|n[’']t|unable|until|unless|if|must|should|needs?\s+to|cannot|"
    r"yet\s+to|fail\w*|aim\w*|plan\w*|would|could)\b",
    re.IGNORECASE,
)
# Unable to identify them: "is unable to identify repeat and vulnerable callers".
_UNABLE = re.compile(
    r"\b(?:unable|not\s+(?:yet\s+)?able|fail\w*|struggl\w*)\s+to\s+(?:\w+\s+)?identif\w*|"
    r"\b(?:cannot|can[’']t|could\s+not|couldn[’']t)\s+(?:always\s+|reliably\s+)?identif\w*",
    re.IGNORECASE,
)
# Identifying them well: "identifies repeat and vulnerable victims well", "are identified
# effectively".
_IDENTIFIES_WELL = re.compile(
    r"\bidentif\w*(?:\s+(?!and\b)[\w’'-]+|\s+and){0,6}?\s+"
    r"(?:well|effectively|reliably|routinely|systematically|accurately)\b",
    re.IGNORECASE,
)
_NEGATED_MEANS = re.compile(
    r"\b(?:not|no|never|n[’']t|without|lacks?|lacking|unable)\b(?:\s+[\w’'-]+){0,3}\s*$",
    re.IGNORECASE,
)
SATISFACTION = re.compile(r"\bsatisf\w*", re.IGNORECASE)
_VERSUS = re.compile(
    r"\b(?P<v>broadly\s+in\s+line|in\s+line|broadly\s+(?:similar|comparable)|similar|"
    r"comparable|the\s+same\s+as|above|below|higher\s+than|lower\s+than|better\s+than|"
    r"worse\s+than|exceeds?|(?:among\s+)?(?:one\s+of\s+)?the\s+(?:highest|lowest))\b"
    r"[^.]{0,60}?\b(?:national|England\s+and\s+Wales|average|other\s+forces|most\s+forces)",
    re.IGNORECASE,
)
_VERSUS_VALUE = {
    "higher than": "above",
    "better than": "above",
    "exceeds": "above",
    "exceed": "above",
    "lower than": "below",
    "worse than": "below",
    "similar": "in line",
    "comparable": "in line",
    "the same as": "in line",
    "broadly similar": "broadly in line",
    "broadly comparable": "broadly in line",
}


def _versus_value(raw: str) -> str:
    raw = " ".join(raw.lower().split())
    if raw.endswith("highest"):
        return "above"
    if raw.endswith("lowest"):
        return "below"
    return _VERSUS_VALUE.get(raw, raw)


# The speaker as the clause's subject: "We are pleased ... and have made great progress".
_SELF = re.compile(r"\b(?:we|I)\b[^.;,:“”\"]{0,60}$", re.IGNORECASE)


def judge(sentence: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    for match in PROGRESS.finditer(sentence):
        if _SELF.search(sentence[max(0, match.start() - 70) : match.start()]):
            continue  # "we have made great progress": the force on itself, not a verdict
        value = " ".join(match.group("v").lower().split())
        out.append(("asb_progress", value, match.start()))
    for match in PROGRESS_IS.finditer(sentence):
        value = " ".join(match.group("v").lower().split()) + " progress"
        out.append(("asb_progress", value, match.start()))
    if _REPEAT.search(sentence) and _IDENTIFY.search(sentence):
        consistent = _CONSISTENT.search(sentence)
        not_always = _NOT_ALWAYS.search(sentence)
        if not_always and not consistent:
            out.append(("asb_repeat_vulnerable_identification", "inconsistent", not_always.start()))
        elif consistent:
            value = "inconsistent" if _NEGATIVE.search(sentence) else "consistent"
            out.append(("asb_repeat_vulnerable_identification", value, consistent.start()))
        elif _NO_MEANS.search(sentence) or _UNABLE.search(sentence):
            missing = _NO_MEANS.search(sentence) or _UNABLE.search(sentence)
            out.append(("asb_repeat_vulnerable_identification", "inconsistent", missing.start()))
        elif _EVERY_TIME.search(sentence) or _IN_PLACE.search(sentence):
            means = _EVERY_TIME.search(sentence) or _IN_PLACE.search(sentence)
            before = sentence[max(0, means.start() - 80) : means.start()]
            taken_back = _WANTED.search(before) or (
                _NEGATIVE.search(sentence[means.end() :]) if _IN_PLACE.search(sentence) else None
            )
            value = "inconsistent" if taken_back else "consistent"
            out.append(("asb_repeat_vulnerable_identification", value, means.start()))
        else:
            means = _MEANS.search(sentence) or _IDENTIFIES_WELL.search(sentence)
            if means:
                before = sentence[max(0, means.start() - 60) : means.start()]
                negated = _NEGATED_MEANS.search(before)
                value = "inconsistent" if negated else "consistent"
                out.append(("asb_repeat_vulnerable_identification", value, means.start()))
    if SATISFACTION.search(sentence):
        versus = _VERSUS.search(sentence)
        if versus:
            out.append(
                (
                    "asb_victim_satisfaction_vs_national",
                    _versus_value(versus.group("v")),
                    versus.start(),
                )
            )
    return out
