"""Print one JSON line per file: what extraction makes of it, to compare two checkouts.

    python scripts/extraction_snapshot.py ../shared/devset ../shared/seeds ../shared/corpora >a

Files that fail extraction print their error message; nothing is skipped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
from pathlib import Path

import extractors


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def snapshot(path: Path) -> dict[str, object]:
    try:
        result = extractors.extract(path.read_bytes(), url=path.resolve().as_uri())
    except extractors.ExtractionError as exc:
        return {"path": str(path), "error": str(exc)}
    release = _plain(result.release)
    document = json.dumps(_plain(result.document), sort_keys=True)
    return {
        "path": str(path),
        "release": release,
        "document_sha": hashlib.sha256(document.encode()).hexdigest(),
        "fingerprint": result.fingerprint,
    }


def main(roots: list[str]) -> None:
    for root in roots:
        for path in sorted(p for p in Path(root).rglob("*") if p.is_file()):
            if path.suffix in {".json", ".md"}:
                continue
            print(json.dumps(snapshot(path), sort_keys=True), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
