"""What one run did: the documents it added, changed, withdrew or re-extracted, and what
failed. Read-only; the flows turn it into the run's summary artifact."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .queries import sql
from .read import open_for_reading


@dataclass(frozen=True)
class ReportRow:
    outcome: str  # new, changed, withdrawn, re-extracted, failed
    url: str | None
    version: int | None = None
    title: str | None = None
    detail: str | None = None  # changed fields, or the error (with its stage)


@dataclass(frozen=True)
class RunReport:
    run_id: str
    status: str
    totals: dict[str, int]
    rows: list[ReportRow] = field(default_factory=list)
    truncated: bool = False


def run_report(warehouse: Path | str, run_id: str, limit: int = 500) -> RunReport:
    """The run's totals and up to `limit` rows of each kind (changes, re-extractions,
    failures)."""
    params = {"run_id": run_id, "limit": limit}
    with open_for_reading(warehouse) as con:
        totals_row = con.execute(sql("run_totals", "run_report.sql"), {"run_id": run_id}).fetchone()
        if totals_row is None:
            raise KeyError(f"no run {run_id} in {warehouse}")
        status, *counts = totals_row
        names = ("new", "changed", "unchanged", "withdrawn", "failed", "reextracted")
        totals = dict(zip(names, (int(c or 0) for c in counts), strict=True))
        changes = con.execute(sql("run_changes", "run_report.sql"), params).fetchall()
        again = con.execute(sql("run_reextracted", "run_report.sql"), params).fetchall()
        failures = con.execute(sql("run_failures", "run_report.sql"), params).fetchall()
    rows = [ReportRow(o, url, v, title, detail) for o, url, v, title, detail in changes]
    rows += [ReportRow("re-extracted", url, v, title) for url, v, title in again]
    rows += [
        ReportRow("failed", url, None, None, f"{stage}: {error}") for stage, url, error in failures
    ]
    truncated = any(len(part) >= limit for part in (changes, again, failures))
    return RunReport(run_id, status, totals, rows, truncated)
