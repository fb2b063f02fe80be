"""Every ```sql block in README.md and docs/questions.md runs, so the docs cannot rot.

Each block runs through `wh.run_query` (what `pressroom query` does) against the warehouse
`pressroom demo` builds, and against a synthetic warehouse with judgements across forces
and PEEL years, a correction and a withdrawal, where every question has an answer.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.console import Console

import warehouse as wh

from .synthetic_warehouse import build

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "docs" / "questions.md"
README = ROOT / "README.md"

_BLOCK = re.compile(r"^```sql[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)


@dataclass(frozen=True)
class Example:
    question: str
    sql: str
    source: str


def _question_before(text: str, start: int) -> str:
    for line in reversed(text[:start].splitlines()):
        if line.strip():
            return line.strip().strip("*#").strip()
    return ""


def examples_in(path: Path) -> list[Example]:
    if not path.exists():
        return []
    text = path.read_text("utf-8")
    return [
        Example(_question_before(text, m.start()), m.group(1).strip(), path.name)
        for m in _BLOCK.finditer(text)
    ]


def all_examples() -> list[Example]:
    seen: dict[str, Example] = {}
    for example in examples_in(README) + examples_in(QUESTIONS):
        key = " ".join(example.sql.split())
        seen.setdefault(key, example)
    return list(seen.values())


EXAMPLES = all_examples()
IN_QUESTIONS = {" ".join(e.sql.split()) for e in examples_in(QUESTIONS)}


def _id(example: Example) -> str:
    words = re.sub(r"[^a-z0-9 ]", "", example.question.lower()).split()
    return "-".join(words[:8]) or "unnamed"


# Questions the demo answers even with few judgements: the demo corrects one release.
ANSWERED_BY_ANY_DEMO = ("What changed in each corrected release", "What did each run do")
# Questions the demo answers once the release-field extractor reads its verdicts: the
# Staffordshire release says the force "does not consistently identify repeat and vulnerable
# ASB victims".
ANSWERED_WITH_VERDICTS = (
    "still did not identify repeat and vulnerable victims consistently",
    "Every verdict, with the sentence",
)


@pytest.fixture(scope="session")
def demo_warehouse(prefect_harness, tmp_path_factory) -> Path:
    from flows.demo import run_demo

    folder = tmp_path_factory.mktemp("readme-demo")
    assert run_demo(folder, Console(file=io.StringIO())) == 0
    return folder / "pressroom.duckdb"


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("readme-synthetic") / "pressroom.duckdb")


def test_the_questions_are_there():
    examples = examples_in(QUESTIONS)
    assert len(examples) >= 8
    for example in examples:
        assert example.question, f"a ```sql block in {QUESTIONS.name} without a question"
    wanted = ("releases_as_of", "changed_fields", "evidence", "withdrawn", "PIVOT")
    for word in wanted:
        assert any(word in e.sql for e in examples), word


@pytest.mark.parametrize("example", EXAMPLES, ids=[_id(e) for e in EXAMPLES])
def test_runs_against_the_demo_warehouse(example: Example, demo_warehouse: Path):
    result = wh.run_query(demo_warehouse, example.sql)
    assert result.columns, f"{example.source}: {example.question} returned no columns"
    if example.question.startswith(ANSWERED_BY_ANY_DEMO):
        assert result.rows, example.question
    has_verdicts = wh.run_query(demo_warehouse, "SELECT count(*) FROM judgements").rows[0][0]
    if has_verdicts and any(q in example.question for q in ANSWERED_WITH_VERDICTS):
        assert result.rows, example.question


@pytest.mark.parametrize("example", EXAMPLES, ids=[_id(e) for e in EXAMPLES])
def test_answers_on_a_realistic_warehouse(example: Example, synthetic: Path):
    result = wh.run_query(synthetic, example.sql)
    if " ".join(example.sql.split()) in IN_QUESTIONS:
        assert result.rows, f"no answer to: {example.question}"


def test_the_answers_are_right(synthetic: Path):
    by_question = {e.question: e.sql for e in examples_in(QUESTIONS)}

    def answer(prefix: str) -> list[tuple]:
        (sql,) = [s for q, s in by_question.items() if q.startswith(prefix)]
        return wh.run_query(synthetic, sql).rows

    fell = answer("Which forces' PEEL effectiveness grade fell")
    forces = {row[0] for row in fell}
    assert {"West Mercia Police", "Kent Police"} <= forces
    assert "Durham Constabulary" not in forces  # it rose
    assert ("West Mercia Police", "good", "requires improvement") in fell

    asb = answer("Which forces, at their latest ASB inspection")
    assert "Staffordshire Police" in {row[0] for row in asb}

    assert answer("Which verdicts did a correction change") == [
        (
            "https://press.example.org/news/2017/kent-police-peel-2017",
            2,
            "Kent Police",
            "peel_efficiency",
            "good",
            "requires improvement",
        )
    ]
    withdrawn = answer("Which documents were withdrawn")
    assert [row[0] for row in withdrawn] == [
        "https://press.example.org/news/2015/cumbria-constabulary-peel-2015"
    ]
    since = answer("What is new, corrected or withdrawn since")
    assert [row[-1] for row in since] == ["withdrawn"]
    # On 1 June 2024 the Cumbria release was still there, and Kent's was corrected.
    june = {row[0]: row[1] for row in answer("What did the warehouse hold on")}
    assert "https://press.example.org/news/2015/cumbria-constabulary-peel-2015" in june
    assert june["https://press.example.org/news/2017/kent-police-peel-2017"] == 2
