"""The structural verdict reader (extractors/rules/spans.py): areas named around a grade
used as a verdict, whatever the wording between them; and the release-level choices it
feeds (topic from verdicts, the grading scale, the release's own area)."""

from __future__ import annotations

import pytest

from extractors.records import Document
from extractors.release import extract_release
from extractors.rules import asb, crime_data_integrity, peel_2018, peel_pillars, topics
from extractors.rules.grades import AREA_VALUES, PILLAR_VALUES
from extractors.rules.spans import read_spans


def _areas(hits: list[tuple[str, str, int]]) -> set[tuple[str, str]]:
    return {(area, value) for area, value, _ in hits}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a grade, a rating noun, a dash, then the list of areas
        (
            "Three parts of its work earned a ‘good’ score – managing offenders, preventing "
            "crime and the use of resources.",
            {
                ("peel_managing_offenders", "good"),
                ("peel_preventing_crime", "good"),
                ("peel_good_use_of_resources", "good"),
            },
        ),
        # the areas as the subject, joined to the grade by "were given"
        (
            "How the force protects vulnerable people and the way it investigates crime were "
            "given inadequate ratings.",
            {
                ("peel_protecting_vulnerable_people", "inadequate"),
                ("peel_investigating_crime", "inadequate"),
            },
        ),
        # "the areas requiring improvement are X; Y, and Z"
        (
            "Inspectors said the areas requiring improvement were responding to the public; "
            "managing offenders, and developing a positive workplace.",
            {
                ("peel_responding_to_the_public", "requires improvement"),
                ("peel_managing_offenders", "requires improvement"),
                ("peel_developing_positive_workplace", "requires improvement"),
            },
        ),
        # "the 'adequate' areas included ..."
        (
            "The report said the ‘adequate’ areas included how the force treats the public "
            "and how it prevents crime.",
            {("peel_treatment_of_the_public", "adequate"), ("peel_preventing_crime", "adequate")},
        ),
        # two grades, each with its own areas after it
        (
            "It was given 'inadequate' for investigating crime and 'good' ratings for "
            "preventing crime and recording data about crime.",
            {
                ("peel_investigating_crime", "inadequate"),
                ("peel_preventing_crime", "good"),
                ("peel_recording_crime", "good"),
            },
        ),
        # counts name no area; the dash names the one area of the last count
        (
            "It found the force was ‘good’ in two areas, ‘adequate’ in four areas and "
            "‘inadequate’ in one area – managing offenders.",
            {("peel_managing_offenders", "inadequate")},
        ),
        # a clause break ends a grade's list
        (
            "The force is adequate at preventing crime but requires improvement in "
            "responding to the public.",
            {
                ("peel_preventing_crime", "adequate"),
                ("peel_responding_to_the_public", "requires improvement"),
            },
        ),
    ],
)
def test_areas_around_a_grade(sentence: str, expected: set[tuple[str, str]]) -> None:
    assert _areas(read_spans(sentence, peel_2018.CUES, AREA_VALUES)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The force aims to be good at investigating crime.",
        "The force must become outstanding at responding to the public.",
        "Officers showed good work in preventing crime.",
        "The force has a good understanding of how to protect vulnerable people.",
        "It is not adequate at managing offenders.",
    ],
)
def test_no_verdict(sentence: str) -> None:
    assert read_spans(sentence, peel_2018.CUES, AREA_VALUES) == []


def test_a_list_of_grades_each_with_its_pillar() -> None:
    sentence = (
        "The inspectorate graded Kent as good for efficiency, requires improvement for "
        "effectiveness and outstanding for legitimacy."
    )
    assert _areas(read_spans(sentence, peel_pillars.CUES, PILLAR_VALUES)) == {
        ("peel_efficiency", "good"),
        ("peel_effectiveness", "requires improvement"),
        ("peel_legitimacy", "outstanding"),
    }


def test_leadership_and_force_management_is_its_own_area() -> None:
    sentence = "The force was graded adequate for leadership and force management."
    assert _areas(read_spans(sentence, peel_2018.CUES, AREA_VALUES)) == {
        ("peel_leadership_and_force_management", "adequate")
    }


def test_pillars_with_overall() -> None:
    sentence = (
        "We have been rated ‘good’ overall for efficiency and ‘outstanding’ overall for "
        "legitimacy and effectiveness."
    )
    assert _areas(read_spans(sentence, peel_pillars.CUES, PILLAR_VALUES)) == {
        ("peel_efficiency", "good"),
        ("peel_legitimacy", "outstanding"),
        ("peel_effectiveness", "outstanding"),
    }


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The commissioner welcomed the ‘good’ grading from the inspectors.", "good"),
        ("Overall, the inspectorate has judged Kent Police as ‘inadequate’.", "inadequate"),
        ("The force was found to be inadequate by the watchdog.", "inadequate"),
        ("Its performance was assessed as ‘Good’ in the latest report.", "good"),
    ],
)
def test_default_area_for_a_bare_judged_grade(sentence: str, value: str) -> None:
    hits = read_spans(
        sentence,
        crime_data_integrity.CUES,
        crime_data_integrity.VALUES,
        default_area=crime_data_integrity.AREA,
    )
    assert _areas(hits) == {(crime_data_integrity.AREA, value)}


def test_no_default_area_for_a_grade_in_something_else() -> None:
    sentence = "The force was rated good at engaging with local communities."
    assert read_spans(sentence, (), PILLAR_VALUES, default_area="peel_legitimacy") == []


def test_topic_from_verdicts() -> None:
    assert (
        topics.topic_from_verdicts(["Two areas drew an ‘adequate’ score – X and use of resources."])
        == "PEEL assessment"
    )
    assert (
        topics.topic_from_verdicts(["The force was assessed as Good in terms of efficiency."])
        == "PEEL efficiency"
    )
    assert topics.topic_from_verdicts(["The weather was good."]) is None


def _release(*paragraphs: str, url: str = ""):
    return extract_release(Document("text/plain", None, tuple(paragraphs)), url=url)


def test_news_story_naming_no_programme_gets_its_area_grades() -> None:
    release = _release(
        "Inspection report rates Rutshire force highly",
        "Kent Police was praised by inspectors from HMICFRS on Tuesday.",
        "Four areas of its work drew a ‘good’ score – treatment of the public, managing "
        "offenders, developing a positive workplace and use of resources.",
        "The way officers investigate crime and how they respond to the public were given "
        "adequate ratings in the report.",
    )
    got = {(j.force, j.area, j.value) for j in release.judgements}
    assert ("Kent Police", "peel_investigating_crime", "adequate") in got
    assert ("Kent Police", "peel_good_use_of_resources", "good") in got
    assert len(got) == 6


def test_grading_scale_is_no_verdict() -> None:
    release = _release(
        "Kent Police rated good in PEEL 2021/22 inspection",
        "The PEEL inspection rates each area of policing as outstanding, good, adequate, "
        "requires improvement or inadequate, from treatment of the public to use of resources.",
    )
    assert release.judgements == ()


def test_overall_grade_after_the_questions() -> None:
    release = _release(
        "Crime data integrity inspection of Kent Police",
        "The inspection asked three questions:",
        "- How effective is the force at recording reported crime?",
        "- How well does the force demonstrate the leadership and culture necessary?",
        "Based on these criteria, overall HMICFRS has judged Kent Police as ‘inadequate’.",
    )
    got = {(j.force, j.area, j.value) for j in release.judgements}
    assert got == {("Kent Police", "crime_data_integrity", "inadequate")}


def test_a_drop_from_a_past_grade_is_restated() -> None:
    release = _release(
        "Kent Police rated inadequate in PEEL effectiveness inspection",
        "Kent Police’s overall ‘inadequate’ rating for effectiveness marks a drop from "
        "‘good’ in last year’s report.",
    )
    got = {(j.area, j.value, j.restated) for j in release.judgements}
    assert ("peel_effectiveness", "good", True) in got
    assert ("peel_effectiveness", "inadequate", False) in got


def test_forces_grouped_under_grades_in_a_one_pillar_round_up() -> None:
    release = _release(
        "PEEL: police efficiency 2016",
        "HMIC today published its national overview of how efficiently forces keep people "
        "safe and reduce crime.",
        "The grades were as follows:",
        "Outstanding: Durham, Kent",
        ":: Requires improvement",
        "Bedfordshire, Met Police, Devon and Cornwall and Dyfed-Powys",
        "Good news for the public is that most forces improved.",
    )
    got = {(j.force, j.area, j.value) for j in release.judgements}
    assert got == {
        ("Durham Constabulary", "peel_efficiency", "outstanding"),
        ("Kent Police", "peel_efficiency", "outstanding"),
        ("Bedfordshire Police", "peel_efficiency", "requires improvement"),
        ("Metropolitan Police Service", "peel_efficiency", "requires improvement"),
        ("Devon and Cornwall Police", "peel_efficiency", "requires improvement"),
        ("Dyfed-Powys Police", "peel_efficiency", "requires improvement"),
    }


def test_one_line_per_force_under_an_area_heading() -> None:
    release = _release(
        "PEEL 2021/22: how forces respond to the public",
        "The inspectorate graded every force on nine areas of policing.",
        "Responding to the public",
        "• Cleveland – Inadequate",
        "• Thames Valley: Adequate",
    )
    got = {(j.force, j.area, j.value) for j in release.judgements}
    assert ("Cleveland Police", "peel_responding_to_the_public", "inadequate") in got
    assert ("Thames Valley Police", "peel_responding_to_the_public", "adequate") in got


def test_area_and_grade_list_lines() -> None:
    release = _release(
        "Kent Police PEEL 2023–25 inspection",
        "The report is divided into individually graded areas:",
        "· Preventing crime – Good",
        "· Investigating crime – Requires improvement",
    )
    got = {(j.force, j.area, j.value) for j in release.judgements}
    assert ("Kent Police", "peel_preventing_crime", "good") in got
    assert ("Kent Police", "peel_investigating_crime", "requires improvement") in got


def test_report_into_one_pillar_of_a_force_sets_the_topic_and_its_grade() -> None:
    release = _release(
        "Commissioner comments on latest report",
        "The inspectorate have today published their report into the Efficiency of Kent "
        "Police. This is one of three reports a year that make up the PEEL assessment.",
        "Kent Police received an overall grading of ‘Good’ which was unchanged from last year.",
    )
    assert release.topic == "PEEL efficiency"
    got = {(j.force, j.area, j.value) for j in release.judgements}
    assert got == {("Kent Police", "peel_efficiency", "good")}


def test_a_count_of_forces_is_no_grade_for_the_force_named_before() -> None:
    hits = read_spans(
        "HMIC has graded one force (Kent Police) as outstanding; 20 forces as good.",
        (),
        PILLAR_VALUES,
        default_area="peel_efficiency",
    )
    assert _areas(hits) == {("peel_efficiency", "outstanding")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The force received the top rating for the way it recorded crime data.",
            {("peel_recording_crime", "outstanding")},
        ),
        (
            "It was rated adequate at answering 999 calls and good at looking after its workforce.",
            {
                ("peel_responding_to_the_public", "adequate"),
                ("peel_developing_positive_workplace", "good"),
            },
        ),
        (
            "The inadequate areas included how the force responds to calls, how it "
            "safeguards the most vulnerable and how it manages sex offenders.",
            {
                ("peel_responding_to_the_public", "inadequate"),
                ("peel_protecting_vulnerable_people", "inadequate"),
                ("peel_managing_offenders", "inadequate"),
            },
        ),
        (
            "Inspectors said it was good at preventing and deterring anti-social behaviour.",
            {("peel_preventing_crime", "good")},
        ),
    ],
)
def test_news_paraphrases_of_areas(sentence: str, expected: set[tuple[str, str]]) -> None:
    assert _areas(read_spans(sentence, peel_2018.CUES, AREA_VALUES)) == expected


def test_grade_table_rows_of_a_programme_named_after_its_inspection() -> None:
    release = _release(
        "Kent Police PEEL inspection report 2023–25",
        "Area | Grade",
        "Investigating crime | Requires improvement",
        "Protecting vulnerable people | Adequate",
        "Police powers and public treatment | Good",
    )
    assert release.topic == "PEEL 2023–25"
    got = {(j.area, j.value) for j in release.judgements}
    assert got == {
        ("peel_investigating_crime", "requires improvement"),
        ("peel_protecting_vulnerable_people", "adequate"),
        ("peel_treatment_of_the_public", "good"),
    }


def test_sub_area_list_lines_are_not_the_pillar_grade() -> None:
    release = _release(
        "Commissioner comments on latest report",
        "The inspectorate today published its report into the Effectiveness of Kent Police, "
        "one of the three reports that make up its PEEL assessment.",
        "Kent Police received an overall grading of ‘Requires Improvement’. The report is "
        "divided into four individually graded sections:",
        "· Crime Prevention – Good",
        "· Vulnerability – Inadequate",
    )
    got = {(j.area, j.value) for j in release.judgements}
    assert got == {("peel_effectiveness", "requires improvement")}


def test_coordinated_places_and_all_areas_in_a_pillar_release() -> None:
    release = _release(
        "Dyfed-Powys Police requires improvement, report says",
        "Dyfed-Powys Police requires improvement in its PEEL assessment.",
        "Kent and Essex police forces were deemed “good” in all areas while Surrey was "
        "graded “good” in effectiveness and efficiency but required improvement in the area "
        "of legitimacy.",
    )
    got = {(j.force, j.area, j.value) for j in release.judgements}
    for force in ("Kent Police", "Essex Police"):
        for pillar in ("peel_effectiveness", "peel_efficiency", "peel_legitimacy"):
            assert (force, pillar, "good") in got
    assert ("Surrey Police", "peel_effectiveness", "good") in got
    assert ("Surrey Police", "peel_legitimacy", "requires improvement") in got


def test_areas_found_to_require_improvement() -> None:
    sentence = (
        "Areas found to require improvement were responding to the public and investigating crime."
    )
    assert _areas(read_spans(sentence, peel_2018.CUES, AREA_VALUES)) == {
        ("peel_responding_to_the_public", "requires improvement"),
        ("peel_investigating_crime", "requires improvement"),
    }


def test_no_longer_needs_enhanced_monitoring_is_a_removal() -> None:
    from extractors.rules import engage

    assert _areas(engage.judge("Police force no longer needs ‘enhanced monitoring’")) == {
        ("engage_monitoring", "removed")
    }
    assert _areas(
        engage.judge("The force would now be removed from enhanced monitoring, it said.")
    ) == {("engage_monitoring", "removed")}


def test_a_commissioners_statement_is_about_the_commissioners_force() -> None:
    release = _release(
        "Police chief describes report as a pleasing reflection",
        "THE Dorset Police and Crime Commissioner has described the inspectorate’s report "
        "as a “pleasing reflection” of the region’s police force.",
        "The report assessed the constabulary as ‘good’ in terms of efficiency.",
        "Neighbouring Wiltshire Police was inspected last month.",
    )
    assert release.primary_force == "Dorset Police"
    assert {(j.force, j.area, j.value) for j in release.judgements} == {
        ("Dorset Police", "peel_efficiency", "good")
    }


def test_another_clause_after_a_grade_keeps_its_areas() -> None:
    sentence = (
        "Its recording of reports of violent crime is inadequate, and the force is also "
        "missing opportunities to safeguard vulnerable people."
    )
    assert _areas(read_spans(sentence, peel_2018.CUES, AREA_VALUES)) == {
        ("peel_recording_crime", "inadequate")
    }


def test_a_round_up_written_one_line_a_paragraph() -> None:
    """Plain text whose writer put each paragraph on its own line (no blank lines): a
    grade heading, then its line of bare place names."""
    from extractors import parse_document

    text = (
        "HM Inspectorate of Constabulary (HMIC) examined the efficiency of police forces "
        "in England and Wales, and what each force should do to keep people safe and reduce "
        "crime in the years to come.\n"
        "HMIC graded forces for their overall efficiency as follows:\n"
        ":: Outstanding\n"
        "Durham\n"
        ":: Good\n"
        "Avon & Somerset, Cambridgeshire, City of London, Dyfed-Powys, West Mercia,\n"
        ":: Requires improvement\n"
        "Devon and Cornwall, Met Police and Sussex\n"
    )
    release = extract_release(parse_document(text.encode()), url="")
    assert release.topic == "PEEL efficiency"
    got = {(j.force, j.value) for j in release.judgements if j.area == "peel_efficiency"}
    assert ("Durham Constabulary", "outstanding") in got
    assert ("West Mercia Police", "good") in got
    assert ("Metropolitan Police Service", "requires improvement") in got
    assert ("Sussex Police", "requires improvement") in got
    assert len(got) == 9


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Kent Police’s crime recording practices have been graded as ‘outstanding’ by HM "
            "Inspectorate of Constabulary.",
            {("crime_data_integrity", "outstanding")},
        ),
        (
            "The progress had been impressive, particularly its crime recording accuracy, which "
            "was found to be outstanding.",
            {("crime_data_integrity", "outstanding")},
        ),
        (
            "To be rated ‘Outstanding’ for recording reported crime is a fantastic achievement.",
            {("crime_data_integrity", "outstanding")},
        ),
    ],
)
def test_crime_recording_named_by_its_practices(sentence: str, expected) -> None:
    hits = read_spans(sentence, crime_data_integrity.CUES, crime_data_integrity.VALUES)
    assert _areas(hits) == expected


def test_peel_areas_graded_in_a_release_whose_lead_mentions_asb() -> None:
    release = _release(
        "Kent Police ‘outstanding at recording crime promptly and accurately’",
        "Kent Police has been rated ‘outstanding’ at recording data about crime, including "
        "anti-social behaviour, the police inspectorate said.",
        "It found the force was ‘adequate’ in five areas and ‘required improvement’ in three "
        "others – investigating crime, protecting vulnerable people and leadership and force "
        "management.",
    )
    assert release.topic == "PEEL assessment"
    got = {(j.area, j.value) for j in release.judgements}
    assert got == {
        ("peel_recording_crime", "outstanding"),
        ("peel_investigating_crime", "requires improvement"),
        ("peel_protecting_vulnerable_people", "requires improvement"),
        ("peel_leadership_and_force_management", "requires improvement"),
    }


def test_a_rating_accepted_as_the_overall_judgement() -> None:
    sentence = "We accept the rating of ‘Good’ as the overall judgment of this report."
    hits = read_spans(sentence, (), PILLAR_VALUES, default_area="peel_legitimacy")
    assert _areas(hits) == {("peel_legitimacy", "good")}


def test_asb_progress_continued() -> None:
    from extractors.rules import asb

    hits = asb.judge("Kent Police has continued to make progress in tackling ASB.")
    assert ("asb_progress", "progress") in _areas(hits)


def test_area_headings_each_followed_by_its_grade() -> None:
    release = _release(
        "PEEL 2023–25: An inspection of Kent Police",
        "Our judgements are below.",
        "Investigating crime",
        "Adequate",
        "How good is the force at preventing crime and anti-social behaviour?",
        "Good",
        "Responding to the public",
        "Requires improvement",
    )
    assert {(j.area, j.value) for j in release.judgements} == {
        ("peel_investigating_crime", "adequate"),
        ("peel_preventing_crime", "good"),
        ("peel_responding_to_the_public", "requires improvement"),
    }


def test_areas_grouped_under_grade_headings_are_not_pairs() -> None:
    release = _release(
        "PEEL 2023–25: An inspection of Kent Police",
        "Our judgements",
        "Good",
        "Investigating crime",
        "Protecting vulnerable people",
        "Adequate",
        "Responding to the public",
    )
    assert {(j.area, j.value) for j in release.judgements} == {
        ("peel_investigating_crime", "good"),
        ("peel_protecting_vulnerable_people", "good"),
        ("peel_responding_to_the_public", "adequate"),
    }


def test_a_grade_after_the_judged_force() -> None:
    sentence = (
        "Inspectors found the force inadequate at responding to the public and requires "
        "improvement at investigating crime."
    )
    assert _areas(read_spans(sentence, peel_2018.CUES, AREA_VALUES)) == {
        ("peel_responding_to_the_public", "inadequate"),
        ("peel_investigating_crime", "requires improvement"),
    }


def test_a_national_list_of_places_after_forces() -> None:
    release = _release(
        "PEEL: police efficiency 2016 national overview",
        "The forces rated outstanding for efficiency were Durham, Kent and Surrey.",
    )
    assert {(j.force, j.value) for j in release.judgements} == {
        ("Durham Constabulary", "outstanding"),
        ("Kent Police", "outstanding"),
        ("Surrey Police", "outstanding"),
    }


def test_taken_out_of_special_measures_by_pronoun() -> None:
    release = _release(
        "Kent Police removed from special measures",
        "Kent Police, which was placed in special measures in 2022, has now been taken out of "
        "them.",
    )
    got = {(j.value, j.superseded) for j in release.judgements}
    assert got == {("removed", False), ("entered", True)}


@pytest.mark.parametrize(
    ("paragraphs", "period"),
    [
        (
            (
                "PEEL 2021/22: An inspection of Kent Police",
                "Kent Police was graded adequate at investigating crime.",
            ),
            "2021/22",
        ),
        (
            (
                "PEEL: Police effectiveness 2016 – Kent Police",
                "Kent Police has been rated good at keeping people safe and reducing crime.",
            ),
            "2016",
        ),
        (
            (
                "Kent Police rated good",
                "In the 2018/19 integrated PEEL assessment, Kent Police was graded good for "
                "effectiveness.",
            ),
            "2018/19",
        ),
        (
            (
                "Kent Police crime recording",
                "Get the report",
                "Kent Police: Crime Data Integrity inspection 2018",
                "Kent Police has been rated good at crime recording.",
            ),
            "2018",
        ),
        (
            (
                "Kent Police rated good",
                "Kent Police has been rated good at keeping people safe and reducing crime in "
                "its PEEL effectiveness assessment.",
            ),
            None,
        ),
    ],
)
def test_judgements_carry_the_inspection_period_named(paragraphs, period) -> None:
    release = _release(*paragraphs)
    assert release.judgements
    assert {j.period for j in release.judgements} == {period}


def test_no_period_on_engage_and_recalled_verdicts_take_the_year_they_name() -> None:
    """A recalled verdict's year inside a round of several years is that round's period
    (2022 -> 2021/22, rules/data/periods.toml)."""
    release = _release(
        "PEEL 2023–25: An inspection of Kent Police",
        "Kent Police was graded good at investigating crime, up from inadequate in 2022.",
        "Kent Police has been moved into Engage.",
    )
    got = {(j.area, j.value, j.restated, j.period) for j in release.judgements}
    assert ("peel_investigating_crime", "good", False, "2023–25") in got
    assert ("peel_investigating_crime", "inadequate", True, "2021/22") in got
    assert ("engage_monitoring", "entered", False, None) in got


# --- issue 19: shapes of news stories nobody tuned to ---------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a semicolon list goes on past an item no cue names ("managing orders")
        (
            "Under the ‘adequate’ grade was: recording data about crime; preventing crime; "
            "managing orders; developing a positive workplace and leadership & force "
            "management.",
            {
                ("peel_recording_crime", "adequate"),
                ("peel_preventing_crime", "adequate"),
                ("peel_developing_positive_workplace", "adequate"),
                ("peel_leadership_and_force_management", "adequate"),
            },
        ),
        # two areas sharing one noun: "preventing and investigating crime"
        (
            "The force was rated adequate for preventing and investigating crime.",
            {("peel_preventing_crime", "adequate"), ("peel_investigating_crime", "adequate")},
        ),
        # the 2023-25 name of an area, long enough to end a list's gap
        (
            "Kent Police is now rated as Good in four areas namely preventing and deterring "
            "crime and anti-social behaviour and reducing vulnerability; managing offenders "
            "and suspects.",
            {("peel_preventing_crime", "good"), ("peel_managing_offenders", "good")},
        ),
    ],
)
def test_news_story_lists(sentence: str, expected: set[tuple[str, str]]) -> None:
    assert _areas(read_spans(sentence, peel_2018.CUES, AREA_VALUES)) == expected


def test_a_grade_offered_as_one_of_two_is_no_grade() -> None:
    sentence = (
        "The report stated that Kent Police is ‘good’ or ‘adequate’ in all areas, except "
        "investigating crime, where it ‘requires improvement’."
    )
    got = _areas(read_spans(sentence, peel_2018.CUES, AREA_VALUES))
    assert not {value for _, value in got} & {"good", "adequate"}
    release = _release("PEEL 2023–25: Kent Police", sentence)
    assert {(j.area, j.value) for j in release.judgements} == {
        ("peel_investigating_crime", "requires improvement")
    }


def test_this_grading_is_the_grade_the_sentence_before_gave() -> None:
    release = _release(
        "Inspection rates Rutshire force",
        "HMICFRS has graded Kent Police across nine areas with a grade of ‘Good’ being "
        "awarded for treating the public with fairness and respect.",
        "An additional grading has been included this year of ‘Adequate’ which means that "
        "the expected standards are being met.",
        "The force has received this grading in relation to preventing crime and protecting "
        "vulnerable people.",
    )
    assert {(j.force, j.area, j.value) for j in release.judgements} == {
        ("Kent Police", "peel_treatment_of_the_public", "good"),
        ("Kent Police", "peel_preventing_crime", "adequate"),
        ("Kent Police", "peel_protecting_vulnerable_people", "adequate"),
    }


def test_this_grading_without_a_grade_before_is_nothing() -> None:
    release = _release(
        "Kent Police inspection",
        "Kent Police was inspected by HMICFRS this year.",
        "The force has received this grading in relation to preventing crime.",
    )
    assert release.judgements == ()


def test_a_graded_pillar_keeps_its_sub_questions_out_of_the_areas_programme() -> None:
    release = _release(
        "PEEL: Police efficiency 2016 - Kent Police",
        "The extent to which the force is efficient at keeping people safe and reducing "
        "crime is good.",
        "Its use of resources to manage demand is assessed as good.",
    )
    got = {(j.area, j.value) for j in release.judgements}
    assert ("peel_efficiency", "good") in got
    assert not any(area == "peel_good_use_of_resources" for area, _ in got)


def test_rated_on_the_issue_is_the_releases_own_area() -> None:
    release = _release(
        "Crime recording: two forces inadequate",
        "HM Inspectorate of Constabulary (HMIC) judged Kent Police as “inadequate” after "
        "finding that it records only around 84% of crimes reported to it.",
        "Devon and Cornwall Police was also rated as “inadequate” on the issue.",
    )
    assert {(j.force, j.value) for j in release.judgements} == {
        ("Kent Police", "inadequate"),
        ("Devon and Cornwall Police", "inadequate"),
    }


def test_coming_out_of_special_measures() -> None:
    release = _release(
        "Kent Police improves",
        "In 2019 Kent Police was placed in special measures by the inspectorate, coming out "
        "of them in 2023.",
    )
    assert {(j.value, j.superseded) for j in release.judgements} == {
        ("removed", False),
        ("entered", True),
    }


@pytest.mark.parametrize(
    ("paragraphs", "period"),
    [
        # The year the sentence names.
        (
            (
                "Kent Police rated requires improvement",
                "Kent Police has been rated requires improvement for effectiveness, down from "
                "good in 2017.",
            ),
            "2017",
        ),
        (
            (
                "Kent Police rated requires improvement",
                "Kent Police has been rated requires improvement for effectiveness. In its "
                "2017 inspection, Kent Police was judged good for effectiveness.",
            ),
            "2017",
        ),
        # A lone year opening a round of several is left as written: it may be the year
        # the round before reported.
        (
            (
                "Kent Police rated good",
                "Kent Police was graded good at responding to the public.",
                "This is a significant improvement from the ‘inadequate’ grading it received "
                "in this area in 2023.",
            ),
            "2023",
        ),
        # "last inspection": the round before the release's own that graded the area.
        (
            (
                "PEEL 2023–25: An inspection of Kent Police",
                "Kent Police was graded adequate at investigating crime, up from requires "
                "improvement at our last inspection.",
            ),
            "2021/22",
        ),
        (
            (
                "PEEL: Police effectiveness 2017 – Kent Police",
                "Kent Police has been rated good at keeping people safe and reducing crime, "
                "up from requires improvement last year.",
            ),
            "2016",
        ),
        # The same in a release naming no period of its own: unknown, never a year taken
        # from the publication date.
        (
            (
                "Kent Police rated adequate",
                "13 March 2024",
                "Kent Police was graded adequate at investigating crime, up from requires "
                "improvement at our last inspection.",
            ),
            None,
        ),
    ],
)
def test_recalled_verdicts_take_the_period_they_belong_to(paragraphs, period) -> None:
    release = _release(*paragraphs)
    recalled = [j for j in release.judgements if j.restated]
    assert recalled, release.judgements
    assert {j.period for j in recalled} == {period}


def test_counted_forces_are_not_the_force_named_before() -> None:
    release = _release(
        "PEEL: Police legitimacy 2017 national findings",
        "In this year’s report, one force – Kent Police – has been graded as ‘outstanding’, "
        "35 as ‘good’, six forces as ‘requires improvement’ and no forces as ‘inadequate’.",
    )
    assert {(j.force, j.value) for j in release.judgements} == {("Kent Police", "outstanding")}


def test_a_grade_sentence_naming_forces_by_place() -> None:
    release = _release(
        "Durham Constabulary rated outstanding for effectiveness",
        "Durham Constabulary has become the only force in the country to be given the top "
        "rating for effectiveness.",
        "While rated good overall, both Northumbria and Cleveland were told they need to improve.",
    )
    got = {(j.force, j.value) for j in release.judgements}
    assert ("Durham Constabulary", "good") not in got
    assert ("Northumbria Police", "good") in got


@pytest.mark.parametrize(
    "paragraphs",
    [
        ("Kent Police rated good", "Kent Police was rated good in all three pillars by HMIC."),
    ],
)
def test_all_three_pillars_in_a_release_naming_no_programme(paragraphs) -> None:
    release = _release(*paragraphs)
    assert {(j.area, j.value) for j in release.judgements} == {
        ("peel_effectiveness", "good"),
        ("peel_efficiency", "good"),
        ("peel_legitimacy", "good"),
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "The forces now in special measures are Kent Police, Surrey Police and Sussex Police.",
        "Kent Police, Surrey Police and Sussex Police are now in the Engage process.",
    ],
)
def test_forces_now_in_enhanced_monitoring(sentence: str) -> None:
    release = _release("Forces in special measures", sentence)
    assert {(j.force, j.value) for j in release.judgements} == {
        ("Kent Police", "entered"),
        ("Surrey Police", "entered"),
        ("Sussex Police", "entered"),
    }


def test_grade_headings_with_a_lead_in_then_lines_of_forces() -> None:
    release = _release(
        "PEEL: police effectiveness 2016 national results",
        "Forces rated requires improvement",
        "Kent Police, Surrey Police",
        "Forces rated good",
        "Sussex Police",
    )
    assert {(j.force, j.value) for j in release.judgements} == {
        ("Kent Police", "requires improvement"),
        ("Surrey Police", "requires improvement"),
        ("Sussex Police", "good"),
    }


def test_a_grade_dated_in_its_own_clause_before_now_is_recalled() -> None:
    release = _release(
        "Kent Police crime recording",
        "Kent Police was graded inadequate for crime recording in 2014 and is now good.",
    )
    assert {(j.value, j.restated) for j in release.judgements} == {
        ("inadequate", True),
        ("good", False),
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "HMICFRS said the ‘outstanding’ areas included how the force disrupts organised "
            "crime and how it achieves value for money.",
            {
                ("peel_disrupting_serious_organised_crime", "outstanding"),
                ("peel_strategic_planning_value_for_money", "outstanding"),
            },
        ),
        # a list line led by its grade
        (
            "  • Adequate – developing a positive workplace",
            {("peel_developing_positive_workplace", "adequate")},
        ),
    ],
)
def test_more_news_shapes(sentence: str, expected: set[tuple[str, str]]) -> None:
    assert _areas(read_spans(sentence, peel_2018.CUES, AREA_VALUES)) == expected


def test_a_force_that_remains_in_engage_was_entered() -> None:
    release = _release(
        "Kent Police PEEL inspection",
        "Kent Police remains in the inspectorate’s enhanced monitoring stage, Engage.",
    )
    assert {(j.force, j.area, j.value) for j in release.judgements} == {
        ("Kent Police", "engage_monitoring", "entered")
    }


def test_an_engage_decision_in_the_headline() -> None:
    release = _release(
        "Kent Police removed from enhanced monitoring following significant improvements",
        "It was announced on Tuesday that the force has been taken out of a monitoring "
        "programme that was implemented due to its shortcomings.",
    )
    assert {(j.force, j.value) for j in release.judgements} == {("Kent Police", "removed")}


def test_a_news_rail_above_the_article_does_not_end_it() -> None:
    release = _release(
        "Latest News",
        "Latest News",
        "HM Inspectorate of Constabulary (HMIC) rated Kent Police as ‘good’ in its latest "
        "report into police legitimacy, the commissioner said today.",
    )
    assert {(j.force, j.area, j.value) for j in release.judgements} == {
        ("Kent Police", "peel_legitimacy", "good")
    }


def test_places_coordinated_with_a_named_force_share_its_grade() -> None:
    release = _release(
        "Crime recording: national findings",
        "HMICFRS rated two forces – Thames Valley and North Yorkshire – as “inadequate” for "
        "crime recording.",
    )
    assert {(j.force, j.value) for j in release.judgements} == {
        ("Thames Valley Police", "inadequate"),
        ("North Yorkshire Police", "inadequate"),
    }


_ROUND_UP = "PEEL: police efficiency 2016 – national findings"


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a paragraph a force under its grade heading
        (
            (
                "Good",
                "Kent Police has made savings.",
                "Surrey Police is well placed.",
                "Requires improvement",
                "Sussex Police must do more.",
            ),
            {
                ("Kent Police", "good"),
                ("Surrey Police", "good"),
                ("Sussex Police", "requires improvement"),
            },
        ),
        # a heading with its count, then its line of forces
        (
            (
                "Requires improvement (2 forces)",
                "Kent Police, Surrey Police",
                "Good (1 force)",
                "Sussex Police",
            ),
            {
                ("Kent Police", "requires improvement"),
                ("Surrey Police", "requires improvement"),
                ("Sussex Police", "good"),
            },
        ),
        # a paragraph giving a grade of its own is not the heading's
        (
            ("Requires improvement", "Kent Police", "Good", "Surrey Police was graded inadequate."),
            {("Kent Police", "requires improvement"), ("Surrey Police", "inadequate")},
        ),
    ],
)
def test_round_up_sections_under_grade_headings(paragraphs, expected) -> None:
    release = _release(_ROUND_UP, "HMIC graded every force in England and Wales.", *paragraphs)
    assert {(j.force, j.value) for j in release.judgements if not j.superseded} == expected


def test_good_on_all_counts_after_the_pillars_are_named() -> None:
    release = _release(
        "Kent Police PEEL 2016",
        "HMIC assessed how effective, efficient and legitimate Kent Police is at keeping "
        "people safe and reducing crime.",
        "The force was graded good on all counts.",
    )
    assert {(j.area, j.value) for j in release.judgements} == {
        ("peel_effectiveness", "good"),
        ("peel_efficiency", "good"),
        ("peel_legitimacy", "good"),
    }


def test_a_pillar_grade_recalled_in_an_areas_release() -> None:
    release = _release(
        "PEEL 2023–25: Kent Police",
        "Kent Police was graded adequate at investigating crime.",
        "In 2018/19, the force was rated good for effectiveness.",
    )
    got = {(j.area, j.value, j.restated) for j in release.judgements}
    assert got == {
        ("peel_investigating_crime", "adequate", False),
        ("peel_effectiveness", "good", True),
    }


def test_answering_calls_is_responding_to_the_public() -> None:
    sentence = "It was judged to require improvement in how quickly it answers calls."
    assert _areas(read_spans(sentence, peel_2018.CUES, AREA_VALUES)) == {
        ("peel_responding_to_the_public", "requires improvement")
    }


def test_in_this_area_is_the_area_the_sentence_before_graded() -> None:
    release = _release(
        "PEEL 2023–25: Kent Police",
        "Kent Police was rated as ‘good’ for its work in responding to the public. This is a "
        "significant improvement from the ‘inadequate’ grading it received in this area in "
        "2023.",
    )
    got = {(j.area, j.value, j.restated) for j in release.judgements}
    assert got == {
        ("peel_responding_to_the_public", "good", False),
        ("peel_responding_to_the_public", "inadequate", True),
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Chief Superintendent Stuart Williams said: “We are pleased with the report and "
            "have made great progress in reducing anti-social behaviour.",
            [],
        ),
        ("“I think we have made real progress,” the chief constable said.", []),
        (
            "HMIC found that Kent Police has made good progress since 2010.",
            [("asb_progress", "good progress")],
        ),
    ],
)
def test_asb_progress_the_force_claims_is_no_verdict(sentence: str, expected) -> None:
    assert [(area, value) for area, value, _ in asb.judge(sentence)] == expected


@pytest.mark.parametrize(
    ("paragraphs", "area"),
    [
        # the crime data integrity inspection's measure, recalled in Engage news
        (
            (
                "Kent Police removed from special measures",
                "Kent Police is no longer in special measures.",
                "HMICFRS praised its crime recording accuracy, which was found to be outstanding.",
            ),
            "crime_data_integrity",
        ),
        # the PEEL area, named by its old name in a PEEL release
        (
            (
                "PEEL 2023–25: Kent Police",
                "HMICFRS said the good area was crime data integrity.",
            ),
            "peel_recording_crime",
        ),
    ],
)
def test_crime_recording_grade_in_a_peel_or_engage_release(paragraphs, area) -> None:
    release = _release(*paragraphs)
    graded = {j.area for j in release.judgements if j.area != "engage_monitoring"}
    assert graded == {area}


def test_each_area_in_a_release_about_one_pillar_is_that_pillar() -> None:
    release = _release(
        "PEEL: police efficiency 2017 – Durham Constabulary",
        "Durham Constabulary was graded “outstanding” – the highest grade – in each area.",
    )
    assert {(j.area, j.value) for j in release.judgements} == {("peel_efficiency", "outstanding")}


def test_an_intensifier_between_the_link_and_the_grade() -> None:
    release = _release(
        "Crime recording: Kent Police",
        "HMICFRS published its crime data integrity report on Kent Police today.",
        "Kent Police was found to be “heavily inadequate” by the watchdog.",
    )
    assert {(j.area, j.value) for j in release.judgements} == {
        ("crime_data_integrity", "inadequate")
    }


def test_a_lead_in_ending_in_a_colon_heads_the_forces_after_it() -> None:
    release = _release(
        _ROUND_UP,
        "HMIC graded every force in England and Wales.",
        "The following forces were rated as requiring improvement:",
        "Kent Police",
        "Surrey Police",
        "The following were rated good:",
        "Sussex Police",
    )
    assert {(j.force, j.value) for j in release.judgements if not j.superseded} == {
        ("Kent Police", "requires improvement"),
        ("Surrey Police", "requires improvement"),
        ("Sussex Police", "good"),
    }


def test_these_included_gives_the_grade_of_unnamed_areas_to_the_list() -> None:
    release = _release(
        "Kent Police removed from special measures",
        "Kent Police entered special measures in 2021 when areas of its performance were "
        "judged to be inadequate.",
        "These included responding to the public, investigating crime and protecting "
        "vulnerable people.",
    )
    graded = {(j.area, j.value) for j in release.judgements if j.area != "engage_monitoring"}
    assert graded == {
        ("peel_responding_to_the_public", "inadequate"),
        ("peel_investigating_crime", "inadequate"),
        ("peel_protecting_vulnerable_people", "inadequate"),
    }


def test_these_were_after_a_grade_of_a_named_area_is_nothing() -> None:
    release = _release(
        "PEEL 2023–25: Kent Police",
        "Kent Police was rated good for investigating crime. These were the findings of the "
        "report, which also looked at protecting vulnerable people.",
    )
    assert {(j.area, j.value) for j in release.judgements} == {("peel_investigating_crime", "good")}


def test_a_forces_own_page_sub_question_grade_is_not_its_pillar_grade() -> None:
    release = _release(
        "PEEL: Police efficiency 2016 – Kent Police",
        "How well does the force understand demand?",
        "Good",
        "Kent Police has improved its understanding of the demand it faces.",
    )
    assert ("Kent Police", "peel_efficiency", "good") not in {
        (j.force, j.area, j.value) for j in release.judgements
    }
