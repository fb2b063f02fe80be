"""Fire verdict shapes (issue 23): each a structure or a vocabulary entry, written here in
other services' and other words than the devset releases they were found in, so that a
rule fitted to one sentence fails."""

from __future__ import annotations

import pytest

from analysis.evaluate import document_from_text
from extractors.release import extract_release

RI = "requires improvement"
CUMBRIA = "Cumbria Fire and Rescue Service"


def _verdicts(text: str, title: str = "Cumbria Fire and Rescue Service inspection") -> set:
    release = extract_release(document_from_text(f"{title}\n\n{text}"))
    assert release.sector == "fire"
    return {(j.service, j.area, j.value) for j in release.judgements}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "need improving" is "requires improvement"; areas before it through "were all
        # areas which" (a relative clause: not every area).
        (
            "Preventing fires and promoting the right values and culture were all areas "
            "which need improving, inspectors said in their 2024 report.",
            {("frs_preventing_fires", RI), ("frs_values_and_culture", RI)},
        ),
        # A change told either way round: the new grade and the old one, for every area.
        (
            "In the 2022 report its grades for effectiveness and efficiency rose to good "
            "from requires improvement.",
            {
                ("frs_efficiency", "good"),
                ("frs_effectiveness", "good"),
                ("frs_efficiency", RI),
                ("frs_effectiveness", RI),
            },
        ),
        (
            "Two of its areas improved from 'inadequate' to 'good' in 2022, including "
            "'Future affordability' and 'Promoting the right values and culture'.",
            {
                ("frs_future_affordability", "good"),
                ("frs_values_and_culture", "good"),
                ("frs_future_affordability", "inadequate"),
                ("frs_values_and_culture", "inadequate"),
            },
        ),
        # A grade as the name of a set of areas, then the set.
        (
            "In its 2024 inspection, 'Good' areas included responding to fires and making "
            "best use of resources.",
            {("frs_responding_to_emergencies", "good"), ("frs_best_use_of_resources", "good")},
        ),
        # "compared to three which were 'good'" counts areas, it names none.
        (
            "In its 2024 inspection, fire prevention was one of eight areas that inspectors rated "
            "'adequate', compared to three which were 'good'.",
            {("frs_preventing_fires", "adequate")},
        ),
        # Along with: the areas after a grade that are not its clause's object.
        (
            "In 2022 the service was rated outstanding along with its training and skills "
            "and its fire prevention.",
            {
                ("frs_right_people_right_skills", "outstanding"),
                ("frs_preventing_fires", "outstanding"),
            },
        ),
    ],
)  # fmt: skip
def test_sentence_shapes(text: str, expected: set) -> None:
    assert _verdicts(text) == {(CUMBRIA, area, value) for area, value in expected}


def test_every_area_phrase_with_a_relative_clause_is_some_areas() -> None:
    # "all areas which ..." picks the areas named, not every area.
    assert _verdicts(
        "In its 2024 inspection, fire safety regulation and the response to emergencies were "
        "all areas which require improvement."
    ) == {
        (CUMBRIA, "frs_protecting_the_public", RI),
        (CUMBRIA, "frs_responding_to_emergencies", RI),
    }
    assert _verdicts("In its 2024 inspection, Cumbria was rated good in all areas.") == {
        (CUMBRIA, area, "good")
        for area in (
            "frs_understanding_risk", "frs_preventing_fires", "frs_protecting_the_public",
            "frs_responding_to_major_incidents", "frs_responding_to_emergencies",
            "frs_best_use_of_resources", "frs_future_affordability", "frs_values_and_culture",
            "frs_right_people_right_skills", "frs_fairness_and_diversity",
            "frs_managing_performance_and_leaders",
        )
    }  # fmt: skip


def test_layouts_a_lead_in_and_its_items() -> None:
    # A grade with its noun leading into items "Name – what it covers".
    text = (
        "Published 2022.\n\nThe service received a 'requires improvement' grade in both of its "
        "other pillars:\n\nPeople – how well it looks after its staff.\n\nEfficiency – how it "
        "spends its budget.\n\nInspectors will return next year."
    )
    assert _verdicts(text) == {(CUMBRIA, "frs_people", RI), (CUMBRIA, "frs_efficiency", RI)}


def test_a_national_release_lead_in_and_area_grade_lines() -> None:
    # A national report's local story: a paragraph naming one service leads into lines
    # that are an area and its grade.
    text = (
        "The annual assessment of fire and rescue services in England found that many "
        "services need to improve their culture.\n\nIn Cumbria, the fire service was "
        "rated as:\n\nEfficiency good\n\nEffectiveness: requires improvement\n\n"
        "People – inadequate"
    )
    found = _verdicts(text, title="Inspectors report on the state of fire services")
    assert found == {
        (CUMBRIA, "frs_efficiency", "good"),
        (CUMBRIA, "frs_effectiveness", RI),
        (CUMBRIA, "frs_people", "inadequate"),
    }


def test_a_round_up_sentence_pointing_back_to_the_service() -> None:
    text = (
        "The report, published in 2023, looked at every service in England.\n\n"
        "Cumbria Fire and Rescue Service is rated good in most areas. In particular the "
        "service was rated outstanding along with its culture and values.\n\n"
        "Devon and Somerset Fire and Rescue Service was also inspected."
    )
    found = _verdicts(text, title="Inspectors publish annual fire report")
    assert (CUMBRIA, "frs_values_and_culture", "outstanding") in found
    assert not any(s != CUMBRIA for s, *_ in found)


def test_a_grade_of_one_round_only_sets_the_releases_round() -> None:
    # Undated, a year of the previous round named: "adequate" is a 2023-25 grade.
    text = (
        "The service said it was pleased, after it was told to improve in the previous "
        "inspection in 2021.\n\nPreventing fires was judged to be 'adequate'."
    )
    assert _verdicts(text) == {(CUMBRIA, "frs_preventing_fires", "adequate")}


def test_a_headline_states_its_services_grades() -> None:
    found = _verdicts(
        "Inspectors published their second report on the service in 2022.",
        title="Cumbria Fire and Rescue Service's efficiency moves to good from inadequate",
    )
    assert found == {
        (CUMBRIA, "frs_efficiency", "good"),
        (CUMBRIA, "frs_efficiency", "inadequate"),
    }


def test_a_quoted_pillar_name() -> None:
    assert _verdicts("In 2022, its ‘People’ area, which requires improvement, was ...") == {
        (CUMBRIA, "frs_people", RI)
    }


def test_an_area_grade_line_with_a_negation_or_a_wish_is_no_verdict() -> None:
    text = (
        "In 2022 inspectors reported.\n\nUnderstanding risk was not good\n\n"
        "Fire prevention should be outstanding\n\nEfficiency good"
    )
    assert _verdicts(text) == {(CUMBRIA, "frs_efficiency", "good")}
