"""Judgement rules per release family, on sentences written the way each family writes
them (not copied from the devset), and the release-level choices: primary force, notes,
publisher, topic."""

from __future__ import annotations

import pytest

from extractors.records import Document
from extractors.release import extract_release
from extractors.rules import asb, crime_data_integrity, engage, peel_2018, peel_pillars, topics


def _areas(hits) -> list[tuple[str, ...]]:
    """(area, value), and (area, value, "restated") for a verdict recalled from an earlier
    inspection."""
    return [
        (h.area, h.value, "restated") if getattr(h, "restated", False) else (h[0], h[1])
        for h in hits
    ]


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
            "Kent Police was judged to require improvement in how efficiently it keeps people "
            "safe.",
            [("peel_efficiency", "requires improvement")],
        ),
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
        (
            "Kent Police is good at how legitimately it keeps people safe and reduces crime.",
            [("peel_legitimacy", "good")],
        ),
        # Legitimacy's sub-questions are not the pillar.
        ("is ‘good’ at treating the public with fairness and respect;", []),
        ("‘requires improvement’ at treating its workforce fairly.", []),
        ("It requires improvement to its future workforce planning.", []),
        # A verdict restated from an earlier inspection keeps its value in a finer area.
        (
            "In 2015, the force's efficiency was judged to be inadequate.",
            [("peel_efficiency", "inadequate", "restated")],
        ),
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
        # One grade for several areas.
        (
            "Inspectors said the force was adequate at managing offenders and at responding to "
            "the public.",
            [
                ("peel_managing_offenders", "adequate"),
                ("peel_responding_to_the_public", "adequate"),
            ],
        ),
        (
            "It requires improvement in how it investigates crime, and in how it protects "
            "vulnerable people, but is good at preventing crime.",
            [
                ("peel_investigating_crime", "requires improvement"),
                ("peel_protecting_vulnerable_people", "requires improvement"),
                ("peel_preventing_crime", "good"),
            ],
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
            [],  # no cue and no default area: nothing says what was inadequate
        ),
        (
            "It has improved since 2019, when inspectors graded its crime recording as "
            "‘inadequate’.",
            "crime_data_integrity",
            ["inadequate (previous)"],
        ),
    ],
)
def test_crime_data_integrity(sentence: str, default: str | None, expected: list[str]) -> None:
    hits = crime_data_integrity.judge(sentence, default_area=default)
    assert [h.value + (" (previous)" if h.restated else "") for h in hits] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Kent Police has made good progress in tackling anti-social behaviour.",
            [("asb_progress", "good progress")],
        ),
        ("The force has made progress since 2010.", [("asb_progress", "progress")]),
        ("Kent Police is making steady progress.", [("asb_progress", "steady progress")]),
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
        (
            "Victim satisfaction is broadly similar to the national figure.",
            [("asb_victim_satisfaction_vs_national", "broadly in line")],
        ),
        (
            "Satisfaction among victims is one of the highest in England and Wales.",
            [("asb_victim_satisfaction_vs_national", "above")],
        ),
        (
            "Victims' satisfaction is among the lowest of all forces nationally.",
            [("asb_victim_satisfaction_vs_national", "below")],
        ),
        (
            "The force does not have a consistent way of identifying vulnerable callers.",
            [("asb_repeat_vulnerable_identification", "inconsistent")],
        ),
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
        # Crime recording named by what the force fails to do.
        (
            "Kent Police failing to record thousands of crimes, finds inspectorate",
            ["Kent Police was moved into enhanced monitoring."],
            "crime data integrity",
        ),
        ("Under-recording of violent crime in Essex Police", [], "crime data integrity"),
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


# --- whole releases of each family, in wordings the devset does not use -----------------
# Each is written the way its family writes (page layout, phrasing), for forces, grades and
# years the devset does not have: a rule keyed to a devset document fails here.


def _release(text: str, url: str = ""):
    from analysis.evaluate import document_from_text

    return extract_release(document_from_text(text), url=url)


def _verdicts(release) -> set[tuple[str, ...]]:
    """(force, area, value), with "superseded" added for an Engage entry a removal ends."""
    return {
        (j.force, j.area, j.value, "superseded") if j.superseded else (j.force, j.area, j.value)
        for j in release.judgements
    }


PEEL_2014_PAGE = """Skip to content

Kent 2014

Read more about Kent

This is the first PEEL Assessment of Kent Police. In making this assessment I have used my
professional judgment to consider the evidence available from inspections undertaken in the
past 12 months.

The available evidence indicates that:

in terms of its effectiveness, in general, the force is outstanding at reducing crime and
preventing offending, requires improvement at investigating offending and good at tackling
anti-social behaviour;

the efficiency with which the force carries out its responsibilities is inadequate; and

the force is acting to achieve fairness and legitimacy in most of the practices that were
examined this year.

Roger Baker, Her Majesty’s Inspector of Constabulary

HMI's observations

In making this first PEEL Assessment of Kent Police I have taken into account the
challenges of policing a county with major ports.
"""

PEEL_2016_PAGE = """Skip to content

City of London 2016

Read more about City of London

This is HMIC’s third PEEL (police effectiveness, efficiency and legitimacy) assessment of
City of London Police.

The extent to which the force is effective at keeping people safe and reducing crime is good.

The extent to which the force is efficient at keeping people safe and reducing crime is
outstanding.

The extent to which the force is legitimate at keeping people safe and reducing crime
requires improvement.

Mike Cunningham, Her Majesty’s Inspector of Constabulary
"""

PEEL_2017_LEGITIMACY = """PEEL: police legitimacy 2017 - force press releases

HMICFRS assessed how legitimate police forces are at keeping people safe and reducing crime.

Cleveland Police’s legitimacy at keeping people safe and reducing crime requires improvement

HMICFRS judged that Cleveland Police:

  • is ‘good’ at treating the public with fairness and respect;
  • ‘requires improvement’ at ensuring its workforce behaves ethically and lawfully; and
  • ‘requires improvement’ at treating its workforce fairly.

HM Inspector of Constabulary Michael Cunningham said:

“Cleveland Police requires improvement in the way it treats the public and its workforce.”

Cumbria Constabulary’s legitimacy at keeping people safe and reducing crime is good

HMICFRS judged that Cumbria Constabulary:

  • is ‘good’ at treating the public with fairness and respect.
"""

IPA_2019 = """Kent Police is good at keeping people safe and reducing crime

The force is good at effectively reducing crime and keeping people safe, HMICFRS has found.
Kent Police requires improvement in operating efficiently and providing sustainable
services. The force is outstanding in the way it treats the public and its workforce.

HM Inspector of Constabulary Matt Parr said: “I am pleased with the performance of Kent
Police.”
"""

FORCE_OWN_2015 = """Kent Police rated good by inspectors

Kent Police has been rated as ‘good’ by Her Majesty’s Inspectorate of Constabulary (HMIC)
for the efficiency with which it keeps people safe and reduces crime.

The HMIC report, published today, also found the force was outstanding at understanding
demand.

Chief Constable Alan Pughsley said: “I am proud of our officers.”
"""

CDI_PAGE = """Sussex Police: Crime Data Integrity inspection 2017

Published on: 12 October 2017

Publication types: Crime recording

Police Forces: Sussex

Overall judgment

graded requires improvement

Sussex Police has made some improvements since HMIC’s 2014 inspection.

How effective is the force at recording reported crime?

graded inadequate
"""

CDI_NEWS = """Essex Police must improve the way it records crime

HMICFRS has today published a report on the crime-recording practices of Essex Police.

The force’s crime recording is inadequate. HMICFRS estimates that the force fails to record
1 in 6 crimes reported to it.

HM Inspector of Constabulary Zoë Billingham said:

“Essex Police must act quickly.”

Notes to editors

HMICFRS inspected Kent Police and Surrey Police in 2017.
"""

ENGAGE_IN = """Cleveland Police moved into enhanced monitoring

Cleveland Police has been moved into the Engage process, the police inspectorate has said.

The force will remain in Engage until it is removed from Engage by the Chief Inspector.
"""

ENGAGE_OUT = """Avon & Somerset Police has been removed from the Engage process

The police inspectorate has removed Avon and Somerset Constabulary from its enhanced level
of monitoring after improvements in how it responds to the public.

The force was placed into Engage in 2022.
"""

ENGAGE_PRESS = """Derbyshire Constabulary placed in special measures

Derbyshire Constabulary has been placed into the police inspectorate’s enhanced monitoring
process.
"""

NATIONAL = """#022/2013 – Police forces must improve use of stop and search powers

Published: 9 July 2013

Police forces in England and Wales are not using stop and search powers effectively,
although Durham Constabulary showed good practice, according to a report published today by
HM Inspectorate of Constabulary (HMIC).

In Durham Constabulary, officers had good training. Kent Police kept poor records.

HM Chief Inspector of Constabulary Sir Tom Winsor said: “Stop and search must be fair.”
"""

ASB_2012 = """Thames Valley Police has made good progress in how it tackles anti-social
behaviour, and consistently identifies repeat and vulnerable victims.

The results of a follow-up inspection published today found that Thames Valley Police has
made good progress since 2010. Victim satisfaction is above the national average.

HM Inspector of Constabulary for the Southern Region, Zoë Billingham, said: "Thames Valley
Police should be commended."
"""

PEEL_2022 = """ date 2022-05-10 Kent Police must improve how it responds to the public,
says inspectorate

Get the report

PEEL 2021/22 – An inspection of Kent Police

HMICFRS graded Kent Police’s performance across 10 areas of policing and found the force was
‘good’ in four areas, ‘adequate’ in four areas and ‘requires improvement’ in two areas.

HMICFRS said the force was good at preventing crime and anti-social behaviour, but requires
improvement in how it responds to the public.

The force’s treatment of the public was judged to be good. Its use of resources was rated
adequate.
"""


def test_engage_release_keeps_the_peel_grades_behind_the_decision() -> None:
    text = (
        "Kent Police moved into enhanced monitoring\n\n"
        "The police inspectorate has escalated Kent Police to the Engage phase of its "
        "monitoring process.\n\n"
        "HMICFRS inspected the force as part of its PEEL programme and found that it was "
        "inadequate at protecting vulnerable people and at managing offenders.\n"
    )
    release = _release(text, "")
    assert release.topic == "enhanced monitoring (Engage)"
    assert _verdicts(release) == {
        ("Kent Police", "engage_monitoring", "entered"),
        ("Kent Police", "peel_protecting_vulnerable_people", "inadequate"),
        ("Kent Police", "peel_managing_offenders", "inadequate"),
    }


@pytest.mark.parametrize(
    ("text", "url", "primary", "topic", "verdicts"),
    [
        pytest.param(
            PEEL_2014_PAGE,
            "https://x.gov.uk/hmic/peel-assessments/peel-2014/kent/",
            "Kent Police",
            "PEEL assessment",
            {("Kent Police", "peel_efficiency", "inadequate")},
            id="peel-2014-page",
        ),
        pytest.param(
            PEEL_2016_PAGE,
            "https://x.gov.uk/hmic/peel-assessments/peel-2016/city-of-london/",
            "City of London Police",
            "PEEL assessment",
            {
                ("City of London Police", "peel_effectiveness", "good"),
                ("City of London Police", "peel_efficiency", "outstanding"),
                ("City of London Police", "peel_legitimacy", "requires improvement"),
            },
            id="peel-2016-page",
        ),
        pytest.param(
            PEEL_2017_LEGITIMACY,
            "",
            "Cleveland Police",
            "PEEL legitimacy",
            {
                ("Cleveland Police", "peel_legitimacy", "requires improvement"),
                ("Cumbria Constabulary", "peel_legitimacy", "good"),
            },
            id="peel-2017-several-forces-sub-questions-are-not-the-pillar",
        ),
        pytest.param(
            IPA_2019,
            "",
            "Kent Police",
            "PEEL assessment",
            {
                ("Kent Police", "peel_effectiveness", "good"),
                ("Kent Police", "peel_efficiency", "requires improvement"),
                ("Kent Police", "peel_legitimacy", "outstanding"),
            },
            id="peel-2019-without-the-word-peel",
        ),
        pytest.param(
            FORCE_OWN_2015,
            "https://www.kent.police.uk/news/kent-police-rated-good/",
            "Kent Police",
            "PEEL assessment",
            {("Kent Police", "peel_efficiency", "good")},
            id="force-release-grade-then-agent-then-pillar",
        ),
        pytest.param(
            CDI_PAGE,
            "",
            "Sussex Police",
            "crime data integrity",
            {("Sussex Police", "crime_data_integrity", "requires improvement")},
            id="cdi-page-overall-not-sub-question",
        ),
        pytest.param(
            CDI_NEWS,
            "",
            "Essex Police",
            "crime data integrity",
            {("Essex Police", "crime_data_integrity", "inadequate")},
            id="cdi-news",
        ),
        pytest.param(
            ENGAGE_IN,
            "",
            "Cleveland Police",
            "enhanced monitoring (Engage)",
            {("Cleveland Police", "engage_monitoring", "entered")},
            id="engage-entered-removal-only-conditional",
        ),
        pytest.param(
            ENGAGE_OUT,
            "",
            "Avon and Somerset Constabulary",
            "enhanced monitoring (Engage)",
            {
                ("Avon and Somerset Constabulary", "engage_monitoring", "removed"),
                ("Avon and Somerset Constabulary", "engage_monitoring", "entered", "superseded"),
            },
            id="engage-removed-supersedes-past-entry",
        ),
        pytest.param(
            ENGAGE_PRESS,
            "",
            "Derbyshire Constabulary",
            "enhanced monitoring (Engage)",
            {("Derbyshire Constabulary", "engage_monitoring", "entered")},
            id="engage-inspectorates-process-special-measures",
        ),
        pytest.param(NATIONAL, "", None, None, set(), id="numbered-national"),
        pytest.param(
            ASB_2012,
            "",
            "Thames Valley Police",
            "anti-social behaviour",
            {
                ("Thames Valley Police", "asb_progress", "good progress"),
                ("Thames Valley Police", "asb_repeat_vulnerable_identification", "consistent"),
                ("Thames Valley Police", "asb_victim_satisfaction_vs_national", "above"),
            },
            id="asb-2012-force",
        ),
        pytest.param(
            PEEL_2022,
            "",
            "Kent Police",
            "PEEL 2021/22",
            {
                ("Kent Police", "peel_preventing_crime", "good"),
                ("Kent Police", "peel_responding_to_the_public", "requires improvement"),
                ("Kent Police", "peel_treatment_of_the_public", "good"),
                ("Kent Police", "peel_good_use_of_resources", "adequate"),
            },
            id="peel-2021-22",
        ),
    ],
)
def test_release_families(
    text: str, url: str, primary: str | None, topic: str | None, verdicts: set
) -> None:
    release = _release(text, url)
    assert release.primary_force == primary
    assert release.topic == topic
    assert _verdicts(release) == verdicts
    for judgement in release.judgements:
        assert judgement.evidence in release.body_text


def test_numbered_national_release_fields() -> None:
    release = _release(NATIONAL)
    assert release.reference == "022/2013"
    assert release.title == "Police forces must improve use of stop and search powers"
    assert str(release.published_date) == "2013-07-09"
    assert release.publisher == "HMIC"
    assert [f.force for f in release.forces] == ["Durham Constabulary", "Kent Police"]
    assert [(p.name, p.role) for p in release.people] == [
        ("Tom Winsor", "HM Chief Inspector of Constabulary")
    ]


def test_syndicated_dateline_runs_into_the_headline() -> None:
    release = _release(PEEL_2022)
    assert release.title == (
        "Kent Police must improve how it responds to the public, says inspectorate"
    )
    assert str(release.published_date) == "2022-05-10"
    assert release.reports == ("PEEL 2021/22 – An inspection of Kent Police",)


def test_notes_forces_are_not_body_forces() -> None:
    release = _release(CDI_NEWS)
    assert [(f.force, f.in_notes) for f in release.forces] == [
        ("Essex Police", False),
        ("Kent Police", True),
        ("Surrey Police", True),
    ]


def test_verdict_on_several_forces_named_together() -> None:
    release = _release(
        "PEEL: police efficiency 2017 – national findings\n\n"
        "Police forces in England and Wales have become more efficient, HMICFRS said today.\n\n"
        "Durham Constabulary, Kent Police and Surrey Police were judged outstanding at keeping "
        "people safe and reducing crime. Essex Police’s efficiency is inadequate, while Kent "
        "Police helped Sussex Police, which was rated good for efficiency.\n"
    )
    assert release.primary_force is None
    assert _verdicts(release) == {
        ("Durham Constabulary", "peel_efficiency", "outstanding"),
        ("Kent Police", "peel_efficiency", "outstanding"),
        ("Surrey Police", "peel_efficiency", "outstanding"),
        ("Essex Police", "peel_efficiency", "inadequate"),
        ("Sussex Police", "peel_efficiency", "good"),
    }


# --- format invariance on the same releases ----------------------------------------------

FAMILY_TEXTS = {
    "peel-2014": PEEL_2014_PAGE,
    "peel-2016": PEEL_2016_PAGE,
    "peel-2017-legitimacy": PEEL_2017_LEGITIMACY,
    "peel-2019": IPA_2019,
    "force-own": FORCE_OWN_2015,
    "cdi-page": CDI_PAGE,
    "cdi-news": CDI_NEWS,
    "engage-in": ENGAGE_IN,
    "engage-out": ENGAGE_OUT,
    "national": NATIONAL,
    "asb-2012": ASB_2012,
    "peel-2022": PEEL_2022,
}


def _fields(release) -> tuple:
    return (
        release.title,
        release.reference,
        release.published_date,
        release.primary_force,
        release.topic,
        release.publisher,
        tuple((f.force, f.in_notes) for f in release.forces),
        tuple(release.people),
        tuple(release.reports),
        tuple(release.phones),
        _verdicts(release),
    )


@pytest.mark.parametrize(
    ("name", "mode"),
    [pytest.param(name, mode) for name in FAMILY_TEXTS for mode in ("html", "pdf", "cp1252-crlf")],
)
def test_same_fields_in_every_format(name: str, mode: str) -> None:
    from analysis.renditions import render_html, render_pdf
    from extractors import parse_document

    text = FAMILY_TEXTS[name]
    expected = _fields(_release(text))
    if mode == "html":
        data = render_html(text)
    elif mode == "pdf":
        data = render_pdf(text)
    else:
        data = text.replace("\n", "\r\n").encode("cp1252", errors="replace")
    assert _fields(extract_release(parse_document(data))) == expected


def test_assessment_page_of_headings_and_grades() -> None:
    # A 2017-style page: the force only in the title, each pillar a question heading,
    # a "Last updated" line, then the grade; neither "PEEL" nor the force's full name.
    page = (
        "Skip to content\n\nEssex 2017\n\nRead more about Essex\n\n"
        "How effective is the force at keeping people safe and reducing crime?\n\n"
        "Last updated 22/03/2018\n\nRequires improvement\n\n"
        "How efficient is the force at keeping people safe and reducing crime?\n\n"
        "Last updated 09/11/2017\n\nGood\n\n"
        "How legitimate is the force at keeping people safe and reducing crime?\n\n"
        "Last updated 12/12/2017\n\nOutstanding\n"
    )
    release = _release(page)
    assert release.primary_force == "Essex Police"
    assert release.topic == "PEEL assessment"
    assert _verdicts(release) == {
        ("Essex Police", "peel_effectiveness", "requires improvement"),
        ("Essex Police", "peel_efficiency", "good"),
        ("Essex Police", "peel_legitimacy", "outstanding"),
    }


def test_pillar_named_by_its_inspection() -> None:
    release = _release(
        "Kent Police is good at keeping people safe and reducing crime\n\n"
        "Kent Police has been judged as good at keeping people safe and reducing crime by "
        "HMIC in its annual effectiveness inspection.\n"
    )
    assert release.topic == "PEEL effectiveness"
    assert _verdicts(release) == {("Kent Police", "peel_effectiveness", "good")}
    # Three pillars named together are the programme, not one pillar.
    assert topics.find_topic(
        "PEEL results", ["HMIC's effectiveness, efficiency and legitimacy inspections."]
    ) == ("PEEL assessment")


def test_topic_from_url_as_a_last_resort() -> None:
    assert topics.topic_from_url("https://x.gov.uk/peel-assessments/peel-2017/essex/") == (
        "PEEL assessment"
    )
    assert topics.topic_from_url("https://x.gov.uk/publications/kent-crime-data-integrity/") == (
        "crime data integrity"
    )
    assert topics.topic_from_url("https://x.gov.uk/news/peeling-paint/") is None


def test_grades_as_bulleted_list_items() -> None:
    release = _release(
        "Staffordshire Police: PEEL 2023–2025 inspection published\n\n"
        "HMICFRS has published its PEEL inspection of Staffordshire Police. The inspectorate "
        "found the force was:\n\n"
        "• good at investigating crime;\n• adequate at preventing crime;\n"
        "• requires improvement at responding to the public; and\n"
        "• inadequate at protecting vulnerable people.\n\n"
        "In the area of managing offenders and suspects, the force is outstanding.\n"
    )
    assert _verdicts(release) == {
        ("Staffordshire Police", "peel_investigating_crime", "good"),
        ("Staffordshire Police", "peel_preventing_crime", "adequate"),
        ("Staffordshire Police", "peel_responding_to_the_public", "requires improvement"),
        ("Staffordshire Police", "peel_protecting_vulnerable_people", "inadequate"),
        ("Staffordshire Police", "peel_managing_offenders", "outstanding"),
    }


def test_publisher_from_the_chief_inspectors_title() -> None:
    release = _release(
        "Cleveland Police moved into enhanced monitoring\n\n"
        "Cleveland Police has been moved into Engage, the police inspectorate has said.\n\n"
        "His Majesty’s Chief Inspector of Constabulary and Fire & Rescue Services, Andy Cooke, "
        "said: “I have concerns.”\n"
    )
    assert release.publisher == "HMICFRS"


def test_verdict_before_a_list_of_forces() -> None:
    release = _release(
        "PEEL: police efficiency 2016 – national findings\n\n"
        "Police forces have made savings, HMIC said today.\n\n"
        "Two forces were judged inadequate: Kent Police and Surrey Police. Sussex Police was "
        "praised.\n"
    )
    assert _verdicts(release) == {
        ("Kent Police", "peel_efficiency", "inadequate"),
        ("Surrey Police", "peel_efficiency", "inadequate"),
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "However, the force does not always identify repeat and vulnerable victims when "
            "they first call.",
            [("asb_repeat_vulnerable_identification", "inconsistent")],
        ),
        (
            "Callers who have reported before are not routinely identified as repeat victims.",
            [("asb_repeat_vulnerable_identification", "inconsistent")],
        ),
        ("The force always identifies repeat victims and vulnerable callers.", []),
    ],
)
def test_asb_identification_not_always(sentence: str, expected: list) -> None:
    got = [h for h in _areas(asb.judge(sentence)) if h[0] == "asb_repeat_vulnerable_identification"]
    assert got == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "HMICFRS graded the force as requiring improvement in how it responds to the public "
            "and how it investigates crime.",
            [
                ("peel_responding_to_the_public", "requires improvement"),
                ("peel_investigating_crime", "requires improvement"),
            ],
        ),
        ("Inspectors identified three areas requiring improvement in investigating crime.", []),
        (
            "The force was rated adequate at preventing crime.",
            [("peel_preventing_crime", "adequate")],
        ),
    ],
)
def test_areas_requiring_improvement(sentence: str, expected: list) -> None:
    assert _areas(peel_2018.judge(sentence)) == expected


def test_grade_then_agent_then_no_area_takes_the_area_before() -> None:
    sentence = (
        "Kent Police's crime recording was judged to require improvement by the inspectorate "
        "in a report published today."
    )
    assert _areas(crime_data_integrity.judge(sentence)) == [
        ("crime_data_integrity", "requires improvement")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Surrey Police will be subject to enhanced monitoring by the inspectorate.", ["entered"]),
        (
            "The chief inspector has decided that Surrey Police should be moved into Engage.",
            ["entered"],
        ),
        ("A force will be subject to enhanced monitoring only if it fails to improve.", []),
        ("We have not decided whether the force should be moved into Engage.", []),
    ],
)
def test_engage_decisions_in_the_future_tense(sentence: str, expected: list) -> None:
    assert [v for _a, v, _o in engage.judge(sentence)] == expected


def test_peel_release_without_programme_years_uses_the_areas_rules() -> None:
    text = (
        "Inspection report published\n\n"
        "Surrey Police has been graded as good in four areas of policing in the latest PEEL "
        "inspection by the inspectorate.\n\n"
        "The inspectorate judged the force to be good at preventing crime and good at managing "
        "offenders."
    )
    paragraphs = tuple(p for p in text.split("\n\n"))
    release = extract_release(Document("text/plain", None, paragraphs))
    got = {(j.area, j.value) for j in release.judgements}
    assert ("peel_preventing_crime", "good") in got
    assert ("peel_managing_offenders", "good") in got


def test_grade_table_rows_run_together() -> None:
    paragraphs = (
        "Surrey Police must improve, says inspectorate",
        "The inspectorate graded Surrey Police in the PEEL 2023–2025 programme.",
        "Area | Grade Preventing crime | Adequate Responding to the public | Requires "
        "improvement Managing offenders | Good",
    )
    release = extract_release(Document("text/plain", None, paragraphs))
    got = {(j.area, j.value) for j in release.judgements}
    assert got == {
        ("peel_preventing_crime", "adequate"),
        ("peel_responding_to_the_public", "requires improvement"),
        ("peel_managing_offenders", "good"),
    }


def test_legitimacy_as_treating_the_people_it_serves_and_its_workforce() -> None:
    sentence = (
        "Kent Police has been rated as ‘good’ by the inspectorate for the way it treats the "
        "people it serves and its workforce."
    )
    assert _areas(peel_pillars.judge(sentence)) == [("peel_legitimacy", "good")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "It requires improvement in responding to the public, investigating crime, "
            "protecting vulnerable people and recording data about crime.",
            [
                ("peel_responding_to_the_public", "requires improvement"),
                ("peel_investigating_crime", "requires improvement"),
                ("peel_protecting_vulnerable_people", "requires improvement"),
                ("peel_recording_crime", "requires improvement"),
            ],
        ),
        (
            "The force was rated good at preventing crime, managing offenders, and building, "
            "supporting and protecting the workforce.",
            [
                ("peel_preventing_crime", "good"),
                ("peel_managing_offenders", "good"),
                ("peel_developing_positive_workplace", "good"),
            ],
        ),
        (
            "It was graded adequate in investigating crime and protecting vulnerable people.",
            [
                ("peel_investigating_crime", "adequate"),
                ("peel_protecting_vulnerable_people", "adequate"),
            ],
        ),
        # What follows the list is not in it.
        (
            "The force was good at preventing crime, and investigations were often delayed.",
            [("peel_preventing_crime", "good")],
        ),
    ],
)
def test_one_grade_shared_by_a_list_of_activities(sentence: str, expected: list) -> None:
    assert sorted(_areas(peel_2018.judge(sentence))) == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The force still does not have a reliable way of identifying repeat and vulnerable "
            "callers when they first ring.",
            ["inconsistent"],
        ),
        ("Surrey Police has no robust process to identify vulnerable victims.", ["inconsistent"]),
        (
            "Surrey Police has a robust process to identify repeat and vulnerable victims.",
            ["consistent"],
        ),
        ("Vulnerable victims are identified at the first point of contact.", []),
    ],
)
def test_asb_identification_by_its_means(sentence: str, expected: list) -> None:
    hits = [v for a, v, _ in asb.judge(sentence) if a == "asb_repeat_vulnerable_identification"]
    assert hits == expected


def test_pillar_named_by_the_linked_report_or_a_graded_headline() -> None:
    release = _release(
        "Surrey Police is good at keeping people safe and reducing crime\n\n"
        "HMIC has today published its report on Surrey Police, as part of its annual PEEL "
        "inspections.\n\n"
        "Get the report\n\n"
        "PEEL: Police effectiveness 2015 – Surrey Police\n\n"
        "HMIC found the force to be good at keeping people safe and reducing crime.\n"
    )
    assert release.topic == "PEEL effectiveness"
    assert _verdicts(release) == {("Surrey Police", "peel_effectiveness", "good")}
    assert (
        topics.find_topic("Force rated ‘good’ for legitimacy by HMIC", ["Part of HMIC's PEEL."])
        == "PEEL legitimacy"
    )
    # Reports on two pillars name no single one.
    assert (
        topics.find_topic(
            "Force welcomes PEEL reports",
            ["The force welcomed HMIC's PEEL reports."],
            ["PEEL: Police efficiency 2015", "PEEL: Police legitimacy 2015"],
        )
        == "PEEL assessment"
    )


def test_one_grade_shared_by_quoted_area_names() -> None:
    sentence = (
        "Inspectors rated the force ‘good’ in ‘preventing crime’ and ‘police powers and public "
        "treatment’, and ‘requires improvement’ in ‘managing offenders’."
    )
    assert sorted(_areas(peel_2018.judge(sentence))) == [
        ("peel_managing_offenders", "requires improvement"),
        ("peel_preventing_crime", "good"),
        ("peel_treatment_of_the_public", "good"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The inspectorate rated the force good in preventing crime.",
            [("peel_preventing_crime", "good")],
        ),
        (
            "Inspectors graded the constabulary outstanding at managing offenders.",
            [("peel_managing_offenders", "outstanding")],
        ),
        ("Inspectors rated the force a good example of preventing crime.", []),
    ],
)
def test_grade_after_the_judged_force_as_object(sentence: str, expected: list) -> None:
    assert _areas(peel_2018.judge(sentence)) == expected


def test_peel_programme_named_by_its_years_outranks_crime_recording() -> None:
    lead = [
        "Kent Police has been graded outstanding in two areas of policing, the inspectorate "
        "said. HMICFRS said the force was outstanding at recording crime and at preventing "
        "crime, and its crime recording is among the best it has seen."
    ]
    reports = ["PEEL 2023–2025: An inspection of Kent Police"]
    title = "Kent Police graded outstanding in two areas of policing"
    assert topics.find_topic(title, lead, reports) == "PEEL 2023–25"
    release = extract_release(
        Document("text/plain", None, (title, *lead, "Get the report", reports[0]))
    )
    assert sorted((j.area, j.value) for j in release.judgements) == [
        ("peel_preventing_crime", "outstanding"),
        ("peel_recording_crime", "outstanding"),
    ]


def test_austerity_is_police_finances() -> None:
    assert (
        topics.find_topic(
            "Adapting to Austerity", ["Forces must protect the front line as they save £2bn."]
        )
        == "police finances / spending review"
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A grade "in this area" points back to the area named before it.
        (
            "The inspectorate said the force must improve how it records crime, and graded it "
            "as requires improvement in this area.",
            [("peel_recording_crime", "requires improvement")],
        ),
        # An area whose name holds "and" before the next "and at ...".
        (
            "It said the force was good at managing offenders and suspects and at building, "
            "supporting and protecting its workforce.",
            [
                ("peel_managing_offenders", "good"),
                ("peel_developing_positive_workplace", "good"),
            ],
        ),
        # A list of areas, one named as a noun.
        (
            "The force was graded outstanding for preventing crime, good use of resources and "
            "developing a positive workplace.",
            [
                ("peel_preventing_crime", "outstanding"),
                ("peel_good_use_of_resources", "outstanding"),
                ("peel_developing_positive_workplace", "outstanding"),
            ],
        ),
        # Still: what follows "and" without a preposition of its own is not in the list.
        (
            "The force was good at managing offenders and suspects and needs to improve in "
            "investigating crime.",
            [("peel_managing_offenders", "good")],
        ),
        (
            "The force was good at preventing crime, vulnerable people were not always protected.",
            [("peel_preventing_crime", "good")],
        ),
    ],
)
def test_areas_sharing_a_grade_in_more_wordings(sentence: str, expected: list) -> None:
    assert sorted(_areas(peel_2018.judge(sentence))) == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Kent Police will no longer be subject to enhanced monitoring.", ["removed"]),
        ("Kent Police has been returned to routine monitoring.", ["removed"]),
        ("The force has been moved back into Scan.", ["removed"]),
        # Still conditions, and the routine stage described, are not decisions.
        ("The force will remain in Engage until it is returned to routine monitoring.", []),
        ("All police forces are in routine monitoring under the Scan stage by default.", []),
    ],
)
def test_engage_removal_as_a_return_to_routine_monitoring(sentence: str, expected: list) -> None:
    assert [v for _a, v, _o in engage.judge(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The force is now good at responding to the public, having previously been graded "
            "inadequate.",
            [
                ("peel_responding_to_the_public", "good"),
                ("peel_responding_to_the_public", "inadequate", "restated"),
            ],
        ),
        (
            "Its crime recording is now good, although it had been judged inadequate at our "
            "last inspection.",
            [("peel_recording_crime", "good"), ("peel_recording_crime", "inadequate", "restated")],
        ),
    ],
)
def test_a_past_grade_in_its_own_clause(sentence: str, expected: list) -> None:
    assert sorted(_areas(peel_2018.judge(sentence))) == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The force has good systems in place to identify repeat and vulnerable victims.",
            ["consistent"],
        ),
        ("Kent Police identifies repeat and vulnerable callers well.", ["consistent"]),
        (
            "Repeat and vulnerable victims are identified effectively when they call.",
            ["consistent"],
        ),
        (
            "Kent Police does not have the systems in place to identify repeat and vulnerable "
            "victims.",
            ["inconsistent"],
        ),
        ("The force is unable to identify repeat and vulnerable callers.", ["inconsistent"]),
        ("The force does not identify repeat and vulnerable victims well.", ["inconsistent"]),
        # Still no verdict: identification stated without how well it is done.
        ("The force works well with partners to identify vulnerable victims.", []),
    ],
)
def test_asb_identification_in_more_wordings(sentence: str, expected: list) -> None:
    hits = [v for a, v, _ in asb.judge(sentence) if a == "asb_repeat_vulnerable_identification"]
    assert hits == expected


def test_a_recalled_grade_is_restated_in_its_contract_area() -> None:
    release = _release(
        "Wiltshire Police crime data integrity inspection\n\n"
        "Wiltshire Police's crime recording is now good. At our initial inspection in 2015 "
        "we judged the force's crime recording to be inadequate.\n"
    )
    verdicts = {(j.area, j.value, j.restated) for j in release.judgements}
    assert verdicts == {
        ("crime_data_integrity", "good", False),
        ("crime_data_integrity", "inadequate", True),
    }


def test_a_grade_announced_and_recalled_is_the_release_own() -> None:
    release = _release(
        "Essex Police crime data integrity inspection\n\n"
        "In 2016 we judged the crime recording of Essex Police to be good.\n\n"
        "HMICFRS has judged that the crime recording of Essex Police is good.\n"
    )
    assert {(j.area, j.value, j.restated) for j in release.judgements} == {
        ("crime_data_integrity", "good", False)
    }


@pytest.mark.parametrize(
    ("module", "sentence", "expected"),
    [
        (
            peel_pillars,
            "Surrey Police has improved from requires improvement to good in how effectively "
            "it keeps people safe and reduces crime.",
            [
                ("peel_effectiveness", "requires improvement", "restated"),
                ("peel_effectiveness", "good"),
            ],
        ),
        (
            crime_data_integrity,
            "The force's crime recording has moved from inadequate to good since we last "
            "inspected it in 2016.",
            [("crime_data_integrity", "inadequate", "restated"), ("crime_data_integrity", "good")],
        ),
        (
            peel_2018,
            "Its protection of vulnerable people has improved from ‘adequate’ to ‘good’.",
            [
                ("peel_protecting_vulnerable_people", "adequate", "restated"),
                ("peel_protecting_vulnerable_people", "good"),
            ],
        ),
    ],
)
def test_a_change_of_grade_gives_the_past_and_the_new(module, sentence: str, expected) -> None:
    assert sorted(_areas(module.judge(sentence))) == sorted(expected)


@pytest.mark.parametrize(
    ("module", "sentence", "expected"),
    [
        (
            peel_pillars,
            "Kent Police has received an outstanding grade for efficiency and a ‘good’ rating "
            "for legitimacy.",
            [("peel_efficiency", "outstanding"), ("peel_legitimacy", "good")],
        ),
        (
            peel_2018,
            "The force received an ‘outstanding’ grade for its work preventing crime and a "
            "‘good’ grading for investigating crime.",
            [("peel_preventing_crime", "outstanding"), ("peel_investigating_crime", "good")],
        ),
        (peel_pillars, "The force has a good rating system for its officers.", []),
    ],
)
def test_a_grade_as_the_attribute_of_a_grade_noun(module, sentence: str, expected) -> None:
    assert _areas(module.judge(sentence)) == expected


def test_a_list_repeating_its_preposition_after_commas() -> None:
    hits = peel_2018.judge(
        "Inspectors found the force was good in its treatment of the public, in "
        "investigating crime and in developing a positive workplace."
    )
    assert _areas(hits) == [
        ("peel_treatment_of_the_public", "good"),
        ("peel_investigating_crime", "good"),
        ("peel_developing_positive_workplace", "good"),
    ]
    # A comma-clause that is not an area's name is not in the list.
    assert _areas(peel_2018.judge("The force is good in investigating crime, in part.")) == [
        ("peel_investigating_crime", "good")
    ]


def test_forces_named_after_the_grade_they_were_given() -> None:
    release = _release(
        "PEEL: police legitimacy – national press release\n\n"
        "HMICFRS has published its assessment of police legitimacy for every force.\n\n"
        "The forces judged inadequate were: Kent Police and Surrey Police.\n\n"
        "Forces judged to require improvement included Essex Police.\n\n"
        "The force graded outstanding was Durham Constabulary.\n"
    )
    assert {(j.force, j.area, j.value) for j in release.judgements} == {
        ("Kent Police", "peel_legitimacy", "inadequate"),
        ("Surrey Police", "peel_legitimacy", "inadequate"),
        ("Essex Police", "peel_legitimacy", "requires improvement"),
        ("Durham Constabulary", "peel_legitimacy", "outstanding"),
    }


def test_area_and_grade_lines_that_ran_together() -> None:
    release = _release(
        "Essex Police graded in its PEEL inspection\n\n"
        "Published 3 May 2023\n\n"
        "HMICFRS has published its PEEL inspection of Essex Police. The force was graded:\n\n"
        "Preventing crime and anti-social behaviour: Good\n"
        "Responding to the public: Requires improvement\n"
        "Investigating crime: Adequate\n"
    )
    assert _verdicts(release) == {
        ("Essex Police", "peel_preventing_crime", "good"),
        ("Essex Police", "peel_responding_to_the_public", "requires improvement"),
        ("Essex Police", "peel_investigating_crime", "adequate"),
    }


def test_an_undated_release_grading_areas_of_the_programme_since_2021() -> None:
    # No year and no "areas of policing": the grades themselves ("adequate", "a positive
    # workplace") say which programme it is.
    release = _release(
        "Good grades for Kent Police\n\n"
        "Kent Police has received an outstanding grade for preventing crime in its latest "
        "PEEL inspection by the inspectorate.\n\n"
        "The force was also rated good for developing a positive workplace, and adequate "
        "for investigating crime.\n"
    )
    assert _verdicts(release) == {
        ("Kent Police", "peel_preventing_crime", "outstanding"),
        ("Kent Police", "peel_developing_positive_workplace", "good"),
        ("Kent Police", "peel_investigating_crime", "adequate"),
    }


def test_a_section_heading_naming_its_force_before_a_dash() -> None:
    release = _release(
        "Anti-social behaviour inspection – force press releases\n\n"
        "HMIC has today published its follow-up inspections of anti-social behaviour.\n\n"
        "Kent Police makes good progress\n\n"
        "Kent Police has made good progress since 2010.\n\n"
        "Surrey Police – more to do for victims\n\n"
        "Surrey Police has made limited progress. Satisfaction among its victims is below "
        "the national average.\n\n"
        "Essex Police – still improving\n\n"
        "It has made some progress, and its victims' satisfaction is in line with the "
        "national average.\n"
    )
    assert ("Essex Police", "asb_progress", "some progress") in _verdicts(release)
    assert ("Essex Police", "asb_victim_satisfaction_vs_national", "in line") in _verdicts(release)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The force now identifies repeat and vulnerable victims at the first point of "
            "contact in all of the calls examined.",
            ["consistent"],
        ),
        (
            "Surrey Police has a system in place to identify repeat and vulnerable victims "
            "when they call.",
            ["consistent"],
        ),
        (
            "The force has a process in place to identify repeat and vulnerable victims, but it "
            "is not always used.",
            ["inconsistent"],
        ),
        (
            "Essex Police does not yet have a system that allows it to identify repeat and "
            "vulnerable callers in every case.",
            ["inconsistent"],
        ),
        (
            "Until it can identify repeat and vulnerable victims in every case, some victims "
            "will not get help.",
            ["inconsistent"],
        ),
    ],
)
def test_asb_identification_every_time_or_by_a_means_in_place(sentence: str, expected) -> None:
    hits = [v for a, v, _ in asb.judge(sentence) if a == "asb_repeat_vulnerable_identification"]
    assert hits == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The pillars named as nouns after one grade, and after "all three ... :".
        (
            "The inspection graded the force inadequate for effectiveness, efficiency and "
            "legitimacy.",
            [
                ("peel_effectiveness", "inadequate"),
                ("peel_efficiency", "inadequate"),
                ("peel_legitimacy", "inadequate"),
            ],
        ),
        (
            "Sussex Police has been rated as good across all three areas of its annual "
            "inspection: effectiveness, efficiency and legitimacy.",
            [
                ("peel_effectiveness", "good"),
                ("peel_efficiency", "good"),
                ("peel_legitimacy", "good"),
            ],
        ),
        # A count is no verdict.
        ("The force was graded inadequate in all three areas of its PEEL inspection.", []),
        # A past grade the change starts from, with no 'to'.
        (
            "The force’s grade for effectiveness has declined from good in 2017.",
            [("peel_effectiveness", "good", "restated")],
        ),
    ],
)
def test_peel_pillar_lists_and_past_grades(sentence: str, expected) -> None:
    assert sorted(_areas(peel_pillars.judge(sentence))) == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The constabulary was found to be good at investigating crime, managing offenders "
            "and suspects, and developing a positive workplace.",
            [
                ("peel_investigating_crime", "good"),
                ("peel_managing_offenders", "good"),
                ("peel_developing_positive_workplace", "good"),
            ],
        ),
        (
            "It was adequate in how it treats the public, how it prevents crime and how it "
            "makes good use of its resources.",
            [
                ("peel_treatment_of_the_public", "adequate"),
                ("peel_preventing_crime", "adequate"),
                ("peel_good_use_of_resources", "adequate"),
            ],
        ),
    ],
)
def test_peel_area_lists_of_how_clauses_and_offenders_and_suspects(sentence: str, expected) -> None:
    assert sorted(_areas(peel_2018.judge(sentence))) == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "HMIC has graded Essex Police’s crime recording as ‘good’ following an inspection "
            "of the force.",
            [("crime_data_integrity", "good")],
        ),
        (
            "Derbyshire Constabulary’s crime recording has been rated as good by the "
            "inspectorate, up from ‘requires improvement’ in 2016.",
            [
                ("crime_data_integrity", "good"),
                ("crime_data_integrity", "requires improvement", "restated"),
            ],
        ),
        (
            "HMICFRS has graded the force as good for crime data integrity, which is an "
            "improvement on the ‘inadequate’ grade it received last time.",
            [("crime_data_integrity", "good"), ("crime_data_integrity", "inadequate", "restated")],
        ),
        # A rise in a figure, not a grade.
        ("The force now records 93 percent of crimes, up from 83 percent.", []),
    ],
)
def test_crime_recording_grades_after_their_object_and_past_grades(sentence: str, expected) -> None:
    assert sorted(_areas(crime_data_integrity.judge(sentence))) == sorted(expected)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The force has been placed into an enhanced stage of monitoring by the inspectorate.",
            ["entered"],
        ),
        (
            "Avon and Somerset Police has been placed into a phase of enhanced monitoring.",
            ["entered"],
        ),
        (
            "In May the Chief Inspector moved the force into our enhanced process of monitoring, "
            "known as Engage.",
            ["entered"],
        ),
        (
            "The force has been stood down from the enhanced monitoring process known as Engage.",
            ["removed"],
        ),
        ("Forces may be escalated to an enhanced stage of monitoring.", []),
    ],
)
def test_engage_stage_and_phase_wordings(sentence: str, expected: list) -> None:
    assert [v for _a, v, _o in engage.judge(sentence)] == expected


def test_assessment_page_pillar_headings_then_grades() -> None:
    text = (
        "Essex 2017\n\nThis is HMICFRS’s fourth PEEL (police effectiveness, efficiency and "
        "legitimacy) assessment of Essex Police.\n\n"
        "Effectiveness\n\nGood\n\nEfficiency\n\nRequires improvement\n\n"
        "Legitimacy\n\nOutstanding\n\nLeadership\n\nNot graded\n"
    )
    assert _verdicts(_release(text, "")) == {
        ("Essex Police", "peel_effectiveness", "good"),
        ("Essex Police", "peel_efficiency", "requires improvement"),
        ("Essex Police", "peel_legitimacy", "outstanding"),
    }


def test_assessment_page_naming_crime_recording_is_peel() -> None:
    text = (
        "Surrey 2014\n\nThis is the first PEEL Assessment of Surrey Police. In making this "
        "assessment I have used my professional judgment to consider the evidence.\n\n"
        "the efficiency with which the force carries out its responsibilities is good; and\n\n"
        "the force is acting to achieve fairness and legitimacy in most of its practices. "
        "However, HMIC had concerns about the force’s crime recording.\n"
    )
    release = _release(text, "")
    assert release.topic == "PEEL assessment"
    assert _verdicts(release) == {("Surrey Police", "peel_efficiency", "good")}


def test_areas_grouped_under_their_grade_headings() -> None:
    text = (
        "PEEL 2021/22: An inspection of Essex Police\n\nOur judgements\n\nGood\n\n"
        "Investigating crime\n\nManaging offenders and suspects\n\nAdequate\n\n"
        "Preventing crime and anti-social behaviour\n\nRequires improvement\n\n"
        "Responding to the public\n\nHMI’s observations\n\n"
        "Investigating crime is a strength of the force.\n"
    )
    assert _verdicts(_release(text, "")) == {
        ("Essex Police", "peel_investigating_crime", "good"),
        ("Essex Police", "peel_managing_offenders", "good"),
        ("Essex Police", "peel_preventing_crime", "adequate"),
        ("Essex Police", "peel_responding_to_the_public", "requires improvement"),
    }


def test_area_heading_after_a_grade_outside_a_judgements_list_is_not_grouped() -> None:
    text = (
        "PEEL 2021/22: An inspection of Essex Police\n\nResponding to the public\n\nGood\n\n"
        "Investigating crime\n\nThe force investigates crime well.\n"
    )
    verdicts = _verdicts(_release(text, ""))
    assert ("Essex Police", "peel_investigating_crime", "good") not in verdicts


def test_asb_systems_in_place_which_identify() -> None:
    sentence = (
        "The force has systems in place which automatically identify repeat and vulnerable "
        "callers whenever an incident is reported."
    )
    hits = [v for a, v, _ in asb.judge(sentence) if a == "asb_repeat_vulnerable_identification"]
    assert hits == ["consistent"]


# Round 7: verdict wordings of other releases (forces, grades and years of their own).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One pillar named only as "an inspection of police efficiency".
        (
            "Avon and Somerset Constabulary graded by HMIC\n\nAvon and Somerset Constabulary "
            "has been graded as 'good' overall in an inspection of police efficiency.",
            {("Avon and Somerset Constabulary", "peel_efficiency", "good")},
        ),
        (
            "Cumbria Constabulary awarded a 'good' grading\n\nCumbria Constabulary has been "
            "awarded an 'outstanding' grading for legitimacy by the inspectorate.",
            {("Cumbria Constabulary", "peel_legitimacy", "outstanding")},
        ),
        (
            "Gwent Police still requires improvement\n\nGwent Police's efficiency is still "
            "rated as requires improvement, the inspectorate said.",
            {("Gwent Police", "peel_efficiency", "requires improvement")},
        ),
        # The effectiveness question's words, in a release naming no pillar.
        (
            "Kent Police continues to be outstanding\n\nKent Police continues to be outstanding "
            "at keeping people safe and reducing crime, according to HMICFRS.",
            {("Kent Police", "peel_effectiveness", "outstanding")},
        ),
        # A grade table flattened to one line under its header.
        (
            "PEEL 2016: Essex Police\n\nEssex Police has been inspected as part of the PEEL "
            "assessment.\n\nPillar Grade Effectiveness Requires improvement Efficiency Good "
            "Legitimacy Outstanding",
            {
                ("Essex Police", "peel_effectiveness", "requires improvement"),
                ("Essex Police", "peel_efficiency", "good"),
                ("Essex Police", "peel_legitimacy", "outstanding"),
            },
        ),
        # All three pillars (a count of "three areas" is no verdict).
        (
            "PEEL 2017: Kent Police\n\nIn its PEEL assessment, Kent Police was judged "
            "outstanding across all three pillars.",
            {
                ("Kent Police", "peel_effectiveness", "outstanding"),
                ("Kent Police", "peel_efficiency", "outstanding"),
                ("Kent Police", "peel_legitimacy", "outstanding"),
            },
        ),
        ("PEEL 2017: Kent Police\n\nKent Police was judged good in three areas.", set()),
        # "considered good at", "rated as adequate too".
        (
            "PEEL 2023–25: Surrey Police\n\nSurrey Police was considered adequate at "
            "investigating crime. Its treatment of the public was rated as good too.",
            {
                ("Surrey Police", "peel_investigating_crime", "adequate"),
                ("Surrey Police", "peel_treatment_of_the_public", "good"),
            },
        ),
    ],
)
def test_round7_grade_wordings(text, expected):
    assert _verdicts(_release(text)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In Kent, progress has been limited since 2010.", [("asb_progress", "limited progress")]),
        ("Progress in Surrey was slow.", [("asb_progress", "slow progress")]),
        ("Progress has been good in tackling repeat calls.", []),
    ],
)
def test_round7_asb_progress_as_subject(sentence, expected):
    assert [h for h in _areas(asb.judge(sentence)) if h[0] == "asb_progress"] == expected


def test_round7_enters_engage():
    assert _areas(engage.judge("Lancashire Constabulary enters Engage after an inspection.")) == [
        ("engage_monitoring", "entered")
    ]


def test_round7_quotation_broken_by_its_attribution():
    text = (
        "Inspectors praise Essex Police\n\nEssex Police was inspected on its effectiveness.\n\n"
        '"The force is good," she said, "at keeping people safe and reducing crime."'
    )
    assert _verdicts(_release(text)) == {("Essex Police", "peel_effectiveness", "good")}


def test_round7_programme_years_in_the_address():
    text = (
        "Report praises Dorset Police\n\nDorset Police has been praised by inspectors.\n\n"
        "The force was rated outstanding in the way it treats members of the public."
    )
    release = _release(text, url="https://www.dorset.police.uk/news/peel-2024-report/")
    assert _verdicts(release) == {("Dorset Police", "peel_treatment_of_the_public", "outstanding")}


def test_a_force_own_page_that_never_names_the_force_is_about_it() -> None:
    text = (
        "Force response to the inspection\n\n"
        "Published 12/03/2017\n\n"
        "Chief Constable Jane Doe said the force would act on the inspectorate's findings.\n"
    )
    assert _release(text, url="https://www.northyorkshire.police.uk/news/x/").primary_force == (
        "North Yorkshire Police"
    )
    # The same words on the inspectorate's site name no force.
    assert (
        _release(text, url="https://www.justiceinspectorates.gov.uk/news/x/").primary_force is None
    )
