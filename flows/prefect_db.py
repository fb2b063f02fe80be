"""The background server's Prefect database: on a new machine a copy pressroom ships
instead of one built by a hundred migrations, and not checked for migrations again while
it is current.

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

Every later start of Prefect's server checks the database for migrations to apply
(loading all of them: about 1.5 s). When the database is already at the newest
migration the installed Prefect has, pressroom's server skips that check
(`PREFECT_SERVER_DATABASE_MIGRATE_ON_START=false`, see `migrated`); after an upgrade of
Prefect it is not at the newest, so the server migrates it as usual.

Standard library only: this runs before Prefect is imported.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib.util
import os
import re
import sqlite3
import tempfile
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path

SEED = "prefect-seed.db.gz"
# Any of these configures another database than the default one the seed stands for.
_DATABASE_SETTINGS = ("PREFECT_API_DATABASE_", "PREFECT_SERVER_DATABASE_")


def seed_revision(data: bytes) -> str | None:
    """The migration revision of a (decompressed) seed database, or None if unreadable."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.db"
        path.write_bytes(data)
        return database_revision(path)


@cache
def _migrations() -> dict[str, str | None]:
    """The installed Prefect's SQLite migrations: revision -> the revision it follows,
    read from the files' text (importing them would cost what this module saves)."""
    spec = importlib.util.find_spec("prefect")
    if spec is None or not spec.submodule_search_locations:
        return {}
    root = Path(next(iter(spec.submodule_search_locations)))
    folder = root / "server" / "database" / "_migrations" / "versions" / "sqlite"
    found: dict[str, str | None] = {}
    for path in folder.glob("*.py"):
        text = path.read_text("utf-8", "replace")
        revision = _REVISION.search(text)
        if revision:
            follows = _DOWN_REVISION.search(text)
            found[revision.group(1)] = follows.group(1) if follows else None
    return found


_REVISION = re.compile(r'^revision\s*=\s*["\']([0-9a-f]+)["\']', re.MULTILINE)
_DOWN_REVISION = re.compile(r'^down_revision\s*=\s*["\']([0-9a-f]+)["\']', re.MULTILINE)


def known_revisions() -> set[str]:
    return set(_migrations())


def newest_revision() -> str | None:
    """The installed Prefect's head migration: the one no other follows (None unless
    exactly one)."""
    migrations = _migrations()
    heads = set(migrations) - set(migrations.values())
    return heads.pop() if len(heads) == 1 else None


def database_revision(database: Path) -> str | None:
    if not database.exists():
        return None
    try:
        db = sqlite3.connect(database, timeout=5)
    except sqlite3.Error:
        return None
    try:
        row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        db.close()
    return row[0] if row else None


def migrated(home: Path, settings: Mapping[str, str]) -> bool:
    """Whether `home`'s default Prefect database is at the installed Prefect's newest
    migration, so its server need not check for more."""
    if any(key.startswith(_DATABASE_SETTINGS) for key in settings):
        return False
    newest = newest_revision()
    return newest is not None and database_revision(home / "prefect.db") == newest


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
