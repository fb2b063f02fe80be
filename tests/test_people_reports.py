"""People and reports in the wordings of news copy and force pages: lower-case roles, a
force's area before a rank, people named by their body or by an office in another body,
and report titles set in running text."""

from __future__ import annotations

import pytest

from extractors.fields.people import find_people
from extractors.fields.reports import find_reports
from extractors.records import Person


def _pairs(paragraphs: list[str]) -> list[tuple[str, str]]:
    return [(p.name, p.role) for p in find_people(paragraphs)]


# --- people: roles in lower case ----------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The report said the force was failing victims, and inspector of constabulary "
            "Zoe Billingham described the shortfall as “of very great concern”.",
            [("Zoe Billingham", "inspector of constabulary")],
        ),
        (
            "The inspection of the custody suites by Dame Anne Owers, chief inspector of "
            "prisons, and Denis O'Connor, chief inspector of constabulary, found cells "
            "“varied in their cleanliness”.",
            [
                ("Anne Owers", "chief inspector of prisons"),
                ("Denis O'Connor", "chief inspector of constabulary"),
            ],
        ),
        (
            "In May interim Chief Constable Dave Jones and I commissioned a peer review.",
            [("Dave Jones", "interim Chief Constable")],
        ),
    ],
)
def test_roles_written_in_lower_case(sentence: str, expected: list) -> None:
    assert _pairs([sentence]) == expected


# --- people: a force's area before the rank ------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Derbyshire Chief Constable Mick Creedon. Photo contributed.",
            [("Mick Creedon", "Derbyshire Chief Constable")],
        ),
        (
            "Lincolnshire police deputy chief constable Craig Naylor said measures were taken.",
            [("Craig Naylor", "Lincolnshire police deputy chief constable")],
        ),
        (
            "The Comet: Bedfordshire police and crime commissioner Kathryn Holloway. Photo: "
            "Andy Watts",
            [("Kathryn Holloway", "Bedfordshire police and crime commissioner")],
        ),
        # The force's own name is a heading before the title, not part of it.
        (
            "Leicestershire Police Temporary Chief Constable Rob Nixon",
            [("Rob Nixon", "Temporary Chief Constable")],
        ),
        ("The Chief Constable Jane Doe said: “Good.”", [("Jane Doe", "Chief Constable")]),
        ("In Derbyshire, Chief Constable Jane Doe said so.", [("Jane Doe", "Chief Constable")]),
        (
            "Avon and Somerset Chief Constable Sarah Crew said so.",
            [("Sarah Crew", "Avon and Somerset Chief Constable")],
        ),
    ],
)
def test_area_before_a_rank(sentence: str, expected: list) -> None:
    assert _pairs([sentence]) == expected


# --- people: named by their body, or by an office in another body -------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("HMIC's Zoe Billingham said victims were let down.", [("Zoe Billingham", "HMIC")]),
        ("Andy Cooke, of HMICFRS, said: “I am pleased.”", [("Andy Cooke", "HMICFRS")]),
        (
            "The Association of Police Authorities chair Mark Burns-Williamson said more was "
            "needed.",
            [("Mark Burns-Williamson", "Association of Police Authorities chair")],
        ),
        (
            "Councillor Richard McCauley, Cabinet Member for Environmental Protection and "
            "Safer Communities welcomed the report.",
            [
                (
                    "Richard McCauley",
                    "Cabinet Member for Environmental Protection and Safer Communities",
                )
            ],
        ),
        (
            "Chair of the Police Federation John Apter said officers were stretched.",
            [("John Apter", "Chair of the Police Federation")],
        ),
        # A signature closing its paragraph (lines joined): name, then office.
        (
            "We ask that decent people live in peace and safety Derrick Campbell Adviser to "
            "Association of Chief Police Officers",
            [("Derrick Campbell", "Adviser to Association of Chief Police Officers")],
        ),
        ("The chair of the panel said the report was fair.", []),
        ("HMIC's report found the force good.", []),
        ("Jane Doe head of the unit spoke to staff at the station.", []),
    ],
)
def test_people_named_by_body_or_office(sentence: str, expected: list) -> None:
    assert _pairs([sentence]) == expected


def test_knighthood_is_an_honorific_not_part_of_the_name() -> None:
    sentence = (
        "Sir Denis O’Connor, Her Majesty’s Chief Inspector of Constabulary, said: “It’s a "
        "widespread issue.”"
    )
    assert _pairs([sentence]) == [
        ("Denis O’Connor", "Her Majesty’s Chief Inspector of Constabulary")
    ]


# --- reports --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "The report – Anti-Social Behaviour: Stop the Rot –  revealed a significant number "
            "of victims of ASB are members of the public who suffer from illness.",
            ["Anti-Social Behaviour: Stop the Rot"],
        ),
        (
            "The report, Policing in Austerity: One Year On, warned that forces must change.",
            ["Policing in Austerity: One Year On"],
        ),
    ],
)
def test_a_report_named_between_dashes_before_what_it_did(paragraph: str, expected) -> None:
    assert find_reports([paragraph]) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "Statement from Dr Jane Roe in response to the publication of Her Majesty’s "
            "Inspectorate of Constabulary (HMIC) PEEL: Police Efficiency 2016: “Nothing in "
            "this report comes as a surprise.”",
            ["PEEL: Police Efficiency 2016"],
        ),
        (
            "The police inspectorate has congratulated Northumbria Police on its performance. "
            "PEEL 2021/22 – An inspection of Northumbria Police His Majesty’s Inspectorate of "
            "Constabulary graded the force’s performance across nine areas.",
            ["PEEL 2021/22 – An inspection of Northumbria Police"],
        ),
        (
            "Read more in PEEL: Police legitimacy 2016 – A national overview on our website.",
            ["PEEL: Police legitimacy 2016 – A national overview"],
        ),
        # The programme named, not one of its reports.
        ("The force was inspected in the PEEL 2018/19 assessment.", []),
        ("PEEL: police efficiency is one of three pillars.", []),
    ],
)
def test_peel_titles_in_running_text(paragraph: str, expected: list) -> None:
    assert find_reports([paragraph]) == expected


def test_a_peel_title_that_is_the_headline_is_not_a_reference() -> None:
    headline = "PEEL: police efficiency 2017 - force press releases"
    assert find_reports([headline, "Forces were graded."], title=headline) == []


# --- people: a force's other ranks, bracketed abbreviations, letters after a name -----------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Chief Constable Sara Thornton CBE QPM said the force was pleased.",
            [("Sara Thornton", "Chief Constable")],
        ),
        (
            "Sara Thornton QPM, Chief Constable of Thames Valley Police, said: “Good.”",
            [("Sara Thornton", "Chief Constable of Thames Valley Police")],
        ),
        (
            "Police and Crime Commissioner (PCC) Martyn Underhill said: “We welcome it.”",
            [("Martyn Underhill", "Police and Crime Commissioner")],
        ),
        ("Inspector Jane Doe said the team had worked hard.", [("Jane Doe", "Inspector")]),
        ("HM Inspector Jane Doe said the force was good.", [("Jane Doe", "HM Inspector")]),
        (
            "Detective Sergeant Tom Lee said reports were recorded.",
            [("Tom Lee", "Detective Sergeant")],
        ),
        ("Det Ch Supt Tom Lee said: “We will improve.”", [("Tom Lee", "Det Ch Supt")]),
        ("DCI Ann Roe welcomed the findings.", [("Ann Roe", "DCI")]),
        (
            "Assistant Commissioner Helen King said the Met would act.",
            [("Helen King", "Assistant Commissioner")],
        ),
        (
            "Chief Fire Officer Dan Quin said the service would improve.",
            [("Dan Quin", "Chief Fire Officer")],
        ),
        ("The PC World store said nothing.", []),
        ("An inspector told the force to improve.", []),
    ],
)
def test_force_ranks_abbreviations_and_postnominals(sentence: str, expected: list) -> None:
    assert _pairs([sentence]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Chief Constable Catherine Roper believes the announcement is important.",
            [("Catherine Roper", "Chief Constable")],
        ),
        # A photo caption run into the text before it.
        (
            "Swindon Advertiser: Chief Constable Jane RoeChief Constable Jane Roe (Image: x)",
            [("Jane Roe", "Chief Constable")],
        ),
        ("The mischief Constable Jane Roe saw.", []),
        (
            "Chief Constable Jane Doe’s team has worked hard.",
            [("Jane Doe", "Chief Constable")],
        ),
        ("HM Inspector of Constabulary Lincolnshire Police’s plan", []),
    ],
)
def test_present_tense_and_captions_run_together(sentence: str, expected: list) -> None:
    assert _pairs([sentence]) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "The force has improved. Kent Police: Crime Data Integrity inspection 2018 HMICFRS "
            "found that the force records 90% of crimes.",
            ["Kent Police: Crime Data Integrity inspection 2018"],
        ),
        (
            "Published by HMICFRS Cumbria Constabulary - Crime Data Integrity re-inspection "
            "2019 shows gains.",
            ["Cumbria Constabulary - Crime Data Integrity re-inspection 2019"],
        ),
        ("The HMIC Crime Data Integrity inspection 2014 found problems.", []),
        ("Some Force Police: Crime Data Integrity inspection 2018 was read.", []),
    ],
)
def test_force_inspection_titles_in_running_text(paragraph: str, expected: list) -> None:
    assert find_reports([paragraph]) == expected


def test_a_force_inspection_title_that_is_the_headline_is_not_a_reference() -> None:
    headline = "Sussex Police: Crime Data Integrity inspection 2016"
    assert find_reports([headline, "The force was graded."], title=headline) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Jane Doe, Derbyshire Chief Constable, said the force was good.",
            [("Jane Doe", "Derbyshire Chief Constable")],
        ),
        (
            "Jane Doe, Lincolnshire police deputy chief constable, said: “We will act.”",
            [("Jane Doe", "Lincolnshire police deputy chief constable")],
        ),
        (
            "Jane Doe, Kent Police Chief Constable, said the force was good.",
            [("Jane Doe", "Kent Police Chief Constable")],
        ),
        ("Jane Doe, PCC for Kent, said the force was good.", [("Jane Doe", "PCC for Kent")]),
        ("Jane Doe, PCC, said the force was good.", [("Jane Doe", "PCC")]),
        ("Jane Doe, Some Place Chief Constable, said so.", []),
    ],
)
def test_area_and_pcc_after_a_name(sentence: str, expected: list) -> None:
    assert _pairs([sentence]) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Jane Doe, the Police and Crime Commissioner for Kent, said: “Good.”",
            [("Jane Doe", "Police and Crime Commissioner for Kent")],
        ),
        (
            "Jane Doe, Chief Constable of Kent Police welcomed the report.",
            [("Jane Doe", "Chief Constable of Kent Police")],
        ),
        (
            "HMIC Inspector Zoe Billingham said the force was good.",
            [("Zoe Billingham", "HMIC Inspector")],
        ),
    ],
)
def test_more_name_first_and_inspectorate_wordings(sentence: str, expected: list) -> None:
    assert _pairs([sentence]) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            ["“We will act on every finding.”", "Jane Doe", "Chief Constable of Kent Police"],
            [("Jane Doe", "Chief Constable of Kent Police")],
        ),
        (
            ["Derrick Campbell", "Adviser to Association of Chief Police Officers"],
            [("Derrick Campbell", "Adviser to Association of Chief Police Officers")],
        ),
        (["Read More", "Home Secretary"], []),
        (["Kent Police", "Chief Constable"], []),
    ],
)
def test_a_signature_in_two_paragraphs(paragraphs: list, expected: list) -> None:
    assert _pairs(paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraph", "name", "role"),
    [
        (
            "Jo Lee, Deputy Chief Constable of Kent Police, said: “We are delighted.”",
            "Jo Lee",
            "Deputy Chief Constable of Kent Police",
        ),
        (
            "His Majesty’s Inspector of Constabulary Jo Lee recently said: “The force is good.”",
            "Jo Lee",
            "His Majesty’s Inspector of Constabulary",
        ),
        (
            "Police and crime commissioner Lord Jo Lee said he welcomed both reports.",
            "Jo Lee",
            "Police and crime commissioner",
        ),
        (
            "In response Jo Lee, Police and Crime Commissioner for Devon, Cornwall and the "
            "Isles of Scilly, said it was good.",
            "Jo Lee",
            "Police and Crime Commissioner for Devon, Cornwall and the Isles of Scilly",
        ),
        (
            "Jo Lee, HM Inspector of Constabulary for the northern region, said it was good.",
            "Jo Lee",
            "HM Inspector of Constabulary for the northern region",
        ),
        (
            "Commissioner comments on HMIC Report Kent Police and Crime Commissioner Jo Lee "
            "has welcomed the report.",
            "Jo Lee",
            "Kent Police and Crime Commissioner",
        ),
    ],
)
def test_roles_of_news_copy_and_commissioners(paragraph: str, name: str, role: str) -> None:
    assert find_people([paragraph]) == [Person(name=name, role=role)]
