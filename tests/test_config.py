"""sources.toml and the ingest command's --config / --kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from crawler.options import FetchOptions
from crawler.sources import SourceError
from flows.cli import app
from flows.config import ConfigError, load_config, resolve_sources
from tests.web_support import running_site

runner = CliRunner()


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_full_config(tmp_path: Path):
    (tmp_path / "office").mkdir()
    path = _write(
        tmp_path,
        """
[crawler]
rate = 2
timeout = 5
start_delay = 0.5
max_delay = 10
user_agent = "pressroom (ops@example.org)"

[[source]]
name = "news"
url = "https://www.example.org/news/feed/"
kind = "feed"
include = ["*/news/*"]
exclude = "*/tag/*"
allow_hosts = ["assets.example.org"]

[[source]]
url = "office"
""",
    )
    config = load_config(path)
    news, office = config.sources
    assert (news.name, news.kind, news.crawl_kind) == ("news", "url", "feed")
    assert news.id == "https://www.example.org/news/feed/"  # same identity as on the CLI
    assert news.include == ("*/news/*",) and news.exclude == ("*/tag/*",)
    assert news.allow_hosts == ("assets.example.org",)
    assert office.kind == "path" and office.location == str(tmp_path / "office")
    options = config.options()
    assert (options.rate, options.timeout) == (2.0, 5.0)
    assert (options.start_delay, options.max_delay) == (0.5, 10.0)
    assert FetchOptions().rate is None  # no cap unless one is set: the pace adapts
    assert options.user_agent == "pressroom (ops@example.org)"


@pytest.mark.parametrize(
    "text, says",
    [
        ("[[source]]\nname = 'x'\n", "needs a url"),
        ("[[source]]\nurl = 'https://a/'\nkind = 'blog'\n", "kind must be one of"),
        ("[[source]]\nurl = 'https://a/'\nincldue = ['*']\n", "unknown key(s) incldue"),
        ("[[source]]\nurl = 'https://a/'\ninclude = [1]\n", "list of strings"),
        ("[[source]]\nurl = 'ftp://a/'\n", "unsupported source scheme"),
        (
            "[[source]]\nurl='https://a/'\nname='n'\n[[source]]\nurl='https://b/'\nname='n'\n",
            "two sources have this name",
        ),
        ("[crawler]\nrate = 'fast'\n[[source]]\nurl = 'https://a/'\n", "rate must be a float"),
        ("[crawler]\nspeed = 1\n[[source]]\nurl = 'https://a/'\n", "unknown [crawler] key"),
        ("[crawler]\ntimeout = 0\n[[source]]\nurl = 'https://a/'\n", "more than 0"),
        ("[sources]\nurl = 'https://a/'\n", "unknown table"),
        ("", "lists no sources"),
        ("[[source]\n", "not valid TOML"),
    ],
)
def test_config_mistakes_are_named(tmp_path: Path, text: str, says: str):
    with pytest.raises(ConfigError, match=None) as info:
        load_config(_write(tmp_path, text))
    assert says in str(info.value)


def test_kind_applies_to_urls_only(tmp_path: Path):
    [source], _ = resolve_sources(["https://a/feed"], "feed")
    assert source.crawl_kind == "feed"
    with pytest.raises(SourceError, match="URLs only"):
        resolve_sources([str(tmp_path)], "listing")
    with pytest.raises(SourceError, match="no sources"):
        resolve_sources([], None, None)


def test_cli_usage_errors_exit_2(tmp_path: Path):
    none = runner.invoke(app, ["ingest", "-w", str(tmp_path / "w.duckdb")])
    assert none.exit_code == 2 and "no sources" in none.output
    bad_kind = runner.invoke(app, ["ingest", "--kind", "blog", "https://a/"])
    assert bad_kind.exit_code == 2
    missing = runner.invoke(app, ["ingest", "--config", str(tmp_path / "nope.toml")])
    assert missing.exit_code == 2 and "no such config file" in missing.output
    broken = _write(tmp_path, "[[source]]\nkind = 'feed'\n")
    bad = runner.invoke(app, ["ingest", "--config", str(broken)])
    assert bad.exit_code == 2 and "needs a url" in bad.output
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.usefixtures("prefect_harness")
def test_cli_ingest_with_a_config(tmp_path: Path):
    for site in running_site():
        site.expect_request("/news/").respond_with_data(
            "<html><body><p>All our news, with a long introduction that is no link at all "
            "and goes on for a while.</p><a href='/news/1.txt'>One</a>"
            "<a href='/news/skip.txt'>Skipped</a></body></html>",
            content_type="text/html",
        )
        site.expect_request("/news/1.txt").respond_with_data(
            "Kent Police has made good progress, HMIC said.", content_type="text/plain"
        )
        path = _write(
            tmp_path,
            f"""
[crawler]
rate = 1000
backoff = 0.01

[[source]]
name = "news"
url = "{site.url_for("/news/")}"
kind = "listing"
exclude = ["*skip*"]
""",
        )
        warehouse = tmp_path / "w.duckdb"
        result = runner.invoke(app, ["ingest", "--config", str(path), "-w", str(warehouse)])
        assert result.exit_code == 0, result.output
        assert "1 new" in result.output
        asked = [r.path for r, _ in site.log]
        assert "/news/skip.txt" not in asked and "/news/1.txt" in asked


@pytest.mark.usefixtures("prefect_harness")
def test_cli_ingest_shows_the_errors_of_a_run(tmp_path: Path):
    """A run with a failure ends with exit code 1 and a table of its errors, not a
    traceback."""
    office = tmp_path / "office"
    office.mkdir()
    (office / "good.txt").write_text("Kent Police has made good progress, HMIC said.\n")
    (office / "empty.txt").write_bytes(b"")
    warehouse = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["ingest", str(office), "-w", str(warehouse)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code == 1, result.output
    assert "1 new" in result.output and "1 failed" in result.output
    assert "empty file (0 bytes)" in result.output
