"""The README and docs/*.md cannot rot: their shell examples run or parse, and their links
lead somewhere. (Their ```sql blocks run in test_readme_sql.py.)

- the README's ten-minute tour runs as written, after `pressroom demo`, in a fresh folder
  (all but `pressroom serve`, which runs until stopped: test_serve.py runs it);
- every `pressroom ...` command in a shell example names a real command and real options;
- the SQL of every `pressroom query "..."` example runs on the synthetic warehouse;
- every relative link names a file that exists, and its #anchor a heading there.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import warehouse as wh

from .docs_pages import (
    PAGES,
    README,
    ROOT,
    fences,
    name,
    pressroom_commands,
    read,
    section,
)
from .synthetic_warehouse import build

TOUR = "## A ten-minute tour"


# --- the README ---------------------------------------------------------------------------


def test_the_readme_is_short_and_ci_runs_its_test_command():
    text = read(README)
    assert len(text.splitlines()) <= 300
    first, second = (f.body.strip() for f in fences(text)[:2])
    assert first == (
        "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/pressroom demo"
    )
    ci = (ROOT / ".ci" / "run").read_text("utf-8").strip().splitlines()[-1]
    assert second == ci
    # Every page of docs/ is in the README's list of documentation.
    for page in PAGES[1:]:
        assert f"]({name(page)})" in text, f"{name(page)} is not linked from the README"


def _tour_script(text: str) -> str:
    start, end = section(text, TOUR)
    blocks = [f.body for f in fences(text) if start < f.start < end and f.lang == "bash"]
    assert len(blocks) >= 6
    served = [b for b in blocks if "pressroom serve" in b]
    assert len(served) == 1
    return "\n".join(b for b in blocks if b not in served)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bin_with_pressroom(tmp_path: Path) -> str:
    """A PATH on which `pressroom` and `python3` are this test's, as a user's venv has."""
    venv = Path(sys.executable).parent
    if (venv / "pressroom").exists() and (venv / "python3").exists():
        return f"{venv}{os.pathsep}{os.environ['PATH']}"
    shims = tmp_path / "bin"
    shims.mkdir()
    (shims / "pressroom").write_text(
        f'#!/bin/sh\nexec "{sys.executable}" -c "from flows.cli import main; main()" "$@"\n'
    )
    (shims / "python3").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    for shim in shims.iterdir():
        shim.chmod(0o755)
    return f"{shims}{os.pathsep}{os.environ['PATH']}"


def test_the_readme_tour_runs_as_written(prefect_harness, tmp_path: Path):
    from prefect.settings import get_current_settings

    text = read(README)
    # The tour's web step serves the sample office on port 8000; here, on a free port.
    script = _tour_script(text).replace("8000", str(_free_port()))
    folder = tmp_path / "fresh"
    folder.mkdir()
    env = dict(os.environ, PATH=_bin_with_pressroom(tmp_path), PYTHONPATH=str(ROOT))
    env["PREFECT_API_URL"] = str(get_current_settings().api.url)
    for unset in ("PRESSROOM_WAREHOUSE", "COLUMNS"):
        env.pop(unset, None)
    done = subprocess.run(
        ["bash", "-c", "set -euo pipefail\npressroom demo\n" + script],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    # What the tour says the reader will see.
    said = re.search(r"The summary line says `([^`]+)`", text).group(1)
    assert said in done.stdout
    demo = folder / "pressroom-demo"
    assert (demo / "report.html").stat().st_size > 0
    assert (demo / "snapshot" / "manifest.json").exists()
    assert "West Mercia Police" in done.stdout and "corroborated" in done.stdout
    # Over HTTP the same four documents, and not the demo's hidden marker file.
    web = wh.run_query(demo / "web.duckdb", "SELECT url FROM releases ORDER BY url").rows
    assert len(web) == 4 and all(url.startswith("http://127.0.0.1:") for (url,) in web)


# --- every page ---------------------------------------------------------------------------


def _cli():
    import typer.main

    from flows.cli import app

    return typer.main.get_command(app)


def _options(command) -> set[str]:
    return {o for p in command.params for o in (*p.opts, *p.secondary_opts)} | {"--help"}


_OPTION = re.compile(r"^--?[A-Za-z][\w-]*")

COMMANDS = [
    pytest.param(args, id=f"{name(page)}:{' '.join(args)[:60]}")
    for page in PAGES
    for args in pressroom_commands(read(page))
]


def test_the_pages_have_commands_to_check():
    assert len(COMMANDS) >= 30
    named = {param.values[0][0] for param in COMMANDS}
    assert named >= {"ingest", "query", "history", "serve", "report", "evaluate", "reextract"}


@pytest.mark.parametrize("args", COMMANDS)
def test_every_pressroom_command_names_real_options(args: list[str]):
    command, rest = _cli(), list(args)
    while hasattr(command, "commands"):  # pressroom, then `server`
        assert rest, f"pressroom {' '.join(args)}: no command"
        word = rest.pop(0)
        assert word in command.commands, f"no command {word!r} in: pressroom {' '.join(args)}"
        command = command.commands[word]
    for word in rest:
        option = _OPTION.match(word)
        if option:
            assert option.group(0) in _options(command), f"{word!r} in pressroom {' '.join(args)}"


QUERIES = [
    pytest.param(args[-1], id=f"{name(page)}:{' '.join(args[-1].split())[:60]}")
    for page in PAGES
    for args in pressroom_commands(read(page))
    if args[0] == "query"
]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("docs-synthetic") / "pressroom.duckdb")


@pytest.mark.parametrize("sql", QUERIES)
def test_every_pressroom_query_example_runs(sql: str, synthetic: Path):
    assert wh.run_query(synthetic, sql).columns


# --- links --------------------------------------------------------------------------------

_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(text: str) -> set[str]:
    prose = _without_fences(text)
    found: set[str] = set()
    for heading in re.findall(r"^#{1,6} (.+)$", prose, re.M):
        slug, n = _slug(heading), 1
        while slug in found:
            slug, n = f"{_slug(heading)}-{n}", n + 1
        found.add(slug)
    return found


def _without_fences(text: str) -> str:
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


def _without_code(text: str) -> str:
    return re.sub(r"`[^`\n]*`", "", _without_fences(text))


LINKED_PAGES = [*PAGES, ROOT / "benchmarks" / "README.md"]


@pytest.mark.parametrize("page", LINKED_PAGES, ids=name)
def test_every_relative_link_leads_somewhere(page: Path):
    for target in _LINK.findall(_without_code(read(page))):
        if re.match(r"[a-z]+:", target):  # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{name(page)} links to {target}, which does not exist"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(read(linked)), f"{name(page)} links to {target}: no anchor"
