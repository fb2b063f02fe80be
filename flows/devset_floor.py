"""The devset ratchet: the whole-devset figures reached so far, per field, which the tests
hold extraction to. A floor only ever goes up: `python -m flows.devset_floor DIR --raise`
measures and writes max(old floor, new figure) for every field."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from flows.evaluate import MODES, FieldScore, evaluate_dir

FLOOR_FILE = Path(__file__).resolve().parent / "devset_floor.json"


def read_floors(path: Path = FLOOR_FILE) -> dict[str, float]:
    return json.loads(path.read_text("utf-8"))["floors"]


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


def raise_floors(devset: Path, path: Path = FLOOR_FILE) -> dict[str, float]:
    """Measure the devset (text and renditions) and raise each floor to the figure
    reached, rounded down to 3 places; never lower one."""
    old = read_floors(path) if path.exists() else {}
    scores = evaluate_dir(devset, renditions=True)
    new = dict(old)
    for name, value in lowest_by_field(scores).items():  # type: ignore[arg-type]
        new[name] = max(old.get(name, 0.0), math.floor(value * 1000) / 1000)
    payload = {
        "about": "Whole-devset figures reached so far (worst of " + ", ".join(MODES) + "); "
        "raised by `python -m flows.devset_floor ../shared/devset --raise`, never lowered.",
        "floors": dict(sorted(new.items())),
    }
    path.write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    return new


if __name__ == "__main__":  # pragma: no cover - developer convenience
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    devset = Path(args[0]) if args else Path("../shared/devset")
    if "--raise" in sys.argv:
        for name, value in raise_floors(devset).items():
            print(f"{name:40} {value:.3f}")
    else:
        scores = evaluate_dir(devset, renditions=True)
        print("\n".join(below_floor(scores, read_floors())) or "every floor held")  # type: ignore[arg-type]
