"""extract_release never raises and runs in bounded time, whatever the Document."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.records import Document, Release
from extractors.release import extract_release

# Text with the characters the rules care about, so the patterns are exercised.
_ALPHABET = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,;:?!'\"-–—‘’“”#/()&\n")
    + ["Police ", "Constabulary ", "good ", "is ", "inadequate", "HMIC ", "Engage ", "said ",
       "Inspector of Constabulary ", "report ", "0203 513 0600", "25 August 2016", "é", "Zoë",
       "\u200b", "\x00", "\ufffd", "𝔘", "Notes to editors"]
)  # fmt: skip
_TEXT = st.lists(_ALPHABET, max_size=120).map("".join)


def _check(release: Release) -> None:
    assert isinstance(release, Release)
    for judgement in release.judgements:
        assert judgement.area and judgement.value == judgement.value.lower()
    for mention in release.forces:
        assert isinstance(mention.in_notes, bool)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(_TEXT, max_size=12), title=st.none() | _TEXT, url=st.text(max_size=80))
def test_random_paragraphs(paragraphs: list[str], title: str | None, url: str) -> None:
    document = Document("text/plain", title, tuple(paragraphs), metadata={"time": url})
    _check(extract_release(document, url=url))


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=2000))
def test_any_unicode_text(text: str) -> None:
    _check(extract_release(Document("text/html", text[:50] or None, (text,)), url=text[:30]))


def test_empty_and_odd_documents() -> None:
    for document in (
        Document("text/plain", None, ()),
        Document("text/plain", "", ("",)),
        Document("application/pdf", None, ("   ", "\n\n"), metadata={"pdf:CreationDate": "x"}),
        Document("text/html", None, ("Notes to editors",) * 3),
        Document("text/html", None, (None, 3, "Kent Police is good."), metadata=None),  # type: ignore[arg-type]
    ):
        _check(extract_release(document))


def test_huge_and_adversarial_inputs_are_bounded() -> None:
    cases = [
        ("a" * 200_000,),
        (("Kent Police is good at keeping people safe and reducing crime, " * 5_000),),
        (("HM Inspector of Constabulary " * 10_000),),
        ("‘" + "A " * 50_000,),
        (("0 " * 100_000),),
        tuple("Kent Police’s efficiency is good" for _ in range(5_000)),
        ("Get the report",) * 3_000,
    ]
    for paragraphs in cases:
        start = time.perf_counter()
        _check(
            extract_release(Document("text/plain", None, paragraphs), url="https://x/" + "a-" * 500)
        )
        assert time.perf_counter() - start < 10, paragraphs[0][:40]


# --- end to end: bytes -> parse_document -> extract_release ------------------------------

_MARKUP = st.sampled_from(
    ["<p>", "</p>", "<h1>", "</h1>", "<li>", "<time>", "</time>", "<meta name=date content=",
     "<script>", "</script>", "<!--", "-->", "<table><tr><td>", "&amp;", "&#0;", "<br>",
     "%PDF-1.4\n", "Kent Police is good.", "Notes to editors", "\r\n", "\n\n", "#015/2012 – ",
     "Published: 25 August 2016", "removed from Engage", "\x00", "\xff", "é"]
)  # fmt: skip
_PAGES = st.lists(_MARKUP | _TEXT, max_size=60).map(lambda parts: "".join(parts).encode())


def _bytes_to_release(data: bytes) -> Release | None:
    from extractors import ExtractionError, parse_document

    try:
        document = parse_document(data)
    except ExtractionError:
        return None  # refused with a message: the pipeline records it as an error
    release = extract_release(document, url="https://example.org/news/x/")
    _check(release)
    return release


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000) | _PAGES)
def test_any_bytes_end_to_end(data: bytes) -> None:
    _bytes_to_release(data)


def test_large_inputs_end_to_end_are_bounded() -> None:
    # A megabyte of release-like text, as text, HTML and a many-page PDF: each is cut to the
    # extractor's limits rather than scanned whole. The bound is generous (slow CI), but a
    # quadratic pattern on these inputs would take minutes.
    from analysis.renditions import render_html, render_pdf

    paragraph = (
        "Kent Police’s efficiency at keeping people safe and reducing crime is good, HM "
        "Inspector of Constabulary Jane Doe said on 25 August 2016 (0203 513 0600). "
    )
    text = "\n\n".join(paragraph * 3 for _ in range(2_500))  # about 1.2 MB
    for data in (text.encode(), render_html(text), render_pdf(text[:60_000])):
        start = time.perf_counter()
        release = _bytes_to_release(data)
        assert time.perf_counter() - start < 60
        assert release is not None and release.primary_force == "Kent Police"
        assert ("Kent Police", "peel_efficiency", "good") in {
            (j.force, j.area, j.value) for j in release.judgements
        }
    start = time.perf_counter()
    assert _bytes_to_release(("‘" + "A " * 400_000).encode()) is not None
    assert time.perf_counter() - start < 60
