"""The release's headline: the text's own heading when it has one (page chrome skipped),
else the headline the URL slug spells out, else the container's title unless that is just
the start of the first paragraph (an auto-generated page title)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..forces import canonical_force
from ..patterns import DATE, REFERENCE_PREFIX
from .dates import dateline_after_headline
from .names import NAME, ROLE
from .text import fold

# Page furniture that can precede the headline in scraped text.
CHROME = re.compile(
    r"^(?:skip\s+to\s+(?:main\s+)?content(?:\s+main\s+content\s+is\s+below)?|"
    r"main\s+content\s+(?:is\s+)?below|english\s+cymraeg|cymraeg|english|facebook\s+pixel|"
    r"promoting\s+improvements\s+in\s+policing.*|printable\s+version.*|.*e-?mail\s+this\s+to\s+a\s+friend|"
    r"home|menu|search|news|pages|share(?:\s+this(?:\s+page)?)?:?.*|accept\s+(?:all\s+)?cookies|"
    r"we\s+use\s+cookies.*|cookies?\s+on\s+.*|back\s+to\s+(?:top|news).*|"
    # "This website uses cookies. By continuing to browse ..."
    r"(?:this|our)\s+(?:web)?site\s+uses\s+cookies.*|.*\buse\s+of\s+cookies\b.*|"
    # Breadcrumbs: "Home > News > News feed", "Home News Latest news", "Home / Media".
    r"home\s*[>»›/|].{0,120}|home\s+(?:news|media|latest|press|publications|newsroom)\b.*|"
    r"(?:(?:her|his)\s+majesty[’']s\s+|hm\s+)?inspectorate\s+of\s+constabulary"
    r"(?:\s+and\s+fire\s+(?:&|and)\s+rescue\s+services)?(?:\s+\((?:hmic|hmicfrs)\))?"
    r"(?:\s+printable\s+version.*)?|hmicfrs|hmic|"
    r"publication\s+types?:.*|police\s+forces?:.*|published(?:\s+on)?:?\s.*|date:?\s.*|"
    r"(?:page\s+)?last\s+updated.*|"
    # An archived site's banner ("This is the archived version of ... To view the new
    # website click here"), and an image's alternative text standing in for it.
    r"this\s+is\s+(?:an?|the)\s+archived?\s+(?:version|copy)\s+of\b.*|"
    r"(?:banner|header|hero|logo)\s+image|get\s+the\s+(?:national\s+)?(?:report|press\s+release)s?|"
    r"jump\s+to\s+.*|read\s+more.*|contact\s+.*|welcome\s+to\s+(?:our|the|this)\s+(?:web)?site\b.*|"
    # A news site's push-notification prompt.
    r"(?:stay\s+up\s+to\s+date|keep\s+up\s+to\s+date)\s+with\s+(?:\w+\s+)?notifications\b.*|"
    r"notifications\s+can\s+be\s+managed\b.*|(?:allow|turn\s+on|enable)\s+notifications\b.*|"
    # "Embargoed until 00:01 Thursday 12 March 2015"; a reference line ("Ref 015/2012",
    # "No. 15/2013").
    r"(?:under\s+)?embargo(?:ed)?\b.{0,30}\d.{0,60}|"
    r"(?:ref(?:erence)?|no|(?:press|news)\s+release(?:\s+no)?)\.?\s*[:#]?\s*"
    r"\d{1,4}\s?/\s?(?:19|20)\d\d\.?)$",
    re.IGNORECASE,
)
_LEADING_DATE = re.compile(
    rf"^\s*(?:date|published(?:\s+on)?|posted(?:\s+on)?)?\s*:?\s*(?:{DATE.pattern})\s*[-–|:]?\s*",
    re.IGNORECASE,
)
_READ_MORE = re.compile(r"^read\s+more\s+about\b", re.IGNORECASE)
_GRADE_ONLY = re.compile(
    r"^(?:graded\s+)?(?:outstanding|good|adequate|requires\s+improvement|inadequate)$",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?")
# The publisher's name heading a syndicated page, before its headline.
_PUBLISHER_HEAD = re.compile(
    r"^\s*(?:(?:her|his)\s+majesty[’']s\s+|hm\s+)?inspectorate\s+of\s+constabulary"
    r"(?:\s+and\s+fire\s+(?:&|and)\s+rescue\s+services)?(?:\s*\((?:hmic|hmicfrs)\))?\s+",
    re.IGNORECASE,
)
_WORD = re.compile(r"\S+")
# A page's kind or its site, not its headline: what a page without a headline of its own
# is titled ("News release - HMICFRS", "Press releases", "Newsroom").
_GENERIC_PAGE_TITLE = re.compile(
    r"^(?:untitled(?:\s+document)?|home(?:\s*page)?|page\s+not\s+found|newsroom|"
    r"(?:latest\s+)?(?:press|news|media)(?:\s+(?:releases?|room|centre|center|"
    r"statements?|items?|stories|articles?|and\s+(?:events|media|press\s+releases)))?|"
    r"(?:force\s+)?press\s+office)$",
    re.IGNORECASE,
)
_DANGLING = re.compile(
    r"(?:[,;:(]|\b(?:and|or|but|the|a|an|of|to|in|on|at|for|by|with|that|which|while|into|"
    r"from|about|after|as|than|over|under|between|against|towards?|upon|onto|via))$",
    re.IGNORECASE,
)


def run_together_headline(paragraph: str) -> str | None:
    """The headline of a syndicated page whose lines ran together into one paragraph
    ("date 2025-02-20 HM Inspectorate ... Sussex Police must improve how it investigates
    crime, says inspectorate Sussex Police needs to improve ..."): what comes before the
    lead sentence, which opens by restating the headline's subject. Only after a leading
    dateline or publisher name, as such pages print them."""
    dated = _LEADING_DATE.match(paragraph)
    text = paragraph[dated.end() :] if dated else paragraph
    publisher = _PUBLISHER_HEAD.match(text)
    if publisher:
        text = text[publisher.end() :]
    if not dated and not publisher:
        return None
    words = list(_WORD.finditer(text[:600]))
    if len(words) < 8 or not words[0].group(0)[:1].isupper():
        return None
    subject = re.escape(f"{words[0].group(0)} {words[1].group(0)}")
    # The restated subject may end the paragraph (a PDF line break right after it).
    restated = re.compile(rf"(?<=\s){subject}(?=[\s’'(]|$)")
    match = restated.search(text, words[3].end(), 400)
    if not match:
        return None
    candidate = text[: match.start()].strip()
    if (
        not 4 <= len(candidate.split()) <= 30
        or re.search(r"[.!?]\s", candidate)
        or _DANGLING.search(candidate)
        or not is_headline(candidate)
    ):
        return None
    return candidate


# A photo's caption, as news pages print it above or under the picture before the story:
# a person's role and name, maybe after their force, and nothing else ("Leicestershire
# Police Temporary Chief Constable Rob Nixon", "Chief Constable Rob Nixon"), or name then
# role ("Zoë Billingham, HM Inspector of Constabulary").
_CAPTION_ROLE_NAME = re.compile(
    rf"(?:(?P<org>[A-Z][\w’'&-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w’'&-]*){{0,4}}?)\s+)?"
    rf"(?:{ROLE})\s*,?\s+(?P<name>{NAME})"
)
_CAPTION_NAME_ROLE = re.compile(rf"(?P<name>{NAME})\s*,\s+(?:{ROLE})")
_CAPTION_ROLE_ONLY = re.compile(rf"(?:{ROLE})\s*,?\s+(?P<name>{NAME})")
# Words of a Title Case headline that a name-shaped run would swallow ("Police and Crime
# Commissioner Rupert Matthews Welcomes Report").
_HEADLINE_WORDS = frozenset(
    "welcomes responds response reacts reaction comments says statement praises hails "
    "backs criticises slams report inspection findings update".split()
)


def is_caption(text: str) -> bool:
    """A person's role and name on their own: a photo caption, not a headline."""
    text = text.strip()[:200]
    caption = _CAPTION_NAME_ROLE.fullmatch(text) or _CAPTION_ROLE_ONLY.fullmatch(text)
    if not caption:
        caption = _CAPTION_ROLE_NAME.fullmatch(text)
        if not caption or canonical_force(caption.group("org")) is None:
            return False
    name = caption.group("name").split()
    return len(name) <= 3 and not any(_plain(w) in _HEADLINE_WORDS for w in name)


# An accessibility toolbar, however many of its controls ran into one paragraph ("Text
# Only Accessibility Options Default Text Size icon Large Text Size icon ... Skip Content").
_TOOLBAR = re.compile(
    r"^(?:text\s+only\s+)?(?:accessibility(?:\s+(?:options|tools|settings))?|"
    r"(?:default|large|larger|largest)\s+text\s+size|change\s+text\s+size|text\s+size)\b"
    r".{0,400}$|^(?:skip\s+(?:to\s+)?(?:main\s+)?content\s*){1,3}$|"
    # The font-size controls after the site's phone and address ("T: 01245 291600 E: ...
    # Change font size Change font size to normal ... View text only version").
    r"^.{0,120}?\bchange\s+(?:font|text)\s+size\b.{0,400}$",
    re.IGNORECASE | re.DOTALL,
)


@lru_cache(maxsize=1024)  # pure; the same paragraph is asked about by several rules
def is_chrome(text: str) -> bool:
    """Page furniture: short paragraphs such as "Skip to content" or "Get the report"."""
    text = text.strip()
    if _TOOLBAR.match(text):
        return True
    if len(text) > 150:
        return False
    if _GENERIC_PAGE_TITLE.match(text.strip(" -–—|:")):
        return True  # "News release": the page's kind, not its headline
    if not CHROME.match(text):
        return False
    # A dateline that runs on into the headline ("date 2022-05-10 Kent Police must improve
    # ...", as syndicated pages print it) is the headline, not furniture.
    dated = _LEADING_DATE.match(text)
    if dated and dated.end() < len(text):
        rest = text[dated.end() :].strip()
        if len(rest.split()) >= 4 and not CHROME.match(rest):
            return False
    return True


def _plain(token: str) -> str:
    if token.isascii():
        # (ASCII is its own NFKD form and has no combining marks: most tokens)
        return token.replace("'", "").lower()
    token = unicodedata.normalize("NFKD", token.replace("’", "").replace("'", ""))
    return "".join(c for c in token if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1024)  # pure; the same paragraph is asked about by several rules
def is_headline(text: str) -> bool:
    """Short, not a sentence, not furniture, not a date or a grade on its own."""
    text = text.strip()
    if not text or len(text) > 250 or len(text) < 4:
        return False
    if text.endswith((".", ":", ",", ";")) and not text.endswith("..."):
        return False
    if is_chrome(text) or _GRADE_ONLY.match(text) or DATE.fullmatch(text):
        return False
    return any(c.isalpha() for c in text)


_PAGE_EXTENSIONS = frozenset(("html", "htm", "shtml", "php", "asp", "aspx", "jsp", "cfm"))


def _slug_tokens(url: str) -> list[str]:
    path = re.sub(r"^[a-z]+://[^/]+", "", url[:2000], flags=re.IGNORECASE)
    path = path.split("?")[0] if "articles/" not in path else path
    best: list[str] = []
    for segment in re.split(r"[/?=&]", path):
        tokens = [t for t in re.split(r"[^A-Za-z0-9]+", segment.lower()) if t]
        if len(tokens) > 1 and tokens[-1] in _PAGE_EXTENSIONS:
            tokens.pop()  # ".../headline-words-34443213.html"
        while tokens and tokens[-1].isdigit() and len(tokens[-1]) >= 6:
            tokens.pop()  # a timestamp
        while len(tokens) > 4 and tokens[0].isdigit() and len(tokens[0]) in (2, 4):
            tokens.pop(0)  # a date before the words ("2014-05-commissioner-comments-...")
        if tokens and tokens[-1] in ("open", "opendocument"):
            tokens.pop()
        if len(tokens) > len(best):
            best = tokens
    return best if len(best) >= 4 else []


def headline_from_slug(paragraph: str, url: str, *, slug: list[str] | None = None) -> str | None:
    """The words of `paragraph` that the URL slug spells out, as the text writes them
    (quotes kept): "'Unacceptable failings' in Lincolnshire Police's crime recording
    practices" from ".../unacceptable-failings-in-lincolnshire-polices-crime-recording-...".
    `slug` is the URL's slug tokens when the caller has them already (`_slug_tokens`).
    """
    slug = _slug_tokens(url) if slug is None else slug
    if not slug:
        return None
    head = paragraph[:800]
    tokens = [(m.start(), m.end(), _plain(m.group(0))) for m in _TOKEN.finditer(head)]
    words = [t[2] for t in tokens]
    n = len(slug)
    for i in range(len(words) - n + 1):
        if words[i] != slug[0]:
            continue
        if words[i : i + n] == slug:
            return _headline_span(head, tokens, tokens[i][0], tokens[i + n - 1][1], exact=True)
    # A slug that drops small words ("...-improvements-to-crime-recording" for "... to its
    # crime recording") or a possessive ("surrey-police-crime-recording" for "Surrey
    # Police’s crime recording"): only from the paragraph's start, where a headline whose
    # lines ran into the lead stands; the headline then runs on to where the lead opens.
    # The slug may also word it differently in its small words ("response-to-the-hmic-..."
    # for "RESPONSE ON HMIC ...").
    if words and _slug_word(words[0], slug[0]):
        j = 1
        k = 1
        skipped = 0
        while j < n and k < len(words) and skipped <= 4:
            if _slug_word(words[k], slug[j]):
                j += 1
                k += 1
            elif words[k] in _SLUG_DROPS or words[k] in _SLUG_SHORTENED:
                skipped += 1
                k += 1
            elif slug[j] in _SLUG_DROPS:
                skipped += 1
                j += 1
            else:
                break
        if j == n and n >= 4:
            return _headline_span(head, tokens, tokens[0][0], tokens[k - 1][1], exact=False)
    return None


# Small words a URL slug leaves out of its headline.
_SLUG_DROPS = frozenset(
    "its their the a an is are was has have been of to in on at for and says said finds".split()
)
# Words of a force's name a slug shortens away ("north-wales-still-needs-..." for "North
# Wales Police still needs ...").
_SLUG_SHORTENED = frozenset(("police", "constabulary", "service"))
# Where the lead opens after a headline whose lines ran into it: the inspectorate as the
# lead's subject, or "Following a re-inspection, ...".
_LEAD_OPENER = re.compile(
    r"\s(?=(?:(?:Her|His)\s+Majesty[’']s\s+Inspectorate|HM\s+Inspectorate|HMICFRS|HMIC\b|"
    r"The\s+police\s+inspectorate|Inspectors\s|Following\s|After\s|An?\s+inspection\b))"
)


def _slug_word(word: str, slug_word: str) -> bool:
    # "Police’s" is "polices" once its apostrophe goes; the slug writes "police".
    return word == slug_word or (word.endswith("s") and word[:-1] == slug_word)


def _headline_span(head: str, tokens: list, start: int, end: int, *, exact: bool) -> str | None:
    while start > 0 and head[start - 1] in "‘'\"“#":
        start -= 1
    while end < len(head) and head[end] in "’'\"”":
        end += 1
    # The slug may stop short of the headline ("...-records-crime-accurately" for "...
    # records crime accurately and puts victims first"): run on to the lead's opener when
    # it comes within a few words, with no sentence ending on the way.
    opener = _LEAD_OPENER.search(head, end, end + 80)
    if opener:
        tail = head[end : opener.start()]
        if (
            0 < len(tail.split()) <= 8
            and not re.search(r"[.!?]", tail)
            and not _DANGLING.search(head[start : opener.start()].strip())
        ):
            return head[start : opener.start()].strip()
        if not tail.strip():
            return head[start:end]
    if exact:
        return head[start:end]
    # The slug, said its own way, runs to the paragraph's end (a headline on its own), or
    # to where a new sentence opens: a capitalised word, then a small one ("...
    # performance There are concerns ...", "... 2016 Statement from Dr ...").
    rest = head[end:]
    if not rest.strip(" .!?") or _SENTENCE_START.match(rest):
        headline = head[start:end]
        return None if _DANGLING.search(headline) else headline
    return None


# A capitalised word or a name of a few ("Staffordshire Police has made ..."), then a
# small one.
_SENTENCE_START = re.compile(r"\s+(?:[A-Z][\w’'-]*\s+){1,3}[a-z]")


def _strip_site(title: str) -> str:
    parts = [p.strip() for p in re.split(r"\s+[|–—-]\s+|\s+\|\s*|\s*\|\s+", title) if p.strip()]
    if len(parts) >= 2:
        sites = ("hmic", "hmicfrs", "gov.uk", "police")
        parts = [p for p in parts if p.lower() not in sites and len(p) > 12] or parts
        return max(parts, key=len)
    return title.strip()


def clean_title(title: str) -> str:
    title = REFERENCE_PREFIX.sub("", " ".join(title.split()))
    return title.strip(" -–—|")


# A breadcrumb trail ending in the page's own headline: "Leave site Skip to content You are
# here: Home » News » Our statement following our latest HMICFRS inspection".
_BREADCRUMB = re.compile(
    r"\byou\s+are\s+here\s*:?\s*home\s*(?:[»›>/|]\s*[^»›>/|]{1,60}?\s*)*[»›>/|]\s*"
    r"(?P<last>[^»›>/|]{12,250})$",
    re.IGNORECASE,
)
# An assessment page's heading run into its link: "Kent 2015 Read more about KentThis is ...".
_HEADING_THEN_READ_MORE = re.compile(r"^(?P<head>.{4,80}?)\s+read\s+more\s+about\b", re.IGNORECASE)
# A word the lead's first sentence opens with after a headline that ran into it: the
# inspectorate as its subject, whatever its case ("HM INSPECTORATE of Constabulary has").
_LEAD_SUBJECT = re.compile(
    r"(?:(?:her|his)\s+majesty[’']s\s+inspectorate|hm\s+inspectorate|hmicfrs\b|hmic\b|"
    r"the\s+police\s+inspectorate|inspectors\s)",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"[A-Z][\w’'-]*")
# A lead opening with a capitalised article and a common noun ("... go unrecorded A recent
# HMIC report ..."): after a lower-case word, a new sentence (a name such as "The Met" is
# capitalised after its article).
_ARTICLE_LEAD = re.compile(r"(?:A|An|The)\s+[a-z]")


# The verb of a sentence's subject, or its possessive (the inspectorate's report is the
# object of the sentence before, not a new sentence's subject).
_VERB_OR_POSSESSIVE = re.compile(
    r"[’']s?(?=\s|$)|\b(?P<verb>has|have|had|is|are|was|were|said|says|found|finds|rated|"
    r"graded|judged|published|noted|praised|criticised|warned|raised|revealed)\b",
    re.IGNORECASE,
)


def _acts(sentence: str) -> bool:
    """The sentence's opening noun phrase is followed by its verb within a dozen words,
    before any possessive: "HM INSPECTORATE of Constabulary has noted ...", not "Her
    Majesty's Inspectorate of Constabulary's report ...". (The "Majesty's" of the name
    itself is skipped.)"""
    text = re.sub(r"^(?:her|his)\s+majesty[’']s\s+", "", sentence[:200], flags=re.IGNORECASE)
    found = _VERB_OR_POSSESSIVE.search(text)
    return bool(found and found.group("verb") and len(text[: found.start()].split()) <= 12)


def run_on_headline(paragraph: str, *, cut: bool = False) -> str | None:
    """The headline of a text whose headline line ran into its lead (no blank line between
    them): where a capitalised word follows a lower-case one and opens a sentence that
    restates a name of the headline ("... response to the public Durham Constabulary is
    effective ...") or names the inspectorate as its subject ("... latest report HM
    INSPECTORATE of Constabulary has noted ..."). The lead is a sentence, unless the
    paragraph was `cut` at a line's end (a PDF's first lines): then eight words of it."""
    head = paragraph[:700]
    words = list(_WORD.finditer(head))
    if len(words) < 8:
        return None
    # A dateline between them: "... response to the public 12 March 2025 Durham ...".
    dated = dateline_after_headline(head)
    if dated:
        headline, _day, start = dated
        rest = head[start:]
        if (
            is_headline(headline)
            and not _DANGLING.search(headline)
            and (cut or re.search(r"[.!?][\"”’']?(?:\s|$)", rest))
        ):
            return headline
    for i in range(4, min(len(words) - 3, 31)):
        word, before = words[i].group(0), words[i - 1].group(0)
        if not word[:1].isupper() or not before[-1:].islower() or before[:1].isupper():
            continue
        candidate = head[: words[i - 1].end()].strip()
        if re.search(r"[.!?]\s", candidate) or _DANGLING.search(candidate):
            continue
        rest = head[words[i].start() :]
        if not re.search(r"[.!?][\"”’']?(?:\s|$)", rest) and not (cut and len(rest.split()) >= 8):
            continue  # the lead is a sentence
        names = {w for w in _CAPITALISED.findall(candidate)[1:] if len(w) > 3} | {words[0].group(0)}
        restated = any(w.strip("’'s") in names for w in rest.split()[:2])
        if (
            not restated
            and not (_LEAD_SUBJECT.match(rest) and _acts(rest))
            and not _ARTICLE_LEAD.match(rest)
        ):
            continue
        if is_headline(candidate) and len(candidate.split()) <= 30:
            return candidate
        return None
    return None


# Most words a site's name or a byline above a news page's headline has ("Cumbria Crack",
# "Belfast Telegraph", "Ben Adams").
_MASTHEAD_WORDS = 5


def _slug_headline_after_masthead(
    head: list[str], first: int, url: str, slug: list[str]
) -> int | None:
    """The index of the paragraph a news page's URL slug spells out whole, when only short
    lines the slug does not spell (the site's name, a byline, a breadcrumb) come before
    it: "Belfast Telegraph" / "Home News UK" / "Police watchdog takes chief constables to
    task ..." from ".../police-watchdog-takes-chief-constables-to-task-...-34443213.html".
    """
    if not slug:
        return None
    for index in range(first, min(first + 4, len(head))):
        paragraph = head[index]
        if index > first and is_chrome(paragraph):
            continue
        if is_headline(paragraph):
            spelled = headline_from_slug(paragraph, url, slug=slug)
            if spelled is not None:
                if index == first:
                    return None  # the first line is the headline
                if fold(spelled.strip("‘’'\"“”")) == fold(paragraph.strip("‘’'\"“”")):
                    return index
                return None
        words = paragraph.split()
        if len(words) > _MASTHEAD_WORDS or re.search(r"[.!?:;,]", paragraph):
            return None
    return None


def find_title(
    paragraphs: list[str] | tuple[str, ...],
    *,
    doc_title: str | None = None,
    metadata: dict[str, str] | None = None,
    url: str = "",
) -> tuple[str | None, int | None]:
    """(title, index of the paragraph that is the title, or None)."""
    head = list(paragraphs[:12])
    # PEEL assessment pages: "Dyfed-Powys 2014" then "Read more about Dyfed-Powys".
    for index, paragraph in enumerate(head):
        if index > 0 and _READ_MORE.match(paragraph) and is_headline(head[index - 1]):
            return clean_title(head[index - 1]), index - 1
    for paragraph in head[:3]:
        trail = _BREADCRUMB.search(paragraph[:600])
        if trail and is_headline(trail.group("last").strip()):
            return clean_title(trail.group("last")), None
    first_index = None
    for index, paragraph in enumerate(head):
        if is_chrome(paragraph) or is_caption(paragraph):
            continue
        if not any(c.isalpha() for c in paragraph[:100]):
            continue  # a phone number or a date in figures alone, above the headline
        if index + 1 < len(head) and not _LEADING_DATE.sub("", paragraph).strip(" ,.|-–—"):
            continue  # a date line alone above the headline ("Thursday, 21 June 2012")
        first_index = index
        break
    # (the URL's slug, read once for the rules below that compare the text with it)
    slug = _slug_tokens(url) if first_index is not None and url else []
    if first_index is not None and url:
        spelled = _slug_headline_after_masthead(head, first_index, url, slug)
        if spelled is not None:
            return clean_title(head[spelled]), spelled
    if first_index is not None:
        first = head[first_index]
        stripped = _LEADING_DATE.sub("", first, count=1)
        read_more = _HEADING_THEN_READ_MORE.match(first)
        if read_more and is_headline(read_more.group("head")):
            return clean_title(read_more.group("head")), None
        if is_headline(stripped) and stripped == first:
            # Longer than a headline: the headline and the lead's first lines, run together.
            run_on = run_on_headline(first, cut=True) if len(first) > 150 else None
            if run_on:
                return clean_title(run_on), None
            return clean_title(first), first_index
        run_together = run_together_headline(first)
        if is_headline(stripped) and not (run_together and _PUBLISHER_HEAD.match(stripped)):
            # (A dateline and the publisher's name before a headline and the lead's start,
            # cut short by a line break, are not the headline.)
            return clean_title(stripped), None
        if run_together:
            return clean_title(run_together), None
        from_slug = headline_from_slug(first, url, slug=slug) if url else None
        if from_slug:
            return clean_title(from_slug), None
        # (A page's own title that is not merely the paragraph's start knows its
        # headline better.)
        own = fold(_strip_site(doc_title)) if isinstance(doc_title, str) else ""
        run_on = None if own and not fold(first).startswith(own) else run_on_headline(stripped)
        if run_on:
            return clean_title(run_on), None
    # The container's own title, unless it merely repeats the first paragraph's start.
    candidates = [doc_title]
    if metadata:
        candidates += [
            metadata.get(k)
            for k in ("og:title", "twitter:title", "pdf:Title", "html_title", "title")
        ]
    first_text = fold(head[first_index]) if first_index is not None else ""
    for candidate in candidates:
        if not isinstance(candidate, str) or not candidate.strip():
            continue
        candidate = _strip_site(candidate)
        key = fold(candidate)
        if not key or (first_text and first_text.startswith(key) and first_text != key):
            continue
        if first_text and key == first_text and candidate.rstrip().endswith((".", "!", "?")):
            # A container titled by its first paragraph, a sentence the text did not take
            # as its headline (a PDF whose title is its opening sentence).
            continue
        if is_chrome(candidate) or is_caption(candidate) or len(candidate) > 300:
            continue
        return clean_title(candidate), None
    return None, None
