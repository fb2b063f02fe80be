"""Judgement rules per release family, on sentences written the way each family writes
them (not copied from the devset), and the release-level choices: primary force, notes,
publisher, topic."""

from __future__ import annotations

import pytest

from extractors.records import Document
from extractors.release import extract_release
from extractors.rules import asb, crime_data_integrity, engage, peel_2018, peel_pillars, topics


def _areas(hits: list[tuple[str, str, int]]) -> list[tuple[str, str]]:
    return [(area, value) for area, value, _ in hits]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The extent to which the force is effective at keeping people safe and reducing "
            "crime requires improvement.",
            [("peel_effectiveness", "requires improvement")],
        ),
        (
            "The extent to which the force is legitimate at keeping people safe and reducing "
            "crime is: good.",
            [("peel_legitimacy", "good")],
        ),
        (
            "the efficiency with which the force carries out its responsibilities is "
            "outstanding; and",
            [("peel_efficiency", "outstanding")],
        ),
        (
            "Kent Police has been assessed as inadequate in respect of the efficiency with which "
            "it keeps people safe.",
            [("peel_efficiency", "inadequate")],
        ),
        (
            "is ‘requires improvement’ in the way it treats the public and its workforce.",
            [("peel_legitimacy", "requires improvement")],
        ),
        ("Surrey Police’s leadership is rated outstanding.", [("peel_leadership", "outstanding")]),
        (
            "The effectiveness of the force at keeping people safe: not yet graded.",
            [("peel_effectiveness", "not yet graded")],
        ),
        # Sub-areas and attributive uses are not pillar verdicts.
        (
            "in terms of its effectiveness, in general, the force is good at reducing crime and "
            "preventing offending, good at investigating offending.",
            [],
        ),
        ("The force has an outstanding understanding of demand.", []),
        ("It requires improvement to its future workforce planning.", []),
        ("In 2015, the force's efficiency was judged to be inadequate.", []),
    ],
)
def test_peel_pillars(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _areas(peel_pillars.judge(sentence)) == expected


def test_peel_pillar_from_topic() -> None:
    sentence = "HMIC judged Kent Police to be good at keeping people safe and reducing crime."
    assert _areas(peel_pillars.judge(sentence)) == []
    assert _areas(peel_pillars.judge(sentence, default_area="peel_effectiveness")) == [
        ("peel_effectiveness", "good")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "HMICFRS said the force was outstanding at disrupting serious organised crime.",
            [("peel_disrupting_serious_organised_crime", "outstanding")],
        ),
        (
            "Inspectors found the force was inadequate at responding to the public.",
            [("peel_responding_to_the_public", "inadequate")],
        ),
        (
            "It was adequate in how it protects vulnerable people and good at investigating crime.",
            [
                ("peel_protecting_vulnerable_people", "adequate"),
                ("peel_investigating_crime", "good"),
            ],
        ),
        (
            "particularly in how and when it records crime, where its performance was outstanding.",
            [("peel_recording_crime", "outstanding")],
        ),
        (
            "The force requires improvement in managing offenders and suspects.",
            [("peel_managing_offenders", "requires improvement")],
        ),
        (
            "found the force was good in eight areas, adequate in one area and inadequate "
            "in one area.",
            [],
        ),
    ],
)
def test_peel_areas(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _areas(peel_2018.judge(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "default", "expected"),
    [
        ("HMICFRS has judged Kent Police’s crime recording as ‘inadequate’.", None, ["inadequate"]),
        ("The crime-recording accuracy of the force is now ‘good’.", None, ["good"]),
        (
            "the published overall graded judgment for the inspection remains as Inadequate.",
            None,
            ["inadequate"],
        ),
        (
            "The force has been graded as requires improvement.",
            "crime_data_integrity",
            ["requires improvement"],
        ),
        (
            "This is a marked improvement since 2016, at which we judged the force to be "
            "‘inadequate’.",
            None,
            [],
        ),
    ],
)
def test_crime_data_integrity(sentence: str, default: str | None, expected: list[str]) -> None:
    hits = crime_data_integrity.judge(sentence, default_area=default)
    assert [value for _area, value, _ in hits] == expected
    assert all(area == "crime_data_integrity" for area, _v, _ in hits)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Kent Police has made good progress in tackling anti-social behaviour.",
            [("asb_progress", "good progress")],
        ),
        ("The force has made progress since 2010.", [("asb_progress", "progress")]),
        (
            "The force does not consistently identify repeat and vulnerable victims.",
            [("asb_repeat_vulnerable_identification", "inconsistent")],
        ),
        (
            "It consistently identifies repeat and vulnerable victims when they call.",
            [("asb_repeat_vulnerable_identification", "consistent")],
        ),
        (
            "Victim satisfaction is below the national average for England and Wales.",
            [("asb_victim_satisfaction_vs_national", "below")],
        ),
        (
            "victim satisfaction is higher than the national figure.",
            [("asb_victim_satisfaction_vs_national", "above")],
        ),
        ("Overall, progress made in every force.", []),
    ],
)
def test_asb(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _areas(asb.judge(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Cleveland Police has been placed into Engage.", [("engage_monitoring", "entered")]),
        (
            "The inspectorate escalated the force to the Engage phase of monitoring.",
            [("engage_monitoring", "entered")],
        ),
        (
            "Kent Police has been removed from enhanced monitoring.",
            [("engage_monitoring", "removed")],
        ),
        ("The force has now exited Engage.", [("engage_monitoring", "removed")]),
        ("Forces may be escalated to enhanced monitoring if they fail.", []),
        ("The force is in routine monitoring under Scan.", []),
    ],
)
def test_engage(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert _areas(engage.judge(sentence)) == expected


@pytest.mark.parametrize(
    ("title", "lead", "topic"),
    [
        ("PEEL: police efficiency 2017 - force press releases", [], "PEEL efficiency"),
        (
            "Kent 2016",
            [
                "This is HMIC’s third PEEL (police effectiveness, efficiency and legitimacy) "
                "assessment."
            ],
            "PEEL assessment",
        ),
        (None, ["Kent Police has been congratulated."], None),
        (
            "Kent Police records crime well",
            ["Get the report PEEL 2023–2025: An inspection of Kent Police."],
            "PEEL 2023–25",
        ),
        ("X", ["PEEL 2021/22 – An inspection of Merseyside Police"], "PEEL 2021/22"),
        ("Kent Police: Crime Data Integrity inspection 2016", [], "crime data integrity"),
        ("Force removed from enhanced monitoring", [], "enhanced monitoring (Engage)"),
        ("Forces have improved the service for ASB victims", [], "anti-social behaviour"),
    ],
)
def test_topics(title: str | None, lead: list[str], topic: str | None) -> None:
    assert topics.find_topic(title, lead) == topic


def _doc(*paragraphs: str, title: str | None = None) -> Document:
    return Document("text/plain", title, tuple(paragraphs))


def test_national_release_has_no_primary_force() -> None:
    release = extract_release(
        _doc(
            "Forces have risen to the financial challenge",
            "Police forces have cut spending while largely maintaining the service, a report "
            "by HM Inspectorate of Constabulary (HMIC) published today has found.",
            "Most of the outstanding gap is accounted for by the Metropolitan Police Service.",
        )
    )
    assert release.primary_force is None
    assert [f.force for f in release.forces] == ["Metropolitan Police Service"]
    assert release.publisher == "HMIC"


def test_forces_only_in_notes_and_related_links_are_not_primary() -> None:
    release = extract_release(
        _doc(
            "HMICFRS has published its annual report on the state of policing in England "
            "and Wales.",
            "Notes to editors",
            "1. HMICFRS inspects Kent Police and the British Transport Police.",
            "Related links",
            "Surrey Police news",
        )
    )
    assert release.primary_force is None
    assert [(f.force, f.in_notes) for f in release.forces] == [
        ("Kent Police", True),
        ("British Transport Police", True),
    ]
    assert release.publisher == "HMICFRS"


def test_force_section_pages_attribute_verdicts_to_each_force() -> None:
    release = extract_release(
        _doc(
            "PEEL: police efficiency 2017 - force press releases",
            "Kent Police’s efficiency at keeping people safe and reducing crime is good",
            "HM Inspector of Constabulary Jane Doe said: “Kent Police is efficient.”",
            "Surrey Police’s efficiency at keeping people safe and reducing crime is inadequate",
            "HM Inspector of Constabulary John Roe said: “Surrey must improve.”",
        )
    )
    assert release.primary_force == "Kent Police"
    assert {(j.force, j.area, j.value) for j in release.judgements} == {
        ("Kent Police", "peel_efficiency", "good"),
        ("Surrey Police", "peel_efficiency", "inadequate"),
    }


def test_force_publisher_when_the_force_welcomes_a_report() -> None:
    release = extract_release(
        _doc(
            "Force welcomes inspection report",
            "Dorset Police has welcomed the HMICFRS report published today, which graded the "
            "force as good.",
        )
    )
    assert release.publisher == "Dorset Police"
    assert release.primary_force == "Dorset Police"
