"""`--task-runner dask`: ingest on a local Dask cluster of 2 processes gives the same
warehouse as the default runner, run ids and times apart. Under Prefect's test harness,
on real files and real DuckDB files. (An existing cluster by address: test_orchestration.)"""

from __future__ import annotations

from pathlib import Path

import pytest

import warehouse as wh
from analysis.renditions import render_html, render_pdf
from flows.pipeline import ingest
from flows.runners import make_task_runner
from tests.conftest import DEVSET, sample_text

pytest.importorskip("prefect_dask")
pytestmark = pytest.mark.usefixtures("prefect_harness")

# What a run leaves that must not depend on where its tasks ran (no run ids, no times).
COMPARED = {
    "releases": "SELECT url, version, title, reference, published_date, publisher, "
    "primary_force, topic, media_type, body_text, extractor_version, status, forces, people, "
    "reports, phones, judgements, content_sha256 FROM releases ORDER BY url",
    "judgements": "SELECT * FROM judgements ORDER BY ALL",
    "release_forces": "SELECT * FROM release_forces ORDER BY ALL",
    "fetches": "SELECT url, http_status, outcome, content_sha256, error FROM fetches ORDER BY url",
    "errors": "SELECT url, stage, error FROM errors ORDER BY ALL",
    "documents": "SELECT url, status, current_version FROM documents ORDER BY url",
    "runs": "SELECT status, n_new, n_changed, n_unchanged, n_withdrawn, n_failed FROM runs",
}


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Path:
    """A small office in every format: PDFs (the work Dask spreads), HTML, text, and one
    file that fails to extract, so errors are compared too."""
    folder = tmp_path_factory.mktemp("office")
    texts = [sample_text("staffordshire-asb-2012.txt"), sample_text("west-mercia-asb-2012.txt")]
    texts += [p.read_text("utf-8") for p in sorted(DEVSET.glob("*.txt"))[:4]]
    for i, text in enumerate(texts):
        (folder / f"r{i}.pdf").write_bytes(render_pdf(text))
        (folder / f"r{i}.html").write_bytes(render_html(text))
        (folder / f"r{i}.txt").write_text(text, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n this is not a PDF at all")
    return folder


def _contents(path: Path) -> dict[str, list[tuple]]:
    return {name: wh.run_query(path, sql).rows for name, sql in COMPARED.items()}


@pytest.fixture(scope="module")
def default_run(office: Path, tmp_path_factory) -> dict[str, list[tuple]]:
    path = tmp_path_factory.mktemp("default") / "pressroom.duckdb"
    ingest(sources=[str(office)], warehouse=str(path), batch_size=4)
    return _contents(path)


def _flow_logs(flow_run_id: str) -> list[str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    with get_client(sync_client=True) as client:
        logs = client.read_logs(
            log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id]))
        )
    return [log.message for log in logs]


def test_local_dask_cluster_gives_the_same_warehouse(
    office: Path, default_run: dict, tmp_path: Path
):
    path = tmp_path / "pressroom.duckdb"
    runner = make_task_runner("dask", dask_workers=2)
    summary = ingest.with_options(task_runner=runner)(
        sources=[str(office)], warehouse=str(path), batch_size=4
    )
    n_files = len(list(office.iterdir()))  # 19 with the devset at hand, 7 without
    assert summary.counts.n_new == len(default_run["releases"]) == n_files - 1
    assert summary.counts.n_failed == 1
    dask_run = _contents(path)
    for name in COMPARED:
        assert dask_run[name] == default_run[name], name
    # The run went through Dask, and its task runs were recorded by this run's API (the
    # workers did not start temporary servers of their own).
    (flow_run_id,) = wh.run_query(path, "SELECT flow_run_id FROM runs").rows[0]
    assert "fetching and extracting on Dask workers" in _flow_logs(flow_run_id)
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        task_runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
        )
    names = sorted(t.name for t in task_runs)
    assert sum(n.startswith("extract and stage batch") for n in names) == -(-n_files // 4)
    assert all(t.state.is_completed() for t in task_runs)
