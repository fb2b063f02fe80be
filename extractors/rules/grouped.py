"""Verdicts given by a list's layout rather than a sentence: forces grouped under a grade
("Good: Avon & Somerset, Cambridgeshire, Met Police"; ":: Requires improvement" then a
line of forces) and one line per force ("Dyfed-Powys – Outstanding"). The area is the
one the section or the release is about (the caller knows it); place names count as
forces here, because the list says what they are."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..forces import find_forces
from .spans import words

_BULLETS = " \t:•*·▪●◦‣–—-"
# "Good: ...", "Good (3): ...", "Requires improvement (3 forces)" then its lines.
_SEPARATOR = re.compile(r"^\s*(?:\(\d+(?:\s+forces?)?\)\s*)?(?:[:–—-]\s*|$)|^\s*$")
# What may stand between the forces of a list besides the forces themselves.
_GLUE = re.compile(r"(?:[,;&/]|\band\b|\bthe\b|\s|\.|\(\d+\))+", re.IGNORECASE)
_LINE_GRADE_SEPARATOR = re.compile(r"^[\s:–—|-]+[‘'\"“]?$")


# A grade heading's lead-in: "Forces rated requires improvement", "Forces judged to be
# outstanding" (not "graded inadequate" alone: a page's answer to its question).
_LEAD_IN = re.compile(
    r"(?:(?:the\s+)?(?:forces?|constabularies)\s+(?:(?:which|that)\s+(?:were|are)\s+)?|"
    # "The following forces were rated as requiring improvement:"
    r"the\s+following\s+(?:forces?\s+|constabularies\s+)?(?:were|are|have\s+been)\s+)"
    r"(?:rated|graded|judged|assessed|found)\s+(?:as\s+|to\s+be\s+)?[‘'\"“]?",
    re.IGNORECASE,
)


def _grade_at_start(text: str) -> tuple[str, int] | None:
    text_start = len(text) - len(text.lstrip(_BULLETS + "‘'\"“"))
    lead_in = _LEAD_IN.match(text, text_start)
    if lead_in:
        text_start = lead_in.end()
    match = words().grade_pattern.match(text, text_start)
    if not match:
        return None
    value = words().grades[" ".join(match.group(0).lower().split())]
    end = match.end()
    while end < len(text) and text[end] in "’'\"”":
        end += 1
    return value, end


# Bodies named in a list, bare places included: police forces, or in a fire release the
# fire and rescue services (the caller passes `find`).
Finder = Callable[[str], list[tuple[str, int, int]]]


def _bare_forces(text: str) -> list[tuple[str, int, int]]:
    return find_forces(text, bare=True)


def forces_listed(text: str, find: Finder = _bare_forces) -> list[str]:
    """The forces of `text` when it is nothing but a list of forces, else []."""
    found = find(text)
    if not found:
        return []
    rest, last = [], 0
    for _, start, end in found:
        rest.append(text[last:start])
        last = end
    rest.append(text[last:])
    if any(_GLUE.sub("", part) for part in rest):
        return []
    return list(dict.fromkeys(name for name, _, _ in found))


def grade_heading(paragraph: str, find: Finder = _bare_forces) -> tuple[str, list[str]] | None:
    """("good", [forces]) for "Good: Avon & Somerset, Cambridgeshire", ("requires
    improvement", []) for a grade standing alone as a heading (":: Requires improvement")."""
    text = paragraph.strip()
    if len(text) > 2000:
        return None
    start = _grade_at_start(text)
    if not start:
        return None
    value, end = start
    rest = text[end:]
    separator = _SEPARATOR.match(rest)
    if not separator:
        # A list item whose heading ran into its line of forces ("Good Avon & Somerset,
        # Cambridgeshire, ...", a bullet list re-flowed): the forces must be all of it.
        forces = forces_listed(rest, find)
        return (value, forces) if forces and rest[:1].isspace() else None
    listed = rest[separator.end() :].strip()
    if not listed:
        return value, []
    forces = forces_listed(listed, find)
    return (value, forces) if forces else None


def force_grade_line(paragraph: str, find: Finder = _bare_forces) -> tuple[str, list[str]] | None:
    """(value, [forces]) for one list line "Dyfed-Powys – Outstanding", "Kent Police: Good"."""
    text = paragraph.strip().strip(_BULLETS).strip()
    if len(text) > 200:
        return None
    found = None
    for match in words().grade_pattern.finditer(text):
        found = match
    if not found or text[found.end() :].strip(" .’'\"”"):
        return None
    head = text[: found.start()]
    separator = re.search(r"[\s:–—|-]+[‘'\"“]?$", head)
    if not separator or not _LINE_GRADE_SEPARATOR.match(separator.group(0)):
        return None
    if not re.search(r"[:–—|-]", separator.group(0)):
        return None
    forces = forces_listed(head[: separator.start()], find)
    if not forces:
        return None
    return words().grades[" ".join(found.group(0).lower().split())], forces


def force_paragraph(paragraph: str) -> str | None:
    """The force a paragraph under a grade heading is about: "Kent Police has made
    savings ..." (a round-up's paragraph a force). It must open with the force's name and
    give no grade of its own (a grade word there is the paragraph's, not the heading's)."""
    text = paragraph.strip().lstrip(_BULLETS)
    if len(text) > 600 or words().grade_pattern.search(text):
        return None
    found = find_forces(text[:120])
    if not found or found[0][1] > 4:
        return None
    return found[0][0]
