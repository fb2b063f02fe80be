"""Chrome never makes a version (issue 13): a real release in the chrome of five common
templates (tests/chrome_templates.py), its chrome changed between two runs (a new
headline on top of the widgets, another cookie wording, breadcrumbs, footer year, share
counts), keeps one version; a change of its words still makes one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import warehouse as wh
from extractors import extract
from flows.pipeline import ingest
from tests import chrome_templates as ct
from tests.web_support import FAST, running_site

if not ct.DEVSET.is_dir():
    pytest.skip("../shared/devset not present", allow_module_level=True)

# Releases with a headline of their own (some devset pages open with "Skip to content").
RELEASES = ["001", "004", "007", "010", "013"]
WIDGET = ["016", "019", "028", "031", "034", "037", "040"]
URL = "https://police.example/news/release"


def _page(template: str, index: int, state: int, *, edit: bool = False) -> bytes:
    release = ct.devset_release(RELEASES[index])
    if edit:
        kind, number, text = release.blocks[1]
        blocks = (release.blocks[0], (kind, number, text + " (corrected)"), *release.blocks[2:])
        release = ct.Release(release.title, blocks)
    return ct.TEMPLATES[template](release, ct.headlines(WIDGET), state).encode()


@pytest.mark.parametrize("index, template", list(enumerate(ct.TEMPLATES)))
def test_chrome_stays_out_of_body_text_and_fingerprint(index: int, template: str) -> None:
    before = extract(_page(template, index, 0), url=URL, content_type="text/html")
    after = extract(_page(template, index, 1), url=URL, content_type="text/html")
    release = ct.devset_release(RELEASES[index])
    body = before.release.body_text
    assert before.release.title == release.title
    assert release.blocks[0][2] in body and release.blocks[-1][2] in body
    for chrome in [*ct.headlines(WIDGET), *ct.COOKIES, "Latest news", "Most read", "newsletter"]:
        assert chrome not in body, chrome
    assert after.release.body_text == body
    assert after.fingerprint == before.fingerprint
    edited = extract(_page(template, index, 1, edit=True), url=URL, content_type="text/html")
    assert edited.fingerprint != before.fingerprint


@pytest.fixture
def site():
    yield from running_site()


@pytest.mark.usefixtures("prefect_harness")
def test_a_chrome_only_change_keeps_one_version_over_http(site, warehouse_path: Path) -> None:
    pages: dict[str, bytes] = {}

    def handler(request):
        from werkzeug import Response

        if request.path not in pages:
            return Response("not found", status=404)
        return Response(pages[request.path], content_type="text/html; charset=utf-8")

    site.expect_request(re.compile(".*")).respond_with_handler(handler)
    names = list(ct.TEMPLATES)

    def publish(state: int) -> None:
        for index, template in enumerate(names):
            pages[f"/{template}.html"] = _page(template, index, state)
        # The control: the same chrome change plus a corrected paragraph.
        pages["/corrected.html"] = _page("wordpress", 0, state, edit=state == 1)

    def run() -> None:
        urls = [site.url_for(p) for p in sorted(pages)]
        result = ingest(
            sources=urls, warehouse=str(warehouse_path), options=FAST, workers=0, kind="page"
        )
        assert result.counts.n_failed == 0, result

    publish(0)
    run()
    publish(1)
    run()
    rows = wh.run_query(
        warehouse_path,
        "SELECT url, count(*), list(changed_fields) FROM release_versions GROUP BY url",
    ).rows
    versions = {url.rsplit("/", 1)[1]: (n, fields) for url, n, fields in rows}
    for template in names:
        count, fields = versions[f"{template}.html"]
        assert count == 1, (template, fields)
        assert all("body_text" not in (f or []) for f in fields), (template, fields)
    count, fields = versions["corrected.html"]
    assert count == 2 and any("body_text" in (f or []) for f in fields), fields


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Forces have risen to the finance challenge",
        "Lea también: Impiden ingreso a Nicaragua a reportero",
        "Most read",
        "Related articles",
        "Sign up for our morning briefing",
        "Follow us on Twitter and Facebook",
        "71 comments",
        "© 2024 The Evening Chronicle. All rights reserved.",
        "Tags: policing, inspections",
    ],
)
def test_chrome_shaped_lines(line: str) -> None:
    from extractors.maintext import is_chrome_line

    assert is_chrome_line(line)


def test_no_devset_or_seed_paragraph_is_a_chrome_line() -> None:
    from extractors.maintext import is_chrome_line
    from extractors.text import normalise_newlines, text_paragraphs

    files = sorted(ct.DEVSET.glob("*.txt")) + sorted((ct.DEVSET.parent / "seeds").glob("*.txt"))
    assert len(files) > 100
    for path in files:
        for paragraph in text_paragraphs(normalise_newlines(path.read_text("utf-8"))):
            assert not is_chrome_line(paragraph), (path.name, paragraph)
