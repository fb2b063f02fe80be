"""Score release extraction against labelled documents (the devset layout: NNN.txt with a
first line `URL: ...`, a blank line, then the text; NNN.json with the labels).

    evaluate_dir(path)                   -> list[FieldScore]   (text column only)
    evaluate_dir(path, renditions=True)  -> also HTML and PDF renditions of each text
    mistakes(path)                       -> per-document differences, for iterating
    gaps(path)                           -> per-document lines the rules did not read
    print_report(scores)                 -> a rich table
    run_evaluate(path, renditions)       -> exit code (for `pressroom evaluate`)
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extractors.records import Document, Release

MODES = ("text", "html", "pdf")


# Acceptance targets (field -> minimum), checked by the tests and shown in the report
# (issue 12's table: what a reader needs from releases nobody tuned the rules to).
TARGETS = {
    "title": 0.98,
    "primary_force": 0.95,
    "judgements": 0.90,
    "people": 0.90,
    "reports_referenced": 0.85,
    "reference (where labelled)": 0.95,
    "published_date (where labelled)": 0.97,
}
# Fire releases (issue 23), scored in their own table, their fields prefixed FIRE.
FIRE_TARGETS = {
    "fire: judgements": 0.85,
    "fire: primary_service": 0.90,
    "fire: people": 0.90,
}
# Minimum precision of list fields, beside their F1 target.
PRECISION_TARGETS = {"fire: judgements": 0.93}
FIRE = "fire: "


def _target(field_name: str) -> float | None:
    return TARGETS.get(field_name, FIRE_TARGETS.get(field_name))


def document_from_text(text: str) -> Document:
    """A plain-text Document, read as extractors.text reads a text file (the same
    paragraphs, whatever the line width: see extractors.text.text_blocks)."""
    from extractors.text import parse_text

    return parse_text(text.encode("utf-8"), content_type="text/plain; charset=utf-8")


# --- labelled documents -----------------------------------------------------------------


@dataclass(frozen=True)
class Labelled:
    name: str
    url: str
    text: str
    labels: dict
    folder: str = ""  # the subfolder it was read from ("" for the top folder)

    @property
    def sector(self) -> str:
        """Whose release it is labelled for: "police" unless the labels say (fire/ carries
        `"sector": "fire"` and names a `service` where police labels name a `force`)."""
        return self.labels.get("sector") or "police"


# The sectors `pressroom evaluate` scores; releases labelled for any other sector are
# counted and skipped (their labels name a `service`, not a `force`). A sector is scored by
# adding it here, with how its labels are read (_label_sets) and its targets.
SCORED_SECTORS = ("police", "fire")


def read_labelled(path: Path, *, subfolders: bool = False) -> list[Labelled]:
    """NNN.txt + NNN.json pairs of a directory (a `URL:` first line is optional), and with
    `subfolders` those of its immediate subfolders too (the devset's police2/, fire/)."""
    path = Path(path)
    out = _read_folder(path, "")
    if subfolders and path.is_dir():
        for sub in sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".")):
            out.extend(_read_folder(sub, sub.name))
    return out


def _read_folder(path: Path, folder: str) -> list[Labelled]:
    out: list[Labelled] = []
    for txt in sorted(Path(path).glob("*.txt")):
        label_file = txt.with_suffix(".json")
        if not label_file.exists():
            continue
        raw = txt.read_text("utf-8", errors="replace")
        url = ""
        first, _, rest = raw.partition("\n")
        if first.startswith("URL:"):
            url = first[4:].strip()
            raw = rest.lstrip("\n")
        labels = json.loads(label_file.read_text("utf-8"))
        out.append(Labelled(txt.stem, url or labels.get("url", ""), raw, labels, folder))
    return out


# --- normalisation ----------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'"})
_DASH = re.compile(r"[\u2010-\u2015\u2212-]")


def norm(value: object) -> str:
    """Comparison form: NFC, casefolded, straight quotes, one kind of dash, spaces
    collapsed (and spaces around dashes and before punctuation dropped)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).translate(_QUOTES)
    text = _DASH.sub("-", text)
    text = re.sub(r"\s*-\s*", "-", text)
    text = re.sub(r"\s+([:;,.!?])", r"\1", text)
    return " ".join(text.casefold().split()).strip(" .")


def _single(release: Release, name: str) -> str | None:
    value = getattr(release, name)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _label_single(labels: dict, name: str) -> str | None:
    return labels.get(name)


# The contract's judgement areas (../shared/DESIGN.md): judgements are scored on these.
# Finer areas that extend one ("engage_monitoring_previous", an Engage entry the release
# recalls while announcing the removal) are extra information, not scored. A grade recalled
# from an earlier inspection is in its contract area (restated) and is scored: the text
# states it.
CONTRACT_AREAS = frozenset(
    {
        "asb_progress",
        "asb_repeat_vulnerable_identification",
        "asb_victim_satisfaction_vs_national",
        "peel_effectiveness",
        "peel_efficiency",
        "peel_legitimacy",
        "peel_leadership",
        "peel_preventing_crime",
        "peel_treatment_of_the_public",
        "peel_protecting_vulnerable_people",
        "peel_managing_offenders",
        "peel_developing_positive_workplace",
        "peel_good_use_of_resources",
        "peel_responding_to_the_public",
        "peel_investigating_crime",
        "peel_recording_crime",
        "peel_disrupting_serious_organised_crime",
        "peel_strategic_planning_value_for_money",
        "peel_leadership_and_force_management",
        "crime_data_integrity",
        "engage_monitoring",
    }
)


def _predicted_sets(release: Release) -> dict[str, set]:
    return {
        "forces_mentioned": {norm(f.force) for f in release.forces},
        "people": {(norm(p.name), norm(p.role)) for p in release.people},
        "people (by name)": {norm(p.name) for p in release.people},
        "reports_referenced": {norm(r) for r in release.reports},
        "phones": {re.sub(r"\D", "", p) for p in release.phones},
        "judgements": {
            (norm(j.force), j.area, j.value)
            for j in release.judgements
            if j.area in CONTRACT_AREAS and not j.superseded and j.sector != "fire"
        },
        # A fire release's bodies and verdicts: (service, area, value) in the frs_* areas.
        "services_mentioned": {norm(s.service) for s in release.services if s.sector == "fire"},
        "fire judgements": {
            (norm(j.service), j.area, j.value)
            for j in release.judgements
            if j.sector == "fire" and j.area.startswith("frs_")
        },
    }


def _label_sets(labels: dict) -> dict[str, set]:
    forces = labels.get("forces_mentioned")
    if forces is None:  # the seeds' layout
        forces = list(labels.get("forces_mentioned_in_body", [])) + list(
            labels.get("forces_mentioned_in_notes", [])
        )
    people = labels.get("people") or []
    return {
        "forces_mentioned": {norm(f) for f in forces},
        "people": {(norm(p["name"]), norm(p["role"])) for p in people},
        "people (by name)": {norm(p["name"]) for p in people},
        "reports_referenced": {norm(r) for r in labels.get("reports_referenced") or []},
        "phones": {re.sub(r"\D", "", p) for p in labels.get("phones") or []},
        "judgements": {
            (norm(j["force"]), j["area"], j["value"])
            for j in labels.get("judgements") or []
            if "force" in j
        },
        "services_mentioned": {norm(s) for s in labels.get("services_mentioned") or []},
        "fire judgements": {
            (norm(j["service"]), j["area"], j["value"])
            for j in labels.get("judgements") or []
            if "service" in j
        },
    }


SINGLE_FIELDS = ("title", "reference", "published_date", "primary_force", "topic", "publisher")
# A fire release's fields (its labels name the inspected body `service`); scored on their
# own lines, prefixed FIRE.
FIRE_SINGLE_FIELDS = ("title", "published_date", "primary_service", "topic")
FIRE_LIST_FIELDS = (
    "services_mentioned",
    "people",
    "people (by name)",
    "reports_referenced",
    "judgements",
)
LIST_FIELDS = (
    "forces_mentioned",
    "people",
    "people (by name)",
    "reports_referenced",
    "phones",
    "judgements",
)


# --- scores -----------------------------------------------------------------------------


@dataclass
class FieldScore:
    """One field's score in one mode (text / html / pdf). Single fields have `accuracy`
    (over `n` documents); list fields have precision / recall / F1, micro-averaged."""

    field: str
    mode: str
    n: int = 0
    correct: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    kind: str = "single"  # "single" or "list"

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.n if self.n else None

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if (self.tp + self.fp) else (1.0 if self.n else None)

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if (self.tp + self.fn) else (1.0 if self.n else None)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if (p + r) else 0.0

    @property
    def score(self) -> float | None:
        return self.accuracy if self.kind == "single" else self.f1


@dataclass
class Mistake:
    document: str
    mode: str
    field: str
    expected: object
    got: object
    missing: list = field(default_factory=list)
    extra: list = field(default_factory=list)


def _documents(item: Labelled, mode: str) -> Document:
    if mode == "text":
        return document_from_text(item.text)
    from extractors import parse_document

    from .renditions import render_html, render_pdf

    render: Callable[..., bytes] = render_html if mode == "html" else render_pdf
    return parse_document(render(item.text), url=item.url)


def _score(
    items: Iterable[Labelled], modes: Iterable[str]
) -> tuple[list[FieldScore], list[Mistake]]:
    from extractors.release import extract_release

    scores: dict[tuple[str, str], FieldScore] = {}
    mistakes: list[Mistake] = []

    def get(name: str, mode: str, kind: str) -> FieldScore:
        return scores.setdefault((name, mode), FieldScore(name, mode, kind=kind))

    items = list(items)
    for mode in modes:
        for item in items:
            doc = f"{item.folder}/{item.name}" if item.folder else item.name
            try:
                document = _documents(item, mode)
            except Exception as exc:  # noqa: BLE001 - a rendition that fails is a mistake
                mistakes.append(Mistake(doc, mode, "document", "parsed", repr(exc)))
                continue
            release = extract_release(document, url=item.url)
            labels = item.labels
            fire = labels.get("sector") == "fire"
            prefix = FIRE if fire else ""
            for name in FIRE_SINGLE_FIELDS if fire else SINGLE_FIELDS:
                if name not in labels:
                    continue
                expected = _label_single(labels, name)
                got = _single(release, name)
                ok = norm(expected) == norm(got)
                score = get(prefix + name, mode, "single")
                score.n += 1
                score.correct += ok
                if name in ("reference", "published_date") and expected is not None:
                    where = get(f"{prefix}{name} (where labelled)", mode, "single")
                    where.n += 1
                    where.correct += ok
                if not ok:
                    mistakes.append(Mistake(doc, mode, prefix + name, expected, got))
            predicted, expected_sets = _predicted_sets(release), _label_sets(labels)
            for name in FIRE_LIST_FIELDS if fire else LIST_FIELDS:
                key = "fire judgements" if fire and name == "judgements" else name
                got_set, want = predicted[key], expected_sets[key]
                if name == "judgements":
                    # A verdict of the other sector is wrong whatever the labels say: a fire
                    # release's police verdicts, a police release's fire ones.
                    other = predicted["judgements" if fire else "fire judgements"]
                    got_set = got_set | {("police" if fire else "fire",) + j for j in other}
                name = prefix + name
                score = get(name, mode, "list")
                score.n += 1
                score.tp += len(got_set & want)
                score.fp += len(got_set - want)
                score.fn += len(want - got_set)
                if got_set != want:
                    mistakes.append(
                        Mistake(
                            doc,
                            mode,
                            name,
                            sorted(want, key=str),
                            sorted(got_set, key=str),
                            missing=sorted(want - got_set, key=str),
                            extra=sorted(got_set - want, key=str),
                        )
                    )
    order = {name: i for i, name in enumerate(SINGLE_FIELDS + LIST_FIELDS)}
    order.update(
        {FIRE + name: 50 + i for i, name in enumerate(FIRE_SINGLE_FIELDS + FIRE_LIST_FIELDS)}
    )

    def sort_key(score: FieldScore) -> tuple:
        base = score.field.split(" (")[0]
        return (order.get(base, 99), score.field, MODES.index(score.mode))

    return sorted(scores.values(), key=sort_key), mistakes


def evaluate_dir(
    path: Path,
    *,
    renditions: bool = False,
    details: bool = False,
    only: Callable[[str], bool] | None = None,
    sector: str = "police",
    folders: Iterable[str] | None = None,
) -> list[FieldScore] | tuple[list[FieldScore], list[Mistake]]:
    """Score extraction on the labelled documents of one `sector` in `path` and its
    subfolders: the text column, and with `renditions` also HTML and PDF. With `details`,
    return (scores, mistakes). `only` picks documents by name (the file stem, e.g. "104");
    `folders` by the subfolder they sit in ("" is `path` itself)."""
    items = [item for item in read_labelled(Path(path), subfolders=True) if item.sector == sector]
    if folders is not None:
        wanted = set(folders)
        items = [item for item in items if item.folder in wanted]
    if only is not None:
        items = [item for item in items if only(item.name)]
    modes = MODES if renditions else ("text",)
    scores, wrong = _score(items, modes)
    return (scores, wrong) if details else scores


def merge_scores(*groups: list[FieldScore]) -> list[FieldScore]:
    """The scores of several disjoint sets of documents as one set's (counts summed, in
    the first group's order): score parts once, report them apart and together."""
    merged: dict[tuple[str, str], FieldScore] = {}
    for scores in groups:
        for s in scores:
            into = merged.setdefault((s.field, s.mode), FieldScore(s.field, s.mode, kind=s.kind))
            into.n += s.n
            into.correct += s.correct
            into.tp += s.tp
            into.fp += s.fp
            into.fn += s.fn
    return list(merged.values())


def mistakes(path: Path, *, renditions: bool = False) -> list[Mistake]:
    """Per-document differences between extraction and labels."""
    return evaluate_dir(path, renditions=renditions, details=True)[1]  # type: ignore[index]


@dataclass(frozen=True)
class DocumentGaps:
    """The lines of one labelled document that hold a grade word near a known area or
    force but gave no judgement (extractors.gaps), beside how many of its labelled
    verdicts extraction missed: a recall signal next to its likely causes."""

    document: str
    gaps: tuple  # of extractors.records.Gap
    missed: list  # labelled (force, area, value) not extracted


def gaps(
    path: Path, *, only: Callable[[str], bool] | None = None, sector: str = "police"
) -> list[DocumentGaps]:
    """The unread graded lines of each labelled document of `sector` in `path` and its
    subfolders (its text), in folder and name order; documents without any are left out."""
    from extractors.release import extract_release

    out: list[DocumentGaps] = []
    for item in read_labelled(Path(path), subfolders=True):
        if item.sector != sector or (only is not None and not only(item.name)):
            continue
        release = extract_release(document_from_text(item.text), url=item.url)
        if not release.gaps:
            continue
        key = "fire judgements" if sector == "fire" else "judgements"
        missed = _label_sets(item.labels)[key] - _predicted_sets(release)[key]
        doc = f"{item.folder}/{item.name}" if item.folder else item.name
        out.append(DocumentGaps(doc, release.gaps, sorted(missed, key=str)))
    return out


def print_gaps(found: list[DocumentGaps], *, console=None) -> None:
    """Each document's unread lines: grade, why, and the line itself."""
    from rich.markup import escape

    from .output import make_console

    console = console or make_console()
    total = sum(len(d.gaps) for d in found)
    console.print(
        f"[bold]gaps[/]: {total} line(s) with a grade word and no verdict read, "
        f"in {len(found)} document(s)",
        highlight=False,
    )
    for doc in found:
        console.print(
            f"[bold]{doc.document}[/] {len(doc.gaps)} gap(s); labelled verdicts missed: "
            f"{len(doc.missed)}",
            highlight=False,
        )
        for gap in doc.gaps:
            console.print(f"  [yellow]{escape(gap.grade)}[/]: {escape(gap.why)}", highlight=False)
            console.print(f"    {escape(gap.text)}", highlight=False, soft_wrap=True)


def renditions_available() -> bool:
    try:
        from .renditions import render_html, render_pdf  # noqa: F401
    except Exception:  # noqa: BLE001
        return False
    return True


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def print_report(scores: list[FieldScore], *, console=None, title: str = "") -> None:
    """A table: one row per field, one column per mode (accuracy or P / R / F1)."""
    from rich.table import Table

    from .output import make_console

    console = console or make_console()
    modes = [m for m in MODES if any(s.mode == m for s in scores)]
    table = Table(title=title or "Release extraction vs labels")
    table.add_column("field")
    table.add_column("metric")
    for mode in modes:
        table.add_column(mode, justify="right")
    table.add_column("target", justify="right")
    fields: list[str] = []
    for score in scores:
        if score.field not in fields:
            fields.append(score.field)
    by_key = {(s.field, s.mode): s for s in scores}
    for name in fields:
        sample = next(s for s in scores if s.field == name)
        target = _target(name)
        if sample.kind == "single":
            cells = []
            for mode in modes:
                s = by_key.get((name, mode))
                cells.append(f"{_fmt(s.accuracy)} ({s.correct}/{s.n})" if s else "-")
            table.add_row(name, "accuracy", *cells, _fmt(target) if target else "")
        else:
            cells = []
            for mode in modes:
                s = by_key.get((name, mode))
                cells.append(
                    f"P {_fmt(s.precision)} R {_fmt(s.recall)} F1 {_fmt(s.f1)}" if s else "-"
                )
            table.add_row(name, "P/R/F1", *cells, _fmt(target) if target else "")
    console.print(table)


def print_mistakes(wrong: list[Mistake], *, console=None) -> None:
    from .output import make_console

    console = console or make_console()
    for m in wrong:
        if m.missing or m.extra:
            console.print(
                f"[bold]{m.document}[/] {m.mode} {m.field}: missing {m.missing} extra {m.extra}"
            )
        else:
            console.print(
                f"[bold]{m.document}[/] {m.mode} {m.field}: expected {m.expected!r} got {m.got!r}"
            )


def meets_targets(scores: list[FieldScore]) -> list[str]:
    """Fields (and modes) below their target; empty when all targets are met."""
    below = []
    for score in scores:
        target = _target(score.field)
        value = score.score
        if target is not None and value is not None and value < target:
            below.append(f"{score.field} ({score.mode}) {value:.3f} < {target}")
        least = PRECISION_TARGETS.get(score.field)
        if least is not None and score.precision is not None and score.precision < least:
            below.append(f"{score.field} ({score.mode}) precision {score.precision:.3f} < {least}")
    return below


def _folders_of(items: list[Labelled]) -> str:
    """ "top folder + police2/" for a group's documents."""
    folders = sorted({item.folder for item in items})
    return " + ".join(f"{f}/" if f else "top folder" for f in folders)


def run_evaluate(
    path: Path,
    renditions: bool = False,
    *,
    show_mistakes: bool = False,
    show_gaps: bool = False,
) -> int:
    """The `pressroom evaluate DIR [--renditions] [--mistakes] [--gaps]` command: prints the
    table (and with `show_gaps` each document's unread graded lines); exit code 0 when every
    target is met, 1 when one is not, 2 when DIR has no labelled documents."""
    from .output import make_console

    console = make_console()
    path = Path(path)
    items = read_labelled(path, subfolders=True) if path.is_dir() else []
    if not items:
        console.print(f"[red]no labelled documents (NNN.txt + NNN.json) in {path}[/]")
        return 2
    if renditions and not renditions_available():
        console.print("[yellow]renditions unavailable (analysis.renditions); text only[/]")
        renditions = False
    by_sector: dict[str, list[Labelled]] = {}
    for item in items:
        by_sector.setdefault(item.sector, []).append(item)
    below: list[str] = []
    for sector, group in sorted(by_sector.items()):
        where = _folders_of(group)
        if sector not in SCORED_SECTORS:
            console.print(
                f"[yellow]skipped {len(group)} {sector} release(s) ({where}): "
                f"no scoring for the {sector} sector yet[/]",
                highlight=False,
            )
            continue
        scores, wrong = evaluate_dir(  # type: ignore[misc]
            path, renditions=renditions, details=True, sector=sector
        )
        print_report(
            scores, console=console, title=f"{sector}: {len(group)} releases ({where}) vs labels"
        )
        if show_mistakes:
            print_mistakes(wrong, console=console)
        if show_gaps:
            print_gaps(gaps(path, sector=sector), console=console)
        below += [
            line if line.startswith(FIRE) else f"{sector}: {line}" for line in meets_targets(scores)
        ]
    for line in below:
        console.print(f"[red]below target:[/] {line}")
    return 1 if below else 0


if __name__ == "__main__":  # pragma: no cover - developer convenience
    import sys

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    raise SystemExit(
        run_evaluate(
            Path(args[0]) if args else Path("../shared/devset"),
            "--renditions" in sys.argv,
            show_mistakes="--mistakes" in sys.argv,
            show_gaps="--gaps" in sys.argv,
        )
    )
