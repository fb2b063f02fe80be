"""A new machine's Prefect database, from a copy shipped with pressroom instead of built.

On a machine where Prefect has never run, its server builds `$PREFECT_HOME/prefect.db` by
applying every one of its migrations (over a hundred, most rebuilding a table), then
registers its block types: about 8 of the 14 s the first `pressroom ingest` took. The
result is the same file on every machine, so pressroom ships it (`flows/data/`, made by
`scripts/prefect_seed.py`), gzipped, and copies it into place before the background
server first starts. The server then migrates it forward as it would any database: a
Prefect newer than the seed applies only the migrations made since. The copy is used
only where it is exactly what Prefect would have started from:

- no database file there yet, and Prefect's default SQLite database (no
  PREFECT_SERVER_DATABASE_* / PREFECT_API_DATABASE_* setting);
- the seed's migration revision is one the installed Prefect knows (not newer than it).

Standard library only: this runs before Prefect is imported.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib.util
import os
import sqlite3
import tempfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

SEED = "prefect-seed.db.gz"
# Any of these configures another database than the default one the seed stands for.
_DATABASE_SETTINGS = ("PREFECT_API_DATABASE_", "PREFECT_SERVER_DATABASE_")


def seed_revision(data: bytes) -> str | None:
    """The Alembic revision of a (decompressed) seed database, or None if unreadable."""
    with tempfile.NamedTemporaryFile(suffix=".db") as handle:
        handle.write(data)
        handle.flush()
        try:
            with sqlite3.connect(f"file:{handle.name}?mode=ro", uri=True) as db:
                row = db.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            return None
    return row[0] if row else None


def known_revisions() -> set[str]:
    """The SQLite migration revisions the installed Prefect ships, read from its files'
    names (`2026_10_20_000000_27d8f4e1a6c9_observed_state_covering_indexes.py`)."""
    spec = importlib.util.find_spec("prefect")
    if spec is None or not spec.submodule_search_locations:
        return set()
    root = Path(next(iter(spec.submodule_search_locations)))
    folder = root / "server" / "database" / "_migrations" / "versions" / "sqlite"
    return {
        path.stem.split("_")[4]
        for path in folder.glob("*.py")
        if path.stem.count("_") >= 5 and path.stem[:4].isdigit()
    }


def seed_bytes() -> bytes:
    return gzip.decompress((resources.files("flows") / "data" / SEED).read_bytes())


def plant(home: Path, settings: Mapping[str, str]) -> bool:
    """Put the seed database in `home` when Prefect has none yet and would use its default
    one there (`settings`: the environment's and the active profile's Prefect settings);
    whether it did. Any failure leaves Prefect to build its database as usual."""
    target = home / "prefect.db"
    if target.exists() or any(key.startswith(_DATABASE_SETTINGS) for key in settings):
        return False
    try:
        data = seed_bytes()
    except (OSError, EOFError, gzip.BadGzipFile):
        return False
    if seed_revision(data) not in known_revisions():
        return False
    home.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=home, prefix=".prefect.db.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # Linked, not renamed: a database another process created meanwhile stays.
        os.link(temporary, target)
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    return True
