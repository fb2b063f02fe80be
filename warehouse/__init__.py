"""The DuckDB warehouse: schema, migrations, the raw archive, loading and the contract's
views. Knows nothing of HTTP or Prefect: it takes plain records and writes them atomically."""

from .archive import Archive, archive_dir_for
from .connection import (
    ExtensionUnavailable,
    WarehouseInUse,
    connect_reader,
    connect_writer,
    default_path,
    migrate,
    open_duckdb,
)
from .read import (
    GradeRecord,
    NoStatement,
    QueryResult,
    QueryTimedOut,
    ReadOnlyViolation,
    VersionRecord,
    graded_services,
    grades_of,
    history,
    run_errors,
    run_query,
)
from .records import KnownDocument, RunCounts, StagedDocument
from .runs import abort_run, fail_run, known_documents, load_run, staging_dir_for, start_run, utcnow
from .staging import write_batch

__all__ = [
    "Archive",
    "ExtensionUnavailable",
    "KnownDocument",
    "NoStatement",
    "QueryResult",
    "QueryTimedOut",
    "WarehouseInUse",
    "abort_run",
    "ReadOnlyViolation",
    "VersionRecord",
    "GradeRecord",
    "graded_services",
    "grades_of",
    "history",
    "run_errors",
    "run_query",
    "RunCounts",
    "StagedDocument",
    "archive_dir_for",
    "connect_reader",
    "connect_writer",
    "default_path",
    "abort_run",
    "fail_run",
    "known_documents",
    "load_run",
    "migrate",
    "open_duckdb",
    "staging_dir_for",
    "start_run",
    "utcnow",
    "write_batch",
]
