"""What the release rules cost per document: `extract_release` on Documents already
parsed (so parsing is not counted), over the devset's real releases, as text and as the
HTML and PDF renditions' Documents. Prints the median and the 90th percentile in ms, one
core, in CPU time (time.process_time), so other work on the machine counts less. The
target (issue 12) is a median of at most 3 ms.

    python -m benchmarks.rules [../shared/devset]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from extractors import parse_document
from extractors.forces import _find_forces
from extractors.release import extract_release
from flows.evaluate import document_from_text, read_labelled
from flows.renditions import render_html, render_pdf

TARGET_MS = 3.0


def _time_ms(fn, repeat: int = 3) -> float:
    """Best of `repeat` runs, each as a document's first extraction is in a run: with the
    force-name cache emptied first (it only helps within one document)."""
    best = float("inf")
    for _ in range(repeat):
        _find_forces.cache_clear()
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best * 1000


def main(devset: Path) -> int:
    items = read_labelled(devset)
    if not items:
        print(f"no labelled documents in {devset}")
        return 2
    rows = {}
    for mode in ("text", "html", "pdf"):
        times = []
        for item in items:
            if mode == "text":
                document = document_from_text(item.text)
            else:
                render = render_html if mode == "html" else render_pdf
                document = parse_document(render(item.text), url=item.url)
            times.append(_time_ms(lambda d=document, u=item.url: extract_release(d, url=u)))
        times.sort()
        rows[mode] = (statistics.median(times), times[int(0.9 * (len(times) - 1))])
    print(f"release rules, {len(items)} real releases, ms per document")
    print("(best of 3 each, force cache emptied before each)")
    print(f"{'mode':6} {'median':>8} {'p90':>8}")
    for mode, (median, p90) in rows.items():
        print(f"{mode:6} {median:8.2f} {p90:8.2f}")
    worst = max(median for median, _ in rows.values())
    print(f"target: median <= {TARGET_MS} ms: {'met' if worst <= TARGET_MS else 'MISSED'}")
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/devset")))
