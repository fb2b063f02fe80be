"""The cheap word checks the release rules make before a costly pattern (issue 24): a
text the pattern matches always passes its check, on examples of every rule and on
every paragraph of the devset."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors.fields import reports
from extractors.rules import topics

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"

TOPIC_EXAMPLES = [
    "A cause of concern revisit letter",
    "Kent Police placed into enhanced level of monitoring",
    "The force was removed from the Engage process",
    "The force remains in special measures",
    "The integrated PEEL assessment",
    "IPA 2018/19",
    "PEEL 2023–2025: An inspection of Kent Police",
    "the first PEEL (police effectiveness) assessment of Kent",
    "Crime-recording failures; forces fail to record thousands of crimes; under-recording",
    "Police efficiency rated good for legitimacy; 'good' in effectiveness",
    "its annual leadership inspection; report into the Effectiveness of Humberside Police",
    "preventing crime and tackling anti-social behaviour; ASB",
    "police custody suites",
    "the August 2011 disorders; the riots in August 2011",
    "the spending review; financial challenge; Valuing the Police; austerity; police budgets",
    "front-line officers; workforce comparisons",
    "keeping people safe and reducing crime; effectiveness, efficiency and legitimacy",
    "REVİSİT LETTER; Anti-ſocial behaviour",
]


def _devset_texts() -> list[str]:
    if not DEVSET.is_dir():
        return []
    out = []
    for path in sorted(DEVSET.rglob("*.txt")):
        text = path.read_text("utf-8")
        out.append(text)
        out.extend(p for p in text.split("\n\n") if p.strip())
    return out


@pytest.mark.parametrize("text", TOPIC_EXAMPLES)
def test_every_topic_rule_a_text_matches_passes_its_word_check(text: str) -> None:
    lowered = topics.folded(text)
    assert any(pattern.search(text) for _t, _f, pattern in topics.RULES)
    for index, (_topic, _family, pattern) in enumerate(topics.RULES):
        if pattern.search(text):
            assert topics._may_match(index, text, lowered), (index, text)


def test_the_topic_word_checks_hold_on_the_devset() -> None:
    texts = _devset_texts()
    if not texts:
        pytest.skip("../shared/devset not present")
    for text in texts:
        lowered = topics.folded(text)
        for index, (_topic, _family, pattern) in enumerate(topics.RULES):
            if pattern.search(text):
                assert topics._may_match(index, text, lowered), (index, text[:200])


def test_every_quoted_title_pattern_needs_an_open_quote_before_a_capital() -> None:
    patterns = [p for p, _ in reports._QUOTED_PATTERNS] + [reports._QUOTED_AFTER_VERB]
    for text in REPORT_EXAMPLES + _devset_texts():
        if any(p.search(text) for p in patterns):
            assert reports._OPEN_TITLE.search(text), text[:200]


def _report_checks() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    return [
        *reports._QUOTED_PATTERNS,
        (reports._QUOTED_AFTER_VERB, reports._AFTER_VERB_WORDS),
        (reports._GET_REPORT_INLINE, ("report", "letter")),
        (reports._NAMED_AFTER_OWNER, ("report", "review")),
    ]


REPORT_EXAMPLES = [
    "the thematic review 'A Step in the Right Direction' and ‘Stop the Rot’ report",
    "its final report on crime data integrity, ‘Crime-recording: making the victim count’",
    "HMIC said today in ‘Policing in austerity: Rising to the challenge’",
    "HMIC’s ‘Without Fear or Favour’ looked at; the inspectorate's 'Values' said",
    "This report follows 'Adapting to Austerity' (2011) and 'Valuing the Police' (2010).",
    "a document entitled 'Policing in austerity' and a study, 'Stop the Rot'",
    "Read the full letter: Kent Police 2019. Get the report: PEEL 2021/22",
    "The report – Policing in Austerity: Rising to the Challenge – is available.",
    "his annual review, State of Policing, was published.",
]


@pytest.mark.parametrize("text", REPORT_EXAMPLES)
def test_every_report_pattern_a_text_matches_passes_its_word_check(text: str) -> None:
    for pattern, words in _report_checks():
        if pattern.search(text):
            assert any(word in text for word in words), (pattern.pattern[:60], text)


def test_the_report_word_checks_hold_on_the_devset() -> None:
    texts = _devset_texts()
    if not texts:
        pytest.skip("../shared/devset not present")
    checks = _report_checks()
    for text in texts:
        for pattern, words in checks:
            if pattern.search(text):
                assert any(word in text for word in words), (pattern.pattern[:60], text[:200])


def _first_chars(pattern: str) -> set[str]:
    """The characters a match of `pattern` can start with (from re's parse tree); fails
    on a pattern whose first character is not a listed one (a class like \\w, any)."""
    from re import _constants as c
    from re import _parser

    def of_sequence(items) -> tuple[set[str], bool]:
        out: set[str] = set()
        for op, av in items:
            chars, empty = of_item(op, av)
            out |= chars
            if not empty:
                return out, False
        return out, True

    def of_item(op, av) -> tuple[set[str], bool]:
        if op is c.LITERAL:
            return {chr(av)}, False
        if op is c.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is c.LITERAL:
                    chars.add(chr(value))
                elif kind is c.RANGE:
                    chars |= {chr(i) for i in range(value[0], value[1] + 1)}
                else:
                    raise AssertionError(f"unlisted first character: {kind}")
            return chars, False
        if op is c.SUBPATTERN:
            return of_sequence(av[-1])
        if op is c.BRANCH:
            chars, empty = set(), False
            for branch in av[1]:
                more, may_be_empty = of_sequence(branch)
                chars |= more
                empty = empty or may_be_empty
            return chars, empty
        if op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, _high, sub = av
            chars, empty = of_sequence(sub)
            return chars, empty or low == 0
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return set(), True  # consumes nothing
        raise AssertionError(f"unlisted first character: {op}")

    chars, empty = of_sequence(_parser.parse(pattern))
    assert not empty
    return chars


def _class_chars(spec: str) -> set[str]:
    return {chr(i) for i in range(0x3000) if re.fullmatch(f"[{spec}]", chr(i))}


def test_the_people_patterns_start_only_where_their_lookahead_allows() -> None:
    from extractors.fields import names, people

    assert _first_chars(names.ROLE) <= _class_chars(people.ROLE_FIRST)
    assert _first_chars(names.NAME) <= _class_chars(people.NAME_FIRST)
    # The lookahead is what the pattern would need anyway: the same matches without it.
    for text in _devset_texts()[:400]:
        for pattern in (people._ROLE_NAME, people._NAME_ROLE):
            bare = re.compile(pattern.pattern.split("])", 1)[1])
            assert [m.span() for m in pattern.finditer(text)] == [
                m.span() for m in bare.finditer(text)
            ]


@pytest.mark.parametrize("bare", [False, True])
def test_the_gazetteer_patterns_find_what_they_find_without_their_lookahead(bare: bool) -> None:
    from extractors import forces, services

    force_pattern = forces._pattern(bare).pattern
    lookahead, rest = force_pattern.split("])", 1)
    assert _first_chars(rest) <= _class_chars(lookahead.removeprefix("(?=["))
    for pattern in (forces._pattern(bare), services._pattern(bare)):
        bare_pattern = re.compile(pattern.pattern[pattern.pattern.index("(?<![\\w&-])") :])
        for text in _devset_texts()[:400] + ["HEREFORD and Worcester Fire", "the Met said"]:
            assert [m.span() for m in pattern.finditer(text)] == [
                m.span() for m in bare_pattern.finditer(text)
            ]


_LOOKAHEAD = re.compile(r"\(\?=\[[^\]]*\]\)")


def test_the_people_gates_find_what_they_find_without_their_lookahead() -> None:
    from extractors.fields import people

    for pattern in (
        people._ROLE_WORDS,
        people._OFFICE_WORD,
        people._NAME_OF_BODY,
        people._NAME_OFFICE,
    ):
        assert _LOOKAHEAD.search(pattern.pattern)
        bare = re.compile(_LOOKAHEAD.sub("", pattern.pattern, count=1), pattern.flags)
        for text in _devset_texts()[:400] + ["Ann Lee, Chair of the Police Federation, said"]:
            assert [m.span() for m in pattern.finditer(text)] == [
                m.span() for m in bare.finditer(text)
            ]
    for text in _devset_texts() + ["Andy Cooke, of HMICFRS, said", "Jo Li,\nof the IOPC said"]:
        if people._NAME_OF_BODY.search(text):
            assert people._OF_BODY_CORE.search(text), text[:200]


def test_the_lookahead_patterns_find_what_they_find_without_it() -> None:
    from extractors import release
    from extractors.fields import phones
    from extractors.rules import grades

    odd = (
        "İMPROVED from ‘good’; ſlipped from good; HMICFRS; Inspectorate of Constabulary; "
        "ıNADEQUATE, 'Requires improvement', “outſtanding”, not yet graded"
    )
    from extractors import gaps

    patterns = (release._HMICFRS, release._HMIC, phones._PHONE, grades.FROM_PAST)
    for pattern in (*patterns, grades._VALUE, gaps._GRADE):
        assert _LOOKAHEAD.search(pattern.pattern)
        bare = re.compile(_LOOKAHEAD.sub("", pattern.pattern, count=1), pattern.flags)
        for text in _devset_texts()[:400] + [odd, "Call 01234 567890 or +44 (0)20 7946 0000"]:
            assert [m.span() for m in pattern.finditer(text)] == [
                m.span() for m in bare.finditer(text)
            ]


def test_the_verdict_word_checks_hold_on_the_devset() -> None:
    from extractors import release
    from extractors.fields import references
    from extractors.fields.text import sentences

    texts = _devset_texts()
    if not texts:
        pytest.skip("../shared/devset not present")
    examples = ["rated outstanding, good, requires improvement or inadequate", "Ref 12/2014"]
    for text in examples + [s for t in texts for s in sentences(t)]:
        if release._SCALE.search(text):
            assert release._scale_possible(text), text
        if release._RUN_TOGETHER_GRADE.search(text):
            assert any(mark in text for mark in ":-–—"), text
        if references._LABELLED.search(text):
            assert "/" in text, text


def test_folded_text_holds_every_word_a_case_insensitive_pattern_matches() -> None:
    from extractors.fields.text import folded

    for text in ("İNSPECTOR", "ınspector", "ſuperintendent", "KING", "Inspector ß"):
        for word in ("inspector", "superintendent", "king"):
            if re.search(word, text, re.IGNORECASE):
                assert word in folded(text), (word, text)


def test_the_year_pattern_finds_what_its_plain_form_finds() -> None:
    from extractors.fields import dates

    plain = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
    edges = ["2019", "12019", "a1999b", "x20201", "1920 2021\n2022", "٢1999", "1999٢", "19 20"]
    for text in edges + _devset_texts():
        assert dates._YEAR.findall(text) == plain.findall(text), text[:100]
