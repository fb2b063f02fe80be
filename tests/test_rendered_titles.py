"""Titles of releases rendered by other tools than ours: a generic page title is no
headline; a PDF's first-page letterhead and a browser-printed page's chrome are not the
headline."""

from __future__ import annotations

import pytest

from extractors import extract_release, parse_document

LEAD = (
    "Kent Police has been judged good at keeping people safe and reducing crime by His "
    "Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)."
)
SECOND = (
    "The inspectorate found that the force understands the threats its communities face "
    "and works well with partner organisations to prevent crime."
)


def _title(data: bytes) -> str | None:
    return extract_release(parse_document(data)).title


@pytest.mark.parametrize(
    "page_title", ["News release - HMICFRS", "Press release", "News releases | HMICFRS", "Media"]
)
def test_generic_page_title_is_no_headline(page_title: str) -> None:
    page = (
        f"<html><head><title>{page_title}</title></head><body>"
        f"<p>{LEAD}</p><p>{SECOND}</p></body></html>"
    ).encode()
    assert _title(page) is None
