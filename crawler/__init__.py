"""The crawler's parts: politeness, retries, robots.txt, URL policy, and the readers of
feeds, listing pages and sitemaps. flows.http puts them together; flows.discovery uses
flows.web.crawl to list a web source's documents."""
