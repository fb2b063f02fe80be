"""Field shapes of issue 19's police releases: headlines run into their lead, the primary
force from the lead's places and the quoted officers, roles as written (possessive areas,
the fuller role stated later), report titles after their owner, publication date lines,
and a text's own `URL:` line."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.evaluate import document_from_text
from extractors.fields.address import effective_url, stated_address
from extractors.fields.dates import stated_publication_date
from extractors.fields.people import find_people
from extractors.fields.reports import find_reports
from extractors.fields.titles import find_title, run_on_headline
from extractors.release import extract_release

# --- titles -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "headline"),
    [
        # The lead restates the headline's subject.
        (
            "Essex Police is good at most things but must improve its call handling "
            "Essex Police is effective in many areas, the inspectorate has said.",
            "Essex Police is good at most things but must improve its call handling",
        ),
        # The inspectorate opens the lead, in capitals or not.
        (
            "Inspectors find problems in the county's latest report HM INSPECTORATE of "
            "Constabulary has found failings in how the force records crime.",
            "Inspectors find problems in the county's latest report",
        ),
    ],
)
def test_headline_run_into_its_lead(paragraph: str, headline: str) -> None:
    assert run_on_headline(paragraph) == headline
    assert find_title([paragraph, "More text."])[0] == headline


@pytest.mark.parametrize(
    "paragraph",
    [
        # The inspectorate's report is the object of the lead's verb, not a new subject.
        "Police and Crime Commissioner Jane Doe has welcomed Her Majesty's Inspectorate of "
        "Constabulary's report into crime recording in the county.",
        "The Police and Crime Commissioner today received HMIC's judgement of the force, "
        "as the last of its reports was published.",
        # A sentence that ends in a preposition before the name is not a headline.
        "The commissioner sent a letter in response to the publication of the report into "
        "Kent Police about crime recording in the county.",
    ],
)
def test_a_lead_sentence_is_not_split_into_a_headline(paragraph: str) -> None:
    assert run_on_headline(paragraph) is None


def test_a_pages_own_title_outranks_a_run_on_headline() -> None:
    paragraph = (
        "Essex Police is good at most things but must improve its call handling "
        "Essex Police is effective in many areas, the inspectorate has said."
    )
    assert find_title([paragraph], doc_title="Essex Police inspection | Example News")[0] == (
        "Essex Police inspection"
    )
    # A title that is the paragraph's start (made from it) is no better.
    assert find_title([paragraph], doc_title=paragraph[:60])[0] == (
        "Essex Police is good at most things but must improve its call handling"
    )


def test_headline_after_page_furniture() -> None:
    assert find_title(
        ["Leave site Skip to content You are here: Home » News » Our response to the inspection"]
    )[0] == ("Our response to the inspection")
    toolbar = (
        "T: 01632 960000 E: office@example.org Change font size Change font size to normal "
        "View text only version"
    )
    assert find_title([toolbar, "Inspection reports 2016", "This page lists ..."])[0] == (
        "Inspection reports 2016"
    )
    assert find_title(["Latest News", "01632 960 000", "Commissioner welcomes report"])[0] == (
        "Commissioner welcomes report"
    )
    assert find_title(["Pages", "Friday, 19 July 2013", "Commissioner responds"])[0] == (
        "Commissioner responds"
    )
    assert find_title(["Essex 2016 Read more about EssexThis is the assessment ..."])[0] == (
        "Essex 2016"
    )


# --- primary force ----------------------------------------------------------------------


def _primary(text: str, url: str = "") -> str | None:
    return extract_release(document_from_text(text), url=url).primary_force


def test_primary_force_from_the_lead() -> None:
    # The opening names no force; the next paragraph names one alone.
    assert _primary(
        "Force leaves enhanced monitoring\n\nA police force no longer needs close monitoring "
        "after it was found to have improved.\n\nCumbria Constabulary, one of the smaller "
        "forces, was placed under monitoring last year after concerns were raised."
    ) == ("Cumbria Constabulary")
    # The lead's subject is the police area by its place alone.
    assert _primary(
        "Victims let down\n\nPOLICE in Suffolk must improve their service to victims of "
        "anti-social behaviour, a report has said today.\n\nThe force should also say which "
        "teams are briefed about local problems."
    ) == ("Suffolk Constabulary")


def test_a_lead_naming_several_places_is_national() -> None:
    assert (
        _primary(
            "Report criticises forces\n\nInspectors raised concerns after assessing four "
            "forces - Merseyside, Northumbria, Devon and Cornwall, and Avon and Somerset.\n\n"
            "Devon and Cornwall Police said it would act on the findings."
        )
        is None
    )


# --- people -----------------------------------------------------------------------------


def _people(text: str) -> set[tuple[str, str]]:
    return {(p.name, p.role) for p in find_people([text])}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Suffolk’s Police and Crime Commissioner, Tim Passmore, has welcomed the report.",
            ("Tim Passmore", "Suffolk’s Police and Crime Commissioner"),
        ),
        (
            "Durham’s Deputy Chief Constable Jo Farrell said the force was proud.",
            ("Jo Farrell", "Durham’s Deputy Chief Constable"),
        ),
        (
            "Deputy Chief Constable Jason Hogg of Thames Valley Police said: “We thank them.”",
            ("Jason Hogg", "Deputy Chief Constable"),
        ),
        (
            "It led to Chief Inspector of Constabulary Andy Cooke saying: “I have concerns.”",
            ("Andy Cooke", "Chief Inspector of Constabulary"),
        ),
        (
            "The Chief Constable of Essex, Jim Barker-McCardle, said: “We act.”",
            ("Jim Barker-McCardle", "Chief Constable of Essex"),
        ),
        (
            "Assistant Chief Constable with North Yorkshire Police, Paul Kennedy said: “Good.”",
            ("Paul Kennedy", "Assistant Chief Constable with North Yorkshire Police"),
        ),
        (
            "Humberside Police commissioner Matthew Grove said the report was fair.",
            ("Matthew Grove", "Humberside Police commissioner"),
        ),
        (
            "Roger Baker, HMIC inspector for Lancashire, said the county was doing well.",
            ("Roger Baker", "HMIC inspector for Lancashire"),
        ),
        (
            "The report was written by Jane Roe, an inspector for Her Majesty’s Inspectorate "
            "of Constabulary.",
            ("Jane Roe", "inspector for Her Majesty’s Inspectorate of Constabulary"),
        ),
        (
            "Wendy Williams from Her Majesty’s Inspector of Constabulary has said how "
            "impressed she was.",
            ("Wendy Williams", "Her Majesty’s Inspector of Constabulary"),
        ),
    ],
)
def test_roles_as_written(text: str, person: tuple[str, str]) -> None:
    assert person in _people(text)


def test_the_role_later_written_with_its_area_wins() -> None:
    people = find_people(
        [
            "Police and Crime Commissioner Dafydd Llywelyn has welcomed the report.",
            "Dyfed-Powys Police and Crime Commissioner Dafydd Llywelyn said: “Good news.”",
            "PCC Jane Roe said it was welcome.",
            "West Mercia Police and Crime Commissioner Jane Roe added: “Good.”",
            "Chief Constable Mark Webster said: “Good.”",
            "Chief Constable of Cleveland Police, Mark Webster said: “Very good.”",
        ]
    )
    assert {(p.name, p.role) for p in people} == {
        ("Dafydd Llywelyn", "Dyfed-Powys Police and Crime Commissioner"),
        ("Jane Roe", "West Mercia Police and Crime Commissioner"),
        # The fuller role with its force after it, as the text later writes it (the labels
        # of police2/137 keep "Chief Constable of Northamptonshire Police").
        ("Mark Webster", "Chief Constable of Cleveland Police"),
    }


# --- reports ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Launching a new report, Anti-social Behaviour: Stop the rot, Sir Denis said it.",
            "Anti-social Behaviour: Stop the rot",
        ),
        (
            "HMIC’s ‘Without Fear or Favour – A review of police relationships’ looked at it.",
            "Without Fear or Favour – A review of police relationships",
        ),
        (
            "The thematic report published today, Revisiting Police Relationships: A progress "
            "report, contains the findings.",
            "Revisiting Police Relationships: A progress report",
        ),
        (
            "While the resulting report, Without Fear or Favour, found no corruption.",
            "Without Fear or Favour",
        ),
        (
            "Get the letter : Kent Police: move to enhanced phase of monitoring",
            "Kent Police: move to enhanced phase of monitoring",
        ),
        ("HMIC published today ‘Stop the rot’, a review of ASB.", "Stop the rot"),
        (
            "HMIC's report Crime-recording: making the victim count found that forces fail.",
            "Crime-recording: making the victim count",
        ),
        (
            "The inspectorate issued a document entitled ‘Policing in Austerity’ in 2011.",
            "Policing in Austerity",
        ),
        (
            "PEEL: Police effectiveness 2015 (vulnerability) – Essex Police",
            "PEEL: Police effectiveness 2015 (vulnerability) – Essex Police",
        ),
    ],
)
def test_report_titles(text: str, title: str) -> None:
    assert title in find_reports([text])


def test_not_report_titles() -> None:
    # A sentence about the report after a colon; a word cut short.
    assert find_reports(
        ["HMIC's 2011 report, Without Fear or Favour: but more needs to be done, it said."]
    ) == ([])
    assert find_reports(["Get the report", "PEE"]) == []
    # A clause with a colon after "report", then the sentence's own verb.
    assert find_reports(["In the report Kent must improve: the force is failing, says HMIC."]) == (
        []
    )


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("PUBLISHED: 15:04, 26 March 2014 | UPDATED: 15:40, 26 March 2014", dt.date(2014, 3, 26)),
        ("Posted by Jane Doe on 12 March 2015", dt.date(2015, 3, 12)),
        ("Date of release: 3 May 2016", dt.date(2016, 5, 3)),
        ("Posted: 12/03/14", dt.date(2014, 3, 12)),
        ("Published 12.03.14 10:00", dt.date(2014, 3, 12)),
    ],
)
def test_publication_date_lines(line: str, day: dt.date) -> None:
    assert stated_publication_date(["Headline", line, "Text."]) == day


def test_dateline_between_a_headline_and_its_lead() -> None:
    # Plain text without blank lines: headline, date and lead run into one paragraph.
    paragraph = (
        "Durham Constabulary must improve its response Thursday 12 March 2025 Durham "
        "Constabulary is effective in many areas, the inspectorate said."
    )
    assert stated_publication_date([paragraph]) == dt.date(2025, 3, 12)
    assert find_title([paragraph])[0] == "Durham Constabulary must improve its response"
    # A date inside the lead's sentence is not a dateline.
    for sentence in (
        "Kent Police was inspected between 12 March 2015 and 14 March, the report said.",
        "The force said it would act on 12 March 2015 The report said so.",
        "Kent Police rated good. It was 12 March 2015 When the report came out.",
        "Two forces rated 12 March 2015 and more.",
    ):
        assert stated_publication_date([sentence]) is None, sentence


# --- the text's own address -------------------------------------------------------------


def test_stated_address() -> None:
    url = "https://www.example.police.uk/news/2019/05/16/kent-police-rated-good/"
    assert stated_address([f"URL: {url}", "Headline"]) == (url, ["Headline"])
    assert stated_address([f"URL: {url} Headline run on"]) == (url, ["Headline run on"])
    assert stated_address(["Headline", f"URL: {url}"])[0] is None  # a link, further down
    assert effective_url("file:///tmp/x.txt", url) == url
    assert effective_url("https://example.org/a", url) == "https://example.org/a"
    release = extract_release(
        document_from_text(f"URL: {url}\n\nKent Police rated good\n\nThe force is good."),
        url="file:///tmp/x.txt",
    )
    assert release.title == "Kent Police rated good"
    assert [(d.source, d.value) for d in release.dates] == [("url", dt.date(2019, 5, 16))]


# --- round 3 (titles and dates to target) -----------------------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "url", "headline"),
    [
        # A news site's name, then its breadcrumb, above the headline the slug spells
        # (with the article number and ".html" after the words).
        (
            [
                "Belfast Telegraph",
                "Home News UK",
                "Police watchdog takes chief constables to task over stop and search records",
                "As many as one in seven stop and searches may have been unlawful.",
            ],
            "https://www.example.co.uk/news/uk/police-watchdog-takes-chief-constables-to-task-"
            "over-stop-and-search-records-34443213.html",
            "Police watchdog takes chief constables to task over stop and search records",
        ),
        # A byline above it; the slug drops the small words and the ampersand.
        (
            [
                "Jane Reporter",
                "Kent Police judged ‘good’ at keeping people safe and reducing crime",
                "Inspectors have assessed how effective Kent Police is.",
            ],
            "https://news.example.com/2016/12/08/kent-police-judged-good-keeping-people-safe-"
            "reducing-crime/",
            "Kent Police judged ‘good’ at keeping people safe and reducing crime",
        ),
    ],
)
def test_headline_the_slug_spells_under_a_masthead(
    paragraphs: list[str], url: str, headline: str
) -> None:
    title, index = find_title(paragraphs, url=url)
    assert (title, index) == (headline, paragraphs.index(headline))


def test_masthead_kept_when_the_slug_spells_no_later_line() -> None:
    # The slug names another story, or the line under the short one is a sentence: the
    # first line stays the headline.
    paragraphs = ["Forces told to improve", "Kent Police was rated good in a report today."]
    assert find_title(paragraphs, url="https://x.example/news/kent-police-rated-good-today")[0] == (
        "Forces told to improve"
    )
    paragraphs = ["Forces told to improve", "A different headline about the police here"]
    url = "https://x.example/news/something-else-entirely-about-nothing"
    assert find_title(paragraphs, url=url)[0] == "Forces told to improve"


def test_headline_run_into_a_lead_opening_with_an_article() -> None:
    paragraph = (
        "Over 800,000 crimes per year go unrecorded A recent HMIC report into the police "
        "recording of crime led to criticism from all sides."
    )
    assert run_on_headline(paragraph) == "Over 800,000 crimes per year go unrecorded"
    # A capitalised name after its article is no new sentence.
    assert (
        run_on_headline(
            "Inspectors praise the work of The Met in London today. More follows here now."
        )
        is None
    )


@pytest.mark.parametrize(
    ("line", "day"),
    [
        # A news page's stamp with its revision and the photo caption run into it.
        (
            "Friday, 3rd March 2017, 8:46 am Updated Friday, 24th March 2017, 9:52 am Thames "
            "Valley Police have been rated good in their annual peel report",
            dt.date(2017, 3, 3),
        ),
        ("Friday, 19th November 2021, 10:40 am Sussex Police", dt.date(2021, 11, 19)),
        ("Tuesday, March 4, 2014 at 14:05 Kent Police news", dt.date(2014, 3, 4)),
    ],
)
def test_weekday_date_and_time_stamp(line: str, day: dt.date) -> None:
    paragraphs = ["Headline of the story", "The standfirst under it, a sentence.", line, "Text."]
    assert stated_publication_date(paragraphs) == day


def test_a_date_in_a_sentence_is_no_stamp() -> None:
    # A weekday and date without a clock time, inside a sentence, is no stamp.
    line = "Friday, 3 March 2017 is when the force will publish its plan, it said."
    assert stated_publication_date(["Headline", "Standfirst.", line]) is None


def test_masthead_date_after_the_address_date() -> None:
    # The site's masthead prints the day the page was read; the address, the story's day.
    paragraphs = ["Friday, March 24, 2023", "Essex Police ranked bottom", "ESSEX POLICE HAS ..."]
    assert stated_publication_date(paragraphs, url_day=dt.date(2013, 4, 8)) is None
    assert stated_publication_date(paragraphs, url_day=dt.date(2023, 3, 24)) == dt.date(2023, 3, 24)
    assert stated_publication_date(paragraphs) == dt.date(2023, 3, 24)
    text = "URL: https://www.example.com/2013/04/08/essex-police-bottom/\n\n" + "\n\n".join(
        paragraphs
    )
    assert extract_release(document_from_text(text)).published_date is None


@pytest.mark.parametrize(
    ("paragraph", "name", "role"),
    [
        # A name's verb in the past tense without "-ed".
        ("Chief Constable Jo Shiner laid out how the force was preparing.", "Jo Shiner", None),
        # The commissioner's area closed by a comma before the name.
        (
            "The PCC for Surrey, Kevin Hurley, recognises that officers worked hard.",
            "Kevin Hurley",
            "PCC for Surrey",
        ),
        # The body a commissioner heads, written before the office.
        (
            "Image: London Fire Brigade Commissioner Dany Cotton saw the report first.",
            "Dany Cotton",
            "London Fire Brigade Commissioner",
        ),
    ],
)
def test_people_shapes_round3(paragraph: str, name: str, role: str | None) -> None:
    people = {p.name: p.role for p in find_people([paragraph])}
    assert name in people
    assert role is None or people[name] == role


def test_fuller_role_with_its_force_after_it() -> None:
    # First "Chief Constable Simon Edens", later the role with its force after it.
    paragraphs = [
        "I am confident that Chief Constable Simon Edens and his team are leading well.",
        'Chief Constable of Northamptonshire Police, Simon Edens, added: "Good news."',
    ]
    people = {p.name: p.role for p in find_people(paragraphs)}
    assert people["Simon Edens"] == "Chief Constable of Northamptonshire Police"
    # A different office later is not a fuller statement of the first.
    paragraphs = [
        "Chief Constable Jane Roe said the force was ready.",
        "Chief Executive of Kent County Council, Jane Roe, said so too.",
    ]
    assert {p.name: p.role for p in find_people(paragraphs)}["Jane Roe"] == "Chief Constable"
