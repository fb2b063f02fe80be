"""STUB (to be replaced): Document -> Release."""

from __future__ import annotations

from .records import Document, Release


def extract_release(document: Document, *, url: str = "") -> Release:
    return Release(
        title=document.title,
        reference=None,
        published_date=None,
        publisher=None,
        primary_force=None,
        topic=None,
        forces=(),
        people=(),
        reports=(),
        phones=(),
        judgements=(),
        body_text=document.text,
    )
