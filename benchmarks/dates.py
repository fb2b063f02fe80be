"""What reading dates costs per HTML page (issue 15), on real pages (../shared/corpora/html):

- `extract` with the date readers pressroom uses (JSON-LD / microdata `datePublished` in
  the parse it already makes, the address's date through htmldate) against `extract` with
  those two stubbed out, interleaved page by page so other load on the machine hits both
  alike;
- htmldate's whole-page `find_date` (fast mode), the alternative not taken, against
  pressroom's own parse of the page.

Prints medians in ms (CPU time, best of 5 per page) and the median per-page ratios.

    python -m benchmarks.dates [../shared/corpora/html/cache]
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

import extractors
import extractors.html as html_module
import extractors.release as release_module
from extractors import parse_document

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "html" / "cache"


def _best(fn, data: bytes, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        try:
            fn(data)
        except extractors.ExtractionError:
            pass
        best = min(best, time.process_time() - start)
    return best


def main(folder: Path = DEFAULT) -> None:
    from htmldate import find_date

    pages = [p.read_bytes() for p in sorted(folder.glob("*.html"))]
    url = "https://www.example.org/news/2017/03/02/a-release"
    real = (release_module.url_date, html_module._json_ld_published)
    stubs = (lambda _url: None, lambda _text: None)
    bounds = {"min_date": dt.datetime(1990, 1, 1), "max_date": dt.datetime(2100, 1, 1)}

    def extract(data: bytes) -> None:
        extractors.extract(data, url=url, content_type="text/html")

    def parse(data: bytes) -> None:
        parse_document(data, content_type="text/html")

    def htmldate(data: bytes) -> None:
        find_date(data, extensive_search=False, **bounds)

    times: dict[str, list[float]] = {"with": [], "without": [], "parse": [], "htmldate": []}
    for data in pages:
        release_module.url_date, html_module._json_ld_published = real
        times["with"].append(_best(extract, data))
        release_module.url_date, html_module._json_ld_published = stubs
        times["without"].append(_best(extract, data))
        release_module.url_date, html_module._json_ld_published = real
        times["parse"].append(_best(parse, data))
        times["htmldate"].append(_best(htmldate, data))

    def ms(name: str) -> str:
        return f"{statistics.median(times[name]) * 1000:.2f} ms"

    def ratio(a: str, b: str) -> str:
        pairs = zip(times[a], times[b], strict=True)
        return f"{statistics.median(x / y for x, y in pairs if y):.3f}"

    print(f"{len(pages)} pages from {folder}")
    print(f"extract, with the date readers:     {ms('with')}")
    print(
        f"extract, date readers stubbed out:  {ms('without')}  (ratio {ratio('with', 'without')})"
    )
    print(f"parse_document alone:               {ms('parse')}")
    print(f"htmldate find_date (fast mode):     {ms('htmldate')}  (of the parse: ", end="")
    print(f"{ratio('htmldate', 'parse')})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
