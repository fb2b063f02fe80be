#!/usr/bin/env python
"""Crash safety, the hard way: kill `pressroom ingest` with SIGKILL at random moments,
again and again, then let it finish, and check that nothing was lost or doubled.

    python scripts/crash_loop.py --iterations 50 --seed 7

It generates a folder of small text releases and a few PDFs, then repeats: change a
random tenth of the files, start `pressroom ingest FOLDER --warehouse W --no-wait` as a
subprocess, and SIGKILL it (the process only, as the kernel's OOM killer would) at a moment
picked by a seeded random generator, in one of three ways:

- uniform: any time from start-up to a little past a normal run's duration;
- load:    during the final load transaction (every batch staged, the DuckDB file open);
- wal:     the moment DuckDB's write-ahead log appears: a write has committed and is not
           yet checkpointed into the file, so the next open must replay the log.

After every kill the warehouse must open and pass `warehouse.check` (a crash may leave an
unreferenced blob, never a reference to a missing one; a half-loaded run is never visible).
At the end the run is let finish, twice, and the invariants are checked:

- `pressroom check` exits 0;
- every file is exactly one document, active, whose current version holds the file's
  current text; no document has two consecutive versions with the same text (doubled),
  and every version is a text the file really had;
- no run is left `running`; every finished run logged exactly one fetch per file (no
  half-loaded run counted as finished); runs that did not finish left no rows;
- no staging folder of a dead run is left behind;
- the second full run finds everything unchanged.

Prefect's temporary server costs ~8 s per process, so the subprocesses share one API:
`--api-url` (e.g. the test harness's), or else one started here with Prefect's harness.
Prints a JSON report; exits 1 when any invariant fails.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

BATCH_SIZE = 100  # flows.pipeline.DEFAULT_BATCH_SIZE; only used to know when all are staged

FORCES = [
    "Kent Police",
    "Surrey Police",
    "West Mercia Police",
    "Avon and Somerset Constabulary",
    "Metropolitan Police Service",
    "Thames Valley Police",
]
AREAS = ["anti-social behaviour", "crime recording", "custody", "call handling", "neighbourhoods"]
VERDICTS = ["good progress", "some progress", "limited progress", "good", "inadequate"]


def pressroom_command() -> list[str]:
    script = Path(sys.executable).with_name("pressroom")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from flows.cli import main; main()"]


# --- the generated press office ---------------------------------------------------------


def release_text(rng: random.Random, n: int, revision: int) -> str:
    force = rng.choice(FORCES)
    area = rng.choice(AREAS)
    verdict = rng.choice(VERDICTS)
    return (
        f"Inspection of {area} in {force} (release {n}, revision {revision})\n\n"
        f"{force} has made {verdict} in {area}, HM Inspector of Constabulary said today.\n\n"
        f"The inspection looked at {rng.randint(10, 500)} cases and found "
        f"{rng.randint(1, 99)} per cent were handled well.\n\n"
        "Notes to editors\n\n"
        f"1. This is release {n}. Reference {rng.randint(1000, 9999)}/{revision}.\n"
    )


def write_pdf(path: Path, text: str) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.UTC))  # same text, same bytes
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for paragraph in text.split("\n\n"):
        pdf.multi_cell(0, 6, paragraph.strip())
        pdf.ln(4)
    tmp = path.with_name("." + path.name + ".tmp")
    pdf.output(str(tmp))
    os.replace(tmp, path)


@dataclass
class Office:
    folder: Path
    files: list[Path]
    # Every text each file has had (in order): a version must be one of them.
    texts: dict[str, list[str]] = field(default_factory=dict)
    revision: int = 0

    def write(self, path: Path, rng: random.Random) -> None:
        n = self.files.index(path)
        text = release_text(rng, n, self.revision)
        if path.suffix == ".pdf":
            write_pdf(path, text)
        else:
            tmp = path.with_name("." + path.name + ".tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)  # a run never sees a half-written file
        self.texts.setdefault(path.as_uri(), []).append(text)

    def change(self, rng: random.Random, fraction: float) -> int:
        self.revision += 1
        chosen = rng.sample(self.files, max(1, int(len(self.files) * fraction)))
        for path in chosen:
            self.write(path, rng)
        return len(chosen)


def make_office(folder: Path, rng: random.Random, n_text: int, n_pdf: int) -> Office:
    folder.mkdir(parents=True, exist_ok=True)
    total = n_text + n_pdf
    pdf_at = {round(k * total / n_pdf) for k in range(n_pdf)} if n_pdf else set()
    files = []
    for i in range(total):
        sub = folder / f"{i // 100:03d}"
        sub.mkdir(exist_ok=True)
        files.append(sub / f"release-{i:05d}{'.pdf' if i in pdf_at else '.txt'}")
    office = Office(folder, files)
    for path in files:
        office.write(path, rng)
    return office


# --- running and killing ---------------------------------------------------------------


@dataclass
class Iteration:
    number: int
    strategy: str
    delay: float | None  # seconds after start when the kill was sent
    killed: bool  # False when the run ended before the kill
    exit_code: int | None
    changed_files: int
    phase: str  # where the kill landed: starting, fetching, loading, loaded (or ended)
    wal_left: bool  # DuckDB's write-ahead log was left behind (replayed on the next open)
    lingering_processes: int  # children still alive a moment after the kill (then killed)
    faults: list[str]
    elapsed: float


def _group_members(pgid: int) -> list[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=,stat=", "-g", str(pgid)], capture_output=True, text=True
    ).stdout
    members = []
    for line in out.splitlines():
        pid, stat = line.split()[:2]
        if not stat.startswith("Z"):
            members.append(int(pid))
    return members


def _reap_group(pgid: int, grace: float = 3.0) -> int:
    """Children of a killed run exit by themselves once their parent is gone; wait a
    moment, then SIGKILL (by pid) whatever of our process group lingers. Returns how many
    lingered."""
    deadline = time.monotonic() + grace
    members = _group_members(pgid)
    while members and time.monotonic() < deadline:
        time.sleep(0.1)
        members = _group_members(pgid)
    for pid in members:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return len(members)


class Runner:
    def __init__(self, warehouse: Path, folder: Path, env: dict[str, str], logs: Path):
        self.warehouse = warehouse
        self.folder = folder
        self.env = env
        self.logs = logs
        logs.mkdir(parents=True, exist_ok=True)

    def start(self, name: str) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("wb")
        command = [
            *pressroom_command(),
            "ingest",
            str(self.folder),
            "--warehouse",
            str(self.warehouse),
            "--no-wait",
        ]
        return subprocess.Popen(
            command,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, to find its children
        )

    def run(self, name: str, timeout: float = 600) -> tuple[int, float]:
        started = time.monotonic()
        proc = self.start(name)
        try:
            code = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            _reap_group(proc.pid)
            raise
        _reap_group(proc.pid, grace=1.0)
        return code, time.monotonic() - started

    def log_tail(self, name: str, lines: int = 15) -> str:
        path = self.logs / f"{name}.log"
        text = path.read_text("utf-8", errors="replace") if path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def _has_open(pid: int, path: Path) -> bool:
    """Whether process `pid` has `path` open (Linux: /proc/PID/fd)."""
    target = str(path.resolve())
    fds = Path(f"/proc/{pid}/fd")
    with contextlib.suppress(OSError):
        for fd in fds.iterdir():
            with contextlib.suppress(OSError):
                if os.readlink(fd) == target:
                    return True
    return False


def _wait_until(proc: subprocess.Popen, condition, limit: float) -> None:
    deadline = time.monotonic() + limit
    while proc.poll() is None and time.monotonic() < deadline and not condition():
        time.sleep(0.005)


def kill_once(
    runner: Runner,
    number: int,
    strategy: str,
    rng: random.Random,
    full_run: float,
    n_files: int,
) -> tuple[bool, float | None, int | None, int]:
    """Start a run and SIGKILL it as `strategy` says.
    Returns (killed, delay, exit code, lingering children)."""
    staging_root = runner.warehouse.with_name(runner.warehouse.stem + ".staging")
    # A dead run's staging folder stays until the next start_run removes it.
    dead = set(staging_root.glob("*"))
    proc = runner.start(f"iteration-{number:03d}")
    started = time.monotonic()
    wal = runner.warehouse.with_name(runner.warehouse.name + ".wal")
    batches = -(-n_files // BATCH_SIZE)
    if strategy == "uniform":
        target = started + rng.uniform(0.05, 1.1) * full_run
        _wait_until(proc, lambda: time.monotonic() >= target, full_run * 3)
    elif strategy == "load":
        # Once every batch is staged, the run opens the DuckDB file for its one load
        # transaction: kill it while the file is open, a random moment into the load.
        extra = rng.uniform(0.0, 0.04)  # a load of a few hundred documents takes ~50 ms

        def all_staged() -> bool:
            for folder in set(staging_root.glob("*")) - dead:
                if sum(1 for _ in folder.glob("batch-*.parquet")) >= batches:
                    return True
            return False

        _wait_until(proc, all_staged, full_run * 3)
        _wait_until(proc, lambda: _has_open(proc.pid, runner.warehouse), full_run)
        time.sleep(extra)
    else:  # wal: a write has committed, the checkpoint has not happened yet
        skip = rng.random() < 0.5  # the first write is start_run; the second, the load
        seen = {"n": 0, "present": False}

        def wal_appeared() -> bool:
            present = wal.exists()
            if present and not seen["present"]:
                seen["n"] += 1
            seen["present"] = present
            return present and seen["n"] > (1 if skip else 0)

        _wait_until(proc, wal_appeared, full_run * 3)
    delay = time.monotonic() - started
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    code = proc.wait()
    lingering = _reap_group(proc.pid)
    return killed, (delay if killed else None), (None if killed else code), lingering


# --- checking --------------------------------------------------------------------------


def _fingerprint(data: bytes, url: str) -> str:
    import extractors

    return extractors.extract(data, url=url).fingerprint


def run_ids(warehouse: Path) -> set[str]:
    from warehouse.read import open_for_reading

    if not warehouse.exists():
        return set()
    with open_for_reading(warehouse) as con:
        try:
            return {r[0] for r in con.execute("SELECT run_id FROM run_log").fetchall()}
        except Exception:  # killed before the first migration committed
            return set()


def check_after_kill(warehouse: Path, before: set[str], n_files: int) -> tuple[list[str], str]:
    """Faults found in the warehouse as a crash left it, and the phase the run was in:
    starting (no run row yet), fetching (running, not all staged), loading (running,
    all staged), or loaded (committed, killed before it exited)."""
    from warehouse.check import check_warehouse
    from warehouse.read import open_for_reading

    if not warehouse.exists():
        return [], "starting"
    result = check_warehouse(warehouse)
    faults = [str(f) for f in result.faults]
    new = run_ids(warehouse) - before
    if not new:
        return faults, "starting"
    [run_id] = new
    with open_for_reading(warehouse) as con:
        [status] = con.execute("SELECT status FROM run_log WHERE run_id = ?", [run_id]).fetchone()
    if status != "running":
        return faults, "loaded" if status.startswith("finished") else status
    staging = warehouse.with_name(warehouse.stem + ".staging") / run_id
    staged = sum(1 for _ in staging.glob("batch-*.parquet"))
    return faults, "loading" if staged >= -(-n_files // BATCH_SIZE) else "fetching"


def check_final(warehouse: Path, office: Office, env: dict[str, str]) -> dict:
    """Every invariant after the final, complete runs; returns the figures and failures."""
    from warehouse.read import open_for_reading

    failures: list[str] = []
    done = subprocess.run(
        [*pressroom_command(), "check", "--warehouse", str(warehouse)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    check_output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        failures.append(f"pressroom check exited {done.returncode}: {check_output[-2000:]}")
    check_faults = sum(1 for line in done.stdout.splitlines() if line.startswith("fault "))

    urls = {p.as_uri(): p for p in office.files}
    expected = {url: _fingerprint(path.read_bytes(), url) for url, path in urls.items()}
    had = {
        url: {_fingerprint(_bytes_of(text, urls[url]), url) for text in texts}
        for url, texts in office.texts.items()
    }
    with open_for_reading(warehouse) as con:
        docs = dict(con.execute("SELECT url, status FROM documents").fetchall())
        if set(docs) != set(urls):
            missing = sorted(set(urls) - set(docs))[:5]
            extra = sorted(set(docs) - set(urls))[:5]
            failures.append(f"documents differ from the files: missing {missing}, extra {extra}")
        not_active = [u for u, s in docs.items() if s != "active"]
        if not_active:
            failures.append(f"{len(not_active)} document(s) not active, e.g. {not_active[:3]}")
        versions: dict[str, list[tuple[int, str, bool]]] = {}
        for url, version, fp, is_open in con.execute(
            "SELECT url, version, fingerprint, valid_to IS NULL FROM document_versions "
            "ORDER BY url, version"
        ).fetchall():
            versions.setdefault(url, []).append((version, fp, is_open))
        current = dict(
            con.execute(
                "SELECT d.url, v.fingerprint FROM document_state d JOIN document_versions v "
                "ON v.url = d.url AND v.version = d.current_version"
            ).fetchall()
        )
        stale = [u for u in urls if current.get(u) != expected[u]]
        if stale:
            failures.append(
                f"{len(stale)} document(s) whose current version is not the "
                f"file's text (lost update), e.g. {stale[:3]}"
            )
        doubled = [
            u
            for u, vs in versions.items()
            if any(a[1] == b[1] for a, b in zip(vs, vs[1:], strict=False))
        ]
        if doubled:
            failures.append(
                f"{len(doubled)} document(s) with a doubled version, e.g. {doubled[:3]}"
            )
        invented = [
            u for u, vs in versions.items() if u in had and any(v[1] not in had[u] for v in vs)
        ]
        if invented:
            failures.append(
                f"{len(invented)} document(s) with a version of a text the file "
                f"never had, e.g. {invented[:3]}"
            )
        runs = con.execute(
            "SELECT r.run_id, r.status, count(f.url), count(DISTINCT f.url) "
            "FROM run_log r LEFT JOIN fetch_log f USING (run_id) "
            "GROUP BY r.run_id, r.status, r.started_at ORDER BY r.started_at"
        ).fetchall()
        statuses: dict[str, int] = {}
        for run_id, status, n_fetches, n_urls in runs:
            statuses[status] = statuses.get(status, 0) + 1
            if status == "running":
                failures.append(f"run {run_id} is still marked running after a complete run")
            elif status in ("finished", "finished_with_errors"):
                if n_fetches != len(urls) or n_urls != len(urls):
                    failures.append(
                        f"finished run {run_id} logged {n_fetches} fetches of {n_urls} URLs, "
                        f"not one of each of the {len(urls)} files (half-loaded?)"
                    )
            elif n_fetches:
                failures.append(f"{status} run {run_id} left {n_fetches} fetch rows")
        n_versions = con.execute("SELECT count(*) FROM document_versions").fetchone()[0]
        last = con.execute(
            "SELECT n_new, n_changed, n_unchanged, n_failed FROM runs "
            "ORDER BY started_at DESC LIMIT 1"
        ).fetchone()
    if last != (0, 0, len(urls), 0):
        failures.append(
            f"a second complete run should find all {len(urls)} unchanged, found "
            f"new/changed/unchanged/failed = {last}"
        )
    staging_root = warehouse.with_name(warehouse.stem + ".staging")
    leftovers = sorted(p.name for p in staging_root.iterdir()) if staging_root.is_dir() else []
    if leftovers:
        failures.append(f"staging folders left behind: {leftovers}")
    return {
        "documents": len(docs),
        "versions": n_versions,
        "runs_by_status": statuses,
        "check_output": (done.stdout.strip().splitlines() or [""])[-1],
        "check_notes": [n for n in done.stderr.splitlines() if n.startswith("note:")],
        "check_faults": check_faults,
        "failures": failures,
    }


def _bytes_of(text: str, path: Path) -> bytes:
    if path.suffix != ".pdf":
        return text.encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "x.pdf"
        write_pdf(target, text)
        return target.read_bytes()


# --- the loop --------------------------------------------------------------------------


@contextlib.contextmanager
def prefect_api(url: str | None) -> Iterator[str]:
    """The Prefect API the subprocesses share: `url`, or one started here."""
    if url:
        yield url
        return
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.settings import get_current_settings
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield str(get_current_settings().api.url)


def crash_loop(
    workdir: Path,
    *,
    iterations: int = 5,
    seed: int = 1,
    n_text: int = 300,
    n_pdf: int = 6,
    change_fraction: float = 0.1,
    api_url: str | None = None,
    strategies: tuple[str, ...] = ("uniform", "load", "wal"),
) -> dict:
    rng = random.Random(seed)
    workdir.mkdir(parents=True, exist_ok=True)
    office = make_office(workdir / "office", rng, n_text, n_pdf)
    n_files = len(office.files)
    warehouse = workdir / "wh" / "pressroom.duckdb"
    report: dict = {
        "seed": seed,
        "files": n_files,
        "pdfs": n_pdf,
        "iterations": [],
    }
    started = time.monotonic()
    with prefect_api(api_url) as url:
        env = dict(os.environ, PREFECT_API_URL=url, PREFECT_LOGGING_LEVEL="WARNING")
        env.pop("PRESSROOM_WAREHOUSE", None)
        # How long an uninterrupted run takes here, on a scratch warehouse.
        scratch = Runner(workdir / "scratch" / "w.duckdb", office.folder, env, workdir / "logs")
        code, full_run = scratch.run("calibration")
        if code != 0:
            raise RuntimeError(
                f"calibration run failed ({code}):\n{scratch.log_tail('calibration')}"
            )
        shutil.rmtree(workdir / "scratch", ignore_errors=True)
        report["full_run_seconds"] = round(full_run, 2)
        runner = Runner(warehouse, office.folder, env, workdir / "logs")
        for number in range(1, iterations + 1):
            changed = office.change(rng, change_fraction) if number > 1 else 0
            strategy = strategies[(number - 1) % len(strategies)]
            t0 = time.monotonic()
            before = run_ids(warehouse)
            killed, delay, code, lingering = kill_once(
                runner, number, strategy, rng, full_run, n_files
            )
            wal_left = warehouse.with_name(warehouse.name + ".wal").exists()
            faults, phase = check_after_kill(warehouse, before, n_files)
            if not killed and code not in (0,):
                faults.append(
                    f"run ended on its own with exit code {code}:\n"
                    f"{runner.log_tail(f'iteration-{number:03d}')}"
                )
            report["iterations"].append(
                asdict(
                    Iteration(
                        number=number,
                        strategy=strategy,
                        delay=round(delay, 3) if delay is not None else None,
                        killed=killed,
                        exit_code=code,
                        changed_files=changed,
                        phase=phase if killed else "ended",
                        wal_left=wal_left,
                        lingering_processes=lingering,
                        faults=faults,
                        elapsed=round(time.monotonic() - t0, 2),
                    )
                )
            )
        office.change(rng, change_fraction)
        code, final_seconds = runner.run("final")
        report["final_exit_code"] = code
        report["final_run_seconds"] = round(final_seconds, 2)
        final_failures = []
        if code != 0:
            final_failures.append(f"final run exited {code}:\n{runner.log_tail('final')}")
        code2, _ = runner.run("final-again")
        if code2 != 0:
            final_failures.append(
                f"second final run exited {code2}:\n{runner.log_tail('final-again')}"
            )
        final = check_final(warehouse, office, env)
        final["failures"] = final_failures + final["failures"]
        report["final"] = final
    its = report["iterations"]
    report["killed"] = sum(1 for i in its if i["killed"])
    report["survived"] = sum(1 for i in its if i["killed"] and not i["faults"])
    report["faults_after_kills"] = sum(len(i["faults"]) for i in its)
    report["lingering_processes"] = sum(i["lingering_processes"] for i in its)
    phases: dict[str, int] = {}
    for i in its:
        phases[i["phase"]] = phases.get(i["phase"], 0) + 1
    report["kills_by_phase"] = phases
    report["wal_left_by_kill"] = sum(1 for i in its if i["wal_left"])
    report["ok"] = not report["faults_after_kills"] and not final["failures"]
    report["seconds"] = round(time.monotonic() - started, 1)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--files", type=int, default=300, help="text files")
    parser.add_argument("--pdfs", type=int, default=6)
    parser.add_argument("--change", type=float, default=0.1, help="fraction changed per round")
    parser.add_argument("--api-url", help="a running Prefect API (default: start one)")
    parser.add_argument("--workdir", type=Path, help="kept afterwards (default: a temp dir)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    with contextlib.ExitStack() as stack:
        workdir = args.workdir or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        report = crash_loop(
            workdir,
            iterations=args.iterations,
            seed=args.seed,
            n_text=args.files,
            n_pdf=args.pdfs,
            change_fraction=args.change,
            api_url=args.api_url,
        )
    print(json.dumps(report, indent=2, default=str))
    print(
        f"crash loop: {report['killed']} kills, {report['survived']} survived, "
        f"{report['faults_after_kills']} faults after kills, "
        f"final check: {report['final']['check_output']!r}, "
        f"{len(report['final']['failures'])} final failures, {report['seconds']} s",
        file=sys.stderr,
    )
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
