"""The first hour as a user (issue 20): the command line as a new user meets it, through a
pipe, a terminal, Ctrl-C, their own mistakes and a folder of releases with labels beside
them. Commands run as subprocesses where the process boundary is the point (a pipe, a
terminal, a signal); the others through typer's runner, in process."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from warehouse.connection import open_duckdb

from .conftest import DEVSET, pressroom_command

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
RELEASE = (
    "Kent Police is good at keeping people safe\n\n"
    "Her Majesty's Inspectorate of Constabulary (HMIC) found that Kent Police has made good "
    "progress in tackling anti-social behaviour since 2010, with progress made in every "
    "neighbourhood.\n"
)


@pytest.fixture
def cli_env(prefect_harness) -> dict[str, str]:
    """Subprocesses share the harness's Prefect API (no temporary server each)."""
    from prefect.settings import get_current_settings

    env = dict(os.environ, PREFECT_API_URL=str(get_current_settings().api.url))
    env.pop("PRESSROOM_WAREHOUSE", None)
    env.pop("COLUMNS", None)
    return env


def _pressroom(*args: str, env: dict[str, str], cwd: Path | None = None, timeout: float = 300):
    return subprocess.run(
        [*pressroom_command(), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _rows(warehouse: Path, sql: str) -> list[tuple]:
    with open_duckdb(warehouse, read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def office(tmp_path: Path) -> Path:
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "kent.txt").write_text(RELEASE)
    return folder


@pytest.fixture
def loaded(office: Path, tmp_path: Path, prefect_harness) -> Path:
    warehouse = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", str(office), "-w", str(warehouse)])
    assert result.exit_code == 0, result.output
    return warehouse


# --- 2. a folder of releases with their labels, an index and a README beside them ------


@pytest.fixture
def labelled_folder(tmp_path: Path) -> Path:
    if not DEVSET.is_dir():
        pytest.skip("../shared/devset not present")
    folder = tmp_path / "labelled"
    (folder / "more").mkdir(parents=True)
    texts = sorted(DEVSET.glob("*.txt"))[:4]
    for i, text in enumerate(texts):
        target = folder / ("more" if i % 2 else ".")
        shutil.copy(text, target / text.name)
        shutil.copy(text.with_suffix(".json"), target / text.with_suffix(".json").name)
    (folder / "INDEX.tsv").write_text(
        "id\tfile\n" + "".join(f"{t.stem}\t{t.name}\n" for t in texts)
    )
    (folder / "README.md").write_text("# Labelled releases\n\nKent Police was rated good.\n")
    return folder


def test_a_folder_reads_its_releases_and_counts_what_it_skipped(
    labelled_folder: Path, tmp_path: Path, prefect_harness
):
    warehouse = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", str(labelled_folder), "-w", str(warehouse)])
    assert result.exit_code == 0, result.output
    urls = [u for (u,) in _rows(warehouse, "SELECT url FROM releases")]
    assert len(urls) == 4 and all(u.endswith(".txt") for u in urls)
    assert _rows(warehouse, "SELECT count(*) FROM fetches WHERE url NOT LIKE '%.txt'") == [(0,)]
    assert "skipped 6 file(s) of folders (4 .json, 1 .md, 1 .tsv)" in result.stdout
    assert ".html .htm .pdf .txt" in result.stdout


def test_a_folder_served_over_http_loads_its_releases_only(tmp_path: Path, prefect_harness):
    """`python3 -m http.server` in a folder of releases lists every file in it: the labels,
    the index, the notes and hidden files are no releases there either, and its
    sub-folders are read as a folder source reads them (their index pages are no
    releases)."""
    if not DEVSET.is_dir():
        pytest.skip("../shared/devset not present")
    folder = tmp_path / "served"
    folder.mkdir()
    texts = sorted(DEVSET.glob("*.txt"))[:3]
    for i, text in enumerate(texts):
        target = folder / "more" / "deeper" if i == 2 else folder
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(text, target / text.name)
        shutil.copy(text.with_suffix(".json"), target / text.with_suffix(".json").name)
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (folder / "INDEX.tsv").write_text("id\tfile\n")
    (folder / "README.md").write_text("# Labelled releases\n\nKent Police was rated good.\n")
    (folder / ".marker").write_text("made by a tool\n")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    warehouse = tmp_path / "w.duckdb"
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        result = runner.invoke(app, ["ingest", url, "-w", str(warehouse)])
    finally:
        server.shutdown()
    assert result.exit_code == 0, result.output
    urls = sorted(u for (u,) in _rows(warehouse, "SELECT url FROM releases"))
    assert sorted(u.rsplit("/", 1)[1] for u in urls) == sorted(t.name for t in texts)
    assert any("/more/deeper/" in u for u in urls)
    assert _rows(warehouse, "SELECT count(*) FROM fetches WHERE url NOT LIKE '%.txt'") == [(0,)]
    assert "skipped 7 link(s) of listing pages" in result.stdout
    assert "3 .json, 1 .md, 1 .tsv, 2 hidden" in result.stdout


def test_include_and_exclude_on_the_command_line_and_in_sources_toml(
    labelled_folder: Path, tmp_path: Path, prefect_harness
):
    warehouse = tmp_path / "w.duckdb"
    result = runner.invoke(
        app,
        ["ingest", str(labelled_folder), "-w", str(warehouse), "--exclude", "*/more/*"],
    )
    assert result.exit_code == 0, result.output
    assert _rows(warehouse, "SELECT count(*) FROM releases WHERE status = 'active'") == [(2,)]
    config = tmp_path / "sources.toml"
    config.write_text(f'[[source]]\nurl = "{labelled_folder}"\ninclude = ["*/README.md"]\n')
    other = tmp_path / "other.duckdb"
    result = runner.invoke(app, ["ingest", "--config", str(config), "-w", str(other)])
    assert result.exit_code == 0, result.output
    [(url,)] = _rows(other, "SELECT url FROM releases")
    assert url.endswith("/README.md")
    assert "skipped 9 file(s) of folders (9 not included)" in result.stdout


def test_an_empty_folder_says_nothing_matched(tmp_path: Path, prefect_harness):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("nothing to see\n")
    result = runner.invoke(app, ["ingest", str(empty), "-w", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 0
    assert "nothing to read" in result.output and "every file was skipped" in result.output


# --- 3. a first-seen date never passes for a publication date ---------------------------


def test_history_shows_an_undated_release_as_first_seen(loaded: Path, office: Path):
    result = runner.invoke(app, ["history", str(office / "kent.txt"), "-w", str(loaded)])
    assert result.exit_code == 0, result.output
    [(source,)] = _rows(loaded, "SELECT date_source FROM releases")
    assert source == "first_seen"  # the text states no date
    assert "undated (first seen " in result.stdout


# --- 4. query: empty, comments, several statements, writes to views ---------------------


@pytest.mark.parametrize(
    "sql, code, says",
    [
        ("", 2, "no SQL statement given"),
        ("   -- only a comment", 2, "no SQL statement given"),
        ("select 1; select 2", 2, "one statement at a time"),
        ("delete from releases", 1, "opened read-only"),
        ("UPDATE runs SET status = 'x'", 1, "opened read-only"),
        ("insert into judgements select * from judgements", 1, "opened read-only"),
        ("COPY releases TO 'out.csv'", 1, "pressroom export"),
        ("SET threads = 1", 1, "cannot change the database's settings"),
    ],
)
def test_query_refuses_clearly(loaded: Path, sql: str, code: int, says: str):
    result = runner.invoke(app, ["query", sql, "-w", str(loaded)])
    assert result.exit_code == code, result.output
    assert says in result.output
    assert "Traceback" not in result.output and "base table" not in result.output


def test_a_query_may_start_with_a_comment(loaded: Path):
    sql = "-- how many releases?\nSELECT count(*) AS n FROM releases"
    result = runner.invoke(app, ["query", sql, "-w", str(loaded), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"n": 1}]


# --- 5. refused before anything starts --------------------------------------------------


def test_a_missing_folder_is_refused_at_once_and_nothing_is_created(tmp_path: Path):
    warehouse = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", str(tmp_path / "no-such-folder"), "-w", str(warehouse)])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
    assert list(tmp_path.iterdir()) == []


def test_export_of_a_missing_warehouse_leaves_no_folder(tmp_path: Path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["export", str(out), "-w", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no warehouse" in result.output
    assert not out.exists()


def test_a_host_that_does_not_exist_is_one_error_not_retried(tmp_path: Path, prefect_harness):
    warehouse = tmp_path / "w.duckdb"
    url = "http://no-such-host.invalid/news/feed/"
    result = runner.invoke(app, ["ingest", url, "-w", str(warehouse)])
    assert result.exit_code == 1
    [(error,)] = _rows(warehouse, "SELECT error FROM errors")
    assert error.startswith("host not found: no-such-host.invalid")
    assert "tried" not in error  # one attempt, no "(tried 3 times ...)"


# --- 6. Ctrl-C --------------------------------------------------------------------------


class _HangingSite:
    """A site whose one page answers only when let go: a run fetching it is mid-way."""

    def __init__(self) -> None:
        self.asked = threading.Event()
        self.release = threading.Event()
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/robots.txt":
                    self.send_error(404)
                    return
                site.asked.set()
                site.release.wait(120)
                body = RELEASE.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/news/kent.txt"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()


def _extraction_server_settled(group: int, within: float = 60.0) -> None:
    """Wait while a process of `group` is still a starting Python (the extraction fork
    server, which leaves the group once started): a Ctrl-C in the first fraction of a
    second of an interpreter's start is a traceback no handler can stop (README)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        starting = False
        for proc in Path("/proc").iterdir():
            try:
                if not proc.name.isdigit() or os.getpgid(int(proc.name)) != group:
                    continue
                cmdline = (proc / "cmdline").read_bytes()
            except (OSError, ProcessLookupError):
                continue
            starting |= b"forkserver" in cmdline
        if not starting:
            return
        time.sleep(0.1)


def test_ctrl_c_stops_the_run_says_so_and_the_next_run_finishes(
    tmp_path: Path, cli_env: dict[str, str]
):
    site = _HangingSite()
    warehouse = tmp_path / "w.duckdb"
    try:
        run = subprocess.Popen(
            [*pressroom_command(), "ingest", site.url, "--kind", "page", "-w", str(warehouse)],
            env=cli_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group, as a terminal's job
        )
        assert site.asked.wait(120), "the run never asked for the page"
        _extraction_server_settled(run.pid)
        os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        out, err = run.communicate(timeout=60)  # (it took 150 s before)
        assert run.returncode == 130, out + err
        assert "interrupted: nothing of this run was loaded; run again to finish" in err
        for noise in ("Traceback", "Crash detected", "Error logging to API"):
            assert noise not in out + err
        assert _rows(warehouse, "SELECT status FROM runs") == [("aborted",)]
        assert _rows(warehouse, "SELECT count(*) FROM releases") == [(0,)]
        site.release.set()
        again = _pressroom("ingest", site.url, "--kind", "page", "-w", str(warehouse), env=cli_env)
        assert again.returncode == 0, again.stdout + again.stderr
        statuses = _rows(warehouse, "SELECT status FROM runs ORDER BY started_at")
        assert statuses == [("aborted",), ("finished",)]
        assert _rows(warehouse, "SELECT count(*) FROM releases") == [(1,)]
        # 7. Through a pipe the summary is one line, however long.
        [summary] = [line for line in again.stdout.splitlines() if line.startswith("run ")]
        assert summary.endswith("0 withdrawn, 0 failed")
    finally:
        site.close()


# --- 7. output through a pipe is not wrapped --------------------------------------------


def test_output_through_a_pipe_keeps_lines_whole(loaded: Path, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    long_sql = "SELECT url, repeat('x', 150) AS outstanding_verdicts_column FROM releases"
    table = _pressroom("query", long_sql, "-w", str(loaded), env=env)
    assert table.returncode == 0, table.stderr
    header = next(line for line in table.stdout.splitlines() if "url" in line)
    assert "outstanding_verdicts_column" in header
    assert any("x" * 150 in line for line in table.stdout.splitlines())
    missing = tmp_path / "a-long-folder-name-for-the-warehouse" / "pressroom.duckdb"
    hint = _pressroom("query", "SELECT 1", "-w", str(missing), env=env)
    assert hint.returncode == 1
    assert f"run `pressroom ingest SOURCE --warehouse {missing}` first" in hint.stderr


# --- 8. a new user's path: telemetry notice, git, the demo's hints ----------------------


def test_no_telemetry_notice_on_a_first_terminal_run(
    office: Path, tmp_path: Path, cli_env: dict[str, str]
):
    import pty

    env = dict(cli_env, PREFECT_HOME=str(tmp_path / "prefect-home"))
    for key in ("DO_NOT_TRACK", "CI", "GITHUB_ACTIONS", "PYTEST_XDIST_WORKER"):
        env.pop(key, None)
    primary, secondary = pty.openpty()
    seen: list[bytes] = []

    def read() -> None:  # a terminal is read as it is written (the progress bar fills it)
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                return
            if not chunk:
                return
            seen.append(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        run = subprocess.Popen(
            [*pressroom_command(), "ingest", str(office), "-w", str(tmp_path / "w.duckdb")],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=secondary,
        )
        os.close(secondary)
        run.wait(timeout=300)
        reader.join(30)
    finally:
        os.close(primary)
    output = b"".join(seen)
    assert run.returncode == 0, output.decode(errors="replace")
    assert b"usage data" not in output and b"DO_NOT_TRACK" not in output


def test_files_a_run_leaves_are_ignored_by_git():
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    names = [
        "pressroom.duckdb",
        "pressroom.duckdb.wal",
        "pressroom.duckdb.lock",
        "pressroom.archive/ab/cd",
        "pressroom.staging/run/batch",
        "pressroom-demo/pressroom.duckdb",
        "report.html",
    ]
    ignored = subprocess.run(
        ["git", "check-ignore", *names], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    assert sorted(ignored) == sorted(names)


# --- 9. help ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    ["ingest", "query", "history", "export", "serve", "demo", "grades", "evaluate", "report"],
)
def test_help_names_things_as_the_text_does(command: str):
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    text = result.stdout
    usage = next(line for line in text.splitlines() if "Usage:" in line)
    assert usage == usage.replace(
        usage.split("[OPTIONS]")[-1], usage.split("[OPTIONS]")[-1].upper()
    )
    for oddity in ("<bool>", "<list[", "<int range>", "x>=1", "{", "[default: default]"):
        assert oddity not in text, f"{oddity!r} in `pressroom {command} --help`"
    assert not any(line.count("default") > 1 and "[default:" in line for line in text.splitlines())


def test_help_gives_examples_and_usage_says_source_and_sql():
    ingest = runner.invoke(
        app, ["ingest", "--help"], env={"COLUMNS": "200"}, prog_name="pressroom"
    ).stdout
    assert "Usage: pressroom ingest [OPTIONS] [SOURCE]..." in " ".join(ingest.split())
    assert "Examples: pressroom ingest" in ingest
    query = runner.invoke(
        app, ["query", "--help"], env={"COLUMNS": "200"}, prog_name="pressroom"
    ).stdout
    assert "Usage: pressroom query [OPTIONS] SQL" in " ".join(query.split())
    assert "Example: pressroom query" in query and "--format" in query and "csv" in query


def test_kind_words_and_refusals(tmp_path: Path):
    wrong = runner.invoke(app, ["ingest", "--kind", "sitemp", "https://example.org/"])
    assert wrong.exit_code == 2
    assert "Value error" not in wrong.output and "did you mean 'sitemap'" in wrong.output
    typo = tmp_path / "sources.toml"
    typo.write_text('[crawler]\ntimout = 3\n[[source]]\nurl = "https://example.org/"\n')
    refused = runner.invoke(app, ["ingest", "--config", str(typo)])
    assert refused.exit_code == 2
    assert "unknown [crawler] key 'timout' (did you mean 'timeout'?)" in refused.output


def test_kind_rss_is_a_feed(tmp_path: Path):
    result = runner.invoke(app, ["ingest", "--kind", "rss", str(tmp_path)])
    assert result.exit_code == 2 and "--kind feed applies to URLs only" in result.output


def test_readme_lists_every_option_of_every_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    for option in ("--dask-workers", "--gaps", "--name", "--include", "--exclude"):
        assert option in readme


# --- 10. the report -----------------------------------------------------------------------


def test_the_report_lists_a_verdict_once_for_all_copies_and_never_dates_by_first_seen(
    tmp_path: Path, prefect_harness
):
    import re

    from flows.demo import write_office

    office = tmp_path / "office"
    write_office(office, state=1)  # two 2012 releases, as text, HTML and PDF
    warehouse = tmp_path / "w.duckdb"
    assert runner.invoke(app, ["ingest", str(office), "-w", str(warehouse)]).exit_code == 0
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "-w", str(warehouse), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text("utf-8")
    section = page[page.index('id="force-staffordshire-police"') :]
    section = (
        section[: section.index('<div class="force"')]
        if '<div class="force"' in section
        else section
    )
    rows = re.findall(r"<tr[^>]*>\s*<td>([^<]*)</td><td>([^<]*)</td>", section)
    areas = [area for _, area in rows]
    assert areas and len(areas) == len(set(areas))  # text and PDF copies: one row each
    assert section.count("also <a") == len(areas)
    sources = {s for (s,) in _rows(warehouse, "SELECT DISTINCT date_source FROM releases")}
    if sources == {"first_seen"}:  # the sample states no date its extractor reads
        assert "undated (first seen " in section
        assert f"<td>{time.strftime('%Y')}-" not in section
    # The legend names the values on the page, each by a label no other value has.
    legend = re.findall(r'<span class="badge"[^>]*>([^<]+)</span>([^<]+)</span>', page)
    labels = [label for label, _ in legend]
    assert labels and len(labels) == len(set(labels))
    assert "outstanding" not in [value for _, value in legend]  # none in these releases
    assert 'class="panel grid"' in page  # a wide grid scrolls instead of shrinking


def test_report_labels_never_clash():
    from analysis.report import VALUE_STYLE, legend, value_label

    for value in ("significant progress", "little progress", "not yet graded", "slow pace"):
        label = value_label(value)
        assert all(label != known or value == name for name, (_, known) in VALUE_STYLE.items())
    assert [v for v, _, _ in legend(["good", "NOT YET GRADED", "good"])] == [
        "good",
        "not yet graded",
    ]
