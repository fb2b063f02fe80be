"""Orchestration and the CLI: Prefect flows and tasks that run the crawler, the extractors
and the warehouse, scheduling, and the `pressroom` command; the only package that imports
Prefect."""

from crawler import __version__  # noqa: F401  (pressroom's version)
