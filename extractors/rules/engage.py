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
    r"HMICFRS[’']s?\s+)?(?:enhanced\s+(?:level\s+of\s+)?monitoring"
    r"(?:\s+process)?|Engage(?:\s+(?:process|stage|phase))?|special\s+measures)\b"
)
REMOVED = re.compile(
    rf"\b(?:remov\w*|releas\w*|exit\w*|tak\w+\s+out|mov\w+\s+out|came\s+out|come\s+out|"
    rf"step\w*\s+down)\b[^.;]{{0,120}}?\b(?:from|of)\s+{_ENGAGE}|"
    rf"\b(?:exit\w*|left|leave|leaves|leaving)\s+{_ENGAGE}|"
    rf"\bno\s+longer\s+(?:in|subject\s+to|under)\s+{_ENGAGE}",
    re.IGNORECASE,
)
ENTERED = re.compile(
    rf"\b(?:mov\w+|plac\w+|escalat\w+|put|puts|putting|enter\w*|brought)\b[^.;]{{0,120}}?"
    rf"\b(?:into|in|to|under)\s+{_ENGAGE}",
    re.IGNORECASE,
)
# Possibility, condition or a future still to come: "may be escalated to Engage", "will
# remain in Engage until it is removed from it".
_MODAL = re.compile(
    r"\b(?:may|might|can|could|would|should|if|will\s+be|unless|until|once|before|when)\b",
    re.IGNORECASE,
)


def judge(sentence: str) -> list[tuple[str, str, int]]:
    if "ngage" not in sentence and "monitoring" not in sentence and "measures" not in sentence:
        return []
    out: list[tuple[str, str, int]] = []
    for match in REMOVED.finditer(sentence):
        if not _MODAL.search(sentence[max(0, match.start() - 30) : match.end()]):
            out.append((AREA, "removed", match.start()))
    for match in ENTERED.finditer(sentence):
        if not _MODAL.search(sentence[max(0, match.start() - 30) : match.end()]):
            out.append((AREA, "entered", match.start()))
    return out
