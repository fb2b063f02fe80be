"""Credentials in URLs (`https://user:pass@host/...`): taken out of the URL before it is
used for anything else, and sent only to the host that carried them.

A URL with credentials would otherwise be stored as the document's URL and the source's
id (password included), shown in errors and reports, and its `user:pass@` would ride along
to robots.txt. Here the URL is stripped wherever one enters pressroom (a source, a link
from a feed, listing or sitemap, a redirect), and the credentials are kept, in this
process only, for that scheme, host and port: the web client adds them as HTTP Basic
authorisation to requests there, never to robots.txt, and never to another host (a
redirect elsewhere goes without them).
"""

from __future__ import annotations

import base64
import threading
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

from .urls import DEFAULT_PORTS

_CREDENTIALS: dict[str, tuple[str, str]] = {}
_LOCK = threading.Lock()


def _key(parts: SplitResult) -> str:
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{scheme}://{(parts.hostname or '').lower()}:{port or DEFAULT_PORTS.get(scheme)}"


def strip_credentials(url: str) -> str:
    """`url` without `user:pass@`; the credentials are remembered for its host."""
    parts = urlsplit(url)
    if "@" not in parts.netloc or parts.scheme.lower() not in DEFAULT_PORTS:
        return url
    user, password = unquote(parts.username or ""), unquote(parts.password or "")
    netloc = parts.netloc.rsplit("@", 1)[1]
    if user or password:
        with _LOCK:
            _CREDENTIALS[_key(parts)] = (user, password)
    return urlunsplit(parts._replace(netloc=netloc))


def authorization_for(url: str) -> str | None:
    """The Authorization header value for a request to `url`: credentials remembered for
    exactly its scheme, host and port, else None."""
    with _LOCK:
        found = _CREDENTIALS.get(_key(urlsplit(url)))
    if found is None:
        return None
    token = base64.b64encode(f"{found[0]}:{found[1]}".encode()).decode("ascii")
    return f"Basic {token}"


def forget_all() -> None:
    """Drop every remembered credential (tests)."""
    with _LOCK:
        _CREDENTIALS.clear()
