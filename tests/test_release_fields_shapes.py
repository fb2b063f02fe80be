"""Field shapes from real releases: datelines with times, bylines and Welsh dates; page
stamps; headlines after page chrome or run into their lead; the primary force of a
round-up and of a one-block story."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.fields.dates import find_dates, stated_publication_date

# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("9fed Medi 2014", dt.date(2014, 9, 9)),
        ("1af Mawrth 2016", dt.date(2016, 3, 1)),
        ("Dydd Mawrth 21ain Mai 2019", dt.date(2019, 5, 21)),
        ("12 Hydref 2022", dt.date(2022, 10, 12)),
    ],
)
def test_welsh_dates(text: str, day: dt.date) -> None:
    assert find_dates(f"({text})") == [day]


@pytest.mark.parametrize(
    ("paragraphs", "day"),
    [
        # A dateline with its time first (a news site's stamp under the headline).
        (["Police fail to record crimes", "6:44 am, 17th July 2018"], dt.date(2018, 7, 17)),
        (["Headline", "10:25 GMT, Thursday, 11 March 2010"], dt.date(2010, 3, 11)),
        # A dateline whose line ran into the byline.
        (["Priority needed for ASB", "Sep 23, 2010 By Dilwar Hussain"], dt.date(2010, 9, 23)),
        (["Headline", "23 September 2010 - By Jane Smith"], dt.date(2010, 9, 23)),
        # A Welsh page's dateline.
        (["PCC Welcomes Crime Data Integrity Report", "9fed Medi 2014"], dt.date(2014, 9, 9)),
        # A news page's stamp heading the page, when nothing else states the date.
        (
            ["Page last updated at 10:25 GMT, Thursday, 11 March 2010", "Police accused"],
            dt.date(2010, 3, 11),
        ),
    ],
)
def test_datelines_of_news_pages(paragraphs: list[str], day: dt.date) -> None:
    assert stated_publication_date(paragraphs) == day


@pytest.mark.parametrize(
    "paragraphs",
    [
        # A date that opens a sentence is no dateline, "By" or not.
        ["Headline", "23 September 2010 By then the force had changed its systems."],
        ["Headline", "17 July 2018 the force said it would act."],
        # An update stamp under a section heading, away from the page's head.
        ["Headline", "Lead.", "How efficient is the force?", "Page last updated 03/11/2016"],
    ],
)
def test_not_datelines(paragraphs: list[str]) -> None:
    assert stated_publication_date(paragraphs) is None


def test_stated_date_beats_a_page_stamp() -> None:
    paragraphs = ["Page last updated at 10:25 GMT, 12 March 2010", "Headline", "11 March 2010"]
    assert stated_publication_date(paragraphs) == dt.date(2010, 3, 11)
