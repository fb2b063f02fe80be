"""A document's own statement of where it was published: a leading `URL: https://...` line,
as saved pages and the devset's text files carry. It is the document's address, not its
headline, and a source of the address's date."""

from __future__ import annotations

import re

# "URL: https://..." (also "Source:", "Link:"), maybe run into the headline that follows
# when no blank line separates them: the address is one token.
_ADDRESS_LINE = re.compile(
    r"^\s*(?:URL|Source(?:\s+URL)?|Link|Address|Original\s+URL)\s*:\s*(?P<url>https?://\S+)\s*",
    re.IGNORECASE,
)


def stated_address(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """(the address a leading `URL: ...` line gives, or None; the paragraphs without it).
    Only the first paragraph is read: an address further down is a link, not the page's."""
    if not paragraphs:
        return None, paragraphs
    match = _ADDRESS_LINE.match(paragraphs[0][:2100])
    if not match:
        return None, paragraphs
    rest = paragraphs[0][match.end() :].strip()
    return match.group("url"), ([rest] if rest else []) + paragraphs[1:]


def effective_url(given: str, stated: str | None) -> str:
    """The address extraction reads (its slug, its date, its site's force): the one the
    document was fetched from when that is a web address, else the one it states (a
    saved page read from a folder has a file:// address that says nothing)."""
    if stated and not (given or "").lower().startswith(("http://", "https://")):
        return stated
    return given
