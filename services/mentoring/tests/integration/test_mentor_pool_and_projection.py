"""The employee projection from personnel's events, and the mentor pool over HTTP."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
)
from jenjang_shared.contracts.vocabulary import PositionKind
from jenjang_testing.builders import new_nip
from jenjang_testing.harness import ServiceHarness

from .support import apply, registered


async def test_the_projection_follows_every_personnel_event(svc: ServiceHarness) -> None:
    nip = new_nip()
    await apply(svc, registered(nip, employment_type="CPNS", golongan="III/a"))
    await apply(
        svc,
        EmployeeUpdated(
            nip=nip, changes={"employment_type": "PNS"}, effective_date=date(2025, 1, 1)
        ),
    )
    await apply(
        svc,
        EmployeePromoted(
            nip=nip,
            proposal_id="p1",
            from_golongan="III/a",
            to_golongan="III/b",
            tmt=date(2025, 4, 1),
            sk_number="SK1",
            sk_date=date(2025, 3, 1),
        ),
    )
    boss = new_nip()
    await apply(
        svc,
        EmployeeTransferred(
            nip=nip,
            from_unit_code="DPUPR",
            to_unit_code="DINKES",
            to_unit_name="Dinas Kesehatan",
            position_title="Analis",
            position_kind=PositionKind.FUNGSIONAL,
            work_location="KAB_BANDUNG",
            supervisor_nip=boss,
            effective_date=date(2025, 6, 1),
            job_family="KESEHATAN",
        ),
    )
    body = (await svc.client.get(f"/v1/employees/{nip}")).json()
    assert (body["employment_type"], body["golongan"], body["unit_code"]) == (
        "PNS",
        "III/b",
        "DINKES",
    )
    assert (body["job_family"], body["supervisor_nip"], body["status"]) == (
        "KESEHATAN",
        boss,
        "ACTIVE",
    )
    await apply(
        svc,
        EmployeeRetired(nip=nip, retirement_date=date(2025, 7, 1), reason="BUP"),
    )
    assert (await svc.client.get(f"/v1/employees/{nip}")).json()["status"] == "RETIRED"


async def test_an_update_before_the_registration_is_kept(svc: ServiceHarness) -> None:
    nip = new_nip()
    await apply(
        svc,
        EmployeeUpdated(
            nip=nip,
            changes={"golongan": "IV/a", "golongan_tmt": "2025-04-01"},
            effective_date=date(2025, 4, 1),
        ),
    )
    assert (await svc.client.get(f"/v1/employees/{nip}")).json()["registered"] is False
    await apply(svc, registered(nip, golongan="III/d"))
    body = (await svc.client.get(f"/v1/employees/{nip}")).json()
    assert (body["registered"], body["golongan"], body["unit_code"]) == (True, "IV/a", "DPUPR")


async def test_a_pns_joins_the_pool_once(svc: ServiceHarness) -> None:
    nip = new_nip()
    await apply(svc, registered(nip))
    created = await svc.client.post(
        "/v1/mentors", json={"nip": nip, "expertise": ["PEKERJAAN_UMUM", "UMUM"]}
    )
    assert created.status_code == 201, created.text
    assert created.json()["capacity"] == 3 and created.json()["available"] is True
    again = await svc.client.post("/v1/mentors", json={"nip": nip})
    assert again.status_code == 409
    listed = (await svc.client.get("/v1/mentors", params={"job_family": "UMUM"})).json()
    assert nip in [m["nip"] for m in listed["items"]]


@pytest.mark.parametrize(
    ("kind", "golongan", "retire", "reason"),
    [
        ("CPNS", "III/a", False, "only a PNS"),
        ("PPPK", "IX", False, "only a PNS"),
        ("PNS", "III/d", True, "retired"),
    ],
)
async def test_only_an_active_pns_can_be_a_mentor(
    svc: ServiceHarness, kind: str, golongan: str, retire: bool, reason: str
) -> None:
    nip = new_nip()
    await apply(svc, registered(nip, employment_type=kind, golongan=golongan))
    if retire:
        await apply(
            svc,
            EmployeeRetired(nip=nip, retirement_date=date(2025, 1, 1), reason="BUP"),
        )
    response = await svc.client.post("/v1/mentors", json={"nip": nip})
    assert response.status_code == 422
    assert reason in response.json()["detail"]
    assert (await svc.client.get(f"/v1/mentors/{nip}")).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"nip": "123"},
        {"nip": "199001012015011999"},  # well formed, never registered
        {"nip": None},
        {},
        {"nip": "199001012015011001", "capacity": 0},
        {"nip": "199001012015011001", "expertise": ["lower case"]},
        {"nip": "199001012015011001", "surprise": True},
    ],
)
async def test_bad_mentor_requests_get_a_clear_422(
    svc: ServiceHarness, body: dict[str, object]
) -> None:
    before = (await svc.client.get("/v1/mentors")).json()["total"]
    response = await svc.client.post("/v1/mentors", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["detail"]
    assert (await svc.client.get("/v1/mentors")).json()["total"] == before


async def test_pause_and_resume(svc: ServiceHarness) -> None:
    nip = new_nip()
    await apply(svc, registered(nip))
    await svc.client.post("/v1/mentors", json={"nip": nip, "capacity": 5})
    paused = await svc.client.post(f"/v1/mentors/{nip}/pause", json={"reason": "Cuti"})
    assert paused.json()["paused"] is True and paused.json()["available"] is False
    resumed = await svc.client.post(f"/v1/mentors/{nip}/resume")
    assert resumed.json()["paused"] is False and resumed.json()["capacity"] == 5
    assert (await svc.client.post(f"/v1/mentors/{new_nip()}/pause")).status_code == 404
    assert (await svc.client.post("/v1/mentors/abc/pause")).status_code == 422


async def test_a_superior_joins_the_pool_only_with_room_for_their_implicit_latsar_mentees(
    svc: ServiceHarness,
) -> None:
    unit = f"U{new_nip()[-6:]}"
    superior = registered(golongan="III/d", unit_code=unit)  # a PNS, not in the pool
    await apply(svc, superior)
    for _ in range(2):
        cpns = registered(
            employment_type="CPNS", golongan="III/a", unit_code=unit, supervisor_nip=superior.nip
        )
        await apply(svc, cpns)
    mentoring = (await svc.client.get(f"/v1/employees/{superior.nip}/mentorships")).json()
    assert [(m["program"], m["status"]) for m in mentoring["as_mentor"]] == [
        ("LATSAR", "ACTIVE"),
        ("LATSAR", "ACTIVE"),
    ]
    before = (await svc.client.get("/v1/mentors")).json()["total"]

    below = await svc.client.post("/v1/mentors", json={"nip": superior.nip, "capacity": 1})
    assert below.status_code == 409, below.text
    assert "2 active mentee(s)" in below.json()["detail"]
    assert (await svc.client.get(f"/v1/mentors/{superior.nip}")).status_code == 404
    assert (await svc.client.get("/v1/mentors")).json()["total"] == before

    equal = await svc.client.post("/v1/mentors", json={"nip": superior.nip, "capacity": 2})
    assert equal.status_code == 201, equal.text
    body = equal.json()
    assert (body["capacity"], body["active_mentees"], body["free_slots"]) == (2, 2, 0)
    assert body["available"] is False
    assert (await svc.client.get("/v1/mentors")).json()["total"] == before + 1
