"""What the judgement rules did not read (extractors.gaps): grade words near an area phrase
or a force that gave no judgement, on real extraction."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from analysis.evaluate import document_from_text, read_labelled
from extractors.gaps import find_gaps
from extractors.records import Document, Judgement
from extractors.release import extract_release

from .conftest import DEVSET, SEEDS, sample_text

# A PEEL release: one area read ("good at investigating crime"), one graded in a shape the
# rules do not read (the grade far after its area, in a clause of its own), and a grade
# used attributively ("good work").
RELEASE = (
    "Kent Police PEEL 2022 results\n\n"
    "HMICFRS has published its PEEL 2021/22 inspection of Kent Police today.\n\n"
    "Kent Police is good at investigating crime, the inspectorate said.\n\n"
    "When it comes to treatment of the public, we found the picture "
    "outstanding, according to the report.\n\n"
    "The force does good work with partners.\n"
)


def _release(text: str, url: str = "https://www.kent.police.uk/news/peel-2022/"):
    return extract_release(document_from_text(text), url=url)


def test_a_graded_area_the_rules_do_not_read_is_a_gap():
    release = _release(RELEASE)
    read = {(j.area, j.value) for j in release.judgements}
    assert ("peel_investigating_crime", "good") in read
    assert not any(j.area == "peel_treatment_of_the_public" for j in release.judgements)
    assert [(g.grade, g.why) for g in release.gaps] == [
        ("outstanding", "grade word near area 'treatment of the public' but no verdict read")
    ]
    assert release.gaps[0].text.startswith("When it comes to treatment of the public")


def test_attributive_grades_and_read_lines_are_not_gaps():
    judgement = Judgement(
        "Kent Police",
        "peel_investigating_crime",
        "good",
        "Kent Police is good at investigating crime.",
    )
    body = [
        "Kent Police is good at investigating crime.",  # read: it is the evidence
        "It remains good at investigating crime, as last year.",  # the same verdict again
        "The force does good work on investigating crime with partners.",  # attributive
        "It has a good understanding of how to protect vulnerable people.",  # attributive
        "This is good news for the people of Kent.",  # no area, no force
    ]
    assert find_gaps(body, [judgement]) == ()
    # Without the judgement, the read lines are gaps and the attributive ones still are not.
    assert [g.text for g in find_gaps(body, [])] == body[:2]


def test_a_force_with_a_grade_but_no_area_is_a_gap():
    gaps = find_gaps(["Overall, HMICFRS judged Kent Police as ‘requires improvement’."], [])
    assert [(g.grade, g.why) for g in gaps] == [
        ("requires improvement", "grade word near force 'Kent Police' but no area")
    ]


def test_an_engage_movement_not_read_is_a_gap_and_a_possibility_is_not():
    gaps = find_gaps(
        [
            "Last year the force was placed in special measures by the inspectorate.",
            "The force may be moved into Engage if it does not improve.",
        ],
        [],
    )
    assert [(g.grade, g.text[:20]) for g in gaps] == [("entered", "Last year the force ")]
    read = Judgement("Kent Police", "engage_monitoring", "entered", "elsewhere")
    assert find_gaps(["Last year the force was placed in special measures."], [read]) == ()


def test_the_samples_and_seeds_have_no_gaps():
    """Releases whose verdicts are all read give no gaps (the demo's samples, the seeds)."""
    texts = [sample_text(n) for n in ("staffordshire-asb-2012.txt", "west-mercia-asb-2012.txt")]
    if SEEDS.is_dir():
        texts += [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for text in texts:
        release = _release(text, url="")
        assert release.judgements
        assert release.gaps == ()


def test_extraction_never_raises_on_odd_paragraphs():
    document = Document("text/plain", None, ("good", "", "x" * 30_000 + " good at investigating"))
    assert isinstance(extract_release(document).gaps, tuple)
    assert find_gaps(["", "good", None], []) == ()  # type: ignore[list-item]


@pytest.mark.skipif(not DEVSET.is_dir(), reason="../shared/devset not present")
def test_gaps_cost_well_under_a_millisecond_per_document():
    from extractors.release import _split

    times = []
    for item in read_labelled(Path(DEVSET)):
        document = document_from_text(item.text)
        release = extract_release(document, url=item.url)
        body = _split(document, item.url).body
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            find_gaps(body, release.judgements)
            best = min(best, time.perf_counter() - start)
        times.append(best)
    assert statistics.median(times) < 0.001


def test_evaluate_gaps_prints_each_documents_unread_lines(tmp_path: Path):
    import json

    from typer.testing import CliRunner

    from flows.cli import app

    (tmp_path / "201.txt").write_text(
        "URL: https://www.kent.police.uk/news/peel-2022/\n\n" + RELEASE, "utf-8"
    )
    labels = {
        "title": "Kent Police PEEL 2022 results",
        "primary_force": "Kent Police",
        "judgements": [
            {"force": "Kent Police", "area": "peel_investigating_crime", "value": "good"},
            {
                "force": "Kent Police",
                "area": "peel_treatment_of_the_public",
                "value": "outstanding",
            },
        ],
    }
    (tmp_path / "201.json").write_text(json.dumps(labels), "utf-8")
    # A fully read document prints no gaps.
    (tmp_path / "202.txt").write_text(sample_text("west-mercia-asb-2012.txt"), "utf-8")
    (tmp_path / "202.json").write_text(json.dumps({"judgements": []}), "utf-8")

    result = CliRunner().invoke(app, ["evaluate", str(tmp_path), "--gaps"], terminal_width=400)

    assert "1 line(s) with a grade word and no verdict read, in 1 document(s)" in result.output
    assert "201 1 gap(s); labelled verdicts missed: 1" in result.output
    assert "outstanding: grade word near area 'treatment of the public'" in result.output
    assert "When it comes to treatment of the public" in result.output
    assert "202 " not in result.output
    without = CliRunner().invoke(app, ["evaluate", str(tmp_path)], terminal_width=400)
    assert "grade word near area" not in without.output


def test_a_restatement_in_another_areas_words_is_read():
    """ "Crime recording" is the crime-data integrity grade's phrase and PEEL's recording
    crime: a line grading it as a verdict read elsewhere is a restatement, not a gap."""
    line = "Sussex Police has been graded as good in terms of the accuracy of its crime recording."
    read = Judgement("Sussex Police", "crime_data_integrity", "good", "elsewhere")
    assert find_gaps([line], [read]) == ()
    other = Judgement("Sussex Police", "crime_data_integrity", "inadequate", "elsewhere")
    assert [g.grade for g in find_gaps([line], [other])] == ["good"]


def test_a_grade_before_a_capital_is_a_table_cell_not_an_attribute():
    """A grade list flattened to one line ("Effectiveness Good Efficiency Inadequate"):
    the word after a grade is the next cell, so the grade is not attributive."""
    gaps = find_gaps(["Our verdicts Effectiveness Good Efficiency Inadequate Legitimacy Good"], [])
    assert [(g.grade, g.why) for g in gaps] == [
        ("good", "grade word near area 'effectiveness' but no verdict read")
    ]


def test_a_count_of_areas_names_none_and_is_no_gap():
    line = (
        "HMICFRS graded Sussex Police's performance across nine areas of policing and found "
        "the force was ‘good’ in two areas, ‘adequate’ in four areas and inadequate in three."
    )
    assert find_gaps([line], []) == ()
    assert [g.grade for g in find_gaps(["HMICFRS judged Sussex Police as good overall."], [])] == [
        "good"
    ]
