"""`pressroom demo` as a user runs it: a subprocess in an empty folder, with Prefect's own
temporary server, checked for a clean exit and the warehouse it leaves behind."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from tests.conftest import pressroom_command
from warehouse.connection import open_duckdb


def test_demo_in_an_empty_folder(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PRESSROOM_WAREHOUSE"] = ""  # the demo writes ./pressroom-demo/ regardless
    done = subprocess.run(
        [*pressroom_command(), "demo"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Traceback" not in output
    assert " ERROR " not in output
    assert "history of" in done.stdout
    # Its files stay in a folder of their own (in a checkout, one git ignores).
    assert [p.name for p in tmp_path.iterdir()] == ["pressroom-demo"]
    # A 2012 release whose text states no date does not pass for one of today.
    assert "undated (first seen " in done.stdout
    # Every command it suggests works as printed, from where it was run.
    tries = done.stdout.split("Try:\n", 1)[1].splitlines()
    assert len(tries) == 3
    for line in tries:
        command = shlex.split(line)
        assert command[0] == pressroom_command()[0] or command[0] == "pressroom"
        tried = subprocess.run(
            [*pressroom_command(), *command[1:]],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert tried.returncode == 0, line + tried.stdout + tried.stderr
    with open_duckdb(tmp_path / "pressroom-demo" / "pressroom.duckdb", read_only=True) as con:
        n_versions = con.execute("SELECT count(*) FROM release_versions").fetchone()[0]
        n_releases = con.execute("SELECT count(*) FROM releases").fetchone()[0]
        changed = con.execute(
            "SELECT changed_fields FROM release_versions WHERE version = 2"
        ).fetchall()
    assert n_versions > n_releases
    # Exactly the corrected release got a second version; the restyled page did not.
    assert len(changed) == 1 and "body_text" in changed[0][0]
