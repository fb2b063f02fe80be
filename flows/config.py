"""sources.toml: named sources with their kind and URL patterns, and crawler settings.

    [crawler]                      # optional; every key optional
    rate = 2.0                     # at most this many requests a second to one host
    timeout = 30                   # seconds per connect / read

    [[source]]
    name = "hmicfrs-news"
    url = "https://www.example.org/news/feed/"
    kind = "feed"                  # auto (default), feed, listing, sitemap, page
    include = ["*/news/*"]         # globs over the whole URL (file:// for files); optional
    exclude = ["*/tag/*"]          # optional
    allow_hosts = ["assets.example.org"]   # other hosts its links may lead to; optional

A `url` may also be a local path (a file or a folder). See docs/sources.md.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from crawler.options import FetchOptions, SettingsError, crawler_settings, nearest
from crawler.sources import KINDS, Source, SourceError, parse_source

SOURCE_KEYS = {"name", "url", "kind", "include", "exclude", "allow_hosts"}


class ConfigError(SourceError):
    """A sources.toml that cannot be used (a usage error)."""


@dataclass(frozen=True)
class Config:
    sources: list[Source]
    crawler: dict[str, object] = field(default_factory=dict)

    def options(self, base: FetchOptions | None = None) -> FetchOptions:
        return replace(base or FetchOptions(), **self.crawler)


def _strings(value: object, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a string or a list of strings")
    return tuple(value)


def with_kind(source: Source, kind: str | None) -> Source:
    if kind is None or kind == "auto":
        return source
    if kind not in KINDS:
        raise SourceError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    if source.kind == "path":
        raise SourceError(f"--kind {kind} applies to URLs only; {source.location} is a local path")
    return replace(source, crawl_kind=kind)


def load_config(path: str | Path) -> Config:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"no such config file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    unknown = set(data) - {"source", "crawler"}
    if unknown:
        raise ConfigError(
            f"{path}: unknown table(s) {', '.join(sorted(unknown))}; expected [[source]] "
            "and [crawler]"
        )
    crawler = _crawler(data.get("crawler", {}), path)
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: write each source as a [[source]] table")
    sources: list[Source] = []
    names: set[str] = set()
    for i, entry in enumerate(entries, start=1):
        where = f"{path}, source #{i}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where}: write each source as a [[source]] table")
        extra = set(entry) - SOURCE_KEYS
        if extra:
            raise ConfigError(
                f"{where}: unknown key(s) {', '.join(sorted(extra))}"
                f"{nearest(sorted(extra)[0], SOURCE_KEYS)}; allowed: "
                f"{', '.join(sorted(SOURCE_KEYS))}"
            )
        url = entry.get("url")
        if not isinstance(url, str) or not url.strip():
            raise ConfigError(f"{where}: every source needs a url (a URL or a local path)")
        name = entry.get("name", url)
        if not isinstance(name, str) or not name:
            raise ConfigError(f"{where}: name must be a non-empty string")
        where = f"{path}, source {name!r}"
        if name in names:
            raise ConfigError(f"{where}: two sources have this name")
        names.add(name)
        kind = entry.get("kind", "auto")
        if kind not in KINDS:
            raise ConfigError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
        url = url.strip()
        if "://" not in url and not Path(url).expanduser().is_absolute():
            url = str(path.absolute().parent / Path(url).expanduser())  # relative to the file
        try:
            source = with_kind(parse_source(url), kind)
        except SourceError as exc:
            raise ConfigError(f"{where}: {exc}") from None
        source = replace(
            source,
            name=name,
            include=_strings(entry.get("include", []), "include", where),
            exclude=_strings(entry.get("exclude", []), "exclude", where),
            allow_hosts=_strings(entry.get("allow_hosts", []), "allow_hosts", where),
        )
        if source.kind == "path" and source.allow_hosts:
            raise ConfigError(f"{where}: allow_hosts applies to URLs only")
        sources.append(source)
    if not sources:
        raise ConfigError(f"{path} lists no sources: add a [[source]] table with a url")
    return Config(sources, crawler)


def _crawler(table: object, path: Path) -> dict[str, object]:
    try:
        return crawler_settings(table)
    except SettingsError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def resolve_sources(
    sources: Sequence[str] | None = None,
    kind: str | None = None,
    config: str | Path | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> tuple[list[Source], dict[str, object]]:
    """The sources of a run: those of `config` (if any), then the SOURCE arguments (with
    `kind`, `include` and `exclude` applied to them), and the [crawler] settings.
    SourceError when there are none or one cannot be understood."""
    loaded = load_config(config) if config else Config([])
    parsed = list(loaded.sources)
    for text in sources or []:
        source = with_kind(parse_source(text), kind)
        parsed.append(replace(source, include=tuple(include), exclude=tuple(exclude)))
    if not parsed:
        raise SourceError("no sources: give a SOURCE (URL, file or folder) or --config")
    unique: dict[str, Source] = {}
    for source in parsed:
        unique.setdefault(source.id, source)
    return list(unique.values()), loaded.crawler
