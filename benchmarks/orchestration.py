"""Orchestration figures: Prefect start-up, `pressroom ingest` start-up, per-document
orchestration overhead, and the Dask speed-up on a PDF-heavy corpus.

    python -m benchmarks.orchestration                 # 300 PDFs, 3 repeats (~10 min on 2 cores)
    python -m benchmarks.orchestration --pdfs 60 --repeat 1      # a quick look

Everything runs in subprocesses, as a user runs it, against a `prefect server start` of
its own on loopback (PREFECT_HOME in the work folder) except where the temporary server
is what is measured. Results are printed and written to benchmarks/out/orchestration.json.
Times are wall-clock seconds; each figure is the median of --repeat runs (all runs are
in the JSON). Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"
BIN = Path(sys.executable).parent
OUT = ROOT / "benchmarks" / "out"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.pop("PRESSROOM_WAREHOUSE", None)
    env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", **extra)
    return env


def _timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


class Server:
    """`prefect server start` on a free loopback port, timed until /api/health answers."""

    def __init__(self, home: Path):
        import httpx

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/api"
        env = _env(PREFECT_HOME=str(home), PREFECT_UI_ENABLED="false")
        start = time.perf_counter()
        self.process = subprocess.Popen(
            [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1"]
            + ["--port", str(self.port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while True:
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError("prefect server start exited")
            time.sleep(0.05)
        self.startup = time.perf_counter() - start

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


# ---------------------------------------------------------------------------- corpus


def make_pdf_corpus(folder: Path, n: int) -> Path:
    """`n` distinct multi-page PDF releases (analysis.renditions.render_pdf) from the
    development set's texts: each release followed by notes drawn from two others."""
    from analysis.renditions import render_pdf

    marker = folder / f".made-{n}"
    if marker.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    texts = [p.read_text("utf-8") for p in sorted(DEVSET.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no development set texts in {DEVSET}")
    for i in range(n):
        main = texts[i % len(texts)]
        notes = [texts[(i + k) % len(texts)] for k in (7, 13)]
        body = (
            f"{main.rstrip()}\n\nNotes to editors\n\n"
            + "\n\n".join(note.split("\n\n", 1)[-1] for note in notes)
            + f"\n\nEnds (ref. BM-{i:04d}).\n"
        )
        (folder / f"release-{i:04d}.pdf").write_bytes(render_pdf(body))
    marker.write_text("")
    return folder


def page_count(folder: Path) -> tuple[int, int]:
    import pdfplumber

    files = sorted(folder.glob("*.pdf"))
    pages = 0
    for path in files:
        with pdfplumber.open(path) as pdf:
            pages += len(pdf.pages)
    return len(files), pages


# ---------------------------------------------------------------------------- measures

UNITS_SCRIPT = textwrap.dedent(
    """
    import json, time
    from flows.prefect_env import configure
    configure()
    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    @task(cache_policy=NO_CACHE)
    def empty(i):
        return i

    @flow
    def no_tasks():
        return 0

    @flow
    def with_tasks(k):
        return sum(f.result() for f in [empty.submit(i) for i in range(k)])

    def timed(fn, *args):
        t = time.perf_counter()
        fn(*args)
        return time.perf_counter() - t

    for _ in range(3):  # warm: client, imports, the server's first answers
        no_tasks(); with_tasks(5); no_tasks()
    k = {k}
    heartbeat = [timed(no_tasks) for _ in range(3)]
    # As the pressroom commands run flows: without heartbeats (flows/cli.py _progress).
    with temporary_settings(updates={{PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}}):
        flows = [timed(no_tasks) for _ in range(5)]
        flow_s = sorted(flows)[2]
        client, total = [], []
        for _ in range(3):
            many_s = timed(with_tasks, k)
            # The server digests a burst of task-run events after the flow has returned
            # (SQLite): the next API call waits for it, so the next run pays. Both runs
            # are counted, less two empty flow runs.
            after_s = timed(no_tasks)
            client.append((many_s - flow_s) / k)
            total.append((many_s + after_s - 2 * flow_s) / k)
    print(json.dumps({{"flow_run": flows, "task_run": total, "task_run_client": client,
                      "flow_run_heartbeat": heartbeat}}))
    """
)


def unit_costs(api: str, work: Path, k: int = 200) -> dict[str, list[float]]:
    """Seconds of one empty flow run, and of one empty task run submitted in a flow (the
    default task runner), against the running server."""
    done = subprocess.run(
        [sys.executable, "-c", UNITS_SCRIPT.format(k=k)],
        env=_env(PREFECT_API_URL=api, PREFECT_LOGGING_LEVEL="WARNING"),
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def task_runs_of_last_run(api: str, warehouse: Path) -> tuple[int, float]:
    """The number of task runs of the warehouse's last run, and the run's own duration."""
    from warehouse.connection import open_duckdb

    with open_duckdb(warehouse, read_only=True) as con:
        flow_run_id, seconds = con.execute(
            "SELECT flow_run_id, epoch(finished_at - started_at) FROM runs "
            "ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
    script = (
        "import sys\n"
        "from prefect.client.orchestration import get_client\n"
        "from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId\n"
        "with get_client(sync_client=True) as c:\n"
        "    runs = c.read_task_runs(flow_run_filter=FlowRunFilter("
        f"id=FlowRunFilterId(any_=['{flow_run_id}'])))\n"
        "print(len(runs))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=_env(PREFECT_API_URL=api),
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip()), float(seconds)


def ingest_command(folder: Path, warehouse: Path, *extra: str) -> list[str]:
    return [str(BIN / "pressroom"), "ingest", str(folder), "--warehouse", str(warehouse), *extra]


def _fresh(warehouse: Path) -> None:
    import warehouse as wh

    for p in (warehouse, Path(str(warehouse) + ".wal"), Path(str(warehouse) + ".lock")):
        p.unlink(missing_ok=True)
    for d in (wh.archive_dir_for(warehouse), wh.staging_dir_for(warehouse, "x").parent):
        shutil.rmtree(d, ignore_errors=True)


def median(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pdfs", type=int, default=300, help="PDFs in the Dask corpus")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument(
        "--only",
        choices=["startup", "units", "dask"],
        help="measure one part; the others are kept from the last orchestration.json",
    )
    args = parser.parse_args(argv)

    work = args.out / "orchestration"
    work.mkdir(parents=True, exist_ok=True)
    previous = args.out / "orchestration.json"
    results: dict = json.loads(previous.read_text()) if args.only and previous.exists() else {}
    results |= {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "repeat": args.repeat,
    }
    one = work / "one"
    one.mkdir(exist_ok=True)
    (one / "release.txt").write_text(
        "Kent release.\n\nKent Police has made good progress, the inspector said.\n"
    )

    def wanted(part: str) -> bool:
        return args.only in (None, part)

    if wanted("startup"):
        measure_startup(results, work, one, args.repeat)
    server = Server(work / "prefect-home-server")
    api = server.url
    try:
        if wanted("startup"):
            print("pressroom ingest of one file against the server ...", flush=True)
            wh_one = work / "one.duckdb"
            runs = []
            for _ in range(args.repeat):
                _fresh(wh_one)
                runs.append(_timed(ingest_command(one, wh_one), _env(PREFECT_API_URL=api), work))
            results["ingest_one_file_server_s"] = runs
        if wanted("units"):
            print("unit costs: empty flow run, empty task run ...", flush=True)
            units = unit_costs(api, work)
            results["empty_flow_run_s"] = units["flow_run"]
            results["empty_task_run_s"] = units["task_run"]
            results["empty_task_run_client_s"] = units["task_run_client"]
            results["empty_flow_run_with_heartbeat_s"] = units["flow_run_heartbeat"]
        if wanted("dask") and not args.skip_dask:
            measure_dask(results, api, work, args.pdfs, args.repeat)
    finally:
        server.stop()
    report(results, args.out / "orchestration.json")


def measure_startup(results: dict, work: Path, one: Path, repeat: int) -> None:
    print("pressroom --help (imports, no Prefect run) ...", flush=True)
    results["cli_help_s"] = [
        _timed([str(BIN / "pressroom"), "--help"], _env(), work) for _ in range(repeat)
    ]

    print("temporary server start-up ...", flush=True)
    temp_script = (
        "import time\nfrom flows.prefect_env import configure\nconfigure()\n"
        "from prefect.server.api.server import SubprocessASGIServer\n"
        "s = SubprocessASGIServer(); t = time.perf_counter(); s.start()\n"
        "print(time.perf_counter() - t); s.stop()\n"
    )
    home = work / "prefect-home-temporary"
    temporary = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, "-c", temp_script],
            env=_env(PREFECT_HOME=str(home)),
            capture_output=True,
            text=True,
            check=True,
        )
        temporary.append(float(done.stdout.strip().splitlines()[-1]))
    results["temporary_server_start_s"] = temporary

    print("pressroom ingest of one file with the temporary server ...", flush=True)
    wh_one = work / "one.duckdb"
    runs = []
    for _ in range(repeat):
        _fresh(wh_one)
        runs.append(_timed(ingest_command(one, wh_one), _env(PREFECT_HOME=str(home)), work))
    results["ingest_one_file_temporary_server_s"] = runs

    print("prefect server start ...", flush=True)
    starts = []
    for i in range(repeat):
        server = Server(work / f"prefect-home-server-{i}")
        starts.append(server.startup)
        server.stop()
    results["prefect_server_start_s"] = starts


def measure_dask(results: dict, api: str, work: Path, pdfs: int, repeat: int) -> None:
    corpus = make_pdf_corpus(work / f"pdfs-{pdfs}", pdfs)
    n_files, n_pages = page_count(corpus)
    results["corpus"] = {"files": n_files, "pages": n_pages}
    print(f"corpus: {n_files} PDFs, {n_pages} pages", flush=True)
    runners = {
        "default": [],
        "dask-2": ["--task-runner", "dask", "--dask-workers", "2"],
    }
    timings: dict[str, dict[str, list[float]]] = {
        name: {"wall_s": [], "run_s": [], "task_runs": []} for name in runners
    }
    warehouse = work / "pdfs.duckdb"
    for r in range(repeat):
        # Alternate the order so a slow spell on the machine hits both.
        order = list(runners) if r % 2 == 0 else list(reversed(runners))
        for name in order:
            _fresh(warehouse)
            command = ingest_command(corpus, warehouse, *runners[name])
            wall = _timed(command, _env(PREFECT_API_URL=api), work)
            n_tasks, run_s = task_runs_of_last_run(api, warehouse)
            timings[name]["wall_s"].append(wall)
            timings[name]["run_s"].append(run_s)
            timings[name]["task_runs"].append(n_tasks)
            print(f"  {name}: {wall:.1f} s wall, run {run_s:.1f} s", flush=True)
    results["dask"] = timings


def report(results: dict, path: Path) -> None:
    path.write_text(json.dumps(results, indent=2))
    m = {k: median(v) for k, v in results.items() if isinstance(v, list)}
    lines = [f"machine: {results['machine']['cpus']} CPUs, Python {results['machine']['python']}"]
    # A part run alone (--only) on a fresh out/ has only its own figures: report those.
    if "cli_help_s" in m:
        lines += [
            "",
            "start-up (median of runs)",
            f"  pressroom --help (imports only)            {m['cli_help_s']:6.2f} s",
            f"  Prefect temporary server start              {m['temporary_server_start_s']:6.2f} s",
            f"  prefect server start -> /api/health OK      {m['prefect_server_start_s']:6.2f} s",
            f"  pressroom ingest, 1 file, temporary server  "
            f"{m['ingest_one_file_temporary_server_s']:6.2f} s",
            f"  pressroom ingest, 1 file, PREFECT_API_URL   {m['ingest_one_file_server_s']:6.2f} s",
        ]
    if "empty_flow_run_s" in m:
        lines += [
            "",
            "orchestration unit costs (against the server)",
            f"  empty flow run                              {m['empty_flow_run_s'] * 1000:6.1f} ms",
            f"  empty flow run with Prefect's heartbeats    "
            f"{m['empty_flow_run_with_heartbeat_s'] * 1000:6.1f} ms",
            f"  empty task run, in the flow's process        "
            f"{m['empty_task_run_client_s'] * 1000:6.1f} ms",
            f"  empty task run, with the server's work       "
            f"{m['empty_task_run_s'] * 1000:6.1f} ms",
        ]
        flow_s, task_s = m["empty_flow_run_s"], m["empty_task_run_s"]
        for n in (300, 3000, 10000):
            batches = -(-n // 50)
            tasks = 2 * batches + 2  # discover (1 source) + fetch/extract per batch + load
            per_doc = (flow_s + tasks * task_s) / n * 1000
            in_process = (flow_s + tasks * m["empty_task_run_client_s"]) / n * 1000
            lines.append(
                f"  per document at {n:>6} docs ({tasks:>3} task runs)   {per_doc:6.2f} ms"
                f"  ({in_process:.2f} ms in the flow's process)"
            )
    dask = results.get("dask")
    if dask:
        corpus = results["corpus"]
        d, k = dask["default"], dask["dask-2"]
        n = corpus["files"]
        measured = median(d["run_s"]) / n
        lines += [
            f"  (a {n}-PDF run has {int(median(d['task_runs']))} task runs; it takes "
            f"{measured * 1000:.0f} ms per document in all)",
            "",
            f"Dask speed-up, {corpus['files']} PDFs / {corpus['pages']} pages "
            "(median wall of the whole command; the run's own time in brackets)",
            f"  default runner        {median(d['wall_s']):6.1f} s  ({median(d['run_s']):.1f} s)",
            f"  dask, 2 workers       {median(k['wall_s']):6.1f} s  ({median(k['run_s']):.1f} s)",
            f"  speed-up              {median(d['wall_s']) / median(k['wall_s']):6.2f}x  "
            f"({median(d['run_s']) / median(k['run_s']):.2f}x)",
        ]
    text = "\n".join(lines)
    print("\n" + text)
    path.with_suffix(".txt").write_text(text + "\n")


if __name__ == "__main__":
    main()
