"""The crawler: finds and fetches the documents a source holds, on the web (feeds, listing
pages, sitemaps, one page) or on disk (a folder), as a polite client: robots.txt, an
adaptive pace per host, retries, conditional GET, limits on what a site may send. Knows
HTTP, not Prefect.

Its modules, bottom up: urls, addresses, credentials, retry, robots, politeness, deadline
and xmlsafe are the parts; options holds the settings ([crawler] in sources.toml); client
is the web client (WebClient.get); session shares clients between a run's tasks; feeds,
listing, sitemap and crawl discover a web source's documents; sources names a source and
scans a folder; fetching fetches candidates, from disk or the web, into an archive. It
imports nothing of pressroom but extractors' record types: the archive and the known
documents it is handed are anything with their shape.
"""

__version__ = "0.1.0"  # pressroom's (pyproject.toml); the User-Agent says it
