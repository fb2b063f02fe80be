"""URLs met on the web: which schemes are followed, which hosts count as the source's own
site, and a source's include / exclude patterns.

The same-site policy: a link found on a remote page, feed or sitemap (or a redirect) is
followed only when it is http(s) and on the source's own host and port. `http://host` and
`https://host` on their default ports count as one site. Any other host (a source's own
URL redirecting to another host included) is followed only when the source lists it in
`allow_hosts` (sources.toml).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

WEB_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
# Links that point at no document: skipped without a word.
IGNORED_SCHEMES = frozenset({"mailto", "tel", "javascript", "data", "sms", "fax", "about"})


def scheme_of(url: str) -> str:
    return urlsplit(url).scheme.lower()


def host_port(url: str) -> tuple[str, int | None]:
    """(host, port) with the scheme's default port filled in."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return (parts.hostname or "").lower(), port or DEFAULT_PORTS.get(parts.scheme.lower())


def host_key(url: str) -> str:
    host, port = host_port(url)
    return f"{host}:{port}"


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def absolute(base: str, href: str) -> str:
    """`href` made absolute against `base`, without its #fragment."""
    return urldefrag(urljoin(base, href.strip())).url


def scheme_error(url: str) -> str | None:
    """Why `url` is never fetched, or None when its scheme is http(s)."""
    scheme = scheme_of(url)
    if scheme in WEB_SCHEMES:
        if not urlsplit(url).hostname:
            return f"the link {url!r} names no host; not followed"
        return None
    shown = scheme or "(none)"
    return (
        f"the link {url} uses the {shown!r} scheme; only http and https links from a remote "
        "page are followed, so it was not read"
    )


@dataclass
class SitePolicy:
    """Which host:ports the links of one source may lead to."""

    source_url: str
    allow_hosts: tuple[str, ...] = ()
    _sites: set[tuple[str, int | None]] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.add_site(self.source_url)

    def add_site(self, url: str) -> None:
        host, port = host_port(url)
        self._sites.add((host, port))
        if port in DEFAULT_PORTS.values():
            # http://host and https://host are one site.
            self._sites.update((host, p) for p in DEFAULT_PORTS.values())

    def with_site(self, url: str) -> SitePolicy:
        """A copy that also allows `url`'s site."""
        copy = SitePolicy(self.source_url, self.allow_hosts, set(self._sites))
        copy.add_site(url)
        return copy

    def allows(self, url: str) -> bool:
        if scheme_of(url) not in WEB_SCHEMES:
            return False
        host, port = host_port(url)
        if (host, port) in self._sites:
            return True
        for allowed in self.allow_hosts:
            allowed = allowed.lower().strip()
            if ":" in allowed:
                if allowed == f"{host}:{port}":
                    return True
            elif allowed == host and port in DEFAULT_PORTS.values():
                return True
        return False

    def refusal(self, url: str, what: str = "link") -> str | None:
        """Why a `what` to `url` is not followed, or None when it may be."""
        if error := scheme_error(url):
            return error
        if self.allows(url):
            return None
        host, port = host_port(url)
        site = host_key(self.source_url)
        return (
            f"the {what} to {url} leaves the source's site ({site}) for {host}:{port}; "
            f"not followed. To follow it, list {host!r} in the source's allow_hosts in "
            "sources.toml"
        )


# What a link on a listing page points to that is not a release, by the address's
# extension: label files, indexes and notes that sit beside releases in a served folder
# (`python3 -m http.server` lists them all), and a site's images, styles, scripts and
# archives. A folder source leaves the same files out (crawler.sources.FOLDER_KINDS).
NOT_DOCUMENTS = frozenset(
    """
    .json .jsonl .csv .tsv .md .markdown .rst .yaml .yml .toml .ini .log
    .css .js .mjs .map .png .jpg .jpeg .gif .svg .webp .ico .bmp .tif .tiff
    .zip .gz .tgz .bz2 .xz .7z .rar .tar .mp3 .mp4 .m4a .wav .ogg .webm .mov .avi
    .woff .woff2 .ttf .otf .eot .exe .dmg .msi .iso .apk
    """.split()
)


def not_a_document(url: str) -> str | None:
    """Why a listing's link is no release to fetch (None: it may be one): a hidden file
    or folder (a path part starting with "."), or an extension in NOT_DOCUMENTS."""
    parts = [p for p in unquote(urlsplit(url).path).split("/") if p]
    if any(p.startswith(".") for p in parts):
        return "hidden"
    last = parts[-1] if parts else ""
    dot = last.rfind(".")
    extension = last[dot:].lower() if dot > 0 else ""
    return extension if extension in NOT_DOCUMENTS else None


@dataclass(frozen=True)
class UrlFilter:
    """Include / exclude patterns: shell-style globs (`*`, `?`, `[...]`) matched against
    the whole URL. With includes, a URL must match one; it must match no exclude."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def __call__(self, url: str) -> bool:
        if self.include and not _any_match(url, self.include):
            return False
        return not _any_match(url, self.exclude)


def _any_match(url: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(url, p) for p in patterns)
