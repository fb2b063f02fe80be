"""What a SOURCE argument names, and the documents found in it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from extractors import DatedBy

SourceKind = Literal["path", "url"]


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
        return Source(id=text, kind="url", location=text)
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
    is refused."""
    root = Path(source.location)
    if not root.exists():
        return FolderScan(
            [], [DiscoveryError(source.id, source.id, f"no such file or folder: {root}")]
        )
    if root.is_file():
        # A file named on its own is read whatever its kind: it was asked for.
        return FolderScan([Candidate(url=root.as_uri(), source=source.id, path=str(root))], [])
    candidates: list[Candidate] = []
    errors: list[DiscoveryError] = []
    skipped: dict[str, int] = {}
    real_root = root.resolve()
    for folder, dirnames, filenames in os.walk(root, onerror=None, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in dirnames:
            # Linked folders are not followed (their files inside the source are reached
            # by their own path); one pointing outside is a refusal worth recording.
            path = Path(folder) / name
            if path.is_symlink() and not path.resolve().is_relative_to(real_root):
                errors.append(
                    DiscoveryError(
                        source.id,
                        path.as_uri(),
                        f"symlink points outside the source folder ({path.resolve()}); not read",
                    )
                )
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            url = path.as_uri()
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(real_root):
                    errors.append(
                        DiscoveryError(
                            source.id,
                            url,
                            f"symlink points outside the source folder ({target}); not read",
                        )
                    )
                    continue
            if not path.is_file():
                continue
            # (After the link check: a link out of the folder is refused whatever its name.)
            if (why := _left_out(source, path, url)) is not None:
                skipped[why] = skipped.get(why, 0) + 1
                continue
            candidates.append(Candidate(url=url, source=source.id, path=str(path)))
    return FolderScan(candidates, errors, skipped)
