"""The extractor version. Raise it whenever a rule or parser changes what is extracted, so
`pressroom reextract` knows which archived versions to run again.

2: PDF creation dates only when the text names their year, never modification dates;
   PEEL legitimacy cue is the pillar, not its sub-questions; national leads; Engage
   conditionals and 'special measures'; grades followed by their agent; datelines that
   run into the headline; more forces and variants in the gazetteer; verdicts restated from
   an earlier inspection (and an Engage entry a removal supersedes) as `<area>_previous`.
3: datelines with their place ("London, 18 November 2014 – ..."); report titles quoted
   after the report's subject, with apostrophes, or as "Title: subtitle" after "in";
   one grade shared by coordinated areas ("adequate at X and at Y"); Engage releases keep
   the PEEL area grades behind the decision; crime recording named by failing to record
   crimes; PDF pages of mostly one-line paragraphs no longer read as one paragraph.
4: ASB victims "not always identified" as inconsistent identification; "as requiring
   improvement" as a grade, and a grade's agent followed by no area takes the area
   before; "and how it ..." shares a grade; Engage "will be subject to enhanced
   monitoring" and decided moves as entries; undated PEEL releases of 2021+ (or of "areas
   of policing") use the areas rules; grade tables run together read row by row;
   "Police, Fire and Crime Commissioner" and a commissioner's area kept in the role;
   report titles listed under "Related documents".
5: breadcrumb lines and cookie notices are not titles; the headline of a syndicated page
   whose lines ran together ends where the lead restates its subject; "Ref: 031/2012" on
   its own line anywhere; a report quoted by name counts even when the headline is its
   title; one grade shared by a list of activities or quoted area names; "rated the force
   good in ..."; legitimacy as treating "the people it serves and its workforce"; ASB
   identification by its means ("no reliable way of identifying"); a PEEL pillar from the
   one pillar the linked reports name, or from a headline grading it.
6: (parsing of other renderers' HTML and PDF) lines broken by <br> or inside <pre> are read
   as plain text is (list lines are paragraphs of their own); a generic page <title> ("News
   release") is no headline; PDFs printed by a browser lose the print header and footer
   (time stamp and page title, address and "1/2"), and their title its " - Site" suffix;
   running lines printed at one height on every page are dropped however close the body
   comes; drawn list bullets start items after a sentence or a lead-in; a numbered line
   after a short line starts an item.
7: headlines from URL slugs that abridge them (small words, possessives, a short slug) up
   to where the lead opens, run-together headlines cut by a line break, no headline from a
   container titled by its opening sentence; a PEEL programme named by its years outranks
   crime recording as the topic, austerity is police finances; grades "in this area" / "at
   our last inspection" take the area before, area names holding "and", noun list items
   ("good use of resources"), a past grade in its own clause as `<area>_previous`; Engage
   removal by "no longer be subject to" or a return to routine monitoring; ASB
   identification by systems in place, identifying well, or being unable to; "quoted
   Title: subtitle" after "as part of"/"alongside"; "Chief Constable of <force>" and "HMI
   <name>".
8: (7 and 6 together, from two branches) and a grade the release recalls from an earlier
   inspection is a judgement in its contract area with `restated` true, not under
   `<area>_previous` (a superseded Engage entry stays `engage_monitoring_previous`).
9: a change of grade ("improved from requires improvement to good") gives the past grade
   restated and the new one; "an outstanding grade for efficiency", "a 'good' rating for
   legitimacy"; lists repeating their preposition after commas; forces named after their
   grade ("The forces judged inadequate were: ..."); area/grade lines that ran together;
   an undated PEEL release grading "adequate" or areas-only areas is of the areas
   programme; section headings "Force – ..."; ASB identification "in every case" or by a
   means in place; reports named between commas after "the report"; "Police, Crime and
   Victims' Commissioner".
10: (other renderers' pages) a generic page title or first line ("News release", "Press
   releases", "Media") is no headline; a PDF's first-page letterhead (a few lines of small
   type at the top of page 1, set apart by a gap) is page chrome; in a page printed by a
   browser, the site's header before the article (cookie notice, logo, menu, search,
   breadcrumbs) and its closing links after it ("Related content", footer) are too.
11: (10 is another branch's) pillars named as nouns share a grade ("inadequate for
   effectiveness, efficiency and legitimacy", "good across all three areas: ...");
   ", how it ..." lists; "managing offenders and suspects"; a past grade a change starts
   from without "to" ("declined from good", "up from requires improvement in 2016", "an
   improvement on the inadequate grade") is restated; "an enhanced stage / phase /
   process of monitoring", "stood down from Engage", "In May" no modal; assessment pages'
   bare pillar headings then grades, "PEEL assessment of" outranks crime recording, areas
   listed under grade headings after "Our judgements"; ASB "systems in place which
   identify"; "Read the report: <title>" without its lead-in.
12: (13 is another branch's) one pillar named only by its inspection or grade ("an
   inspection of police efficiency", "a 'good' grading for legitimacy", "efficiency is
   still rated as ...") is the PEEL pillar topic; "at keeping people safe and reducing
   crime" in a release naming no pillar is effectiveness; "Pillar Grade Effectiveness
   Good ..." tables flattened to a line; "across all three pillars"; "considered" /
   "deemed", a closing "too"; a quotation broken by its attribution read as one clause;
   a page address naming the programme's years (/peel-2023/); "treats members of the
   public"; ASB "progress has been limited"; "enters Engage".
13: (12 is another branch's) people: "Mayor of <area>" and "Deputy Mayor for ..." roles,
   a role and name before any past-tense verb or "and", "Commissioner for Police, Fire and
   Rescue and Crime", regions holding "and", a possessive area kept after a name, "ACC" /
   "DCC" before a name, "<name>, HMI,", inspectors of prisons and probation, "former
   <role>"; dates: "Embargoed until 00:01 <date>", "today (<date>)"; references "No.
   15/2013" alone on a line; embargo and reference lines are no headline; reports named
   unquoted after "<owner> report" between commas or dashes or after "called", after
   "report" when shaped like a title, quoted after "follows" / "published", further quoted
   titles in a list, file notes ("(PDF document, 1.2MB)") cut from related documents.
14: 12 and 13 together (from two branches).
15: a force's or its commissioner's own news page (".police.uk", "-pfcc.gov.uk") that names
   no other force in its lead is about that force, even when it never names it; hosts
   that run a force's words together ("avonandsomerset", "northyorkshire").
16: verdicts read from the sentence's shape (rules/spans.py: the areas named around a
   grade used as a verdict, before it by a link or after it to the next grade or clause;
   the release's own area for a judged grade naming none; "in all areas" of a pillar
   release) and from a list's layout (rules/grouped.py: forces under a grade heading, a
   line per force); area phrasings and verdict words as data (rules/data/*.toml); the
   2023-2025 area peel_leadership_and_force_management; hits carry `restated`, and an
   Engage entry a removal ends is `superseded` (no more `<area>_previous` areas); topic
   from verdicts when the lead names no inspection or names crime recording / ASB in
   passing; plain text read the same at any line width ("::" and bullets start items
   wherever they stand); places sharing one police word and places as a verdict's
   subject are forces; a commissioner's statement is about the commissioner's force;
   verdict gaps; people, reports, titles and dates: the shapes of the 112-release devset.
17: every date the document gives, with its source (`dates`: text, html_meta, url,
   pdf_meta) and the text's own date alone (`stated_date`); pages' JSON-LD and microdata
   `datePublished` are publication metadata; dates in addresses (htmldate, and the
   Domino stamp "...19082022111000?open").
18: an HTML page's main text is trafilatura's choice (extractors/maintext.py) read into
   pressroom's paragraphs, with the headline and a dateline under it kept, hidden and
   chrome-role elements removed first, short chrome-shaped lines (teasers, rail
   headings, newsletter calls, follow-us, comment counters, copyright) dropped, and a
   short list it dropped put back under its lead-in: widgets, rails, related lists and
   banners no longer reach body_text or the fingerprint; the page's <time> is the one
   under the headline or in the article, not a sidebar's.
19: a verdict recalled from an earlier inspection has the period its sentence names ("down
   from good in 2017"; a year inside a round of several years is that round, 2022 ->
   2021/22), or, recalled as "previously" / "last inspection" / "last year", the round
   before the release's own that graded the area (rules/data/periods.toml), else none.
20: verdicts in news stories (issue 19): a semicolon list runs on past an item no cue
   names; "'good' or 'adequate'" is no grade and "except" ends a list; "this grading"
   is the grade the sentence before gave; "adequate" anywhere, or areas-only grades with
   no pillar graded, make a release of the areas programme; "rated 'inadequate' on the
   issue" is the release's own area; "preventing and investigating crime" is two areas.
21: a leading `URL: https://...` line is the document's address (its slug, its date as
   source `url`, its site's force), never its title.
22: verdicts (issue 19, step 2): "35 as 'good'" counts forces, not the force named
   before; a grade's sentence naming forces by place alone gives them the grade; "all
   three pillars" in a release naming no programme; forces "now in" Engage entered; grade
   headings with a lead-in ("Forces rated good") head lists of forces; "forces" with none
   named are not the section's force; a grade dated in its own clause before "now" is
   recalled.
23: verdicts (issue 19, step 3): "disrupts organised crime" names that area; a list line
   led by its grade ("• Adequate – developing a positive workplace"); a force that
   "remains in" Engage entered; an Engage decision in the headline; a "Latest News" rail
   above the article no longer ends the release before it starts.
24: verdicts (issue 19, step 4): places listed with a named force share its grade ("two
   forces – Thames Valley and North Yorkshire – as 'inadequate'"); a round-up's
   paragraph a force under a grade heading; grade headings with a count ("Good (3
   forces)").
25: non-verdict fields of issue 19's police releases: a headline run into its lead (the
   lead restating its subject or opening with the inspectorate), a breadcrumb's last
   crumb, font-size toolbars and letter-less lines skipped; the primary force from a
   lead that names one force after an opening naming none, the lead's place as its
   subject, the quoted officers' force, national when the lead names 3+ places; roles
   with a possessive area as written, the fuller role stated later, inspectors named by
   their body; report titles after "a new report,", "report published today,", the
   inspectorate's possessive; date lines with the time first, "posted by ... on".
26: verdicts (issue 19, step 5): "good on all counts" is each graded pillar; a pillar grade
   recalled from 2014-2019/20 in an areas release ("In 2018/19, the force was rated good
   for effectiveness"), restated; "how quickly it answers calls" is responding to the
   public; a grade "in this area" naming none is in the one area the sentence before
   graded.
27: ASB reviews: progress the speaker claims ("we ... have made great progress") is no
   verdict.
28: a page's own title (not made from its first paragraph) outranks a headline read from
   a paragraph run into its lead; report titles quoted after "entitled" / "published today".
29: in a PEEL or Engage release, a crime-recording grade of the crime data integrity
   inspection ("its crime recording accuracy ... was found to be outstanding") is
   crime_data_integrity, not the PEEL area (verdict_words.toml cdi_inspection).
30: two sectors (issue 23): a release about a fire and rescue service is a fire one (sector,
   primary_service, services; its verdicts in the frs_* areas on services, never a police
   force's), read with the fire gazetteer (data/services.toml) and vocabulary
   (rules/data/areas.toml [frs_*], rules/data/fire.toml); police releases gain sector and
   service (= force); fire people's roles (chief fire officer at ..., fire authority chair).
31: a dateline between a headline and its lead run into one paragraph is the text's
   date (and ends the headline); "Posted: 12/03/14", a two-digit year after a label.
32: "in each area" / "all areas" in a release about one pillar is that pillar (not all
   three); an intensifier between a link and its grade ("found to be heavily
   inadequate") is read through.
33: round-ups: "The following (forces) were rated X:" heads the forces after it, and a
   grade sentence ending in a colon gives no grade to the section's force; an Engage
   headline is read for police releases only.
34: fire releases: a count of areas as a grade's subject ("two are now deemed
   'adequate'") gives no verdict; a round the release recalls ("since the last inspection
   in 2018-19") is not its own.
35: a recalled verdict's lone year that opens a round of several ("in 2023") keeps that
   year as its period instead of the round's: it may be the year the round before reported.
36: "Humberside Police commissioner Matthew Grove": the area's "Police Commissioner" as
   written.
37: a fire release's body names a service by its bare place too ("Gloucestershire and
   London have been moved into Engage").
38: "These included X, Y and Z" after a sentence grading areas it did not name ("when
   areas of its performance were judged to be inadequate") gives them that grade
   (verdict_words.toml back_lists).
39: a report's unquoted "Title: subtitle" after "report" ends at the verb it is the
   subject of ("... found that"), not only at the sentence's end.
40: a paragraph opening with a force under a grade heading takes that grade only in a
   national release (on a force's page it is about the sub-question graded above it).
41: titles under a news site's masthead or byline that the URL slug spells (".html"
   dropped from slugs), headlines run into a lead opening "A/An/The <noun>"; a news page's
   "Friday, 3rd March 2017, 8:46 am" stamp; a stated date weeks after the address's is a
   masthead's, not the story's.
42: people: a name's irregular past-tense verb ("... Jo Shiner laid out"); "The PCC for
   Surrey, Kevin Hurley,"; the fuller role with its force after it ("Chief Constable of
   Northamptonshire Police") wins over the bare rank; "London Fire Brigade Commissioner".
43: fire verdict shapes (issue 23): "need(s) improving"; "all areas which ..." is not every
   area; a change's new grade ("moved to good from ...") and its areas for both grades;
   "'Good' areas included ..."; "area grade" lines; lead-ins "a 'good' rating in both of
   its pillars:" and "the Fire Service has been assessed as:"; "Name – description"
   items; "the service" in a round-up is the one named before; an undated release giving
   a grade only one round gives ("adequate") is of that round.
44: a fire headline is read for verdicts ("... moves to good from requires improvement");
   "the 'People' area" (a quoted pillar name).
45: a fire grade after a wish or a negation ("should be outstanding", "aims to be good",
   "was not good") is no verdict, in a line "area grade" as in a sentence.
"""

EXTRACTOR_VERSION = 45
