"""The devset ratchet: the figures reached so far, per field and per group of releases,
which the tests hold extraction to. A floor only ever goes up:
`python -m analysis.devset_floor DIR --raise` measures and writes max(old floor, new figure)
for every field of every group.

Groups (GROUPS): "first set" is the devset's top folder (the 112 releases the rules were
built on), "police" every police release of the devset, subfolders included (police2/).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from .evaluate import MODES, FieldScore, evaluate_dir, merge_scores

FLOOR_FILE = Path(__file__).resolve().parent / "devset_floor.json"

# Group name -> the devset subfolders it scores (police releases only); "" is the top folder.
GROUPS: dict[str, tuple[str, ...] | None] = {"first set": ("",), "police": None}


def read_floors(group: str = "first set", path: Path = FLOOR_FILE) -> dict[str, float]:
    return json.loads(path.read_text("utf-8"))["floors"].get(group, {})


def lowest_by_field(scores: list[FieldScore]) -> dict[str, float]:
    """Each field's worst figure over the modes scored (text, html, pdf)."""
    out: dict[str, float] = {}
    for score in scores:
        value = score.score
        if value is None:
            continue
        out[score.field] = min(out.get(score.field, 1.0), value)
    return out


def below_floor(scores: list[FieldScore], floors: dict[str, float]) -> list[str]:
    """Fields (and modes) whose figure fell below the floor reached so far."""
    below = []
    for score in scores:
        floor = floors.get(score.field)
        if floor is not None and score.score is not None and score.score < floor - 1e-9:
            below.append(f"{score.field} ({score.mode}) {score.score:.3f} < floor {floor:.3f}")
    return below


def group_scores(devset: Path) -> dict[str, list[FieldScore]]:
    """Each group's scores (text and renditions), every document scored once: the top
    folder and the subfolders apart, then merged."""
    top = evaluate_dir(devset, renditions=True, folders=("",))
    rest = evaluate_dir(devset, renditions=True, only=None, folders=_subfolders(devset))
    return {"first set": top, "police": merge_scores(top, rest)}  # type: ignore[arg-type]


def _subfolders(devset: Path) -> tuple[str, ...]:
    return tuple(sorted(p.name for p in Path(devset).iterdir() if p.is_dir()))


def raise_floors(devset: Path, path: Path = FLOOR_FILE) -> dict[str, dict[str, float]]:
    """Measure the devset (text and renditions) and raise each group's floors to the
    figures reached, rounded down to 3 places; never lower one."""
    old = json.loads(path.read_text("utf-8"))["floors"] if path.exists() else {}
    new: dict[str, dict[str, float]] = {}
    for group, scores in group_scores(devset).items():
        floors = dict(old.get(group, {}))
        for name, value in lowest_by_field(scores).items():
            floors[name] = max(floors.get(name, 0.0), math.floor(value * 1000) / 1000)
        new[group] = dict(sorted(floors.items()))
    for group, floors in old.items():  # a group no longer measured keeps its floors
        new.setdefault(group, floors)
    payload = {
        "about": "Devset figures reached so far (worst of " + ", ".join(MODES) + "), per "
        "group: 'first set' the top folder, 'police' every police release (police2/ "
        "included); raised by `python -m analysis.devset_floor ../shared/devset --raise`, "
        "never lowered.",
        "floors": new,
    }
    path.write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    return new


if __name__ == "__main__":  # pragma: no cover - developer convenience
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    devset = Path(args[0]) if args else Path("../shared/devset")
    if "--raise" in sys.argv:
        for group, floors in raise_floors(devset).items():
            for name, value in floors.items():
                print(f"{group:10} {name:40} {value:.3f}")
    else:
        held = True
        for group, scores in group_scores(devset).items():
            for line in below_floor(scores, read_floors(group)):
                held = False
                print(f"{group}: {line}")
        print("every floor held" if held else "")
