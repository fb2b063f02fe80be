"""The benchmark runner: one command that generates the press office, serves it on
loopback, and times, in one run, the plain-script baseline and pressroom cold, warm
(nothing changed) and after 5% of the documents changed.

    python -m benchmarks.run                 # 3,000 documents
    python -m benchmarks.run --quick         # 300 documents, a smoke run
    python -m benchmarks.run --rss-n 30000   # also the peak-RSS check at 30,000

The baseline runs in a child process. Pressroom's phases run as a user runs them: each
is the command `pressroom ingest FEED --warehouse W` (no setting changed), a process of
its own timed from start to exit, one after the other into one fresh warehouse. Their
wall time is what the user waits for, start-up included, and is what the targets are
compared with. The cold run is the first command: it starts pressroom's background
Prefect server (the benchmark gives it a folder of its own and stops it at the end), and
the later commands find it running. The flow run's own time (start-up excluded) is shown
beside it, labelled. Results are printed as a table and written to
benchmarks/out/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from . import realsite, site

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out"

TARGETS = {"cold": 0.5, "warm": 0.15, "changed": 0.25}
RSS_TARGET = 1.2
OVERHEAD_TARGET_MS = 1.0
# Per document, one core, median ms (issue 24): HTML's whole extraction; text's release
# rules (everything but the parse).
FORMAT_TARGETS = {"html": ("pressroom_ms", 10.0), "txt": ("rules_ms", 4.0)}


# --------------------------------------------------------------------------- RSS


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                found += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return found


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) the process has used so far."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _is_prefect_server(cmdline: str) -> bool:
    return "flows.local_server" in cmdline or (
        "prefect" in cmdline and ("server" in cmdline or "uvicorn" in cmdline)
    )


class RssSampler:
    """Samples the resident memory and CPU of the processes this one starts (the
    `pressroom` command and its extraction workers; this driver itself apart). The Prefect
    server (pressroom's background server, or a temporary one) is counted apart: it is a
    fixed cost of a deployment, not of the documents. `main` is the command's process."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self._stop = threading.Event()
        self._server_pids: set[int] = set()
        self._watched: set[int] = set()  # server processes that are not descendants
        self.reset()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def reset(self) -> None:
        self.peak_main = 0
        self.peak_tree = 0  # this process and its workers, without the Prefect server
        self.peak_server = 0
        self.started = time.perf_counter()
        self.peak_tree_at = 0.0  # seconds after reset() when the tree peaked
        # CPU seconds per process since reset() (last sample; a process that ends between
        # samples loses at most one interval): the pipeline's tree, and the Prefect server.
        self._cpu_start: dict[int, float] = dict(getattr(self, "_cpu_last", {}))
        self._cpu_last: dict[int, float] = dict(self._cpu_start)

    def watch_server(self, pid: int) -> None:
        """Count `pid` as the Prefect server although it is not a descendant (pressroom's
        background server, once the command that started it has exited)."""
        self._server_pids.add(pid)
        self._watched.add(pid)

    def _loop(self) -> None:
        me = os.getpid()
        while not self._stop.wait(self.interval):
            direct = _children(me)
            main = max((_rss_kib(pid) for pid in direct if pid not in self._server_pids), default=0)
            tree = 0
            server = 0
            seen: set[int] = set()
            stack = direct + [pid for pid in self._watched if pid not in direct]
            while stack:
                pid = stack.pop()
                if pid in seen:
                    continue
                seen.add(pid)
                self._cpu(pid)
                if pid not in self._server_pids and _is_prefect_server(_cmdline(pid)):
                    self._server_pids.add(pid)
                rss = _rss_kib(pid)
                if pid in self._server_pids:
                    server += rss
                else:
                    tree += rss
                stack += _children(pid)
            self.peak_main = max(self.peak_main, main)
            if tree > self.peak_tree:
                self.peak_tree = tree
                self.peak_tree_at = time.perf_counter() - self.started
            self.peak_server = max(self.peak_server, server)

    def _cpu(self, pid: int) -> None:
        # A process first seen after reset() started after it: all its CPU counts.
        self._cpu_start.setdefault(pid, 0.0)
        self._cpu_last[pid] = _cpu_s(pid)

    def cpu(self) -> dict[str, float]:
        tree = server = 0.0
        for pid, last in list(self._cpu_last.items()):
            used = last - self._cpu_start.get(pid, 0.0)
            if pid in self._server_pids:
                server += used
            else:
                tree += used
        return {"cpu_tree_s": tree, "cpu_prefect_server_s": server}

    def stop(self) -> None:
        self._stop.set()


# --------------------------------------------------------------------------- pressroom child


def _stage_times(flow_run_id: str | None) -> dict[str, float]:
    """Seconds spent in each kind of task (summed over its runs), the number of task
    runs, and the flow run's own time, from Prefect's own records of the flow run."""
    out = {
        "discover": 0.0,
        "fetch": 0.0,
        "extract": 0.0,
        "load": 0.0,
        "task_runs": 0,
        "flow_run_s": None,
    }
    if not flow_run_id:
        return out
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    runs = []
    with get_client(sync_client=True) as client:
        flow_run = client.read_flow_run(flow_run_id)
        if flow_run.start_time and flow_run.end_time:
            out["flow_run_s"] = (flow_run.end_time - flow_run.start_time).total_seconds()
        for _ in range(20):  # task-run states are recorded asynchronously
            runs = client.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
            )
            if runs and all(r.end_time for r in runs):
                break
            time.sleep(0.25)
    out["task_runs"] = len(runs)
    for r in runs:
        name = (r.name or "").lower()
        seconds = r.total_run_time.total_seconds() if r.total_run_time else 0.0
        for stage in ("discover", "fetch", "extract", "load"):
            if stage in name:
                out[stage] += seconds
                break
    return out


def _empty_flow():
    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE

    @task(cache_policy=NO_CACHE)
    def empty_task(i: int) -> int:
        return i

    @flow
    def empty_flow(k: int) -> float:
        t0 = time.perf_counter()
        futures = [empty_task.submit(i) for i in range(k)]
        for f in futures:
            f.result()
        return time.perf_counter() - t0

    return empty_flow


def _prefect_costs() -> dict[str, float]:
    """The cost of one empty flow run and of one empty task run on this machine. Measured
    after the phases: Prefect's server records the 300 task runs' events for several
    seconds afterwards, and a flow run started meanwhile waits for it."""
    empty_flow = _empty_flow()
    flow_times = []
    for _ in range(3):
        t0 = time.perf_counter()
        empty_flow(0)
        flow_times.append(time.perf_counter() - t0)
    k = 100
    states = [empty_flow(k, return_state=True) for _ in range(3)]
    task_total = statistics.median(state.result() for state in states)
    # Let the server record the last task runs before the process ends (else it logs
    # errors flushing them as it is stopped).
    _stage_times(str(states[-1].state_details.flow_run_id))
    return {"flow_run_s": statistics.median(flow_times), "task_run_s": task_total / k}


def no_heartbeats():
    """As `pressroom ingest` runs a flow (flows.cli._progress): without flow-run
    heartbeats, whose thread costs up to a second at the end of every run."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    return temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None})


def pressroom_command() -> list[str]:
    script = Path(sys.executable).with_name("pressroom")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from flows.cli import main; main()"]


def _ingest_command(args: argparse.Namespace, work: Path, overrides: dict) -> list[str]:
    """`pressroom ingest SOURCE --warehouse W`, as a user runs it; settings the run must
    change (--rate, room past one source's default max_documents) go through a
    sources.toml's [crawler] table, as a user would set them."""
    command = [*pressroom_command(), "ingest"]
    if overrides:
        # JSON's numbers, booleans and quoted strings are TOML's too.
        lines = ["[crawler]", *(f"{k} = {json.dumps(v)}" for k, v in overrides.items())]
        lines += ["", "[[source]]", f"url = {json.dumps(args.source)}", ""]
        config = work / "sources.toml"
        config.write_text("\n".join(lines), "utf-8")
        command += ["--config", str(config)]
    else:
        command.append(args.source)
    return command + ["--warehouse", args.warehouse]


def pressroom_child(args: argparse.Namespace) -> int:
    from flows import local_server

    work = Path(args.warehouse).parent
    # The benchmark's own background server (a user's is left alone); stopped at the end.
    server_dir = work / "prefect-server"
    os.environ[local_server.DIR_ENV] = str(server_dir)
    local_server.stop(server_dir)
    sampler = RssSampler()
    command = _ingest_command(args, work, json.loads(args.options))
    result: dict = {"command": command, "phases": {}}
    for phase in args.phases.split(","):
        if phase == "changed":
            t0 = time.perf_counter()
            changer = realsite.change if args.site == "real" else site.change
            result["changed_ids"] = len(changer(args.root, args.n, args.change_fraction))
            result["change_s"] = time.perf_counter() - t0
        run_command = command
        session = None
        if args.profile and phase == args.profile:
            session = Path(args.profile_out).with_suffix(".pyisession")
            run_command = [
                sys.executable,
                "-m",
                "pyinstrument",
                "-i",
                "0.002",
                "-r",
                "pyisession",
                "-o",
                str(session),
                *command,
            ]
        log = work / f"pressroom-{phase}.log"
        sampler.reset()
        t0 = time.perf_counter()
        with open(log, "w") as output:
            code = subprocess.call(run_command, stdout=output, stderr=subprocess.STDOUT)
        wall = time.perf_counter() - t0
        state = local_server.read_state(server_dir)
        if state is not None:
            sampler.watch_server(state.pid)
        time.sleep(2 * sampler.interval)  # a last sample of the server's CPU
        if code not in (0, 1):  # 1: the run recorded failed documents
            raise SystemExit(f"pressroom ingest failed (exit {code}); see {log}")
        if session is not None:
            _render_profile(session, Path(args.profile_out))
        result["phases"][phase] = _phase_figures(args.warehouse, state, wall, sampler)
    sampler.stop()
    state = local_server.read_state(server_dir)
    # The commands logged as a user sees them; this process's own flow runs quietly.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    with _api(state), no_heartbeats():
        result.update(_prefect_costs())
    local_server.stop(server_dir)
    Path(args.json).write_text(json.dumps(result, indent=1))
    return 0


def _api(state):
    """Prefect's API as the phases used it: the background server, or what is set."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.prefect_env import configure

    configure()
    if state is None:
        import contextlib

        return contextlib.nullcontext()
    return temporary_settings(updates={PREFECT_API_URL: state.url})


def _phase_figures(warehouse: str, state, wall: float, sampler: RssSampler) -> dict:
    import warehouse as wh

    rows = wh.run_query(
        warehouse,
        "SELECT flow_run_id, n_new, n_changed, n_unchanged, n_withdrawn, n_failed "
        "FROM runs ORDER BY started_at DESC LIMIT 1",
    ).rows
    flow_run_id, *counts = rows[0]
    with _api(state):
        stages = _stage_times(flow_run_id)
    return {
        "wall_s": wall,
        "counts": dict(
            zip(("new", "changed", "unchanged", "withdrawn", "failed"), counts, strict=True)
        ),
        "stages": stages,
        "rss_main_mib": sampler.peak_main / 1024,
        "rss_mib": sampler.peak_tree / 1024,
        # When in the run the peak came (compare with wall_s: near the end is the load).
        "rss_peak_at_s": sampler.peak_tree_at,
        "rss_prefect_server_mib": sampler.peak_server / 1024,
        **sampler.cpu(),
    }


def _render_profile(session: Path, out: Path) -> None:
    from pyinstrument.renderers import ConsoleRenderer, HTMLRenderer
    from pyinstrument.session import Session

    loaded = Session.load(session)
    out.write_text(ConsoleRenderer(unicode=True, color=False).render(loaded))
    out.with_suffix(".html").write_text(HTMLRenderer().render(loaded))


# --------------------------------------------------------------------------- per-format extraction


def extraction_by_format(bench: _Site, n: int, per_format: int = 20) -> dict[str, dict]:
    """Single-core cost per document of each format: pressroom's extractors, the
    baseline's parsers, and the parsing floor (pypdfium2 / selectolax when installed)."""
    import extractors
    from benchmarks.baseline import to_text

    module = realsite if bench.kind == "real" else site
    root = bench.root
    ctypes = {"html": "text/html", "pdf": "application/pdf", "txt": "text/plain"}
    out = {}
    for fmt in module.FORMATS:
        ids = [i for i in range(n) if module.fmt_of(i) == fmt][:per_format]
        blobs = [(root / module.rel_path(i)).read_bytes() for i in ids]
        if not blobs:
            continue
        row = {"docs": len(blobs), "kib_per_doc": sum(map(len, blobs)) / len(blobs) / 1024}
        ctype = ctypes[fmt]
        row["pressroom_ms"] = _median_ms(
            lambda b, ct=ctype: extractors.extract(b, url="x", content_type=ct), blobs
        )
        # The Document alone (no release fields): what the baseline's parsers compare to.
        row["pressroom_parse_ms"] = _median_ms(
            lambda b, ct=ctype: extractors.parse_document(b, url="x", content_type=ct), blobs
        )
        # The release rules alone, on each parsed Document.
        documents = [extractors.parse_document(b, url="x", content_type=ctype) for b in blobs]
        row["rules_ms"] = _median_ms(lambda d: extractors.extract_release(d, url="x"), documents)
        row["baseline_ms"] = _median_ms(lambda b, ct=ctype: to_text(b, ct), blobs)
        if fmt == "pdf":
            import pypdfium2

            def floor(b: bytes) -> str:
                pdf = pypdfium2.PdfDocument(b)
                try:
                    return "".join(p.get_textpage().get_text_range() for p in pdf)
                finally:
                    pdf.close()

            row["floor_ms"] = _median_ms(floor, blobs)
            row["pages_per_doc"] = statistics.mean(len(pypdfium2.PdfDocument(b)) for b in blobs)
        elif fmt == "html":
            try:
                from selectolax.parser import HTMLParser

                row["floor_ms"] = _median_ms(lambda b: HTMLParser(b).body.text(), blobs)
            except ImportError:
                import lxml.html

                row["floor_ms"] = _median_ms(
                    lambda b: lxml.html.document_fromstring(b).text_content(), blobs
                )
        else:
            row["floor_ms"] = _median_ms(lambda b: b.decode("utf-8"), blobs)
        out[fmt] = row
    return out


def _median_ms(fn, blobs: list) -> float:
    """Median CPU ms of `fn` per item (CPU time: steadier than wall time on a shared
    machine, and the same on an idle one)."""
    times = []
    for b in blobs:
        t0 = time.process_time()
        fn(b)
        times.append((time.process_time() - t0) * 1000)
    return statistics.median(times)


# --------------------------------------------------------------------------- parent


def _run_measured(cmd: list[str], env: dict | None = None) -> tuple[float, float, int, float]:
    """Run a child to completion; its wall time (s), its own peak RSS (MiB; the largest
    of it and the descendants it waited for), exit code and CPU seconds."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=HERE.parent)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode, usage.ru_utime + usage.ru_stime


class Server:
    """The generated site's own server (benchmarks.site: HTTP/1.1, ETag)."""

    def __init__(self, root: Path):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.site", "serve", "--root", str(root)],
            stdout=subprocess.PIPE,
            cwd=HERE.parent,
            text=True,
        )
        self.base = (self.proc.stdout.readline() if self.proc.stdout else "").strip()
        if not self.base.startswith("http"):
            raise RuntimeError("the benchmark site server did not start")

    def close(self) -> None:
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class _Site:
    """One benchmark site, served: the real releases behind `python3 -m http.server`
    (default), or the older generated site behind its own server."""

    def __init__(self, kind: str, out: Path, work: Path, n: int, protocol: str | None):
        self.kind = kind
        self.n = n
        module = realsite if kind == "real" else site
        pristine = module.generate(out / f"{kind}-site-{n}", n)
        self.site_bytes = json.loads((pristine / "manifest.json").read_text())["bytes"]
        self.root = module.working_copy(pristine, work / "site")
        if kind == "real":
            self.server: realsite.HttpServer | Server = realsite.HttpServer(self.root, protocol)
            self.feed = realsite.write_feed(self.root, self.server.base)
        else:
            self.server = Server(self.root)
            self.feed = self.server.base + "/feed.xml"

    def source(self, kind: str) -> str:
        if kind == "feed":
            return self.feed
        if kind == "sitemap":
            return self.server.base + "/sitemap.xml"
        return str(self.root / "releases")

    def baseline_cmd(self, work: Path, timings: Path) -> list[str]:
        script = "benchmarks.naive" if self.kind == "real" else "benchmarks.baseline"
        db = work / "baseline.duckdb"
        return [sys.executable, "-m", script, self.feed, "--db", str(db), "--json", str(timings)]

    def close(self) -> None:
        self.server.close()


def _overrides(args: argparse.Namespace, n: int) -> dict:
    """FetchOptions the run sets: none by default (pressroom's defaults, as `pressroom
    ingest FEED` runs); --rate when asked; room for every document past one source's
    default max_documents; the generated site keeps its old unthrottled setting."""
    from crawler.options import FetchOptions

    options: dict = {}
    if args.site == "generated":
        options.update(rate=0.0, per_host=4, max_connections=4)
    if args.rate is not None:
        options["rate"] = args.rate
    if n > FetchOptions().max_documents:
        options["max_documents"] = 2 * n
    return options


def _pressroom(
    work: Path, bench: _Site, source: str, phases: str, args: argparse.Namespace
) -> tuple[dict, float, int]:
    n = bench.n
    out_json = work / f"pressroom-{n}-{phases.replace(',', '-')}.json"
    warehouse = work / f"pressroom-{n}.duckdb"
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.run",
        "_pressroom",
        "--source",
        source,
        "--root",
        str(bench.root),
        "--site",
        bench.kind,
        "--n",
        str(n),
        "--warehouse",
        str(warehouse),
        "--phases",
        phases,
        "--json",
        str(out_json),
        "--options",
        json.dumps(_overrides(args, n)),
    ]
    if args.profile:
        cmd += ["--profile", args.profile, "--profile-out", str(args.out / "profile.txt")]
    env = dict(os.environ)
    wall, rss, code, _ = _run_measured(cmd, env)
    if code != 0 or not out_json.exists():
        raise SystemExit(f"pressroom child failed (exit {code})")
    return json.loads(out_json.read_text()), rss, code


def _fresh(path: Path) -> Path:
    import shutil

    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="pressroom vs the naive script")
    sub = parser.add_subparsers(dest="command")
    child = sub.add_parser("_pressroom", help=argparse.SUPPRESS)
    child.add_argument("--source", required=True)
    child.add_argument("--root", type=Path, required=True)
    child.add_argument("--site", default="real")
    child.add_argument("--n", type=int, required=True)
    child.add_argument("--warehouse", required=True)
    child.add_argument("--phases", default="cold,warm,changed")
    child.add_argument("--change-fraction", type=float, default=0.05)
    child.add_argument("--json", required=True)
    child.add_argument("--profile", default=None)
    child.add_argument("--profile-out", default="profile.txt")
    child.add_argument("--options", default="{}")
    parser.add_argument("--n", type=int, default=2800, help="documents (default 2800)")
    parser.add_argument("--quick", action="store_true", help="a smoke run of 300 documents")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--site",
        choices=["real", "generated"],
        default="real",
        help="real: devset releases behind python3 -m http.server (default); generated: "
        "the older varied-sample site behind its own HTTP/1.1 server, unthrottled",
    )
    parser.add_argument(
        "--protocol",
        default=None,
        help="http.server's --protocol (default: its own, HTTP/1.0; HTTP/1.1 for keep-alive)",
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=None,
        help="override the crawler's rate (default: none, pressroom's defaults)",
    )
    parser.add_argument(
        "--source",
        choices=["feed", "sitemap", "folder"],
        default="feed",
        help="what pressroom ingests (the baseline always reads the feed)",
    )
    parser.add_argument("--rss-n", type=int, default=0, help="also check peak RSS at this N")
    parser.add_argument(
        "--startup-repeat",
        type=int,
        default=2,
        help="fresh machines for the start-up case (benchmarks.startup; 0 to skip)",
    )
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument(
        "--slow-server",
        action="store_true",
        help="also run the slow-server case (benchmarks.slow_server, defaults, about a minute)",
    )
    parser.add_argument(
        "--profile",
        choices=["cold", "warm", "changed"],
        help="pyinstrument this pressroom phase (pip install pyinstrument)",
    )
    args = parser.parse_args(argv)
    if args.command == "_pressroom":
        return pressroom_child(args)
    if args.site == "real" and args.source == "sitemap":
        parser.error("the real-release site has no sitemap: --source feed or folder")

    n = 300 if args.quick else args.n
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "n": n,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "source": args.source,
        "site": args.site,
        "protocol": args.protocol or ("HTTP/1.0" if args.site == "real" else "HTTP/1.1"),
        "options": _overrides(args, n),
    }
    work = _fresh(args.out / "work")
    t0 = time.perf_counter()
    bench = _Site(args.site, args.out, work, n, args.protocol)
    results["generate_s"] = time.perf_counter() - t0
    results["site_bytes"] = bench.site_bytes
    try:
        if not args.skip_baseline:
            timings = work / "baseline.json"
            wall, rss, code, cpu = _run_measured(bench.baseline_cmd(work, timings))
            if code != 0:
                raise SystemExit(f"baseline failed (exit {code})")
            results["baseline"] = {"wall_s": wall, "rss_mib": rss, "cpu_s": cpu}
            results["baseline"].update(json.loads(timings.read_text()))
        source = bench.source(args.source)
        pressroom, rss, _ = _pressroom(work, bench, source, "cold,warm,changed", args)
        pressroom["rss_child_max_mib"] = rss
        results["pressroom"] = pressroom
    finally:
        bench.close()
    results["extract_by_format"] = extraction_by_format(bench, n)

    if args.rss_n:
        big_work = _fresh(args.out / "work-rss")
        big = _Site(args.site, args.out, big_work, args.rss_n, args.protocol)
        try:
            kind = args.source
            # pressroom refuses a feed past crawler.feeds.MAX_FEED_BYTES (a press office's
            # feed is far smaller; 30,000 Atom entries are 8.4 MiB): the same documents are
            # then read from the site's folder, which is what the memory check is about.
            from crawler.feeds import MAX_FEED_BYTES

            feed_file = big.root / "feed.xml"
            if kind == "feed" and feed_file.exists() and feed_file.stat().st_size > MAX_FEED_BYTES:
                kind = "folder"
            big_run, rss, _ = _pressroom(big_work, big, big.source(kind), "cold", args)
            big_run["source"] = kind
            big_run["rss_child_max_mib"] = rss
            results["rss_check"] = {"n": args.rss_n, "pressroom": big_run}
        finally:
            big.close()

    if args.startup_repeat > 0:
        from . import startup

        results["startup"] = startup.run(args.out, args.startup_repeat)

    summarise(results)
    out_file = args.out / "results.json"
    out_file.write_text(json.dumps(results, indent=1, default=str))
    print_table(results)
    if args.slow_server:
        results["slow_server"] = slow_server_case(args.out)
        out_file.write_text(json.dumps(results, indent=1, default=str))
    print(f"\nresults written to {out_file}")
    return 0


def slow_server_case(out: Path) -> dict:
    """benchmarks.slow_server with pressroom's defaults, in a process of its own (it
    starts Prefect and its server; its report is printed as it runs)."""
    figures = out / "slow_server.json"
    figures.unlink(missing_ok=True)
    print()
    code = subprocess.call([sys.executable, "-m", "benchmarks.slow_server", "--json", str(figures)])
    if not figures.exists():
        return {"exit_code": code}
    return {"exit_code": code, **json.loads(figures.read_text())}


def summarise(results: dict) -> None:
    """Ratios against the baseline and the targets, into results['summary']."""
    n = results["n"]
    p = results["pressroom"]
    base = results.get("baseline", {}).get("wall_s")
    summary: dict = {}
    for phase, target in TARGETS.items():
        # The command's wall time, start-up included: what the user waits for.
        wall = p["phases"][phase]["wall_s"]
        flow_only = p["phases"][phase]["stages"].get("flow_run_s")
        row = {"wall_s": wall, "target": target, "flow_run_s": flow_only}
        if flow_only is not None:
            row["startup_s"] = wall - flow_only
        if base:
            row["ratio"] = wall / base
            row["met"] = wall / base <= target
            if flow_only is not None:
                row["ratio_flow_run_only"] = flow_only / base
        summary[phase] = row
    cold = p["phases"]["cold"]
    task_runs = cold["stages"]["task_runs"]
    overhead = p["flow_run_s"] + task_runs * p["task_run_s"]
    summary["overhead_ms_per_doc"] = overhead / n * 1000
    summary["overhead_met"] = summary["overhead_ms_per_doc"] <= OVERHEAD_TARGET_MS
    if "rss_check" in results:
        small = cold["rss_mib"]
        big_cold = results["rss_check"]["pressroom"]["phases"]["cold"]
        big = big_cold["rss_mib"]
        summary["rss"] = {
            "n_small": n,
            "n_big": results["rss_check"]["n"],
            "small_mib": small,
            "big_mib": big,
            "ratio": big / small,
            # A run that read fewer documents than asked measured nothing.
            "complete": big_cold["counts"]["new"] == results["rss_check"]["n"],
            "met": big / small <= RSS_TARGET
            and big_cold["counts"]["new"] == results["rss_check"]["n"],
            "big_peak_at_s": big_cold.get("rss_peak_at_s"),
            "big_wall_s": big_cold["wall_s"],
            "big_main_mib": big_cold["rss_main_mib"],
            "big_source": results["rss_check"]["pressroom"].get("source"),
        }
    results["summary"] = summary


def print_table(results: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(150, Console().width))
    n = results["n"]
    s = results["summary"]
    base = results.get("baseline")
    p = results["pressroom"]
    table = Table(
        title=f"pressroom benchmark: {n:,} documents on loopback ({results.get('site')} site, "
        f"{results['source']}, {results.get('protocol')}, "
        f"overrides: {results.get('options') or 'none, the defaults'})"
    )
    for col in (
        "run",
        "wall s",
        "x baseline",
        "target",
        "flow run s (x)",
        "discover",
        "fetch",
        "extract",
        "load",
        "CPU s (+Prefect server)",
        "peak RSS MiB",
        "new/chg/same/err",
    ):
        table.add_column(col, justify="right" if col != "run" else "left")
    if base:
        table.add_row(
            "naive script" if results.get("site") == "real" else "baseline script",
            f"{base['wall_s']:.1f}",
            "1.00",
            "",
            "",
            f"{base['discover']:.1f}",
            f"{base['fetch']:.1f}",
            f"{base['extract_html'] + base['extract_pdf'] + base['extract_text']:.1f}",
            f"{base['load']:.1f}",
            f"{base['cpu_s']:.1f}" if "cpu_s" in base else "",
            f"{base['rss_mib']:.0f}",
            f"{base.get('rows', '')} rows",
        )
    for phase in ("cold", "warm", "changed"):
        ph = p["phases"][phase]
        row = s[phase]
        st = ph["stages"]
        ratio = f"{row['ratio']:.2f}" if "ratio" in row else "-"
        mark = "" if "met" not in row else (" ok" if row["met"] else " MISSED")
        c = ph["counts"]
        flow_only = row.get("flow_run_s")
        flow_cell = "-" if flow_only is None else f"{flow_only:.1f}"
        if "ratio_flow_run_only" in row:
            flow_cell += f" ({row['ratio_flow_run_only']:.2f})"
        table.add_row(
            f"pressroom {phase}",
            f"{ph['wall_s']:.1f}",
            ratio + mark,
            f"<= {row['target']}",
            flow_cell,
            f"{st['discover']:.1f}",
            f"{st['fetch']:.1f}",
            f"{st['extract']:.1f}",
            f"{st['load']:.1f}",
            f"{ph['cpu_tree_s']:.1f} (+{ph['cpu_prefect_server_s']:.1f})"
            if "cpu_tree_s" in ph
            else "",
            f"{ph['rss_mib']:.0f}",
            f"{c['new']}/{c['changed']}/{c['unchanged']}/{c['failed']}",
        )
    console.print(table)
    startups = ", ".join(
        f"{phase} {s[phase]['startup_s']:.1f} s" for phase in TARGETS if "startup_s" in s[phase]
    )
    lines = [
        "wall s and x baseline: the whole command `"
        + " ".join(Path(a).name if "/" in a else a for a in p.get("command", [])[:2])
        + " ...` as a user runs it, start-up included (the cold run's command starts "
        "pressroom's background Prefect server; the others find it running)",
        "flow run s (x): the flow run alone, without start-up (Prefect's own record), and "
        f"its ratio; start-up and exit outside the flow run: {startups}",
        f"orchestration overhead: {s['overhead_ms_per_doc']:.2f} ms/doc "
        f"(1 flow run {p['flow_run_s'] * 1000:.0f} ms + "
        f"{p['phases']['cold']['stages']['task_runs']} task runs x "
        f"{p['task_run_s'] * 1000:.1f} ms; target <= {OVERHEAD_TARGET_MS} ms)",
        "stage columns: seconds inside those tasks, summed over task runs (they overlap in time)",
    ]
    if "rss" in s:
        r = s["rss"]
        lines.append(
            f"peak RSS (pipeline process + extraction workers): {r['small_mib']:.0f} MiB at "
            f"{r['n_small']:,}, {r['big_mib']:.0f} MiB at {r['n_big']:,} -> {r['ratio']:.2f}x "
            f"(target <= {RSS_TARGET}x){' ok' if r['met'] else ' MISSED'}"
            + ("" if r.get("complete", True) else f"; the {r['n_big']:,} run did not read them all")
        )
        if r.get("big_peak_at_s") is not None:
            lines.append(
                f"  at {r['n_big']:,}: the peak came {r['big_peak_at_s']:.0f} s into the "
                f"{r['big_wall_s']:.0f} s run; pipeline process alone {r['big_main_mib']:.0f} MiB"
                + (
                    "; read from the site's folder (its feed is past the feed size limit)"
                    if r.get("big_source") == "folder"
                    else ""
                )
            )
    if "startup" in results:
        from . import startup

        lines += startup.lines(results["startup"])
    for line in lines:
        console.print(line, highlight=False)
    fmt_table = Table(title="extraction, one core, median ms per document")
    for col in (
        "format",
        "KiB/doc",
        "pressroom",
        "of which parse",
        "release rules",
        "baseline",
        "floor",
        "target",
    ):
        fmt_table.add_column(col, justify="right")
    for fmt, row in results.get("extract_by_format", {}).items():
        label = fmt + (f" ({row['pages_per_doc']:.1f} pages)" if "pages_per_doc" in row else "")
        fmt_table.add_row(
            label,
            f"{row['kib_per_doc']:.1f}",
            f"{row['pressroom_ms']:.2f}",
            f"{row['pressroom_parse_ms']:.2f}" if "pressroom_parse_ms" in row else "-",
            f"{row['rules_ms']:.2f}" if "rules_ms" in row else "-",
            f"{row['baseline_ms']:.2f}",
            f"{row['floor_ms']:.2f}",
            _format_target(fmt, row),
        )
    console.print(fmt_table)


def _format_target(fmt: str, row: dict) -> str:
    if fmt not in FORMAT_TARGETS:
        return ""
    key, limit = FORMAT_TARGETS[fmt]
    what = "whole" if key == "pressroom_ms" else "rules"
    if key not in row:
        return f"{what} <= {limit:g}"
    return f"{what} <= {limit:g} {'ok' if row[key] <= limit else 'MISSED'}"


if __name__ == "__main__":
    sys.exit(main())
