"""The documentation's pages (README.md and docs/*.md) and the examples in them, for the
tests that run those examples (test_readme_sql, test_docs_examples) and the tests that
check a fact a page states."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]

_FENCE = re.compile(r"^```([\w-]*)[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
SHELL = ("bash", "sh", "console", "shell")


def name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def read(page: Path) -> str:
    return page.read_text("utf-8")


def pages_with(words: str) -> list[Path]:
    return [page for page in PAGES if words in read(page)]


def page_with(words: str) -> str:
    """The text of the one page that says `words` (a test checking a fact finds it
    wherever the documentation keeps it)."""
    found = pages_with(words)
    assert len(found) == 1, f"{words!r} is on {len(found)} pages: {[name(p) for p in found]}"
    return read(found[0])


@dataclass(frozen=True)
class Fence:
    lang: str
    body: str
    start: int  # offset of the opening ``` in the page


def fences(text: str) -> list[Fence]:
    return [Fence(m.group(1), m.group(2), m.start()) for m in _FENCE.finditer(text)]


def sql_after(question: str) -> str:
    """The ```sql block that follows `question`, on whichever page asks it."""
    text = page_with(question)
    at = text.index(question)
    return next(f.body for f in fences(text) if f.lang == "sql" and f.start > at)


def section(text: str, heading: str) -> tuple[int, int]:
    """The offsets of a `## heading` section, up to the next heading of its level."""
    start = text.find(heading + "\n")
    if start < 0:
        return (0, 0)
    level = heading.split(" ", 1)[0]
    end = text.find(f"\n{level} ", start + len(heading))
    return start, end if end >= 0 else len(text)


def _indented_blocks(text: str) -> list[str]:
    """Code blocks written by indenting four spaces, outside ``` fences and lists."""
    blocks: list[str] = []
    lines = _FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text).splitlines()
    previous, current = "", []
    for line in lines + [""]:
        if line.startswith("    ") and (current or not previous.strip()):
            current.append(line[4:])
            continue
        if current:
            blocks.append("\n".join(current))
            current = []
        if line.strip():
            previous = line
        elif previous and not re.match(r"\s*([*-]|\d+\.)\s", previous):
            previous = ""
    return blocks


_PROGRAMS = {"pressroom", "prefect", "pip", "python", "python3", "export", "duckdb"}


def shell_blocks(text: str) -> list[str]:
    """The ```bash blocks, and the indented blocks that are commands (not output)."""
    indented = [b for b in _indented_blocks(text) if Path(b.split()[0]).name in _PROGRAMS]
    return [f.body for f in fences(text) if f.lang in SHELL] + indented


def shell_commands(block: str) -> list[list[str]]:
    """Each command of a shell block as its words (comments dropped; a quoted argument may
    run over several lines; `a && b` and `a &` are two commands)."""
    commands: list[list[str]] = []
    pending = ""
    for line in block.splitlines():
        pending += line + "\n"
        lexer = shlex.shlex(pending, posix=True, punctuation_chars=";&|")
        lexer.whitespace_split = True
        try:
            words = list(lexer)
        except ValueError:  # an open quote: the command goes on
            continue
        pending = ""
        command: list[str] = []
        for word in words + [";"]:
            if word in (";", "&", "&&", "|", "||"):
                if command:
                    commands.append(command)
                command = []
            else:
                command.append(word)
    assert not pending, f"unclosed quote in: {pending}"
    return commands


def pressroom_commands(text: str) -> list[list[str]]:
    """The arguments of every `pressroom ...` command in the page's shell examples."""
    found = []
    for block in shell_blocks(text):
        for words in shell_commands(block):
            if words and Path(words[0]).name == "pressroom":
                found.append(words[1:])
    return found
