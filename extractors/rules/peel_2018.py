"""PEEL areas since 2018 (the 2021/22 programme onward): each area graded outstanding /
good / adequate / requires improvement / inadequate."""

from __future__ import annotations

from .grades import AREA_VALUES, cue, graded, with_history

CUES = (
    (
        "peel_disrupting_serious_organised_crime",
        cue(
            r"\b(?:disrupt\w*|tackl\w*|deal\w*\s+with)\s+serious\s+(?:and\s+)?organised\s+crime|"
            r"\bserious\s+(?:and\s+)?organised\s+crime\b|\bSOC\b"
        ),
    ),
    (
        "peel_preventing_crime",
        cue(r"\bprevent\w*\s+(?:and\s+\w+\s+)?crime\b|\bcrime\s+prevention\b"),
    ),
    (
        "peel_treatment_of_the_public",
        cue(
            r"\btreat(?:ment\s+of|s|ing)\s+(?:the\s+)?public\b|\bpublic\s+treatment\b|"
            r"\bpolice\s+powers\b|\blegitimacy\b"
        ),
    ),
    (
        "peel_protecting_vulnerable_people",
        cue(r"\bprotect\w*\s+vulnerable\b|\bvulnerable\s+people\b"),
    ),
    (
        "peel_managing_offenders",
        cue(
            r"\bmanag\w*\s+(?:\w+\s+){0,2}offenders(?:\s+and\s+suspects)?\b|"
            r"\boffender\s+management\b"
        ),
    ),
    (
        "peel_developing_positive_workplace",
        cue(
            r"\bpositive\s+workplace\b|\bdevelop\w*\s+(?:a\s+)?(?:positive\s+)?workplace\b|"
            r"\b(?:building,?\s+)?supporting\s+(?:and\s+protecting\s+)?(?:its|the)\s+workforce\b"
        ),
    ),
    ("peel_good_use_of_resources", cue(r"\b(?:good\s+)?use\s+of\s+(?:its\s+)?resources\b")),
    (
        "peel_responding_to_the_public",
        cue(r"\brespond\w*\s+to\s+the\s+public\b|\bresponse\s+to\s+the\s+public\b"),
    ),
    (
        "peel_investigating_crime",
        cue(r"\binvestigat\w*\s+(?:\w+\s+){0,1}crime\b|\binvestigations?\b"),
    ),
    (
        "peel_recording_crime",
        cue(r"\brecord\w*\s+(?:\w+\s+){0,1}crime\b|\bcrime[- ]recording\b|\brecording\s+data\b"),
    ),
    (
        "peel_strategic_planning_value_for_money",
        cue(r"\bstrategic\s+planning\b|\bvalue\s+for\s+money\b|\borganisational\s+management\b"),
    ),
)

AREAS = tuple(name for name, _ in CUES)


def judge(sentence: str) -> list[tuple[str, str, int]]:
    hits = graded(sentence, CUES, AREA_VALUES)
    return with_history(sentence, hits)
