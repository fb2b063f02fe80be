"""Records that cross layers: what extraction produces.

Frozen dataclasses so a record handed to the warehouse cannot change underneath it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class ExtractionError(Exception):
    """A document that cannot be read; the message is meant for a person to act on."""


@dataclass(frozen=True)
class Document:
    """One normalised document, whatever format it came in.

    `paragraphs` are the article's blocks of text in reading order, page chrome removed.
    `pages` gives the 1-based page number of each paragraph for paged formats (PDF), and is
    empty otherwise. `metadata` holds what the container says about itself: for HTML the
    <title>, meta tags (description, og:title, article:published_time, ...), <time>
    elements and the canonical link; for PDF the info dictionary (Title, CreationDate, ...).
    """

    media_type: str  # "text/html", "application/pdf" or "text/plain"
    title: str | None
    paragraphs: tuple[str, ...]
    metadata: dict[str, str] = field(default_factory=dict)
    pages: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Person:
    name: str
    role: str


@dataclass(frozen=True)
class ForceMention:
    force: str  # canonical name, e.g. "West Mercia Police"
    in_notes: bool  # named only in the notes to editors


@dataclass(frozen=True)
class ServiceMention:
    """A body a release names, in either sector: a police force or a fire and rescue
    service, by canonical name."""

    sector: str  # "police" or "fire"
    service: str  # canonical name, e.g. "West Mercia Police", "London Fire Brigade"
    in_notes: bool


@dataclass(frozen=True)
class Judgement:
    force: str | None  # canonical name; None for a national verdict and for fire rows
    area: str  # snake_case, e.g. "peel_effectiveness"
    value: str  # lower case, e.g. "requires improvement"
    evidence: str  # the sentence the verdict was read from
    # A verdict of an earlier inspection that the release recalls ("at our initial
    # inspection in 2016 we judged the force inadequate"): stated, so it is a judgement,
    # but not the verdict this release announces.
    restated: bool = False
    # An Engage entry the release recalls while announcing the removal that ends it: a
    # step of the process, not a verdict the release gives.
    superseded: bool = False
    # The inspection period the release names for its verdicts, as written ("2021/22",
    # "2023–25", "2016"), or None: PEEL grades belong to an inspection year, often not
    # the year the release came out.
    period: str | None = None
    # The inspected body's sector and canonical name: a police force (then `service` is
    # `force`) or a fire and rescue service (then `force` is None).
    sector: str = "police"
    service: str | None = None


@dataclass(frozen=True)
class Gap:
    """A sentence or list line holding a grade word near a known area phrase or force (or
    an Engage movement) from which no judgement came: what the rules did not read."""

    text: str  # the sentence or list line, whitespace collapsed
    grade: str  # the grade word found, lower case ("good", "requiring improvement", "entered")
    why: str  # what was found and what was missing, for a person to check


@dataclass(frozen=True)
class DatedBy:
    """A date one part of the document gives for its publication, and which part:
    `text` (the release states it), `html_meta` (the page's publication metadata),
    `url` (the document's address) or `pdf_meta` (the PDF's creation date, when the text
    names its year). Dates from outside the document (feed, sitemap, HTTP, first seen)
    are the warehouse's, not the extractor's."""

    source: str
    value: dt.date


@dataclass(frozen=True)
class Release:
    """The structured fields of one press release."""

    title: str | None
    reference: str | None  # e.g. "015/2012"
    published_date: dt.date | None
    publisher: str | None  # e.g. "HMIC", "HMICFRS", "Dorset Police"
    primary_force: str | None  # canonical; None for national releases
    topic: str | None  # e.g. "anti-social behaviour"
    forces: tuple[ForceMention, ...]
    people: tuple[Person, ...]
    reports: tuple[str, ...]
    phones: tuple[str, ...]
    judgements: tuple[Judgement, ...]
    body_text: str
    # Lines with a grade word that gave no judgement (extractors.gaps.find_gaps).
    gaps: tuple[Gap, ...] = ()
    # The date the text states, alone (published_date falls back on the container's
    # metadata): kept so no fallback hides what the release itself says.
    stated_date: dt.date | None = None
    # Every date the document gives for its publication, best first (see DatedBy).
    dates: tuple[DatedBy, ...] = ()
    # The sector the release is about ("police" or "fire"), its inspected body and every
    # body it names in that sector (for a police release, its forces again).
    sector: str = "police"
    primary_service: str | None = None
    services: tuple[ServiceMention, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """What `extractors.extract` returns for one document version."""

    document: Document
    release: Release
    fingerprint: str  # sha256 of the normalised text: equal fingerprints, same version
    extractor_version: int
