"""Enhanced monitoring ("Engage"): a force entered into, or removed from, the
inspectorate's enhanced level of monitoring. When a release says a force was removed,
its earlier entry (stated as history) is not reported."""

from __future__ import annotations

import re

AREA = "engage_monitoring"
# "Engage", "enhanced monitoring", "the police inspectorate's enhanced monitoring process",
# and the press's "special measures".
_ENGAGE = (
    r"(?:an?\s+|the\s+|our\s+|its\s+|(?:the\s+)?(?:police\s+)?inspectorate[’']s\s+|"
    r"HMICFRS[’']s?\s+)?(?:enhanced\s+(?:(?:level|stage|phase|process|form)\s+of\s+)?monitoring"
    r"(?:\s+(?:process|phase|stage))?|Engage(?:\s+(?:process|stage|phase))?|special\s+measures|"
    # "placed into a phase of enhanced monitoring".
    r"(?:a|an|the|its|our)\s+(?:phase|stage|level)\s+of\s+enhanced\s+monitoring)\b"
)
REMOVED = re.compile(
    rf"\b(?:remov\w*|releas\w*|exit\w*|tak\w+\s+out|mov\w+\s+out|came\s+out|come\s+out|"
    rf"step\w*\s+down|stood\s+down|stand\w*\s+down)\b[^.;]{{0,120}}?\b(?:from|of)\s+{_ENGAGE}|"
    rf"\b(?:exit\w*|left|leave|leaves|leaving)\s+{_ENGAGE}|"
    rf"\bno\s+longer\s+(?:be\s+)?(?:in|subject\s+to|under)\s+{_ENGAGE}|"
    # "..., which was placed in special measures in 2022, has now been taken out of them".
    r"\b(?:tak\w+|mov\w+|c[ao]me|coming|brought|released)\s+out\s+of\s+(?:it|them)\b|"
    # "no longer needs 'enhanced monitoring'", "no longer in need of ...".
    rf"\bno\s+longer\s+(?:needs?|requires?|in\s+need\s+of)\s+[‘'\"“]?{_ENGAGE}|"
    # "has been returned to routine monitoring", "moved back into Scan".
    r"\b(?:return\w*|mov\w+\s+back|back)\s+(?:in)?to\s+(?:(?:our|the|its)\s+)?"
    r"(?:routine\s+(?:level\s+of\s+)?monitoring|Scan\b)",
    re.IGNORECASE,
)
ENTERED = re.compile(
    rf"\b(?:mov\w+|plac\w+|escalat\w+|put|puts|putting|enter\w*|brought)\b[^.;]{{0,120}}?"
    rf"\b(?:into|in|to|under)\s+{_ENGAGE}|"
    # A list of forces "now in" it: "Kent Police, Surrey Police and Sussex Police are now
    # in the Engage process", "the forces currently in special measures are ...".
    # A force that "remains in" it was entered and is still there ("will remain in it
    # until ..." is a condition).
    r"(?<!will\s)(?<!would\s)(?<!may\s)(?<!might\s)(?<!could\s)(?<!to\s)"
    rf"\b(?:now|currently|remains?|remained|still)\s+(?:in|under)\s+{_ENGAGE}|"
    # "Humberside Police enters Engage".
    rf"\benter(?:s|ed|ing)?\s+{_ENGAGE}|"
    # "X will be subject to enhanced monitoring": the decision, announced ("will no longer
    # be subject to it" is the removal).
    rf"(?<!no\slonger\s)(?<!no\slonger\sbe\s)\b(?:made\s+)?subject(?:ed)?\s+to\s+{_ENGAGE}",
    re.IGNORECASE,
)
# Possibility, condition or a future still to come: "may be escalated to Engage", "will
# remain in Engage until it is removed from it".
_MODAL = re.compile(
    r"\b(?:(?-i:may)|might|can|could|would|should|if|will\s+be|unless|until|once|before|when)\b",
    re.IGNORECASE,
)
# A decision taken ("has decided that the force should be moved into Engage"; "will be
# subject to enhanced monitoring") makes "should"/"will be" the decision, not a maybe;
# a condition ("if", "until", "may") still is one.
_HARD_MODAL = re.compile(
    r"\b(?:(?-i:may)|might|can|could|if|unless|until|once|before|when|only|whether)\b",
    re.IGNORECASE,
)
_DECIDED = re.compile(r"\b(?:decided|agreed|concluded|decision)\b", re.IGNORECASE)


# "would now be removed from enhanced monitoring, the inspectorate said": reported, decided.
_REPORTED_DECISION = re.compile(r"\bwould\s+now\s+be\b", re.IGNORECASE)


def _maybe(sentence: str, match: re.Match[str]) -> bool:
    window = sentence[max(0, match.start() - 30) : match.end()]
    if not _MODAL.search(window):
        return False
    if _REPORTED_DECISION.search(window) and not _HARD_MODAL.search(window):
        return False
    if _HARD_MODAL.search(window) or _HARD_MODAL.search(sentence[match.end() : match.end() + 40]):
        return True
    decided = _DECIDED.search(sentence[max(0, match.start() - 120) : match.start()])
    return not (decided or match.group(0).lower().startswith(("subject", "made")))


# A word every Engage sentence holds ("Engage", "enhanced monitoring", "special measures",
# "Scan"), as written: a sentence with none is not read.
KEYWORDS = ("ngage", "monitoring", "measures", "Scan")


def judge(sentence: str) -> list[tuple[str, str, int]]:
    if not any(word in sentence for word in KEYWORDS):
        return []
    out: list[tuple[str, str, int]] = []
    for match in REMOVED.finditer(sentence):
        if not _maybe(sentence, match):
            out.append((AREA, "removed", match.start()))
    for match in ENTERED.finditer(sentence):
        if not _maybe(sentence, match):
            out.append((AREA, "entered", match.start()))
    return out
