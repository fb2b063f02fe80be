"""A budget on how much a PDF's compressed streams may inflate to.

`max_bytes` bounds the raw bytes of a document, but a PDF's streams are compressed: a
3.5 MB file can hold one page whose content stream inflates to a gigabyte, and pdfminer
inflates a stream whole (`zlib.decompress`) before reading it. Inside `inflate_budget`,
every stream pdfminer inflates counts against one budget for the document, and inflating
stops as soon as the budget is spent: the document fails with `ContentTooLarge` ("PDF
content inflates beyond N MB") having cost about N MB, not the bomb's size.

pdfminer has no hook for this, so its module's `zlib` is replaced by a proxy that is
the real zlib outside a budget (other threads, other callers) and bounded inside one.
"""

from __future__ import annotations

import contextlib
import contextvars
import types
import zlib
from collections.abc import Iterator

from .records import ExtractionError

# The inflated content of every stream of one PDF together. A press release's pages hold
# tens of KB of content each, and image streams are not inflated to read text; 128 MiB
# is thousands of times what a real release needs and still a bounded cost.
MAX_INFLATED_BYTES = 128 * 1024 * 1024
_MIB = 1024 * 1024
_STEP = 8 * _MIB


class ContentTooLarge(ExtractionError):
    """A document's compressed content inflates beyond its budget."""


class _Budget:
    __slots__ = ("limit", "spent")

    def __init__(self, limit: int):
        self.limit = limit
        self.spent = 0

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.spent)

    def spend(self, n: int) -> None:
        self.spent += n
        if self.spent > self.limit:
            raise self.exceeded()

    def exceeded(self) -> ContentTooLarge:
        return ContentTooLarge(
            f"PDF content inflates beyond {self.limit // _MIB} MB (a compressed stream far "
            "larger than any press release; a decompression bomb?); not read"
        )


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "pressroom_inflate_budget", default=None
)


class _BoundedDecompressor:
    """A zlib decompressor whose output counts against the budget."""

    def __init__(self, inner, budget: _Budget):
        self._inner = inner
        self._budget = budget

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        if self._budget.spent > self._budget.limit:
            raise self._budget.exceeded()
        cap = self._budget.remaining + 1
        out = self._inner.decompress(data, min(max_length, cap) if max_length else cap)
        self._budget.spend(len(out))
        return out

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


def _decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = zlib.DEF_BUF_SIZE):
    budget = _BUDGET.get()
    if budget is None:
        return zlib.decompress(data, wbits, bufsize)
    d = _BoundedDecompressor(zlib.decompressobj(wbits), budget)
    # In steps: a bomb is stopped having held about the budget once, not a buffer that
    # doubled its way past it.
    parts = [d.decompress(data, _STEP)]
    while not d.eof and (d.unconsumed_tail or len(parts[-1]) == _STEP):
        parts.append(d.decompress(d.unconsumed_tail, _STEP))
    out = b"".join(parts)
    if not d.eof:
        # As zlib.decompress does: pdfminer then tries its byte-by-byte salvage, which
        # goes through decompressobj below and so counts against the budget too.
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


def _decompressobj(*args, **kwargs):
    inner = zlib.decompressobj(*args, **kwargs)
    budget = _BUDGET.get()
    return inner if budget is None else _BoundedDecompressor(inner, budget)


def _bounded_zlib() -> types.ModuleType:
    proxy = types.ModuleType("zlib", "zlib, bounded by pressroom's inflate budget")
    proxy.__dict__.update({k: v for k, v in vars(zlib).items() if not k.startswith("__")})
    proxy.decompress = _decompress  # type: ignore[attr-defined]
    proxy.decompressobj = _decompressobj  # type: ignore[attr-defined]
    return proxy


_installed = False


def _install() -> None:
    global _installed
    if _installed:
        return
    from pdfminer import pdftypes

    pdftypes.zlib = _bounded_zlib()  # type: ignore[attr-defined]
    _installed = True


@contextlib.contextmanager
def inflate_budget(limit: int = MAX_INFLATED_BYTES) -> Iterator[None]:
    """Bound what pdfminer inflates while the block runs (in this thread / context); a
    block inside another keeps the outer budget."""
    _install()
    if _BUDGET.get() is not None:
        yield
        return
    token = _BUDGET.set(_Budget(limit))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def budget_exceeded(exc: BaseException) -> ContentTooLarge | None:
    """The ContentTooLarge behind `exc` (pdfplumber wraps pdfminer's errors), if any."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        e = stack.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, ContentTooLarge):
            return e
        stack += [e.__cause__, e.__context__]
        stack += [a for a in getattr(e, "args", ()) if isinstance(a, BaseException)]
    budget = _BUDGET.get()
    # pdfminer swallows some errors and goes on; a spent budget still says why it failed.
    if budget is not None and budget.spent > budget.limit:
        return budget.exceeded()
    return None
