"""Imported once by the fork server that starts the extraction processes
(flows.extraction): the extractors imported and run once on a bundled release as text,
HTML and PDF, so every worker forked from the server starts with its modules loaded, its
patterns compiled and pdfminer's fonts read. Without it each worker paid that (about
1.5 s of CPU) again on every run."""

from __future__ import annotations

from importlib.resources import files

import extractors
from analysis.renditions import render_html, render_pdf


def _warm_up() -> None:
    text = (files("flows") / "sample" / "staffordshire-asb-2012.txt").read_text("utf-8")
    renditions = (
        (text.encode("utf-8"), "text/plain"),
        (render_html(text), "text/html"),
        (render_pdf(text), "application/pdf"),
    )
    for data, content_type in renditions:
        try:
            extractors.extract(data, url="https://warm-up.invalid/", content_type=content_type)
        except Exception:  # noqa: S110 - a warm-up is never a reason for workers not to start
            pass


_warm_up()
