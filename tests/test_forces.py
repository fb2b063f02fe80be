"""The police-force gazetteer: canonical names, variants, conservative matching."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from extractors.forces import (
    CANONICAL,
    TERRITORIAL,
    canonical_force,
    find_forces,
    force_of_own_site,
    forces_in,
    forces_in_url,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"


def test_43_territorial_forces_and_others() -> None:
    assert len(TERRITORIAL) == 43
    for name in (
        "British Transport Police",
        "Police Service of Northern Ireland",
        "Police Scotland",
        "Civil Nuclear Constabulary",
        "Ministry of Defence Police",
        "National Crime Agency",
        "Isle of Man Constabulary",
        "States of Jersey Police",
        "Guernsey Police",
    ):
        assert name in CANONICAL
    assert len(set(CANONICAL)) == len(CANONICAL)


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("Avon & Somerset Police", "Avon and Somerset Constabulary"),
        ("Avon and Somerset Constabulary", "Avon and Somerset Constabulary"),
        ("the Met", "Metropolitan Police Service"),
        ("Met Police", "Metropolitan Police Service"),
        ("Metropolitan Police", "Metropolitan Police Service"),
        ("MPS", "Metropolitan Police Service"),
        ("Dyfed Powys", "Dyfed-Powys Police"),
        ("Dyfed-Powys Police", "Dyfed-Powys Police"),
        ("Devon & Cornwall", "Devon and Cornwall Police"),
        ("GMP", "Greater Manchester Police"),
        ("West Mercia", "West Mercia Police"),
        ("Thames Valley", "Thames Valley Police"),
        ("Cheshire Police", "Cheshire Constabulary"),
        ("Staffordshire Police", "Staffordshire Police"),
        ("Staffs Police", "Staffordshire Police"),
        ("Suffolk Police", "Suffolk Constabulary"),
        ("PSNI", "Police Service of Northern Ireland"),
        ("BTP", "British Transport Police"),
        ("Hampshire and Isle of Wight Constabulary", "Hampshire Constabulary"),
        ("Norfolk", "Norfolk Constabulary"),
        ("Devon and Cornwall Police", "Devon and Cornwall Police"),
        ("Thames Valley Police", "Thames Valley Police"),
        ("West Midlands Police", "West Midlands Police"),
        ("Dyfed–Powys Police", "Dyfed-Powys Police"),
        ("the Metropolitan Police", "Metropolitan Police Service"),
        ("NCA", "National Crime Agency"),
        ("CNC", "Civil Nuclear Constabulary"),
        ("MDP", "Ministry of Defence Police"),
        ("Isle of Man Police", "Isle of Man Constabulary"),
        ("States of Jersey Police", "States of Jersey Police"),
        ("Jersey Police", "States of Jersey Police"),
        ("States of Guernsey Police", "Guernsey Police"),
        ("Heddlu Gogledd Cymru", "North Wales Police"),
        ("West Yorks Police", "West Yorkshire Police"),
        ("Police Service of Scotland", "Police Scotland"),
    ],
)
def test_canonical_force_variants(variant: str, canonical: str) -> None:
    assert canonical_force(variant) == canonical


@pytest.mark.parametrize(
    "name",
    ["", "   ", "Serious Organised Crime Agency", "HMRC", "Border Force", "London", "Jersey"],
)
def test_not_forces(name: str) -> None:
    assert canonical_force(name) is None


def test_find_forces_positions_and_variants() -> None:
    text = (
        "Avon & Somerset Police and the Met worked with Dyfed Powys and GMP; "
        "West Mercia's alliance with Warwickshire Police continues."
    )
    found = find_forces(text)
    assert [f[0] for f in found] == [
        "Avon and Somerset Constabulary",
        "Metropolitan Police Service",
        "Dyfed-Powys Police",
        "Greater Manchester Police",
        "West Mercia Police",
        "Warwickshire Police",
    ]
    for canonical, start, end in found:
        assert canonical_force(text[start:end]) == canonical


# Every territorial force of England and Wales, by the name its own press office uses.
ALL_43 = """Avon and Somerset Constabulary, Bedfordshire Police, Cambridgeshire Constabulary,
Cheshire Constabulary, City of London Police, Cleveland Police, Cumbria Constabulary,
Derbyshire Constabulary, Devon and Cornwall Police, Dorset Police, Durham Constabulary,
Dyfed-Powys Police, Essex Police, Gloucestershire Constabulary, Greater Manchester Police,
Gwent Police, Hampshire and Isle of Wight Constabulary, Hertfordshire Constabulary,
Humberside Police, Kent Police, Lancashire Constabulary, Leicestershire Police,
Lincolnshire Police, Merseyside Police, the Metropolitan Police Service, Norfolk
Constabulary, North Wales Police, North Yorkshire Police, Northamptonshire Police,
Northumbria Police, Nottinghamshire Police, South Wales Police, South Yorkshire Police,
Staffordshire Police, Suffolk Constabulary, Surrey Police, Sussex Police, Thames Valley
Police, Warwickshire Police, West Mercia Police, West Midlands Police, West Yorkshire Police
and Wiltshire Police."""


def test_all_43_territorial_forces_found_in_running_text() -> None:
    assert forces_in(ALL_43) == list(TERRITORIAL)


def test_other_inspected_bodies_found_in_running_text() -> None:
    text = (
        "HMICFRS also inspects the British Transport Police, the PSNI, Police Scotland, the "
        "Civil Nuclear Constabulary, the Ministry of Defence Police, the National Crime "
        "Agency, the Isle of Man Constabulary, the States of Jersey Police, the States of "
        "Guernsey Police, the Royal Gibraltar Police and the Port of Liverpool Police."
    )
    assert forces_in(text) == [
        "British Transport Police",
        "Police Service of Northern Ireland",
        "Police Scotland",
        "Civil Nuclear Constabulary",
        "Ministry of Defence Police",
        "National Crime Agency",
        "Isle of Man Constabulary",
        "States of Jersey Police",
        "Guernsey Police",
        "Royal Gibraltar Police",
        "Port of Liverpool Police",
    ]


def test_conservative_matching() -> None:
    # Counties, councils, commissioners and other services are not forces.
    assert forces_in("Warwickshire County Council and the people of Cumbria") == []
    assert forces_in("the Warwickshire Police and Crime Commissioner") == []
    assert forces_in("Devon and Cornwall Fire and Rescue Service") == []
    assert forces_in("the Met Office warned of rain") == []
    assert forces_in("Serious Organised Crime Agency, HMRC and Border Force") == []
    assert forces_in("the New Jersey State Police and Guernsey cows") == []
    # Bare county names only when asked (titles, slugs).
    assert forces_in("Norfolk 2014") == []
    assert forces_in("Norfolk 2014", bare=True) == ["Norfolk Constabulary"]
    assert forces_in("Lincolnshire Police’s crime recording") == ["Lincolnshire Police"]
    assert forces_in("Staffordshire police said") == ["Staffordshire Police"]


def test_forces_in_url() -> None:
    assert forces_in_url("https://x.gov.uk/peel-assessments/peel-2014/dyfed-powys/") == [
        "Dyfed-Powys Police"
    ]
    assert forces_in_url("https://www.dorset.police.uk/news/force-welcomes-report/") == [
        "Dorset Police"
    ]
    assert forces_in_url("https://x/news/west-yorkshire-police-crime-data-2018/") == [
        "West Yorkshire Police"
    ]
    assert forces_in_url("https://x/news/forces-have-risen-to-the-finance-challenge/") == []


def test_matching_is_fast() -> None:
    text = ("Kent Police and the people of Kent met Surrey Police officers. " * 2000)[:100_000]
    start = time.perf_counter()
    found = find_forces(text)
    assert time.perf_counter() - start < 2.0
    assert {f[0] for f in found} == {"Kent Police", "Surrey Police"}


def _labelled_forces() -> set[str]:
    names: set[str] = set()
    for path in list((SHARED / "devset").glob("*.json")) + list((SHARED / "seeds").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        for key in ("forces_mentioned", "forces_mentioned_in_body", "forces_mentioned_in_notes"):
            names.update(data.get(key) or [])
        if data.get("primary_force"):
            names.add(data["primary_force"])
        for j in data.get("judgements") or []:
            if j.get("force"):
                names.add(j["force"])
    return names


@pytest.mark.skipif(not (SHARED / "devset").is_dir(), reason="../shared/devset not present")
def test_every_labelled_force_is_canonical() -> None:
    names = _labelled_forces()
    assert names
    for name in names:
        assert name in CANONICAL, name
        assert canonical_force(name) == name


@pytest.mark.parametrize(
    ("url", "force"),
    [
        ("https://www.avonandsomerset.police.uk/news/2021/x/", "Avon and Somerset Constabulary"),
        ("https://www.northyorkshire-pfcc.gov.uk/news/x", "North Yorkshire Police"),
        ("https://www.west-midlands.police.uk/news/x/", "West Midlands Police"),
        ("https://www.staffordshire-pfcc.gov.uk/news/x/", "Staffordshire Police"),
        # Not a force's own site, even when the address names a force.
        ("https://www.wired-gov.net/wg/news.nsf/articles/kent+police+is+good", None),
        ("https://hmicfrs.justiceinspectorates.gov.uk/peel-assessments/peel-2014/kent/", None),
        ("https://www.police.uk/news/x", None),
    ],
)
def test_a_force_own_site(url: str, force: str | None) -> None:
    assert force_of_own_site(url) == force
