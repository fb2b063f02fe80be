"""Exporting the contract's views to files: one Parquet (or CSV) file per view, written by
DuckDB's COPY from one read-only snapshot, and a manifest saying what is in them."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

import duckdb

from .read import open_for_reading

ExportFormat = Literal["parquet", "csv"]

# The contract's views, in the order a reader meets them; any other view the warehouse
# defines (release_phones, ...) follows. Table macros (releases_as_of) take an argument
# and have no rows of their own: `release_versions` holds what they read.
CONTRACT_VIEWS = (
    "runs",
    "fetches",
    "errors",
    "documents",
    "releases",
    "release_versions",
    "release_forces",
    "release_services",
    "release_people",
    "release_reports",
    "judgements",
    "verdict_gaps",
)
# Views that are plumbing for the others, not for readers.
INTERNAL_VIEWS = frozenset({"current_extractions", "release_effective_dates"})
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class ExportedView:
    name: str
    file: str
    rows: int
    columns: list[dict[str, str]]


@dataclass(frozen=True)
class ExportManifest:
    format: str
    exported_at: str
    warehouse: str
    run_id: str | None  # the newest finished run the export includes
    run_finished_at: str | None
    runs: int
    extractor_version: int | None  # of that run
    extractor_versions: list[int]  # of the releases exported (newest per version wins)
    views: list[ExportedView] = field(default_factory=list)
    # CSV only: text cells starting = + - @ (tab, CR) were prefixed with an apostrophe.
    formulas_neutralised: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n"


def _views(con: duckdb.DuckDBPyConnection) -> list[str]:
    names = [
        row[0]
        for row in con.execute(
            "SELECT view_name FROM duckdb_views() "
            "WHERE NOT internal AND schema_name = 'main' ORDER BY view_name"
        ).fetchall()
    ]
    present = set(names) - INTERNAL_VIEWS
    ordered = [v for v in CONTRACT_VIEWS if v in present]
    return ordered + sorted(present - set(ordered))


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _nested(type_name: str) -> bool:
    return type_name.endswith("]") or type_name.startswith(("STRUCT", "MAP", "UNION"))


# A text cell a spreadsheet would run as a formula: = + - @, tab, CR (OWASP's list).
_FORMULA_STARTS = "['=', '+', '-', '@', chr(9), chr(13)]"


def _column_sql(name: str, type_name: str, fmt: ExportFormat, neutralise: bool) -> str:
    ident = _quote_ident(name)
    if fmt != "csv":
        return ident
    if _nested(type_name):
        return f"to_json({ident}) AS {ident}"
    if neutralise and type_name == "VARCHAR":
        # An apostrophe first makes a spreadsheet show the cell as text.
        return (
            f"CASE WHEN list_contains({_FORMULA_STARTS}, left({ident}, 1)) "
            f"THEN chr(39) || {ident} ELSE {ident} END AS {ident}"
        )
    return ident


def export_views(
    warehouse: Path | str,
    out_dir: Path | str,
    fmt: ExportFormat = "parquet",
    *,
    neutralise_formulas: bool = True,
) -> ExportManifest:
    """Write every view of the warehouse at `warehouse` to `out_dir/<view>.<fmt>` and a
    `manifest.json` (row counts, columns, the newest run, extractor versions).

    All files come from one read-only transaction, so they agree with each other even if a
    run loads meanwhile. Each file is written beside its final name and renamed into place,
    and the manifest is written last: a reader that finds the manifest finds the files it
    lists complete. In CSV, list and struct columns (forces, judgements, changed_fields...)
    are JSON text; Parquet keeps their types. In CSV, `neutralise_formulas` (the default)
    prefixes text cells that start = + - @ with an apostrophe: a title such as
    `=HYPERLINK(...)` opened in a spreadsheet stays text instead of running."""
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"unknown export format {fmt!r}: use parquet or csv")
    warehouse = Path(warehouse)
    out = Path(out_dir)
    exported: list[ExportedView] = []
    with open_for_reading(warehouse) as con:
        # Only once the warehouse is open: a missing one leaves no empty DIR behind.
        out.mkdir(parents=True, exist_ok=True)
        con.execute("BEGIN TRANSACTION")
        for view in _views(con):
            described = con.execute(f"DESCRIBE {_quote_ident(view)}").fetchall()
            columns = [{"name": row[0], "type": row[1]} for row in described]
            select = ", ".join(
                _column_sql(c["name"], c["type"], fmt, neutralise_formulas) for c in columns
            )
            rows = con.execute(f"SELECT count(*) FROM {_quote_ident(view)}").fetchone()[0]
            name = f"{view}.{fmt}"
            tmp = out / f".{name}.tmp"
            options = (
                "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER"
            )
            con.execute(
                f"COPY (SELECT {select} FROM {_quote_ident(view)}) "
                f"TO {_quote_literal(str(tmp))} ({options})"
            )
            os.replace(tmp, out / name)
            exported.append(ExportedView(view, name, rows, columns))
        run = con.execute(
            "SELECT run_id, finished_at, extractor_version FROM runs "
            " WHERE finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1"
        ).fetchone()
        versions = [
            row[0]
            for row in con.execute(
                "SELECT DISTINCT extractor_version FROM releases "
                "WHERE extractor_version IS NOT NULL ORDER BY 1"
            ).fetchall()
        ]
        n_runs = con.execute("SELECT count(*) FROM runs").fetchone()[0]
        con.execute("COMMIT")
    manifest = ExportManifest(
        format=fmt,
        exported_at=dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
        warehouse=str(warehouse.absolute()),
        run_id=run[0] if run else None,
        run_finished_at=run[1].isoformat() if run else None,
        runs=n_runs,
        extractor_version=run[2] if run else None,
        extractor_versions=versions,
        views=exported,
        formulas_neutralised=fmt == "csv" and neutralise_formulas,
    )
    tmp = out / f".{MANIFEST}.tmp"
    tmp.write_text(manifest.to_json(), encoding="utf-8")
    os.replace(tmp, out / MANIFEST)
    return manifest
