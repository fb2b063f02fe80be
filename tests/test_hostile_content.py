"""Hostile content never breaks a run or a reader (issue 22), through the command line as a
user meets it, with the hostile input built here: a PDF whose one content stream inflates
to a gigabyte, a symlink loop, titles full of maths, rich markup, HTML, Markdown links,
terminal escapes and spreadsheet formulas, and a server whose 404 reason phrase carries
escape sequences."""

from __future__ import annotations

import csv
import io
import json
import os
import struct
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner
from werkzeug import Response

import warehouse as wh
from flows.cli import app
from tests.conftest import pressroom_command
from tests.web_support import running_site

pytestmark = pytest.mark.usefixtures("prefect_harness")
runner = CliRunner()
GIB = 1024**3
ESC = "\x1b"

RELEASE = (
    "{title}\n\n"
    "HM Inspectorate of Constabulary has published its report on {force} today.\n\n"
    "{force} has been rated good at keeping people safe and reducing crime.\n"
)
MATHS_TITLE = r"$\undefinedcommand$ headline about Kent Police"
HTML_TITLE = (
    '[/bold]<img src="{pixel}"> [click](javascript:alert(1)) Surrey Police '
    "[link=https://evil.example/]here[/link]"
)


@pytest.fixture
def cli_env(prefect_harness) -> dict[str, str]:
    """Subprocesses share the harness's Prefect API (no temporary server each)."""
    from prefect.settings import get_current_settings

    env = dict(os.environ, PREFECT_API_URL=str(get_current_settings().api.url))
    env["PREFECT_LOGGING_LEVEL"] = "WARNING"
    env["COLUMNS"] = "250"  # the errors table unwrapped
    env.pop("PRESSROOM_WAREHOUSE", None)
    return env


@pytest.fixture
def site():
    yield from running_site()


# ---------------------------------------------------------------------------------------
# The PDF bomb: a real one-page PDF with a text stream and a drawing stream that inflates
# to `inflated_mb` MiB. Built without compressing a gigabyte: after a full flush a deflate
# stream starts afresh, so one flushed block of 1 MiB of operators repeats byte for byte.


def _bomb_stream(inflated_mb: int) -> bytes:
    chunk = b"0 0 m 1 1 l S\n" * (1024 * 1024 // 14)
    c = zlib.compressobj(9)
    head = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(inflated_mb):
        adler = zlib.adler32(chunk, adler)
    # An empty final fixed-Huffman block, then the checksum of the whole: a valid stream.
    return head + block * (inflated_mb - 1) + b"\x03\x00" + struct.pack(">I", adler)


def _pdf(streams: list[bytes]) -> bytes:
    refs = " ".join(f"{5 + i} 0 R" for i in range(len(streams)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents [" + refs.encode() + b"] >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for s in streams:
        objects.append(
            f"<< /Length {len(s)} /Filter /FlateDecode >>\nstream\n".encode() + s + b"\nendstream"
        )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pdf_bomb(inflated_mb: int = 1024) -> bytes:
    text = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Kent Police press release.) Tj ET\n")
    return _pdf([text, _bomb_stream(inflated_mb)])


def test_the_bomb_is_what_it_claims():
    data = pdf_bomb(64)
    assert len(data) < 200_000
    stream = _bomb_stream(64)
    assert len(zlib.decompress(stream)) == 64 * (1024 * 1024 // 14) * 14


# ---------------------------------------------------------------------------------------
# Peak memory of a process and its descendants, sampled from /proc.


def _tree_rss(root: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)  # ppid
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


class PeakRss:
    def __init__(self, pid: int):
        self.pid, self.peak = pid, 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, _tree_rss(self.pid))
            self._done.wait(0.05)

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak


# ---------------------------------------------------------------------------------------


def _office(folder: Path, pixel: str) -> None:
    folder.mkdir()
    for force in ("Kent Police", "Essex Police", "Dorset Police"):
        name = force.split()[0].lower()
        title = f"{force} rated good"
        (folder / f"{name}.txt").write_text(RELEASE.format(title=title, force=force))
    (folder / "maths.html").write_text(
        "<html><head><title>x</title></head><body><article><h1>"
        + MATHS_TITLE.replace("<", "&lt;")
        + "</h1><p>"
        + RELEASE.format(title="", force="Kent Police").replace("\n\n", "</p><p>")
        + "</p></article></body></html>"
    )
    html_title = HTML_TITLE.format(pixel=pixel).replace("&", "&amp;").replace("<", "&lt;")
    (folder / "markup.html").write_text(
        f"<html><body><article><h1>{html_title}</h1><p>"
        + RELEASE.format(title="", force="Surrey Police").replace("\n\n", "</p><p>")
        + "</p></article></body></html>"
    )
    (folder / "bomb.pdf").write_bytes(pdf_bomb(1024))
    (folder / "loop-a").symlink_to(folder / "loop-b")
    (folder / "loop-b").symlink_to(folder / "loop-a")


def _serve_feed(site, gone_path: str) -> str:
    feed = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>News</title><link>{site.url_for("/")}</link>
<item><title>Gone</title><link>{site.url_for(gone_path)}</link></item>
</channel></rss>"""
    site.expect_request("/feed.xml").respond_with_data(feed, content_type="application/rss+xml")
    # A 404 whose reason phrase carries terminal escapes (colour, window title).
    site.expect_request(gone_path).respond_with_response(
        Response("gone", status=f"404 {ESC}[31mGone{ESC}]0;pwned\x07")
    )
    site.expect_request("/pixel.png").respond_with_data(b"GIF89a", content_type="image/gif")
    return site.url_for("/feed.xml")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_hostile_folder_and_feed_load_what_is_ordinary(tmp_path: Path, cli_env: dict, site):
    """The acceptance run: a folder with a 1 GiB PDF bomb, three ordinary releases, a maths
    title, a markup title and a symlink loop, plus a feed whose one link (full of rich
    markup) answers 404 with escapes in its reason. The ordinary documents load, the bomb
    is an error row, no traceback is printed and the process tree stays under 1.5 GiB;
    then report, query, history and export work on the result."""
    folder = tmp_path / "office"
    pixel = site.url_for("/pixel.png")
    _office(folder, pixel)
    feed = _serve_feed(site, "/news/[/bold]gone[red]x")
    warehouse = tmp_path / "w.duckdb"
    run = subprocess.Popen(
        [*pressroom_command(), "ingest", str(folder), feed, "-w", str(warehouse)],
        env=cli_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watch = PeakRss(run.pid)
    out, err = run.communicate(timeout=300)
    peak = watch.stop()
    print(f"peak RSS of the ingest process tree: {peak / 2**20:.0f} MiB")
    assert run.returncode == 1, out + err  # some documents failed; the run finished
    assert "Traceback" not in out + err
    assert ESC not in out + err
    assert peak < 1.5 * GIB
    assert "[/bold]gone[red]x" in err  # the errors table printed the URL as text

    rows = dict(
        wh.run_query(warehouse, "SELECT url, error FROM errors WHERE stage = 'extract'").rows
    )
    assert "PDF content inflates beyond 128 MB" in rows[(folder / "bomb.pdf").as_uri()]
    loops = wh.run_query(warehouse, "SELECT url, error FROM errors WHERE stage = 'discover'")
    assert {Path(u).name for u, _ in loops.rows} >= {"loop-a", "loop-b"}
    assert all("symlink loop" in e for _, e in loops.rows)
    titles = {
        Path(u).name: t for u, t in wh.run_query(warehouse, "SELECT url, title FROM releases").rows
    }
    assert {"kent.txt", "essex.txt", "dorset.txt", "maths.html", "markup.html"} <= set(titles)
    assert titles["maths.html"] == MATHS_TITLE
    (status,) = wh.run_query(warehouse, "SELECT status FROM runs").rows
    assert status == ("finished_with_errors",)

    # The report draws the maths title as text.
    report = runner.invoke(app, ["report", "-w", str(warehouse), "-o", str(tmp_path / "r.html")])
    assert report.exit_code == 0, report.output
    assert "undefinedcommand" in (tmp_path / "r.html").read_text()

    # The table, CSV and history show the sites' words as text, without escapes.
    sql = "SELECT split_part(url, '/news/', 2) AS tail, error FROM errors WHERE stage = 'fetch'"
    table = runner.invoke(app, ["query", sql, "-w", str(warehouse)], color=True)
    assert table.exit_code == 0, table.output
    assert "[/bold]gone[red]x" in table.output
    assert ESC not in table.output and "\x07" not in table.output
    # A [link=...] in a title is text, not a terminal hyperlink (OSC 8).
    link_sql = (
        "SELECT regexp_extract(title, '\\[link=.*') AS tail FROM releases "
        "WHERE title LIKE '%link=%'"
    )
    links = runner.invoke(app, ["query", link_sql, "-w", str(warehouse)], color=True)
    assert "[link=https://evil.example/]here[/link]" in links.output
    assert ESC not in links.output
    as_csv = runner.invoke(app, ["query", sql, "-w", str(warehouse), "-f", "csv"])
    assert as_csv.exit_code == 0 and ESC not in as_csv.stdout
    assert "Gone" in as_csv.stdout
    history = runner.invoke(
        app, ["history", (folder / "markup.html").as_uri(), "-w", str(warehouse)]
    )
    assert history.exit_code == 0, history.output
    assert "[/bold]<img" in history.stdout and "[click]" in history.stdout

    # The run summary artifact in Prefect: no image, no javascript: link.
    _assert_artifact_is_text(warehouse, pixel)
    assert not [r for r, _ in site.log if r.path == "/pixel.png"]


def _assert_artifact_is_text(warehouse: Path, pixel: str) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    ((flow_run_id,),) = wh.run_query(warehouse, "SELECT flow_run_id FROM runs").rows
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    (artifact,) = [a for a in artifacts if a.key == "pressroom-run-summary"]
    data = json.loads(artifact.data) if isinstance(artifact.data, str) else artifact.data
    cells = " ".join(str(v) for row in data for v in row.values())
    assert "Surrey Police" in cells
    assert "<img" not in cells and "&lt;img" in cells
    assert "\\[click\\]\\(javascript:" in cells and "](javascript:" not in cells
    assert f"]({pixel}" not in cells


def test_export_csv_neutralises_formulas(tmp_path: Path):
    folder = tmp_path / "office"
    folder.mkdir()
    formula = '=HYPERLINK("http://evil.example/x","click")'
    (folder / "f.txt").write_text(RELEASE.format(title=formula, force="Kent Police"))
    warehouse = tmp_path / "w.duckdb"
    assert runner.invoke(app, ["ingest", str(folder), "-w", str(warehouse)]).exit_code == 0

    def exported_title(*options: str) -> str:
        out = tmp_path / ("out" + "".join(options))
        result = runner.invoke(app, ["export", str(out), "-w", str(warehouse), *options])
        assert result.exit_code == 0, result.output
        with open(out / "releases.csv", newline="") as f:
            (row,) = list(csv.DictReader(f))
        return row["title"]

    assert exported_title("-f", "csv") == "'" + formula
    assert exported_title("-f", "csv", "--raw-formulas") == formula
    manifest = json.loads((tmp_path / "out-fcsv" / "manifest.json").read_text())
    assert manifest["formulas_neutralised"] is True
    # The query command's CSV keeps the value (it is a value, not a spreadsheet).
    as_csv = runner.invoke(
        app, ["query", "SELECT title FROM releases", "-w", str(warehouse), "-f", "csv"]
    )
    assert list(csv.reader(io.StringIO(as_csv.stdout)))[1] == [formula]


# ---------------------------------------------------------------------------------------
# Readers never fail writers: a runaway `pressroom query` holds the warehouse while an
# ingest wants to load.

RUNAWAY = "SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3"


def _has_open(pid: int, path: Path) -> bool:
    target = str(path.resolve())
    try:
        fds = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(fd) == target:
                return True
        except OSError:
            continue
    return False


def _ingest_meeting_a_runaway_query(
    tmp_path: Path, cli_env: dict, site, query_timeout: int, **env: str
) -> tuple[subprocess.CompletedProcess, str, Path]:
    """An ingest of one slow loopback page; while the page is being fetched (the run has
    started), a runaway `pressroom query --timeout N` opens the warehouse, so the ingest
    meets it at its load. The ingest's result, the query's stderr, the warehouse."""
    warehouse = tmp_path / "w.duckdb"
    seed = tmp_path / "seed"
    seed.mkdir()
    (seed / "kent.txt").write_text(RELEASE.format(title="Kent", force="Kent Police"))
    assert runner.invoke(app, ["ingest", str(seed), "-w", str(warehouse)]).exit_code == 0
    asked, answer = threading.Event(), threading.Event()

    def slow_page(request):
        asked.set()
        answer.wait(60)
        return Response(
            "<html><body><article><h1>Essex Police rated good</h1><p>"
            + RELEASE.format(title="", force="Essex Police")
            + "</p></article></body></html>",
            content_type="text/html",
        )

    site.expect_request("/release").respond_with_handler(slow_page)
    run = subprocess.Popen(
        [*pressroom_command(), "ingest", site.url_for("/release"), "-w", str(warehouse)],
        env={**cli_env, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    query = None
    try:
        assert asked.wait(120), "the ingest never fetched the page"
        query = subprocess.Popen(
            [*pressroom_command(), "query", RUNAWAY, "-w", str(warehouse)]
            + ["--timeout", str(query_timeout)],
            env=cli_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while not _has_open(query.pid, warehouse) and time.monotonic() < deadline:
            time.sleep(0.05)
        answer.set()
        out, err = run.communicate(timeout=240)
        _, query_err = query.communicate(timeout=120)
    finally:
        answer.set()
        for process in (run, query):
            if process is not None and process.poll() is None:
                process.kill()
    done = subprocess.CompletedProcess(run.args, run.returncode, out, err)
    return done, query_err, warehouse


def _statuses(warehouse: Path) -> list[str]:
    return [
        r[0] for r in wh.run_query(warehouse, "SELECT status FROM runs ORDER BY started_at").rows
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_runaway_query_is_stopped_and_the_run_loads(tmp_path: Path, cli_env: dict, site):
    done, query_err, warehouse = _ingest_meeting_a_runaway_query(
        tmp_path, cli_env, site, query_timeout=4
    )
    assert "query stopped after 4 s" in query_err and "Traceback" not in query_err
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert _statuses(warehouse) == ["finished", "finished"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_run_kept_from_its_load_ends_aborted_in_one_line(tmp_path: Path, cli_env: dict, site):
    """The writers' wait (here 4 s) is shorter than the query's limit (12 s): the run gives
    up, says so in one line, and is recorded aborted (within the 10 s it waits for that),
    not left running; the next run and every reader work on the result."""
    done, query_err, warehouse = _ingest_meeting_a_runaway_query(
        tmp_path, cli_env, site, query_timeout=12, PRESSROOM_WRITER_WAIT="4"
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output
    assert "a query held the warehouse for 4 s; nothing lost" in output
    assert "run again" in output
    assert _statuses(warehouse) == ["finished", "aborted"]
    assert "query stopped after 12 s" in query_err

    again = runner.invoke(app, ["ingest", site.url_for("/release"), "-w", str(warehouse)])
    assert again.exit_code == 0, again.output
    assert _statuses(warehouse) == ["finished", "aborted", "finished"]
    for command in (
        ["report", "-o", str(tmp_path / "r.html")],
        ["query", "SELECT url, status FROM documents"],
        ["history", site.url_for("/release")],
    ):
        result = runner.invoke(app, [*command, "-w", str(warehouse)])
        assert result.exit_code == 0, (command, result.output)


# ---------------------------------------------------------------------------------------
# The low ones: credentials, output paths, sitemap cycles, feed limits, private addresses.

PAGE = (
    "<html><body><article><h1>{force} rated good</h1><p>"
    "HM Inspectorate of Constabulary has published its report on {force} today.</p><p>"
    "{force} has been rated good at keeping people safe.</p></article></body></html>"
)


def _rss(*links: str, padding: str = "") -> str:
    items = "".join(f"<item><title>x</title><link>{link}</link></item>" for link in links)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>News{padding}</title>'
        f"<link>http://x/</link>{items}</channel></rss>"
    )


def _everything(warehouse: Path) -> str:
    """Every text the warehouse holds in its views a reader sees."""
    out = []
    for view in ("runs", "fetches", "errors", "documents", "releases"):
        result = wh.run_query(warehouse, f"SELECT * FROM {view}")
        out += [str(v) for row in result.rows for v in row]
    return " ".join(out)


def test_credentials_in_urls_go_to_their_host_only_and_are_never_stored(tmp_path: Path):
    from crawler.credentials import forget_all

    sites = [running_site(), running_site()]
    site, other = (next(s) for s in sites)
    try:
        port, other_port = site.port, other.port
        feed = _rss(
            f"http://user:s3cret@127.0.0.1:{port}/kent",
            f"http://127.0.0.1:{port}/moved",
        )
        site.expect_request("/feed.xml").respond_with_data(feed, content_type="application/rss+xml")
        site.expect_request("/kent").respond_with_data(
            PAGE.format(force="Kent Police"), content_type="text/html"
        )
        # A redirect to another host (allowed): the credentials stay behind.
        site.expect_request("/moved").respond_with_response(
            Response(status=302, headers={"Location": f"http://127.0.0.1:{other_port}/essex"})
        )
        other.expect_request("/essex").respond_with_data(
            PAGE.format(force="Essex Police"), content_type="text/html"
        )
        config = tmp_path / "sources.toml"
        config.write_text(
            "[[source]]\n"
            f'url = "http://user:s3cret@127.0.0.1:{port}/feed.xml"\n'
            f'allow_hosts = ["127.0.0.1:{other_port}"]\n'
        )
        warehouse = tmp_path / "w.duckdb"
        result = runner.invoke(app, ["ingest", "--config", str(config), "-w", str(warehouse)])
        assert result.exit_code == 0, result.output
        assert "s3cret" not in result.output

        def auth(server, path: str) -> list[str | None]:
            return [r.headers.get("Authorization") for r, _ in server.log if r.path == path]

        basic = "Basic dXNlcjpzM2NyZXQ="  # user:s3cret
        assert auth(site, "/robots.txt") == [None]
        assert auth(site, "/feed.xml") == [basic]
        assert auth(site, "/kent") == [basic]
        assert auth(site, "/moved") == [basic]
        assert auth(other, "/essex") == [None]
        assert auth(other, "/robots.txt") == [None]
        stored = _everything(warehouse)
        assert "s3cret" not in stored and "user:" not in stored
        urls = {u for (u,) in wh.run_query(warehouse, "SELECT url FROM documents").rows}
        assert urls == {f"http://127.0.0.1:{port}/kent", f"http://127.0.0.1:{other_port}/essex"}
    finally:
        forget_all()
        for s in sites:
            s.close()


def test_report_out_paths_are_clean_errors(tmp_path: Path):
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "kent.txt").write_text(RELEASE.format(title="Kent", force="Kent Police"))
    warehouse = tmp_path / "w.duckdb"
    assert runner.invoke(app, ["ingest", str(folder), "-w", str(warehouse)]).exit_code == 0
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    for out, says in ((folder, "is a folder"), (a_file / "r.html", "is a file, not a folder")):
        result = runner.invoke(app, ["report", "-w", str(warehouse), "-o", str(out)])
        assert result.exit_code == 1, result.output
        assert says in " ".join(result.output.split()) and "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_sitemap_cycle_is_recorded(tmp_path: Path, site):
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url_for('/sitemap.xml')}</loc></sitemap></sitemapindex>"
    )
    site.expect_request("/sitemap.xml").respond_with_data(index, content_type="application/xml")
    warehouse = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", site.url_for("/sitemap.xml"), "-w", str(warehouse)])
    assert result.exit_code == 1, result.output
    errors = wh.run_query(warehouse, "SELECT stage, error FROM errors").rows
    assert [s for s, _ in errors] == ["discover"]
    assert "sitemap cycle" in errors[0][1]


def test_feeds_have_a_size_and_a_time_limit(tmp_path: Path, site, monkeypatch):
    from crawler import feeds

    page = site.url_for("/kent")
    site.expect_request("/kent").respond_with_data(
        PAGE.format(force="Kent Police"), content_type="text/html"
    )
    site.expect_request("/big.xml").respond_with_data(
        _rss(page, padding="x" * (9 * 1024 * 1024)), content_type="application/rss+xml"
    )
    # Well under the size limit, but thousands of entries: feedparser takes seconds.
    many = [f"{page}?item={i}" for i in range(5000)]
    site.expect_request("/feed.xml").respond_with_data(
        _rss(*many), content_type="application/rss+xml"
    )
    warehouse = tmp_path / "w.duckdb"
    big = runner.invoke(
        app, ["ingest", "--kind", "feed", site.url_for("/big.xml"), "-w", str(warehouse)]
    )
    assert big.exit_code == 1, big.output
    ((error,),) = wh.run_query(warehouse, "SELECT error FROM errors").rows
    assert "more than the 8 MiB a feed may be" in error

    monkeypatch.setattr(feeds, "FEED_TIME_LIMIT", 0.2)
    slow = runner.invoke(app, ["ingest", site.url_for("/feed.xml"), "-w", str(warehouse)])
    assert slow.exit_code == 1, slow.output
    errors = [e for (e,) in wh.run_query(warehouse, "SELECT error FROM errors").rows]
    assert any("took longer than 0.2 s to parse" in e for e in errors)


def test_block_private_addresses_refuses_loopback(tmp_path: Path, site):
    site.expect_request("/kent").respond_with_data(
        PAGE.format(force="Kent Police"), content_type="text/html"
    )
    config = tmp_path / "sources.toml"
    url = site.url_for("/kent")
    config.write_text(f'[crawler]\nblock_private_addresses = true\n\n[[source]]\nurl = "{url}"\n')
    warehouse = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", "--config", str(config), "-w", str(warehouse)])
    assert result.exit_code == 1, result.output
    ((error,),) = wh.run_query(warehouse, "SELECT error FROM errors").rows
    assert "resolves to 127.0.0.1, a loopback address" in error
    assert site.log == []  # not even robots.txt was asked for
