"""How runs look from outside. Clean operation: `pressroom ingest` as a user runs it, in a
subprocess, prints no traceback and no error line, start to exit, with Prefect's temporary
server and with a Prefect server given by PREFECT_API_URL (on an existing Dask cluster).
In Prefect: task runs named as the business steps, the run summary artifact; on a
terminal, the progress bar."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.renditions import render_html, render_pdf
from tests.conftest import sample_text

BIN = Path(sys.executable).parent
# An error line, in any of the forms Prefect, Python's logging, distributed or rich print.
ERROR_LINE = re.compile(r"Traceback|\bERROR\b|Error\b|\berror:|\bCRITICAL\b")


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    folder.mkdir()
    text = sample_text("west-mercia-asb-2012.txt")
    (folder / "west-mercia.pdf").write_bytes(render_pdf(text))
    (folder / "west-mercia.html").write_bytes(render_html(text))
    (folder / "staffordshire.txt").write_text(sample_text("staffordshire-asb-2012.txt"))
    return folder


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.pop("PRESSROOM_WAREHOUSE", None)
    env.update(extra)
    return env


def _run(*args: str, env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        [str(BIN / "pressroom"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return output


def _error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if ERROR_LINE.search(line)]


def test_ingest_with_the_background_server_prints_no_error(office: Path, tmp_path: Path):
    # As a user runs it: no Prefect settings at all, so pressroom's background Prefect
    # server is started (or found running: the session shares one, tests/conftest.py).
    out = _run("ingest", str(office), "--warehouse", "wh.duckdb", env=_env(), cwd=tmp_path)
    assert _error_lines(out) == [], out
    assert "3 new" in out


def test_ingest_on_an_existing_dask_cluster_against_a_prefect_server_prints_no_error(
    prefect_harness, office: Path, tmp_path: Path
):
    import dask
    from distributed import Client, LocalCluster
    from prefect.settings import get_current_settings

    pytest.importorskip("prefect_dask")
    # The harness's server stands in for a real one given by PREFECT_API_URL; the
    # cluster's workers are told it too, as a deployment's workers would be.
    api = str(get_current_settings().api.url)
    with dask.config.set({"distributed.worker.daemon": False}):
        cluster = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            env={"PREFECT_API_URL": api},
        )
    with cluster, Client(cluster) as client:
        out = _run(
            "ingest",
            str(office),
            "--warehouse",
            "wh.duckdb",
            "--task-runner",
            "dask",
            "--dask-address",
            cluster.scheduler_address,
            env=_env(PREFECT_API_URL=api),
            cwd=tmp_path,
        )
        executed = client.run(lambda dask_worker: dask_worker.state.executed_count)
    assert _error_lines(out) == [], out
    assert "WARNING" not in out, out
    assert "Starting temporary server" not in out
    assert "3 new" in out
    # The fetch and the extract task of the run's one batch ran on the cluster.
    assert sum(executed.values()) == 2


def test_a_batch_staged_out_of_sight_fails_the_run_instead_of_loading_nothing(tmp_path: Path):
    from flows.pipeline import check_staged

    here = tmp_path / "batch-000001.parquet"
    here.write_bytes(b"staged")
    check_staged(str(tmp_path), [str(here), None])
    # What a worker on another machine returns: a path this machine does not have.
    with pytest.raises(RuntimeError, match="shared mount"):
        check_staged(str(tmp_path), [str(here), "/elsewhere/batch-000002.parquet"])


def _task_and_artifacts(flow_run_id: str):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        FlowRunFilter,
        FlowRunFilterId,
    )

    with get_client(sync_client=True) as client:
        tasks = client.read_task_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
        )
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    return sorted(t.name for t in tasks), artifacts


def test_a_run_reads_as_business_steps_and_leaves_its_summary(
    prefect_harness, office: Path, tmp_path: Path
):
    import warehouse as wh
    from flows import progress
    from flows.pipeline import ingest

    class Recorder(progress.Reporter):
        def __init__(self):
            self.total, self.done, self.stages = None, 0, []

        def discovered(self, total: int) -> None:
            self.total = total

        def advance(self, n: int) -> None:
            self.done += n

        def stage(self, description: str) -> None:
            self.stages.append(description)

    warehouse = tmp_path / "wh.duckdb"
    ingest(sources=[str(office)], warehouse=str(warehouse))
    # The second run: one release corrected, one withdrawn, one unreadable file added.
    (office / "staffordshire.txt").write_text(sample_text("staffordshire-asb-2012.txt") + " 729.")
    (office / "west-mercia.html").unlink()
    (office / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    with progress.reporting_to(Recorder()) as recorder:
        summary = ingest(sources=[str(office)], warehouse=str(warehouse), batch_size=2)
    assert (recorder.total, recorder.done) == (3, 3)
    # What the bar says while the run waits before it can count anything.
    assert recorder.stages == [
        "waiting for the warehouse's writer lock",
        "discovering documents",
        "loading into the warehouse",
    ]

    (flow_run_id,) = wh.run_query(
        warehouse, f"SELECT flow_run_id FROM runs WHERE run_id = '{summary.run_id}'"
    ).rows[0]
    names, artifacts = _task_and_artifacts(flow_run_id)
    assert names == [
        f"discover {office.as_uri()}",
        "extract and stage batch 1",
        "extract and stage batch 2",
        "fetch 1 documents",
        "fetch 2 documents",
        "load into warehouse",
    ]
    (artifact,) = [a for a in artifacts if a.key == "pressroom-run-summary"]
    assert "0 new, 1 changed, 1 unchanged, 1 withdrawn, 1 failed" in artifact.description
    data = json.loads(artifact.data) if isinstance(artifact.data, str) else artifact.data
    rows = {(r["outcome"], Path(r["url"]).name) for r in data}
    assert rows == {
        ("changed", "staffordshire.txt"),
        ("withdrawn", "west-mercia.html"),
        ("failed", "broken.pdf"),
    }


def test_the_progress_bar_counts_the_documents(prefect_harness, office: Path, tmp_path: Path):
    import io

    from rich.console import Console

    from flows import progress
    from flows.pipeline import ingest

    screen = Console(file=io.StringIO(), force_terminal=True, width=100)
    with progress.terminal_progress(screen, "ingest", enabled=True) as bar:
        ingest(sources=[str(office)], warehouse=str(tmp_path / "wh.duckdb"), batch_size=1)
    (task,) = bar.progress.tasks
    assert (task.total, task.completed) == (3, 3)
    assert task.description == "ingest: loading into the warehouse"


def test_dask_options_without_the_dask_runner_are_refused(tmp_path: Path):
    done = subprocess.run(
        [str(BIN / "pressroom"), "ingest", str(tmp_path), "--dask-workers", "2"],
        env=_env(PREFECT_API_URL="http://127.0.0.1:9/api"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "need --task-runner dask" in done.stderr and "Traceback" not in done.stderr
