"""Named SQL statements kept in warehouse/sql/*.sql, read once."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_NAME = re.compile(r"^-- name: (\w+)\s*$", re.MULTILINE)


@cache
def _named(filename: str) -> dict[str, str]:
    text = resources.files("warehouse").joinpath("sql", filename).read_text("utf-8")
    parts = _NAME.split(text)
    return {name: body.strip() for name, body in zip(parts[1::2], parts[2::2], strict=True)}


def sql(name: str, filename: str = "load.sql") -> str:
    return _named(filename)[name]


def script(filename: str) -> str:
    return resources.files("warehouse").joinpath("sql", filename).read_text("utf-8")
