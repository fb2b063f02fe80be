"""Verifying a warehouse: the raw archive and the versioning model's invariants.

`check_warehouse` reads the warehouse (read-only) and returns every fault it finds; an
empty list means the warehouse is sound. It changes nothing, so it is safe to run at any
time, also while a run is fetching (it waits for a run's short load transaction like any
query).

What is checked:

- every version's raw blob exists in the archive and hashes to its name, and so does every
  blob a fetch recorded (nothing fetched is ever lost);
- each document's versions are numbered 1..n with no gap or double, and their
  valid_from / valid_to ranges neither overlap nor run backwards;
- one current version per document: an active document has exactly one open version
  (valid_to NULL) and it is `current_version`, the newest; a withdrawn one has none;
- every version has extractor output (else it is invisible in `releases`), every version
  belongs to a known document, and every document has its current version;
- rows written by a run (fetches, errors, versions) belong to a run marked finished: a run
  is loaded in one transaction, so a half-loaded run can never be counted as finished,
  and a run that is not finished must have left nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .archive import Archive, archive_dir_for
from .read import open_for_reading


@dataclass(frozen=True)
class Fault:
    kind: str  # a short stable name, e.g. "blob_missing", "overlapping_versions"
    message: str  # what is wrong and where, for a person

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


@dataclass
class CheckResult:
    faults: list[Fault] = field(default_factory=list)
    documents: int = 0
    versions: int = 0
    blobs: int = 0
    runs: int = 0
    unreferenced_blobs: int = 0
    notes: list[str] = field(default_factory=list)  # worth knowing, not faults

    @property
    def ok(self) -> bool:
        return not self.faults


_FINISHED = "('finished', 'finished_with_errors')"

# (kind, query returning rows, message for one row). Each query returns the rows at fault.
_SQL_CHECKS: list[tuple[str, str, Callable[[tuple], str]]] = [
    (
        "version_numbering",
        """
        SELECT url, list(version ORDER BY version) AS versions
        FROM document_versions
        GROUP BY url
        HAVING count(*) <> max(version) OR min(version) <> 1
            OR count(DISTINCT version) <> count(*)
        ORDER BY url
        """,
        lambda r: f"{r[0]}: versions {r[1]} are not numbered 1..n",
    ),
    (
        "backwards_range",
        """
        SELECT url, version, valid_from, valid_to
        FROM document_versions
        WHERE valid_to IS NOT NULL AND valid_to < valid_from
        ORDER BY url, version
        """,
        lambda r: f"{r[0]} version {r[1]}: valid_to {r[3]} is before valid_from {r[2]}",
    ),
    (
        "overlapping_versions",
        """
        WITH v AS (
            SELECT url, version, valid_from, valid_to,
                   lead(version) OVER w AS next_version,
                   lead(valid_from) OVER w AS next_from
            FROM document_versions
            WINDOW w AS (PARTITION BY url ORDER BY version)
        )
        SELECT url, version, valid_to, next_version, next_from
        FROM v
        WHERE next_version IS NOT NULL AND (valid_to IS NULL OR valid_to > next_from)
        ORDER BY url, version
        """,
        lambda r: (
            f"{r[0]}: version {r[1]} (valid to {r[2] or 'now'}) overlaps version {r[3]} "
            f"(valid from {r[4]})"
        ),
    ),
    (
        "open_versions",
        """
        SELECT d.url, d.status, count(v.version) FILTER (WHERE v.valid_to IS NULL) AS n_open
        FROM document_state d
        LEFT JOIN document_versions v USING (url)
        GROUP BY d.url, d.status
        HAVING (d.status = 'active' AND n_open <> 1) OR (d.status <> 'active' AND n_open <> 0)
        ORDER BY d.url
        """,
        lambda r: (
            f"{r[0]} is {r[1]} but has {r[2]} open version(s) (valid_to NULL); "
            f"expected {1 if r[1] == 'active' else 0}"
        ),
    ),
    (
        "current_version",
        """
        SELECT d.url, d.current_version, max(v.version) AS newest,
               max(CASE WHEN v.valid_to IS NULL THEN v.version END) AS open_version
        FROM document_state d
        LEFT JOIN document_versions v USING (url)
        GROUP BY d.url, d.current_version, d.status
        HAVING newest IS NULL OR d.current_version <> newest
            OR (d.status = 'active' AND open_version IS DISTINCT FROM d.current_version)
        ORDER BY d.url
        """,
        lambda r: (
            f"{r[0]}: current_version is {r[1]} but the newest version is {r[2]}"
            + (f" and the open one is {r[3]}" if r[3] is not None else "")
        ),
    ),
    (
        "document_status",
        """
        SELECT url, status FROM document_state
        WHERE status NOT IN ('active', 'withdrawn')
        ORDER BY url
        """,
        lambda r: f"{r[0]} has status {r[1]!r}, not active or withdrawn",
    ),
    (
        "orphan_version",
        """
        SELECT v.url, v.version FROM document_versions v
        ANTI JOIN document_state d USING (url)
        ORDER BY v.url, v.version
        """,
        lambda r: f"{r[0]} version {r[1]} belongs to no document",
    ),
    (
        "missing_extraction",
        """
        SELECT v.url, v.version FROM document_versions v
        ANTI JOIN extractions e USING (url, version)
        ORDER BY v.url, v.version
        """,
        lambda r: f"{r[0]} version {r[1]} has no extractor output (invisible in releases)",
    ),
    (
        "orphan_extraction",
        """
        SELECT e.url, e.version, e.extractor_version FROM extractions e
        ANTI JOIN document_versions v USING (url, version)
        ORDER BY e.url, e.version
        """,
        lambda r: f"extractor {r[2]} output for {r[0]} version {r[1]}, which does not exist",
    ),
    (
        "unfinished_run_data",
        f"""
        SELECT t.what, t.run_id, coalesce(r.status, 'unknown run'), t.n
        FROM (
            SELECT 'fetches' AS what, run_id, count(*) AS n FROM fetch_log GROUP BY run_id
            UNION ALL
            SELECT 'errors', run_id, count(*) FROM error_log GROUP BY run_id
            UNION ALL
            SELECT 'versions', run_id, count(*) FROM document_versions GROUP BY run_id
        ) t
        LEFT JOIN run_log r USING (run_id)
        WHERE r.status IS NULL OR r.status NOT IN {_FINISHED}
        ORDER BY t.run_id, t.what
        """,
        lambda r: f"{r[3]} {r[0]} row(s) of run {r[1]}, which is {r[2]}, not finished",
    ),
    (
        "finished_run_without_end",
        f"""
        SELECT run_id, status FROM run_log
        WHERE status IN {_FINISHED} AND finished_at IS NULL
        """,
        lambda r: f"run {r[0]} is {r[1]} but has no finished_at",
    ),
]


def check_warehouse(
    path: Path | str,
    *,
    archive_root: Path | str | None = None,
    verify_hashes: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> CheckResult:
    """Every fault in the warehouse at `path` and its raw archive (beside it unless
    `archive_root` says otherwise). With `verify_hashes` False, blobs are only checked to
    exist, not re-hashed."""
    path = Path(path)
    result = CheckResult()
    if not path.exists():
        result.faults.append(Fault("no_warehouse", f"no warehouse at {path}"))
        return result
    archive = Archive(archive_root if archive_root is not None else archive_dir_for(path))
    try:
        con = open_for_reading(path)
    except duckdb.Error as exc:
        result.faults.append(Fault("unreadable", f"the warehouse does not open: {exc}"))
        return result
    with con:
        try:
            if _not_yet_created(con):
                result.notes.append(
                    f"{path} has no tables yet: its first ingest stopped before creating "
                    "them (the next ingest does)"
                )
                return result
            _check_tables(con, result)
            blobs = _referenced_blobs(con)
        except duckdb.Error as exc:
            result.faults.append(Fault("unreadable", f"the warehouse cannot be read: {exc}"))
            return result
    _check_blobs(archive, blobs, result, verify_hashes, progress)
    return result


def _not_yet_created(con: duckdb.DuckDBPyConnection) -> bool:
    """A first ingest killed before migration 001 committed leaves a DuckDB file with no
    table, or only schema_migrations: an empty warehouse, not an unreadable one. (Any other
    file without pressroom's tables is still reported unreadable.)"""
    tables = {
        row[0]
        for row in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        ).fetchall()
    }
    return tables <= {"schema_migrations"}


def _check_tables(con: duckdb.DuckDBPyConnection, result: CheckResult) -> None:
    result.documents = con.execute("SELECT count(*) FROM document_state").fetchone()[0]
    result.versions = con.execute("SELECT count(*) FROM document_versions").fetchone()[0]
    result.runs = con.execute("SELECT count(*) FROM run_log").fetchone()[0]
    for kind, query, describe in _SQL_CHECKS:
        for row in con.execute(query).fetchall():
            result.faults.append(Fault(kind, describe(row)))
    running = con.execute(
        "SELECT run_id, started_at FROM run_log WHERE status = 'running' ORDER BY started_at"
    ).fetchall()
    for run_id, started_at in running:
        result.notes.append(
            f"run {run_id} (started {started_at:%Y-%m-%d %H:%M:%S}) is marked running: "
            "in progress, or it died and the next ingest will mark it aborted"
        )


def _referenced_blobs(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """sha256 -> where it is first referenced, for every blob the warehouse refers to."""
    rows = con.execute(
        """
        SELECT content_sha256, min(what || ' ' || url) AS ref
        FROM (
            SELECT content_sha256, 'version ' || version || ' of' AS what, url
            FROM document_versions
            UNION ALL
            SELECT content_sha256, 'a fetch of', url FROM fetch_log
            WHERE content_sha256 IS NOT NULL
        )
        GROUP BY content_sha256
        ORDER BY content_sha256
        """
    ).fetchall()
    return dict(rows)


def _check_blobs(
    archive: Archive,
    blobs: dict[str, str],
    result: CheckResult,
    verify_hashes: bool,
    progress: Callable[[int, int], None] | None,
) -> None:
    total = len(blobs)
    for done, (sha, ref) in enumerate(blobs.items(), start=1):
        if not archive.exists(sha):
            result.faults.append(
                Fault("blob_missing", f"raw blob {sha} ({ref}) is not in the archive")
            )
        elif verify_hashes and not archive.verify(sha):
            result.faults.append(
                Fault(
                    "blob_corrupt",
                    f"raw blob {sha} ({ref}) does not hash to its name: "
                    f"{archive.path(sha)} was changed or damaged",
                )
            )
        if progress is not None:
            progress(done, total)
    result.blobs = total
    _note_leftovers(archive, blobs, result)


def _note_leftovers(archive: Archive, blobs: dict[str, str], result: CheckResult) -> None:
    """Blobs nothing refers to (fetched by runs that died or failed before loading) and
    partial writes (a run killed while archiving): harmless, worth knowing."""
    if not archive.root.is_dir():
        return
    unreferenced = partial = 0
    for path in archive.root.rglob("*"):
        if not path.is_file():
            continue
        if path.name.startswith(".tmp-"):
            partial += 1
        elif path.name not in blobs:
            unreferenced += 1
    result.unreferenced_blobs = unreferenced
    if unreferenced:
        result.notes.append(
            f"{unreferenced} archived blob(s) are not referenced by any fetch (from runs "
            "that did not finish); harmless, kept for a later run to reuse"
        )
    if partial:
        result.notes.append(
            f"{partial} partial blob file(s) (.tmp-*) left by interrupted runs under "
            f"{archive.root}; safe to delete"
        )
