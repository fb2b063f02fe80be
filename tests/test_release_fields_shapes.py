"""Field shapes from real releases: datelines with times, bylines and Welsh dates; page
stamps; headlines after page chrome or run into their lead; the primary force of a
round-up and of a one-block story."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.evaluate import document_from_text
from extractors.fields.dates import stated_publication_date
from extractors.fields.titles import find_title, headline_from_slug, is_caption
from extractors.patterns import find_dates
from extractors.release import extract_release
from extractors.rules.topics import find_topic

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


# --- titles -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "chrome",
    [
        "Skip to content Main content is below",
        "Main content is below",
        "Page last updated at 10:25 GMT, Thursday, 11 March 2010",
        "This is the archived version of Kent Police and Crime Commissioner. To view the new "
        "website click here",
        "Banner Image",
    ],
)
def test_page_chrome_before_the_headline(chrome: str) -> None:
    paragraphs = [chrome, "Commissioner comments on latest HMIC report", "The report says."]
    assert find_title(paragraphs)[0] == "Commissioner comments on latest HMIC report"


@pytest.mark.parametrize(
    ("paragraph", "url", "expected"),
    [
        # The slug drops small words and the lead opens with a new sentence.
        (
            "Concerns over Devon and Cornwall Police's performance There are concerns about "
            "the performance of Devon and Cornwall Police, the police inspectorate has said.",
            "https://x/news/news-feed/concerns-over-devon-and-cornwall-police-performance/",
            "Concerns over Devon and Cornwall Police's performance",
        ),
        # The slug shortens the force's name.
        (
            "North Wales Police still needs to improve how it records crime Her Majesty’s "
            "Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) has today "
            "published an assessment.",
            "https://x/news/news-feed/north-wales-still-needs-to-improve-how-it-records-crime/",
            "North Wales Police still needs to improve how it records crime",
        ),
        # The slug words its small words differently ("to the" for "on").
        (
            "RESPONSE ON HMIC PEEL EFFICIENCY REPORT NOVEMBER 2016 Statement from Dr Alan "
            "Billings in response to the publication of the report:",
            "https://x/news/response-to-the-hmic-peel-efficiency-report-november-2016/",
            "RESPONSE ON HMIC PEEL EFFICIENCY REPORT NOVEMBER 2016",
        ),
        # A headline on its own, ending with a full stop, that the slug spells out.
        (
            "Commissioner’s Response – HMIC Inspection – Northumbria Police’s response to the "
            "funding challenge.",
            "https://x/commissioners-response-hmic-inspection-northumbria-polices-response-"
            "funding-challenge/",
            "Commissioner’s Response – HMIC Inspection – Northumbria Police’s response to the "
            "funding challenge",
        ),
    ],
)
def test_headline_a_slug_says_its_own_way(paragraph: str, url: str, expected: str) -> None:
    assert find_title([paragraph, "Lead of the release, a sentence."], url=url)[0] == expected


@pytest.mark.parametrize(
    ("paragraph", "url"),
    [
        # The slug's words end inside a sentence that runs on in lower case.
        (
            "Concerns over Devon and Cornwall Police's performance were raised today by the "
            "inspectorate.",
            "https://x/news/concerns-over-devon-and-cornwall-police-performance/",
        ),
        # The possessive the slug drops, then a sentence running on.
        (
            "Essex Police’s crime recording praised in Chelmsford report today.",
            "https://x/news/essex-police-crime-recording/",
        ),
        # Words the slug has no place for.
        (
            "North Wales Force still needs to improve how it records crime Her Majesty’s "
            "Inspectorate has today published an assessment.",
            "https://x/news/north-wales-still-needs-to-improve-how-it-records-crime/",
        ),
    ],
)
def test_no_headline_where_the_slug_ends_mid_sentence(paragraph: str, url: str) -> None:
    assert headline_from_slug(paragraph, url) is None


@pytest.mark.parametrize(
    "caption",
    [
        "Leicestershire Police Temporary Chief Constable Rob Nixon",
        "Chief Constable Rob Nixon",
        "Police and Crime Commissioner Rupert Matthews",
        "Zoë Billingham, HM Inspector of Constabulary",
    ],
)
def test_a_photo_caption_is_not_the_headline(caption: str) -> None:
    paragraphs = [caption, "They received top rating for the way they recorded crime data."]
    assert find_title(paragraphs)[0] is None
    assert is_caption(caption)


@pytest.mark.parametrize(
    "headline",
    [
        "Chief Constable Rob Nixon responds to report",
        "Police and Crime Commissioner Rupert Matthews Welcomes Report",
        "HMIC praises Chief Constable Rob Nixon",
        "Kent Police praised by Chief Inspector Matt Parr",
    ],
)
def test_headlines_naming_a_person_are_not_captions(headline: str) -> None:
    assert not is_caption(headline)
    assert find_title([headline, "The report was published today."])[0] == headline


def test_a_container_titled_by_its_photo_caption_has_no_headline() -> None:
    caption = "Leicestershire Police Temporary Chief Constable Rob Nixon"
    paragraphs = [caption, "They received top rating for the way they recorded crime data."]
    assert find_title(paragraphs, doc_title=caption)[0] is None


# --- primary force ----------------------------------------------------------------------


def test_primary_force_of_a_story_whose_lines_ran_into_one_block() -> None:
    text = (
        "Inspectors criticise police custody cells\n"
        "Police custody cells in the county have come under fire following an inspection "
        "by the chief inspectors of prisons and of constabulary, who visited in the spring.\n"
        "The inspection of West Mercia Police's custody suites found cells varied in their "
        "cleanliness.\n"
        "Inspectors were concerned that most cells had ligature points.\n"
        "West Mercia Police said it would act on the findings.\n"
    )
    release = extract_release(document_from_text(text), url="https://x/news/inspectors-cells")
    assert release.primary_force == "West Mercia Police"


def test_a_force_named_once_late_in_one_block_is_no_primary() -> None:
    text = (
        "Inspectors criticise police custody cells\n"
        "Police custody cells in England and Wales have come under fire following a series "
        "of inspections by the chief inspectors of prisons and of constabulary this year.\n"
        "Cells inspected in West Mercia Police's area were among those visited.\n"
    )
    release = extract_release(document_from_text(text), url="https://x/news/inspectors-cells")
    assert release.primary_force is None


# --- topic ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "lead", "topic"),
    [
        # A grade "in terms of" one pillar, in a release that never writes "PEEL".
        (
            "Commissioner celebrates ‘Good’ rating for Hants Police",
            [
                "The Commissioner paid tribute to the officers of Hampshire Constabulary.",
                "The inspectorate assessed Hampshire Constabulary as Good in terms of "
                "effectiveness.",
            ],
            "PEEL effectiveness",
        ),
    ],
)
def test_topic_of_one_pillar(title: str, lead: list[str], topic: str) -> None:
    assert find_topic(title, lead) == topic


def test_grades_in_terms_of_several_pillars_are_no_one_pillar() -> None:
    lead = ["HMIC assessed Kent Police as good in terms of effectiveness, efficiency and more."]
    assert find_topic("Kent Police rated good", lead) is None


@pytest.mark.parametrize(
    ("title", "lead", "topic"),
    [
        (
            "Inspectors criticise police custody cells",
            ["The inspection of the force's custody suites found cells varied in cleanliness."],
            "police custody",
        ),
        (
            "A new framework is needed so police are better prepared",
            [
                "HMIC found police need to be better prepared in the report ‘The rules of "
                "engagement: A review of the August 2011 disorders’ published today."
            ],
            "public disorder (August 2011)",
        ),
    ],
)
def test_topics_outside_the_inspection_families(title: str, lead: list[str], topic: str) -> None:
    assert find_topic(title, lead) == topic


def test_the_report_a_page_offers_is_its_subject() -> None:
    lead = [
        "There are concerns about the performance of Devon and Cornwall Police, the police "
        "inspectorate has said. Get the report PEEL 2023–2025: An inspection of Devon and "
        "Cornwall Police HMICFRS graded the force's performance across eight areas. In "
        "October 2022, HMICFRS placed the force into its enhanced monitoring stage, Engage."
    ]
    assert find_topic("Concerns over Devon and Cornwall Police's performance", lead) == (
        "PEEL 2023–25"
    )


def test_a_grade_as_the_pillars_adjective() -> None:
    lead = [
        "Beds police is the only force to be deemed ‘inadequate’ in keeping people safe and "
        "reducing crime by Her Majesty’s Inspectorate of Constabulary in its PEEL report.",
        "The inspector highlighted concerns over the force’s inadequate effectiveness at "
        "protecting victims and those vulnerable to harm.",
    ]
    assert find_topic(None, lead) == "PEEL effectiveness"


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        (
            "Most police forces are good at preventing crime and anti-social behaviour, but "
            "the quality of investigations remains disappointing",
            "PEEL assessment",
        ),
        ("Kent Police is good at preventing crime and tackling anti-social behaviour", "PEEL"),
        ("Police must do more to tackle anti-social behaviour", "anti-social behaviour"),
    ],
)
def test_peel_effectiveness_question_names_anti_social_behaviour(title, topic) -> None:
    assert (find_topic(title, []) or "").startswith(topic)


def test_an_accessibility_toolbar_run_into_one_paragraph_is_chrome() -> None:
    paragraphs = [
        "Text Only Accessibility Options Default Text Size icon Large Text Size icon Largest "
        "Text Size icon Set your Postcode This will personalise content such as news & events "
        "with the latest from your area. Skip Content Skip Content",
        "PEEL: Police efficiency 2016 – Kent Police Response",
        "A report published today by the inspectorate reviews Kent Police.",
    ]
    assert find_title(paragraphs)[0] == "PEEL: Police efficiency 2016 – Kent Police Response"


def test_a_slug_headline_run_into_a_lead_that_opens_with_a_name() -> None:
    url = "https://example.org/news/kent-police-has-made-improvements-but-more-needed/"
    paragraph = (
        "Kent Police has made improvements, but more is needed Kent Police has made some "
        "progress since its previous inspection, the police inspectorate has said."
    )
    assert (
        headline_from_slug(paragraph, url)
        == "Kent Police has made improvements, but more is needed"
    )


@pytest.mark.parametrize(
    ("paragraph", "day"),
    [
        ("Jane Smith Tuesday 13 December 2011 13:05 GMT", dt.date(2011, 12, 13)),
        ("27 March 2014, 06:56 | Updated: 27 March 2014, 07:15", dt.date(2014, 3, 27)),
        ("By Jane Reporter | 12 March 2019 | 10:15", dt.date(2019, 3, 12)),
        ("By Jane Reporter, 12 March 2019", dt.date(2019, 3, 12)),
        (
            "The Commissioner sent the following letter to the Home Secretary on 8 March 2019, "
            "in response to the report.",
            dt.date(2019, 3, 8),
        ),
    ],
)
def test_date_lines_of_news_pages_and_letters(paragraph: str, day: dt.date) -> None:
    assert stated_publication_date(["A headline", paragraph, "The story."]) == day


@pytest.mark.parametrize(
    ("paragraphs", "url", "title"),
    [
        (
            ["Welcome to our website", "Response to the PEEL legitimacy report", "We accept it."],
            "",
            "Response to the PEEL legitimacy report",
        ),
        (
            [
                "Stay up to date with notifications from The Daily Paper",
                "Notifications can be managed in browser preferences.",
                "Police take 'inconsistent approach' towards gifts",
                "The story.",
            ],
            "",
            "Police take 'inconsistent approach' towards gifts",
        ),
        (
            ["Thursday, 21 June 2012", "Inspection shows Kent is tackling crime", "The story."],
            "",
            "Inspection shows Kent is tackling crime",
        ),
        (
            [
                "Commissioner comments on HMIC Report Kent Police and Crime Commissioner Jo Doe "
                "has welcomed the report.",
                "More text.",
            ],
            "https://example.org/2014-05-commissioner-comments-on-hmic-report",
            "Commissioner comments on HMIC Report",
        ),
    ],
)
def test_headlines_under_site_chrome_a_date_line_or_a_dated_slug(paragraphs, url, title) -> None:
    assert find_title(paragraphs, url=url)[0] == title
