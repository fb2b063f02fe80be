"""The benchmark runner: one command that generates the press office, serves it on
loopback, and times, in one run, the plain-script baseline and pressroom cold, warm
(nothing changed) and after 5% of the documents changed.

    python -m benchmarks.run                 # 3,000 documents
    python -m benchmarks.run --quick         # 300 documents, a smoke run
    python -m benchmarks.run --rss-n 30000   # also the peak-RSS check at 30,000

The baseline and pressroom each run in a child process, so each one's peak RSS is its
own and the server (a third process) shares no GIL with what is measured. Pressroom's
child starts Prefect once (its start-up is timed and reported on its own), then runs the
three phases back to back into one fresh warehouse, as a long-lived deployment would.
Results are printed as a table and written to benchmarks/out/results.json.
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

from . import site

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out"

TARGETS = {"cold": 0.5, "warm": 0.15, "changed": 0.25}
RSS_TARGET = 1.2
OVERHEAD_TARGET_MS = 1.0


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


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


class RssSampler:
    """Samples the resident memory of this process and its descendants. The Prefect
    server (a uvicorn child of the ephemeral API) is counted apart: it is a fixed cost of
    a deployment, not of the documents."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self._stop = threading.Event()
        self._server_pids: set[int] = set()
        self.reset()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def reset(self) -> None:
        self.peak_main = 0
        self.peak_tree = 0  # this process and its workers, without the Prefect server
        self.peak_server = 0
        self.started = time.perf_counter()
        self.peak_tree_at = 0.0  # seconds after reset() when the tree peaked

    def _loop(self) -> None:
        me = os.getpid()
        while not self._stop.wait(self.interval):
            main = _rss_kib(me)
            tree = main
            server = 0
            stack = _children(me)
            while stack:
                pid = stack.pop()
                if (
                    pid not in self._server_pids
                    and "prefect" in _cmdline(pid)
                    and ("server" in _cmdline(pid) or "uvicorn" in _cmdline(pid))
                ):
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

    def stop(self) -> None:
        self._stop.set()


# --------------------------------------------------------------------------- pressroom child


def _stage_times(flow_run_id: str | None) -> dict[str, float]:
    """Seconds spent in each kind of task (summed over its runs) and the number of task
    runs, from Prefect's own records of the flow run."""
    out = {"discover": 0.0, "fetch": 0.0, "extract": 0.0, "load": 0.0, "task_runs": 0}
    if not flow_run_id:
        return out
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    runs = []
    with get_client(sync_client=True) as client:
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


def _prefect_costs() -> dict[str, float]:
    """Prefect's start-up (temporary server + first flow run), then the cost of one
    empty flow run and of one empty task run on this machine."""
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

    t0 = time.perf_counter()
    empty_flow(0)
    startup = time.perf_counter() - t0
    flow_times = []
    for _ in range(3):
        t0 = time.perf_counter()
        empty_flow(0)
        flow_times.append(time.perf_counter() - t0)
    k = 100
    task_total = statistics.median(empty_flow(k) for _ in range(3))
    return {
        "prefect_startup_s": startup,
        "flow_run_s": statistics.median(flow_times),
        "task_run_s": task_total / k,
    }


def pressroom_child(args: argparse.Namespace) -> int:
    from flows.prefect_env import configure

    configure()
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    sampler = RssSampler()
    t0 = time.perf_counter()
    import warehouse as wh
    from flows.fetching import FetchOptions
    from flows.pipeline import ingest

    # The site is ours, on loopback: no politeness delay between requests (a real press
    # office keeps the crawler's defaults), and room for every document of the feed.
    options = FetchOptions(
        rate=0.0,
        per_host=args.connections,
        max_connections=args.connections,
        max_documents=max(10_000, 2 * args.n),
    )

    result: dict = {"import_s": time.perf_counter() - t0, "phases": {}}
    result.update(_prefect_costs())
    profiler = None
    for phase in args.phases.split(","):
        if phase == "changed":
            t0 = time.perf_counter()
            result["changed_ids"] = len(site.change(args.root, args.n, args.change_fraction))
            result["change_s"] = time.perf_counter() - t0
        if args.profile and phase == args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.002)
            profiler.start()
        sampler.reset()
        cpu0 = os.times()
        t0 = time.perf_counter()
        summary = ingest(sources=[args.source], warehouse=args.warehouse, options=options)
        wall = time.perf_counter() - t0
        cpu1 = os.times()
        if profiler is not None:
            profiler.stop()
            Path(args.profile_out).write_text(profiler.output_text(unicode=True, color=False))
            Path(args.profile_out).with_suffix(".html").write_text(profiler.output_html())
            profiler = None
        rows = wh.run_query(
            args.warehouse, f"SELECT flow_run_id FROM runs WHERE run_id = '{summary.run_id}'"
        ).rows
        stages = _stage_times(rows[0][0] if rows else None)
        c = summary.counts
        result["phases"][phase] = {
            "wall_s": wall,
            "cpu_main_s": (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system),
            "cpu_children_s": (cpu1.children_user - cpu0.children_user)
            + (cpu1.children_system - cpu0.children_system),
            "counts": {
                "new": c.n_new,
                "changed": c.n_changed,
                "unchanged": c.n_unchanged,
                "withdrawn": c.n_withdrawn,
                "failed": c.n_failed,
            },
            "stages": stages,
            "rss_main_mib": sampler.peak_main / 1024,
            "rss_mib": sampler.peak_tree / 1024,
            # When in the run the peak came (compare with wall_s: near the end is the load).
            "rss_peak_at_s": sampler.peak_tree_at,
            "rss_prefect_server_mib": sampler.peak_server / 1024,
        }
    sampler.stop()
    Path(args.json).write_text(json.dumps(result, indent=1))
    return 0


# --------------------------------------------------------------------------- per-format extraction


def extraction_by_format(root: Path, n: int, per_format: int = 20) -> dict[str, dict]:
    """Single-core cost per document of each format: pressroom's extractors, the
    baseline's parsers, and the parsing floor (pypdfium2 / selectolax when installed)."""
    import extractors
    from benchmarks.baseline import to_text

    ctypes = {"html": "text/html", "pdf": "application/pdf", "txt": "text/plain"}
    out = {}
    for fmt in site.FORMATS:
        ids = [i for i in range(n) if site.fmt_of(i) == fmt][:per_format]
        blobs = [(root / site.rel_path(i)).read_bytes() for i in ids]
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


def _median_ms(fn, blobs: list[bytes]) -> float:
    times = []
    for b in blobs:
        t0 = time.perf_counter()
        fn(b)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


# --------------------------------------------------------------------------- parent


def _run_measured(cmd: list[str], env: dict | None = None) -> tuple[float, float, int]:
    """Run a child to completion; its wall time (s), its own peak RSS (MiB; the largest
    of it and the descendants it waited for) and exit code."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=HERE.parent)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, proc.returncode


class Server:
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


def _pressroom(
    work: Path, root: Path, n: int, source: str, phases: str, args: argparse.Namespace
) -> tuple[dict, float, int]:
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
        str(root),
        "--n",
        str(n),
        "--warehouse",
        str(warehouse),
        "--phases",
        phases,
        "--json",
        str(out_json),
    ]
    if args.profile:
        cmd += ["--profile", args.profile, "--profile-out", str(args.out / "profile.txt")]
    env = dict(os.environ)
    wall, rss, code = _run_measured(cmd, env)
    if code != 0 or not out_json.exists():
        raise SystemExit(f"pressroom child failed (exit {code})")
    return json.loads(out_json.read_text()), rss, code


def _source_for(kind: str, base: str, root: Path) -> str:
    if kind == "feed":
        return base + "/feed.xml"
    if kind == "sitemap":
        return base + "/sitemap.xml"
    return str(root / "releases")


def _fresh(path: Path) -> Path:
    import shutil

    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="pressroom vs the plain script")
    sub = parser.add_subparsers(dest="command")
    child = sub.add_parser("_pressroom", help=argparse.SUPPRESS)
    child.add_argument("--source", required=True)
    child.add_argument("--root", type=Path, required=True)
    child.add_argument("--n", type=int, required=True)
    child.add_argument("--warehouse", required=True)
    child.add_argument("--phases", default="cold,warm,changed")
    child.add_argument("--change-fraction", type=float, default=0.05)
    child.add_argument("--json", required=True)
    child.add_argument("--profile", default=None)
    child.add_argument("--profile-out", default="profile.txt")
    child.add_argument("--connections", type=int, default=4)
    parser.add_argument("--n", type=int, default=3000, help="documents (default 3000)")
    parser.add_argument("--quick", action="store_true", help="a smoke run of 300 documents")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--source",
        choices=["feed", "sitemap", "folder"],
        default="feed",
        help="what pressroom ingests (the baseline always reads the feed)",
    )
    parser.add_argument("--rss-n", type=int, default=0, help="also check peak RSS at this N")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument(
        "--profile",
        choices=["cold", "warm", "changed"],
        help="pyinstrument this pressroom phase (pip install pyinstrument)",
    )
    args = parser.parse_args(argv)
    if args.command == "_pressroom":
        return pressroom_child(args)

    n = 300 if args.quick else args.n
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "n": n,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "source": args.source,
    }
    t0 = time.perf_counter()
    pristine = site.generate(args.out / f"site-{n}", n)
    results["generate_s"] = time.perf_counter() - t0
    results["site_bytes"] = json.loads((pristine / "manifest.json").read_text())["bytes"]
    work = _fresh(args.out / "work")
    root = site.working_copy(pristine, work / "site")
    server = Server(root)
    try:
        if not args.skip_baseline:
            timings = work / "baseline.json"
            wall, rss, code = _run_measured(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.baseline",
                    server.base + "/feed.xml",
                    "--db",
                    str(work / "baseline.duckdb"),
                    "--json",
                    str(timings),
                ]
            )
            if code != 0:
                raise SystemExit(f"baseline failed (exit {code})")
            results["baseline"] = {"wall_s": wall, "rss_mib": rss}
            results["baseline"].update(json.loads(timings.read_text()))
        source = _source_for(args.source, server.base, root)
        pressroom, rss, _ = _pressroom(work, root, n, source, "cold,warm,changed", args)
        pressroom["rss_child_max_mib"] = rss
        results["pressroom"] = pressroom
    finally:
        server.close()
    results["extract_by_format"] = extraction_by_format(root, n)

    if args.rss_n:
        big = site.generate(args.out / f"site-{args.rss_n}", args.rss_n)
        big_work = _fresh(args.out / "work-rss")
        big_root = site.working_copy(big, big_work / "site")
        server = Server(big_root)
        try:
            source = _source_for(args.source, server.base, big_root)
            big_run, rss, _ = _pressroom(big_work, big_root, args.rss_n, source, "cold", args)
            big_run["rss_child_max_mib"] = rss
            results["rss_check"] = {"n": args.rss_n, "pressroom": big_run}
        finally:
            server.close()

    summarise(results)
    out_file = args.out / "results.json"
    out_file.write_text(json.dumps(results, indent=1, default=str))
    print_table(results)
    print(f"\nresults written to {out_file}")
    return 0


def summarise(results: dict) -> None:
    """Ratios against the baseline and the targets, into results['summary']."""
    n = results["n"]
    p = results["pressroom"]
    base = results.get("baseline", {}).get("wall_s")
    summary: dict = {"prefect_startup_s": p["prefect_startup_s"]}
    for phase, target in TARGETS.items():
        wall = p["phases"][phase]["wall_s"]
        row = {"wall_s": wall, "target": target}
        if base:
            row["ratio"] = wall / base
            row["met"] = wall / base <= target
            if phase == "cold":
                with_startup = wall + p["prefect_startup_s"]
                row["ratio_with_startup"] = with_startup / base
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
            "met": big / small <= RSS_TARGET,
            "big_peak_at_s": big_cold.get("rss_peak_at_s"),
            "big_wall_s": big_cold["wall_s"],
            "big_main_mib": big_cold["rss_main_mib"],
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
    table = Table(title=f"pressroom benchmark: {n:,} documents on loopback ({results['source']})")
    for col in (
        "run",
        "wall s",
        "x baseline",
        "target",
        "discover",
        "fetch",
        "extract",
        "load",
        "peak RSS MiB",
        "new/chg/same/err",
    ):
        table.add_column(col, justify="right" if col != "run" else "left")
    if base:
        table.add_row(
            "baseline script",
            f"{base['wall_s']:.1f}",
            "1.00",
            "",
            f"{base['discover']:.1f}",
            f"{base['fetch']:.1f}",
            f"{base['extract_html'] + base['extract_pdf'] + base['extract_text']:.1f}",
            f"{base['load']:.1f}",
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
        table.add_row(
            f"pressroom {phase}",
            f"{ph['wall_s']:.1f}",
            ratio + mark,
            f"<= {row['target']}",
            f"{st['discover']:.1f}",
            f"{st['fetch']:.1f}",
            f"{st['extract']:.1f}",
            f"{st['load']:.1f}",
            f"{ph['rss_mib']:.0f}",
            f"{c['new']}/{c['changed']}/{c['unchanged']}/{c['failed']}",
        )
    console.print(table)
    lines = [
        f"Prefect start-up (temporary server + first flow run): {p['prefect_startup_s']:.1f} s"
        + (
            f"; cold incl. start-up: {s['cold']['ratio_with_startup']:.2f}x baseline"
            if "ratio_with_startup" in s["cold"]
            else ""
        ),
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
        )
        if r.get("big_peak_at_s") is not None:
            lines.append(
                f"  at {r['n_big']:,}: the peak came {r['big_peak_at_s']:.0f} s into the "
                f"{r['big_wall_s']:.0f} s run; pipeline process alone {r['big_main_mib']:.0f} MiB"
            )
    for line in lines:
        console.print(line, highlight=False)
    fmt_table = Table(title="extraction, one core, median ms per document")
    for col in ("format", "KiB/doc", "pressroom", "of which parse", "baseline", "floor"):
        fmt_table.add_column(col, justify="right")
    for fmt, row in results.get("extract_by_format", {}).items():
        label = fmt + (f" ({row['pages_per_doc']:.1f} pages)" if "pages_per_doc" in row else "")
        fmt_table.add_row(
            label,
            f"{row['kib_per_doc']:.1f}",
            f"{row['pressroom_ms']:.2f}",
            f"{row['pressroom_parse_ms']:.2f}" if "pressroom_parse_ms" in row else "-",
            f"{row['baseline_ms']:.2f}",
            f"{row['floor_ms']:.2f}",
        )
    console.print(fmt_table)


if __name__ == "__main__":
    sys.exit(main())
