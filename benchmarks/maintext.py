"""Main text against trafilatura's gold standard, scored the way trafilatura scores itself.

The gold (`evaldata.json`, keyed by URL) gives each page snippets that must be in the main
text ('with') and snippets that must not ('without'). Per snippet, as in trafilatura's
tests/comparison scripts: a 'with' snippet found is a true positive, missing a false
negative; a 'without' snippet found is a false positive, absent a true negative.
Precision = tp / (tp + fp), recall = tp / (tp + fn). Only entries whose file is on disk
(in `cache/` or `eval/` beside the gold) count.

Extractors, in one run on the same pages:

- bs4 `get_text()` (the floor: all the page's text);
- pressroom `body_text`: the whole HTML release extraction (`extractors.extract`: parse
  plus every release field and rule), timed as a whole;
- trafilatura (if installed), `trafilatura.extract` with its defaults.

Pages per second: each extractor over every page once, one core, timed in CPU time
(time.process_time) so that other work on a shared machine moves the figure less.

    python -m benchmarks.maintext [../shared/corpora/html] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "html"


@dataclass(frozen=True)
class GoldPage:
    url: str
    path: Path
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    name: str
    tp: int
    fn: int
    fp: int
    tn: int
    pages: int
    seconds: float

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def gold_pages(corpus: Path) -> list[GoldPage]:
    """The gold entries whose page is on disk, in the gold file's order."""
    gold = json.loads((corpus / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url, entry in gold.items():
        for folder in ("cache", "eval"):
            path = corpus / folder / entry["file"]
            if path.is_file():
                pages.append(GoldPage(url, path, tuple(entry["with"]), tuple(entry["without"])))
                break
    return pages


def count(text: str | None, page: GoldPage) -> tuple[int, int, int, int]:
    """(tp, fn, fp, tn) of one page's extracted text; no text finds no snippet."""
    text = text or ""
    tp = sum(1 for s in page.with_ if s in text)
    fp = sum(1 for s in page.without if s in text)
    return tp, len(page.with_) - tp, fp, len(page.without) - fp


def score(name: str, extract: Callable[[bytes, str], str | None], pages: Iterable[GoldPage]):
    data = [(page, page.path.read_bytes()) for page in pages]
    totals = [0, 0, 0, 0]
    seconds = 0.0
    for page, raw in data:
        start = time.process_time()
        try:
            text = extract(raw, page.url)
        except Exception:  # noqa: BLE001 - an extractor failing on a page finds nothing
            text = None
        seconds += time.process_time() - start
        for i, value in enumerate(count(text, page)):
            totals[i] += value
    return Score(name, *totals, pages=len(data), seconds=seconds)


def bs4_text(raw: bytes, url: str) -> str:
    from bs4 import BeautifulSoup

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return BeautifulSoup(raw, "lxml").get_text()


def pressroom_text(raw: bytes, url: str) -> str:
    from extractors import extract

    return extract(raw, url=url, content_type="text/html").release.body_text


def trafilatura_text(raw: bytes, url: str) -> str | None:
    import trafilatura

    return trafilatura.extract(raw)


def extractors() -> list[tuple[str, Callable[[bytes, str], str | None]]]:
    chosen: list[tuple[str, Callable[[bytes, str], str | None]]] = [
        ("bs4 get_text()", bs4_text),
        ("pressroom body_text", pressroom_text),
    ]
    try:
        import trafilatura
    except ImportError:
        return chosen
    chosen.append((f"trafilatura {trafilatura.__version__}", trafilatura_text))
    return chosen


def table(scores: list[Score]) -> str:
    lines = [
        "| extractor | precision | recall | F1 | pages/s |",
        "| --- | --- | --- | --- | --- |",
    ]
    for s in scores:
        lines.append(
            f"| {s.name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | "
            f"{s.pages_per_second:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--only", default=None, help="only extractors whose name has this")
    args = parser.parse_args(argv)
    pages = gold_pages(args.corpus)[: args.limit]
    # Warm up imports and caches so the first extractor is not charged for them.
    for _, fn in extractors():
        try:
            fn(pages[0].path.read_bytes(), pages[0].url)
        except Exception:  # noqa: BLE001
            pass
    scores = [
        score(name, fn, pages)
        for name, fn in extractors()
        if args.only is None or args.only in name
    ]
    print(f"{len(pages)} pages with gold in {args.corpus}")
    print(table(scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
