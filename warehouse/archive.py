"""The raw archive: every fetched body, content-addressed by sha256, beside the warehouse.

Blobs are written (temp file + atomic rename) before anything refers to them, so a crash
can leave an unreferenced blob but never a reference to a missing or partial one.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def archive_dir_for(warehouse: Path | str) -> Path:
    """`pressroom.duckdb` keeps its raw documents in `pressroom.archive/`."""
    warehouse = Path(warehouse)
    return warehouse.with_name(warehouse.stem + ".archive")


class Archive:
    def __init__(self, root: Path | str):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        return sha

    def get(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def verify(self, sha256: str) -> bool:
        """True when the blob exists and its bytes hash to its name."""
        path = self.path(sha256)
        if not path.is_file():
            return False
        digest = hashlib.sha256()
        with path.open("rb") as blob:
            for chunk in iter(lambda: blob.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest() == sha256
