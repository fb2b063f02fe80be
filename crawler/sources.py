"""What a SOURCE argument names, and the documents found in it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from extractors.records import DatedBy

SourceKind = Literal["path", "url"]
# What a web source is read as (`--kind`, `kind =` in sources.toml): auto detects it.
KINDS = ("auto", "feed", "listing", "sitemap", "page")


@dataclass(frozen=True)
class Source:
    """A place documents come from. `id` is stable across runs: documents remember the
    source they were met through, so a later run knows what disappeared from it."""

    id: str
    kind: SourceKind
    location: str  # an absolute path, or an http(s) URL
    name: str | None = None
    crawl_kind: str | None = None  # feed, listing, sitemap, page: None to detect
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    # Hosts ("host" or "host:port") besides the source's own that its links may lead to.
    allow_hosts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A document to fetch: its canonical URL and, for local files, its path."""

    url: str
    source: str
    path: str | None = None
    # What discovery learnt of its date: the feed entry's published (else updated) date,
    # the sitemap's lastmod. Not part of its identity.
    listed_dates: tuple[DatedBy, ...] = field(default=(), compare=False, hash=False)


@dataclass(frozen=True)
class DiscoveryError:
    source: str
    url: str
    error: str


class SourceError(ValueError):
    """A SOURCE that cannot be understood (a usage error, not a failed fetch)."""


def parse_source(text: str) -> Source:
    scheme = urlsplit(text).scheme.lower()
    if scheme in ("http", "https"):
        # The id is stored (runs, documents): never with a password in it. The location
        # keeps the credentials, which the web client takes out and sends to that host.
        return Source(id=_without_credentials(text), kind="url", location=text)
    if scheme == "file":
        path = Path(unquote(urlsplit(text).path))
    elif scheme and len(scheme) > 1:  # "C:" style drive letters are paths
        raise SourceError(
            f"unsupported source scheme {scheme!r} in {text!r}: use http(s) or a path"
        )
    else:
        path = Path(text)
    path = path.expanduser().absolute()
    # A local source is identified by its absolute path (without resolving symlinks, so a
    # folder reached through a link keeps its identity).
    return Source(id=path.as_uri(), kind="path", location=str(path))


def _without_credentials(url: str) -> str:
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]).geturl()


# What a folder source reads unless its `include` patterns say otherwise: the formats
# pressroom extracts. Label files (.json), indexes (.tsv, .csv) and notes (README.md)
# that often sit beside releases are skipped, and counted.
FOLDER_KINDS = (".html", ".htm", ".pdf", ".txt")


@dataclass(frozen=True)
class FolderScan:
    candidates: list[Candidate]
    errors: list[DiscoveryError]
    # Files left out by kind or pattern, counted by what they are (".json", "excluded").
    skipped: dict[str, int] = field(default_factory=dict)


def discover_path(source: Source) -> tuple[list[Candidate], list[DiscoveryError]]:
    scan = scan_path(source)
    return scan.candidates, scan.errors


def _left_out(source: Source, path: Path, url: str) -> str | None:
    """Why a file of a folder source is not read (None: it is read). With `include`
    patterns, they decide instead of the default kinds."""
    from fnmatch import fnmatchcase

    if source.include:
        if not any(fnmatchcase(url, p) for p in source.include):
            return "not included"
    elif path.suffix.lower() not in FOLDER_KINDS:
        return path.suffix.lower() or "no extension"
    if any(fnmatchcase(url, p) for p in source.exclude):
        return "excluded"
    return None


def scan_path(source: Source) -> FolderScan:
    """Every regular file under a folder (recursively) of the kinds it reads, or the file
    itself. Hidden files and folders are skipped; a symlink that points outside the folder
    is refused. A path that cannot be read (a symlink loop, a folder without permission)
    is one error for that path: the folder's other files are found all the same."""
    root = Path(source.location)
    try:
        if not root.exists():
            return FolderScan(
                [], [DiscoveryError(source.id, source.id, f"no such file or folder: {root}")]
            )
        if root.is_file():
            # A file named on its own is read whatever its kind: it was asked for.
            return FolderScan([Candidate(url=root.as_uri(), source=source.id, path=str(root))], [])
        real_root = root.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        return FolderScan([], [DiscoveryError(source.id, source.id, _unreadable(root, exc))])
    candidates: list[Candidate] = []
    errors: list[DiscoveryError] = []
    skipped: dict[str, int] = {}

    def walk_error(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else root
        errors.append(DiscoveryError(source.id, where.as_uri(), _unreadable(where, exc)))

    for folder, dirnames, filenames in os.walk(root, onerror=walk_error, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in dirnames:
            # Linked folders are not followed (their files inside the source are reached
            # by their own path); one pointing outside is a refusal worth recording.
            path = Path(folder) / name
            try:
                if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                    errors.append(
                        DiscoveryError(
                            source.id,
                            path.as_uri(),
                            "symlink points outside the source folder "
                            f"({path.resolve()}); not read",
                        )
                    )
            except (OSError, RuntimeError) as exc:
                errors.append(DiscoveryError(source.id, path.as_uri(), _unreadable(path, exc)))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            try:
                found = _file_candidate(source, path, real_root)
            except (OSError, RuntimeError) as exc:
                errors.append(DiscoveryError(source.id, path.as_uri(), _unreadable(path, exc)))
                continue
            if isinstance(found, DiscoveryError):
                errors.append(found)
            elif found is not None:
                # (After the link check: a link out of the folder is refused whatever its
                # name.)
                if (why := _left_out(source, path, found.url)) is not None:
                    skipped[why] = skipped.get(why, 0) + 1
                    continue
                candidates.append(found)
    return FolderScan(candidates, errors, skipped)


def _file_candidate(
    source: Source, path: Path, real_root: Path
) -> Candidate | DiscoveryError | None:
    """The file at `path` as a candidate, a refusal, or None (not a regular file)."""
    url = path.as_uri()
    if path.is_symlink():
        # strict: a symlink loop or a dangling link raises, and becomes an error row.
        target = path.resolve(strict=True)
        if not target.is_relative_to(real_root):
            return DiscoveryError(
                source.id,
                url,
                f"symlink points outside the source folder ({target}); not read",
            )
    if not path.is_file():
        return None
    return Candidate(url=url, source=source.id, path=str(path))


def _unreadable(path: Path, exc: BaseException) -> str:
    """Why a path could not be read, in words (a loop, a permission, a dangling link)."""
    text = str(exc)
    if isinstance(exc, RuntimeError) or "loop" in text.lower() or getattr(exc, "errno", 0) == 40:
        return f"symlink loop at {path}; not read (remove or fix the link)"
    if isinstance(exc, PermissionError):
        return f"permission denied reading {path}; not read"
    if isinstance(exc, FileNotFoundError):
        return f"dangling symlink or vanished path {path}; not read"
    return f"cannot read {path} ({exc.__class__.__name__}: {text}); not read"
