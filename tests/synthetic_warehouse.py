"""A realistic warehouse built from synthetic records: judgements across forces and PEEL
years, ASB reviews, enhanced monitoring, a corrected release and a withdrawn one, and fire
and rescue services' grades in two rounds (the second sector).

Built through the warehouse library (staged batches, load_run) with real Extraction
objects, so it does not depend on the release-field extractor. Used by the report, export,
history and docs-example tests, and by scripts/screenshot_report.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

import extractors
import warehouse as wh
from extractors import (
    DatedBy,
    Document,
    Extraction,
    ForceMention,
    Gap,
    Judgement,
    Person,
    Release,
    ServiceMention,
)
from warehouse import StagedDocument

BASE = "https://press.example.org/news"

FORCES = (
    "Avon and Somerset Constabulary",
    "Cumbria Constabulary",
    "Durham Constabulary",
    "Greater Manchester Police",
    "Kent Police",
    "Lincolnshire Police",
    "Metropolitan Police Service",
    "Staffordshire Police",
    "West Mercia Police",
    "West Yorkshire Police",
)

PILLARS = {
    2014: ("peel_effectiveness",),
    2015: ("peel_effectiveness", "peel_efficiency", "peel_legitimacy"),
    2016: ("peel_effectiveness", "peel_efficiency", "peel_legitimacy", "peel_leadership"),
    2017: ("peel_effectiveness", "peel_efficiency", "peel_legitimacy"),
}
PEEL_2019 = (
    "peel_preventing_crime",
    "peel_investigating_crime",
    "peel_protecting_vulnerable_people",
)
GRADES = ("outstanding", "good", "requires improvement", "inadequate")
FIRE_SERVICES = ("West Yorkshire Fire and Rescue Service", "Staffordshire Fire and Rescue Service")

# Fixed verdicts the tests (and the docs' example queries) rely on.
FIXED: dict[tuple[str, str, int], str] = {
    ("West Mercia Police", "peel_effectiveness", 2016): "good",
    ("West Mercia Police", "peel_effectiveness", 2017): "requires improvement",
    ("Kent Police", "peel_effectiveness", 2016): "outstanding",
    ("Kent Police", "peel_effectiveness", 2017): "good",
    ("Durham Constabulary", "peel_effectiveness", 2016): "good",
    ("Durham Constabulary", "peel_effectiveness", 2017): "outstanding",
}

T0 = dt.datetime(2024, 1, 10, 9, 0)  # first run
T1 = dt.datetime(2024, 3, 1, 9, 0)  # a correction
T2 = dt.datetime(2024, 9, 1, 9, 0)  # a withdrawal

CORRECTED_URL = f"{BASE}/2017/kent-police-peel-2017"
WITHDRAWN_URL = f"{BASE}/2015/cumbria-constabulary-peel-2015"
RESTATED_URL = f"{BASE}/2012/staffordshire-police-asb-2012"
# A graded line no rule reads (an overall grade, no area): the warehouse's one verdict gap.
DURHAM_OVERALL = "Durham Constabulary was graded outstanding overall."


@dataclass
class SyntheticRelease:
    url: str
    title: str
    published: dt.date
    primary_force: str | None
    topic: str
    judgements: list[Judgement] = field(default_factory=list)
    forces_in_notes: tuple[str, ...] = ()
    reference: str | None = None
    media_type: str = "text/html"
    extra_paragraphs: tuple[str, ...] = ()
    gaps: tuple[Gap, ...] = ()  # lines of extra_paragraphs the rules would not read
    # A fire release: `primary_force` is then its primary service, its judgements' forces
    # their services.
    sector: str = "police"

    def extraction(self) -> Extraction:
        paragraphs = [self.title]
        paragraphs += [j.evidence for j in self.judgements]
        paragraphs += list(self.extra_paragraphs)
        paragraphs.append(
            "Notes to editors: HMIC independently assesses police forces in the public interest."
        )
        document = Document(
            media_type=self.media_type, title=self.title, paragraphs=tuple(paragraphs)
        )
        named = sorted({j.force for j in self.judgements if j.force})
        forces = tuple(ForceMention(f, False) for f in named) + tuple(
            ForceMention(f, True) for f in self.forces_in_notes if f not in named
        )
        fire = self.sector == "fire"
        judgements = tuple(
            dataclasses.replace(
                j, force=None if fire else j.force, sector=self.sector, service=j.force
            )
            for j in self.judgements
        )
        release = Release(
            title=self.title,
            reference=self.reference,
            published_date=self.published,
            publisher="HMIC" if self.published.year < 2017 else "HMICFRS",
            primary_force=None if fire else self.primary_force,
            topic=self.topic,
            forces=() if fire else forces,
            sector=self.sector,
            primary_service=self.primary_force,
            services=tuple(ServiceMention(self.sector, f.force, f.in_notes) for f in forces),
            people=(Person("Zoë Billingham", "HM Inspector of Constabulary"),),
            reports=(f"PEEL {self.published.year}",) if "peel" in self.topic else (),
            phones=("0203 513 0600",),
            judgements=judgements,
            body_text=document.text,
            gaps=self.gaps,
            stated_date=self.published,
            dates=(DatedBy("text", self.published),),
        )
        return Extraction(
            document=document,
            release=release,
            fingerprint=extractors.fingerprint(document),
            extractor_version=extractors.EXTRACTOR_VERSION,
        )


def _slug(text: str) -> str:
    return "-".join(text.lower().replace(",", "").split())


def _phrase(area: str) -> str:
    return area.removeprefix("peel_").replace("_", " ")


def _releases() -> list[SyntheticRelease]:
    rng = random.Random(8)
    out: list[SyntheticRelease] = []
    # ASB reviews, 2010 and 2012.
    for year in (2010, 2012):
        for force in FORCES[::2] + ("Staffordshire Police", "West Mercia Police"):
            if year == 2010 and force == "Staffordshire Police":
                continue
            consistent = rng.random() < 0.5 and force != "Staffordshire Police"
            progress = rng.choice(("good progress", "some progress", "limited progress"))
            satisfaction = rng.choice(("in line", "broadly in line", "above", "below"))
            judgements = [
                Judgement(
                    force,
                    "asb_repeat_vulnerable_identification",
                    "consistent" if consistent else "inconsistent",
                    f"{force} {'does' if consistent else 'does not'} consistently identify "
                    "repeat and vulnerable ASB victims.",
                ),
                Judgement(
                    force,
                    "asb_victim_satisfaction_vs_national",
                    satisfaction,
                    f"Victim satisfaction in {force} is {satisfaction} with the national figure.",
                ),
            ]
            if year == 2012:
                judgements.insert(
                    0,
                    Judgement(
                        force,
                        "asb_progress",
                        progress,
                        f"{force} has made {progress} in how it tackles anti-social behaviour.",
                    ),
                )
            out.append(
                SyntheticRelease(
                    url=f"{BASE}/{year}/{_slug(force)}-asb-{year}",
                    title=f"{force}: anti-social behaviour inspection {year}",
                    published=dt.date(year, 9 if year == 2010 else 6, 14),
                    primary_force=force,
                    topic="anti-social behaviour",
                    judgements=judgements,
                    reference=f"{len(out) + 1:03d}/{year}",
                    media_type="text/plain" if year == 2010 else "application/pdf",
                    forces_in_notes=("British Transport Police",),
                )
            )
    # PEEL 2014-2017: one release per force and year.
    for year, pillars in PILLARS.items():
        for force in FORCES:
            judgements = []
            for pillar in pillars:
                grade = (
                    FIXED.get((force, pillar, year)) or rng.choices(GRADES, weights=(1, 6, 3, 1))[0]
                )
                judgements.append(
                    Judgement(
                        force,
                        pillar,
                        grade,
                        f"HMIC judged {force} to be {grade} at {_phrase(pillar)}.",
                        period=str(year),
                    )
                )
            out.append(
                SyntheticRelease(
                    url=f"{BASE}/{year}/{_slug(force)}-peel-{year}",
                    title=f"PEEL {year}: {force}",
                    published=dt.date(year, 3 if year != 2016 else 11, 2),
                    primary_force=force,
                    topic="peel",
                    judgements=judgements,
                )
            )
    # PEEL 2018/19 areas, five grades.
    for force in FORCES[:6]:
        judgements = [
            Judgement(
                force,
                area,
                value := rng.choice(
                    ("outstanding", "good", "adequate", "requires improvement", "inadequate")
                ),
                f"{force} is {value} at {_phrase(area)}.",
                period="2018/19",
            )
            for area in PEEL_2019
        ]
        out.append(
            SyntheticRelease(
                url=f"{BASE}/2019/{_slug(force)}-peel-2019",
                title=f"PEEL 2018/19: {force}",
                published=dt.date(2019, 9, 27),
                primary_force=force,
                topic="peel",
                judgements=judgements,
            )
        )
    # Crime data integrity and enhanced monitoring.
    out.append(
        SyntheticRelease(
            url=f"{BASE}/2019/crime-data-integrity-greater-manchester",
            title="Crime data integrity: Greater Manchester Police",
            published=dt.date(2019, 12, 5),
            primary_force="Greater Manchester Police",
            topic="crime recording",
            judgements=[
                Judgement(
                    "Greater Manchester Police",
                    "crime_data_integrity",
                    "inadequate",
                    "Greater Manchester Police's crime recording is inadequate.",
                )
            ],
        )
    )
    for year, value in ((2020, "entered"), (2022, "removed")):
        out.append(
            SyntheticRelease(
                url=f"{BASE}/{year}/greater-manchester-police-engage-{value}",
                title=f"Greater Manchester Police {value} enhanced monitoring",
                published=dt.date(year, 12, 18),
                primary_force="Greater Manchester Police",
                topic="enhanced monitoring",
                judgements=[
                    Judgement(
                        "Greater Manchester Police",
                        "engage_monitoring",
                        value,
                        "Greater Manchester Police has "
                        + ("entered" if value == "entered" else "been removed from")
                        + " enhanced monitoring.",
                    )
                ],
            )
        )
    # A national release: no primary force, a national verdict.
    out.append(
        SyntheticRelease(
            url=f"{BASE}/2017/state-of-policing-2017",
            title="State of Policing 2017",
            published=dt.date(2017, 6, 1),
            primary_force=None,
            topic="state of policing",
            judgements=[
                Judgement(
                    None,
                    "peel_effectiveness",
                    "good",
                    "Most forces are good at keeping people safe and reducing crime.",
                )
            ],
            forces_in_notes=FORCES[:3],
            extra_paragraphs=(DURHAM_OVERALL,),
            gaps=(
                Gap(
                    DURHAM_OVERALL,
                    "outstanding",
                    "grade word near force 'Durham Constabulary' but no area",
                ),
            ),
        )
    )
    # Fire and rescue services (the second sector): two rounds of one service, and a
    # service whose place shares its name with a police force (Staffordshire).
    for year, period, grades in (
        (2019, "2018/19", {"frs_effectiveness": "requires improvement", "frs_people": "good"}),
        (2022, "2021/22", {"frs_effectiveness": "good", "frs_people": "inadequate"}),
    ):
        out.append(
            SyntheticRelease(
                url=f"{BASE}/{year}/west-yorkshire-fire-and-rescue-service",
                title=f"West Yorkshire Fire and Rescue Service inspection {period}",
                published=dt.date(year, 6, 20),
                primary_force=FIRE_SERVICES[0],
                topic=f"FRS inspection {period}",
                sector="fire",
                judgements=[
                    Judgement(
                        FIRE_SERVICES[0],
                        area,
                        value,
                        f"West Yorkshire Fire and Rescue Service is {value} at {_phrase(area)}.",
                        period=period,
                    )
                    for area, value in grades.items()
                ],
            )
        )
    out.append(
        SyntheticRelease(
            url=f"{BASE}/2024/staffordshire-fire-and-rescue-service",
            title="Staffordshire Fire and Rescue Service inspection 2023-25",
            published=dt.date(2024, 8, 1),
            primary_force=FIRE_SERVICES[1],
            topic="FRS inspection 2023-25",
            sector="fire",
            judgements=[
                Judgement(
                    FIRE_SERVICES[1],
                    "frs_values_and_culture",
                    "outstanding",
                    "Staffordshire was outstanding at promoting the right values and culture.",
                    period="2023-25",
                )
            ],
        )
    )
    return out


def _ok(release: SyntheticRelease, at: dt.datetime, sha: str) -> StagedDocument:
    return StagedDocument(
        url=release.url,
        source=BASE,
        fetched_at=at,
        status="ok",
        http_status=200,
        content_sha256=sha,
        content_type=release.media_type,
        extraction=release.extraction(),
    )


def _load(
    path: Path, records: list[StagedDocument], flow_run_id: str, at: dt.datetime
) -> wh.RunCounts:
    run_id = wh.start_run(
        path,
        sources=[BASE],
        flow_run_id=flow_run_id,
        extractor_version=extractors.EXTRACTOR_VERSION,
    )
    staging = wh.staging_dir_for(path, run_id)
    wh.write_batch(staging, 0, records)
    counts = wh.load_run(path, run_id, staging)
    # The run happened at `at` (the records' fetch times), not now.
    with wh.connect_writer(path) as con:
        con.execute(
            "UPDATE run_log SET started_at = ?, finished_at = ? WHERE run_id = ?",
            [at - dt.timedelta(minutes=1), at + dt.timedelta(minutes=2), run_id],
        )
    return counts


def build(path: Path | str) -> Path:
    """Build the synthetic warehouse at `path` in three runs: everything (T0), a correction
    of Kent's 2017 PEEL release and a restated ASB release (T1), a withdrawal (T2)."""
    path = Path(path)
    releases = _releases()
    by_url = {r.url: r for r in releases}
    _load(
        path,
        [_ok(r, T0 + dt.timedelta(seconds=i), f"{i:064x}") for i, r in enumerate(releases)],
        "synthetic-flow-1",
        T0,
    )

    # A correction: Kent's 2017 efficiency grade was misprinted, and the title gains
    # "(corrected)".
    kent = by_url[CORRECTED_URL]
    kent.title += " (corrected)"
    kent.judgements = [
        dataclasses.replace(
            j,
            value="requires improvement",
            evidence=j.evidence.replace(j.value, "requires improvement"),
        )
        if j.area == "peel_efficiency"
        else j
        for j in kent.judgements
    ]
    staffs = by_url[RESTATED_URL]
    staffs.extra_paragraphs = ("A further review will take place in 2013.",)
    _load(path, [_ok(kent, T1, "c" * 64), _ok(staffs, T1, "d" * 64)], "synthetic-flow-2", T1)

    gone = StagedDocument(
        url=WITHDRAWN_URL, source=BASE, fetched_at=T2, status="gone", http_status=404
    )
    broken = StagedDocument(
        url=f"{BASE}/2024/broken.pdf",
        source=BASE,
        fetched_at=T2,
        status="error",
        stage="extract",
        error="the PDF is encrypted and has no password; ask the publisher for an open copy",
    )
    _load(path, [gone, broken], "synthetic-flow-3", T2)
    return path
