"""parse_document on arbitrary and damaged bytes: a Document or an ExtractionError with a
message a person can act on, never anything else, and never slowly."""

from __future__ import annotations

import collections
import random
import time
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import Document, ExtractionError, parse_document

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"

# A message from parse_document's last-resort handler means a parser bug slipped through.
BUG_PREFIX = "could not read the document ("
EXPECTED_MESSAGES = (
    "empty file (0 bytes)",
    "binary data, not a text, HTML or PDF document (",
    "encrypted PDF, no password",
    "corrupt or truncated PDF: ",
    "PDF has no extractable text (scanned image?)",
    "HTML page has no readable text",
    "no text in the document",
)

FUZZ = settings(
    max_examples=150,
    deadline=5000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)


def check(data: bytes, **hints: str) -> Document | str:
    try:
        doc = parse_document(data, **hints)
    except ExtractionError as exc:
        message = str(exc)
        assert not message.startswith(BUG_PREFIX), message
        assert message.startswith(EXPECTED_MESSAGES), message
        return message
    assert isinstance(doc, Document)
    assert doc.media_type in ("text/html", "application/pdf", "text/plain")
    assert doc.paragraphs and all(p == p.strip() and p for p in doc.paragraphs)
    assert not doc.pages or len(doc.pages) == len(doc.paragraphs)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in doc.metadata.items())
    return doc


@cache
def sample_pdf() -> bytes:
    from analysis.renditions import render_pdf

    text = "Release title\n\n" + "\n\n".join(
        f"Paragraph {i}: HMIC found that the force has improved its service to victims."
        for i in range(12)
    )
    return render_pdf(text, title="Release title")


@cache
def sample_html() -> bytes:
    from analysis.renditions import render_html

    return render_html("Release title\n\nThe force has improved.\n\n\u2022 one\n\u2022 two\n")


@given(st.binary(max_size=4096))
@FUZZ
def test_arbitrary_bytes(data: bytes) -> None:
    check(data)


@given(st.binary(max_size=2048), st.sampled_from(["text/html", "application/pdf", "text/plain"]))
@FUZZ
def test_arbitrary_bytes_with_hints(data: bytes, content_type: str) -> None:
    check(data, content_type=content_type, url="https://x.test/a.html")


@given(st.text(max_size=2000), st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252"]))
@FUZZ
def test_arbitrary_text(text: str, encoding: str) -> None:
    check(text.encode(encoding, "replace"))


def _mutate(data: bytes, seed: int, n: int) -> bytes:
    rng = random.Random(seed)
    buf = bytearray(data)
    for _ in range(n):
        op = rng.randrange(4)
        pos = rng.randrange(len(buf)) if buf else 0
        if op == 0 and buf:
            buf[pos] = rng.randrange(256)
        elif op == 1:
            buf[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
        elif op == 2 and buf:
            del buf[pos : pos + rng.randrange(1, 64)]
        else:
            end = pos + rng.randrange(1, 64)
            buf[pos:pos] = buf[pos:end]
    return bytes(buf)


@given(st.integers(0, 2**32), st.integers(1, 40), st.integers(8, 100_000))
@settings(FUZZ, max_examples=100)
def test_mutated_pdf(seed: int, mutations: int, cut: int) -> None:
    data = _mutate(sample_pdf()[:cut] if cut < 99_000 else sample_pdf(), seed, mutations)
    check(data)


@given(st.integers(0, 2**32), st.integers(1, 60), st.integers(8, 100_000))
@settings(FUZZ, max_examples=120)
def test_mutated_html(seed: int, mutations: int, cut: int) -> None:
    check(_mutate(sample_html()[:cut], seed, mutations))


def _html5lib_cases() -> list[str]:
    folder = CORPORA / "html-malformed"
    if not folder.is_dir():
        return []
    cases: list[str] = []
    for path in sorted(folder.rglob("*.dat")):
        text = path.read_text("utf-8", errors="replace")
        for chunk in text.split("#data\n")[1:]:
            cases.append(chunk.split("\n#errors", 1)[0])
    return cases


def test_html5lib_malformed_inputs() -> None:
    cases = _html5lib_cases()
    if not cases:
        pytest.skip("html5lib tree-construction corpus not present")
    outcomes: collections.Counter[str] = collections.Counter()
    for case in cases:
        result = check(case.encode("utf-8"), content_type="text/html")
        if isinstance(result, Document):
            result = "parsed"
        elif "\x00" in case and result.startswith("binary data, not a text, HTML or PDF"):
            # NUL bytes do not occur in real pages: refusing them as binary is the clear error.
            result = "binary data"
        elif not case.strip():
            result = "empty"
        outcomes[result] += 1
    # Most cases are tag soup without any text: a clear "no readable text" is right.
    assert outcomes["parsed"] > len(cases) // 4
    assert set(outcomes) <= {
        "parsed",
        "HTML page has no readable text (empty, or only page chrome)",
        "no text in the document (it is empty or only whitespace)",
        "binary data",
        "empty",
    }, outcomes


def _corpus(kind: str) -> list[Path]:
    folder = CORPORA / kind
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() not in (".md", ".json", ".txt")
    )


@pytest.mark.parametrize("kind", ["pdf", "html"])
def test_whole_corpus_parses_or_fails_clearly(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file of the corpus parses or fails with a clear message; the tally is
    printed (run with -s to see it). To keep the time down, the HTML corpus is sampled and
    only the first 12 pages of each PDF are read."""
    import extractors.pdf

    monkeypatch.setattr(extractors.pdf, "MAX_PAGES", 12)
    files = _corpus(kind)
    if not files:
        pytest.skip(f"corpora/{kind} not present")
    if kind == "html" and len(files) > 120:
        files = random.Random(7).sample(files, 120)
    outcomes: collections.Counter[str] = collections.Counter()
    pages = 0
    started = time.perf_counter()
    slowest = 0.0
    for path in files:
        t0 = time.perf_counter()
        result = check(path.read_bytes(), url=path.as_uri())
        slowest = max(slowest, time.perf_counter() - t0)
        if isinstance(result, Document):
            outcomes["parsed"] += 1
            pages += int(result.metadata.get("pdf:pages", "1"))
        else:
            outcomes[result] += 1
    elapsed = time.perf_counter() - started
    print(
        f"\ncorpora/{kind}: {len(files)} files, {dict(outcomes)}, {elapsed:.1f} s, "
        f"{pages / elapsed:.1f} pages/s, slowest file {slowest:.1f} s"
    )
    assert outcomes["parsed"] >= 0.9 * len(files)
    assert slowest < 30
    if kind == "pdf":
        names = {p.name: p for p in files}
        if "password-example.pdf" in names:
            assert check(names["password-example.pdf"].read_bytes()) == (
                "encrypted PDF, no password"
            )
        if "empty.pdf" in names:
            assert check(b"") == "empty file (0 bytes)"


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.6, 0.95])
def test_truncated_corpus_pdfs(fraction: float) -> None:
    files = [p for p in _corpus("pdf") if 0 < p.stat().st_size < 200_000][:8]
    if not files:
        pytest.skip("corpora/pdf not present")
    for path in files:
        data = path.read_bytes()
        result = check(data[: int(len(data) * fraction)])
        assert isinstance(result, str) and result.startswith("corrupt or truncated PDF")
