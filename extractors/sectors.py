"""Which sector a release is about: a police force's inspection or a fire and rescue
service's. Decided from the bodies its headline and lead name (forces, services) and
their words ("fire and rescue", "firefighters"; "police", "PEEL"), which are data
(`rules/data/fire.toml`, [sector])."""

from __future__ import annotations

import re
import tomllib
from functools import cache

from .forces import find_forces
from .rules.vocabulary import DATA
from .services import find_services

POLICE = "police"
FIRE = "fire"


@cache
def _words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = tomllib.loads((DATA / "fire.toml").read_text("utf-8"))["sector"]
    return (
        re.compile("|".join(data["fire_words"]), re.IGNORECASE),
        re.compile("|".join(data["police_words"]), re.IGNORECASE),
        re.compile("|".join(data["neutral"]), re.IGNORECASE),
    )


def sector_of(title: str | None, lead: list[str], url: str = "") -> str:
    """'fire' when the headline and lead speak of fire and rescue services more than of
    police forces, else 'police' (the first corpus's, and the default)."""
    fire_words, police_words, neutral = _words()
    slug = re.sub(r"[^a-z]+", " ", url[:2000].lower()) if isinstance(url, str) else ""
    # The address counts once, the headline twice: they say what the release is about.
    fire = len(re.findall(r"\b(?:fire|frs)\b", slug))
    police = len(re.findall(r"\b(?:police|peel|constabulary)\b", slug))
    for weight, text in [(2, title or "")] + [(1, p) for p in lead]:
        text = neutral.sub(" ", text[:3000])
        fire += weight * (len(fire_words.findall(text)) + len(find_services(text)))
        police += weight * (len(police_words.findall(text)) + len(find_forces(text)))
    return FIRE if fire > police else POLICE
