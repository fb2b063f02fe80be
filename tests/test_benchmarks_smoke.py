"""The benchmark's parts work: a tiny generated press office, served on loopback with
conditional GET, read end to end by the baseline script. No timings are asserted."""

from __future__ import annotations

import importlib
from pathlib import Path

import httpx
import pytest

pytest.importorskip("feedparser")

from benchmarks import baseline, site  # noqa: E402


def test_site_serves_feed_documents_and_304(tmp_path: Path):
    root = site.generate(tmp_path / "site", 9, workers=1)
    work = site.working_copy(root, tmp_path / "work")
    with site.ServedSite(work) as served, httpx.Client() as client:
        feed = client.get(served.feed_url)
        assert feed.status_code == 200 and feed.text.count("<item>") == 9
        url = f"{served.base}/{site.rel_path(1)}"
        first = client.get(url)
        assert first.headers["content-type"] == "application/pdf"
        assert first.content.startswith(b"%PDF")
        again = client.get(url, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304
        since = client.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
        assert since.status_code == 304

        changed = site.change(work, 9, fraction=0.2)
        assert (
            changed
            and (root / site.rel_path(changed[0])).read_bytes()
            != (work / site.rel_path(changed[0])).read_bytes()
        )

        timings: dict[str, float] = {}
        rows = baseline.run(served.feed_url, tmp_path / "baseline.duckdb", timings)
        assert rows == 9
        assert set(timings) >= {"fetch", "extract_pdf", "extract_html", "load"}


def test_generated_texts_differ_and_are_deterministic():
    texts = site.base_texts()
    a = [site.document_text(texts, i) for i in range(6)]
    assert len({t for _, t in a}) == 6
    assert a == [site.document_text(texts, i) for i in range(6)]


def test_real_site_is_real_paragraphs_served_by_http_server_and_read_by_the_naive_script(
    tmp_path: Path,
):
    from benchmarks import naive, realsite

    if not realsite.DEVSET.is_dir():
        pytest.skip("the shared devset is not here")
    texts = [realsite.document_text(i)[1] for i in range(6)]
    assert len(set(texts)) == 6 and texts == [realsite.document_text(i)[1] for i in range(6)]
    real = {p for _, paragraphs in realsite.releases() for p in paragraphs}
    # Nothing invented: every paragraph of a document (and of its correction) is a real one.
    assert all(p in real for t in texts for p in t.strip().split("\n\n"))
    corrected = realsite.document_text(4, revision=1)[1]
    assert corrected != texts[4] and all(p in real for p in corrected.strip().split("\n\n"))

    root = realsite.working_copy(realsite.generate(tmp_path / "site", 6, workers=1), tmp_path / "w")
    with realsite.HttpServer(root) as server:
        feed = realsite.write_feed(root, server.base)
        assert httpx.get(feed).text.count("<entry>") == 6
        pdf = httpx.get(f"{server.base}/{realsite.rel_path(1)}")
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")
        timings: dict[str, float] = {}
        assert naive.run(feed, tmp_path / "naive.duckdb", timings) == 6
        assert timings["extract_pdf"] > 0


def test_maintext_benchmark_scores_like_trafilaturas_evaluation():
    from benchmarks import maintext

    page = maintext.GoldPage("u", Path("p.html"), ("kept", "lost"), ("chrome", "absent"))
    # tp, fn, fp, tn: a 'with' snippet found / missing, a 'without' snippet found / absent.
    assert maintext.count("kept text and chrome", page) == (1, 1, 1, 1)
    assert maintext.count(None, page) == (0, 2, 0, 2)
    score = maintext.Score("x", tp=3, fn=1, fp=1, tn=5, pages=2, seconds=0.5)
    assert (score.precision, score.recall, score.pages_per_second) == (0.75, 0.75, 4.0)

    if not maintext.DEFAULT_CORPUS.is_dir():
        pytest.skip("../shared/corpora/html not present")
    pages = maintext.gold_pages(maintext.DEFAULT_CORPUS)
    assert len(pages) == 267
    few = pages[:3]
    floor = maintext.score("bs4", maintext.bs4_text, few)
    ours = maintext.score("pressroom", maintext.pressroom_text, few)
    snippets = sum(len(p.with_) for p in few)
    assert floor.tp + floor.fn == ours.tp + ours.fn == snippets
    assert ours.fp <= floor.fp


@pytest.mark.parametrize(
    "name",
    sorted(p.stem for p in (Path(__file__).parents[1] / "benchmarks").glob("*.py")),
)
def test_every_benchmark_module_imports(name: str):
    # Each runs as `python -m benchmarks.NAME`: a module that no longer imports after a
    # move is a benchmark nobody can run.
    importlib.import_module(f"benchmarks.{name}")
