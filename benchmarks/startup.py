"""What a command costs when there is nothing to do: `pressroom ingest` of a folder holding
one release, twice, as a user runs it (the command, start to exit, defaults).

- first: on a fresh machine (a new PREFECT_HOME: no Prefect database yet, no background
  server), so it starts pressroom's background Prefect server and Prefect creates its
  database; the release is new;
- second: the same folder again, nothing new; the server is running (target <= 4 s on the
  2-core machine; the first <= 8 s);
- the same pair with `PRESSROOM_PREFECT_SERVER=temporary` (Prefect's temporary server per
  command, as every command ran before the background server), for comparison.

    python -m benchmarks.startup [--repeat 3]

Each pair runs in a fresh PREFECT_HOME and server folder under benchmarks/out/startup/
(removed first), and the background server is stopped at the end. Prints medians and
writes benchmarks/out/startup.json; `benchmarks.run` runs it too.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "out"
TARGETS = {"first": 8.0, "second": 4.0}


def _pressroom() -> list[str]:
    script = Path(sys.executable).with_name("pressroom")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from flows.cli import main; main()"]


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PRESSROOM_"))}
    env.update(PREFECT_HOME=str(home), PRESSROOM_PREFECT_SERVER_DIR=str(home / "server"))
    env.update(extra)
    return env


def _timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return wall


def _one_release(folder: Path) -> Path:
    from importlib.resources import files

    folder.mkdir(parents=True, exist_ok=True)
    text = (files("flows") / "sample" / "staffordshire-asb-2012.txt").read_text("utf-8")
    (folder / "release.txt").write_text(text, "utf-8")
    return folder


def pair(work: Path, mode: str) -> tuple[float, float]:
    """(first, second) wall seconds of two ingests of a one-file folder on a fresh
    machine, with the background server (`mode` background) or the temporary one."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    home = work / "prefect-home"
    office = _one_release(work / "office")
    env = _env(home, PRESSROOM_PREFECT_SERVER=mode)
    command = [*_pressroom(), "ingest", str(office), "--warehouse", str(work / "wh.duckdb")]
    try:
        first = _timed(command, env, work)
        second = _timed(command, env, work)
    finally:
        from flows import local_server

        local_server.stop(home / "server")
    return first, second


def run(out: Path = DEFAULT_OUT, repeat: int = 3) -> dict:
    results: dict = {"repeat": repeat}
    for mode in ("background", "temporary"):
        pairs = [pair(out / "startup" / f"{mode}-{i}", mode) for i in range(repeat)]
        results[mode] = {
            "first_s": [p[0] for p in pairs],
            "second_s": [p[1] for p in pairs],
            "first_median_s": statistics.median(p[0] for p in pairs),
            "second_median_s": statistics.median(p[1] for p in pairs),
        }
    results["met"] = {
        "first": results["background"]["first_median_s"] <= TARGETS["first"],
        "second": results["background"]["second_median_s"] <= TARGETS["second"],
    }
    return results


def lines(results: dict) -> list[str]:
    b, t = results["background"], results["temporary"]

    def mark(key: str) -> str:
        return "ok" if results["met"][key] else "MISSED"

    return [
        f"start-up: `pressroom ingest` of a one-file folder, whole command, median of "
        f"{results['repeat']} fresh machines:",
        f"  first (fresh machine, starts the background server): {b['first_median_s']:.1f} s "
        f"(target <= {TARGETS['first']:g}: {mark('first')}); with the temporary server "
        f"{t['first_median_s']:.1f} s",
        f"  second (nothing new, server running): {b['second_median_s']:.1f} s "
        f"(target <= {TARGETS['second']:g}: {mark('second')}); with the temporary server "
        f"{t['second_median_s']:.1f} s",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    results = run(args.out, args.repeat)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "startup.json").write_text(json.dumps(results, indent=1))
    for line in lines(results):
        print(line)
    return 0 if all(results["met"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
