"""The run summary every run leaves in Prefect: a table artifact, key
`pressroom-run-summary`, listing what was new, changed, withdrawn (or re-extracted) and
what failed, so the Prefect UI answers "what did last night's run do?"."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

ARTIFACT_KEY = "pressroom-run-summary"
MAX_ROWS = 500  # of each kind; the warehouse has them all


def publish_run_summary(warehouse: Path | str, run_id: str, flow: str = "ingest") -> UUID | None:
    """Create the run's summary artifact (in a flow run). Never fails the run: a summary
    that cannot be made is logged as a warning."""
    from prefect import get_run_logger
    from prefect.artifacts import create_table_artifact

    from analysis.output import markdown_link, markdown_text
    from warehouse.run_report import run_report

    logger = get_run_logger()
    try:
        report = run_report(warehouse, run_id, limit=MAX_ROWS)
        # Prefect's UI renders cells and the description as Markdown (HTML included):
        # titles, URLs and error messages are the sites' words, so they are escaped, and a
        # URL is a link only when it is http(s).
        rows = [
            {
                "outcome": r.outcome,
                "url": markdown_link(r.url),
                "version": r.version,
                "title": markdown_text(r.title),
                "detail": markdown_text(r.detail),
            }
            for r in report.rows
        ] or [
            {
                "outcome": "nothing new",
                "url": "",
                "version": None,
                "title": "",
                "detail": "no document was new, changed, withdrawn or failed",
            }
        ]
        t = report.totals
        counts = (
            f"{t['reextracted']} re-extracted, {t['failed']} failed"
            if flow == "reextract"
            else f"{t['new']} new, {t['changed']} changed, {t['unchanged']} unchanged, "
            f"{t['withdrawn']} withdrawn, {t['failed']} failed"
        )
        description = (
            f"**pressroom {flow}** run `{run_id}` into {markdown_text(warehouse)}: {counts} "
            f"(status: {report.status})."
        )
        if report.truncated:
            description += (
                f" Only the first {MAX_ROWS} of each kind are listed: the `fetches`, "
                "`errors` and `release_versions` views have them all."
            )
        return create_table_artifact(table=rows, key=ARTIFACT_KEY, description=description)
    except Exception as exc:  # the summary is a convenience; the run itself succeeded
        logger.warning("could not publish the run summary artifact: %s", exc)
        return None
