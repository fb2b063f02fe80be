"""What the release rules cost per document, on the devset's real releases, as text and as
the HTML and PDF renditions' Documents (parsing is not counted):

- verdict rules: reading the judgements (the family rules, the sentence-shape reader, the
  list layouts), the topic they need, and the verdict gaps;
- all release fields: `extract_release` as a whole (title, dates, forces, people,
  reports, phones, topic and the verdicts).

Prints the median and the 90th percentile in ms, one core, CPU time (time.process_time),
best of 3 per document with the force-name cache emptied before each run (it only helps
within one document). The target (issue 12) is a median of at most 3 ms for the rules.

    python -m benchmarks.rules [../shared/devset]
"""

from __future__ import annotations

import functools
import statistics
import sys
import time
from pathlib import Path

import extractors.release as release_module
from analysis.evaluate import document_from_text, read_labelled
from analysis.renditions import render_html, render_pdf
from extractors import parse_document
from extractors.forces import _find_forces
from extractors.release import extract_release

TARGET_MS = 3.0
_spent = {"verdicts": 0.0}


def _timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _spent["verdicts"] += time.process_time() - start

    return wrapper


def _measure(document, url: str, repeat: int = 3) -> tuple[float, float]:
    best_all = best_verdicts = float("inf")
    for _ in range(repeat):
        _find_forces.cache_clear()
        _spent["verdicts"] = 0.0
        start = time.process_time()
        extract_release(document, url=url)
        best_all = min(best_all, time.process_time() - start)
        best_verdicts = min(best_verdicts, _spent["verdicts"])
    return best_all * 1000, best_verdicts * 1000


def main(devset: Path) -> int:
    items = read_labelled(devset)
    if not items:
        print(f"no labelled documents in {devset}")
        return 2
    # Time the verdict rules inside extract_release: the judgements, the topic read from
    # verdicts, the gaps.
    release_module._judgements = _timed(release_module._judgements)
    release_module.find_gaps = _timed(release_module.find_gaps)
    release_module.topics.topic_from_verdicts = _timed(release_module.topics.topic_from_verdicts)
    rows = {}
    for mode in ("text", "html", "pdf"):
        all_ms, verdict_ms = [], []
        for item in items:
            if mode == "text":
                document = document_from_text(item.text)
            else:
                render = render_html if mode == "html" else render_pdf
                document = parse_document(render(item.text), url=item.url)
            whole, verdicts = _measure(document, item.url)
            all_ms.append(whole)
            verdict_ms.append(verdicts)
        rows[mode] = (sorted(verdict_ms), sorted(all_ms))
    print(f"release rules, {len(items)} real releases, ms per document (CPU, best of 3)")
    print(f"{'mode':6} {'verdicts median':>16} {'p90':>7} {'all fields median':>18} {'p90':>7}")
    for mode, (verdicts, whole) in rows.items():
        p90 = int(0.9 * (len(whole) - 1))
        print(
            f"{mode:6} {statistics.median(verdicts):16.2f} {verdicts[p90]:7.2f} "
            f"{statistics.median(whole):18.2f} {whole[p90]:7.2f}"
        )
    worst = max(statistics.median(v) for v, _ in rows.values())
    verdict = "met" if worst <= TARGET_MS else "MISSED"
    print(f"target: verdict rules median <= {TARGET_MS} ms: {verdict}")
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/devset")))
