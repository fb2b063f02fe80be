#!/usr/bin/env python3
"""Screenshot `pressroom report` in headless Chromium, to look at it as a person would.

    python scripts/screenshot_report.py [--demo | --warehouse W | --report R] [--out PNG]

With --demo it runs `pressroom demo` in a temporary folder (the bundled sample office:
two releases as text, HTML and PDF, one corrected) and reports on that warehouse. With
neither --demo nor --warehouse nor --report it builds the synthetic warehouse the tests
use (judgements across ten forces and PEEL years, a correction, a withdrawal). With
--report it screenshots an existing HTML file. The HTML is kept beside the PNG. Chromium
runs with the network off (`--disable-background-networking`, every request sent to a
proxy that is not there, a fresh profile): a chart that needed the network would be
missing from the picture.

Needs Chromium (`apt-get install -y chromium`); CI does not run this. Prints the PNG path.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(
    html: Path, png: Path, *, width: int = 1400, height: int = 2000, timeout: float = 90.0
) -> Path:
    browser = chromium()
    if browser is None:
        raise RuntimeError("no Chromium found: apt-get install -y chromium")
    png = png.absolute()
    png.parent.mkdir(parents=True, exist_ok=True)
    png.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="pressroom-chromium-") as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            # No network at view time: any request would go to a proxy that is not there.
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={png}",
            html.absolute().as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not png.exists():
        raise RuntimeError(f"chromium failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return png


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--demo", action="store_true", help="report on the demo's warehouse")
    parser.add_argument("--warehouse", type=Path, help="a warehouse to report on")
    parser.add_argument("--report", type=Path, help="an existing report to screenshot")
    parser.add_argument("--out", type=Path, default=Path("report.png"))
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=2000)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="pressroom-report-") as tmp:
        html = args.report
        if html is None:
            sys.path.insert(0, str(ROOT))
            os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
            from analysis.report import write_report

            warehouse = args.warehouse
            if warehouse is None and args.demo:
                import io

                from rich.console import Console

                from flows.demo import WAREHOUSE, run_demo

                if run_demo(Path(tmp), Console(file=io.StringIO())) != 0:
                    raise RuntimeError("pressroom demo failed")
                warehouse = Path(tmp) / WAREHOUSE
            elif warehouse is None:
                from tests.synthetic_warehouse import build

                warehouse = build(Path(tmp) / "synthetic.duckdb")
            html = write_report(warehouse, args.out.with_suffix(".html"))
        png = screenshot(html, args.out, width=args.width, height=args.height)
    print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
