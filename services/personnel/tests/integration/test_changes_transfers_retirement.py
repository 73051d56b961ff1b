"""PATCH with history, transfers, retirement and the retirement forecast."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from jenjang_shared.contracts import (
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
)
from jenjang_testing.harness import ServiceHarness
from jenjang_testing.outbox import published_payloads

Make = Callable[..., dict[str, Any]]
HR: dict[str, str] = {}  # the client's default token: BKD's admin (subject admin-bkd)


async def register(svc: ServiceHarness, body: dict[str, Any]) -> str:
    response = await svc.client.post("/v1/employees", json=body)
    assert response.status_code == 201, response.text
    return str(body["nip"])


async def test_appointment_cpns_to_pns_is_kept_in_the_history_and_published(
    svc: ServiceHarness, make_registration: Make
) -> None:
    nip = await register(svc, make_registration(employment_type="CPNS", golongan="III/a"))
    response = await svc.client.patch(
        f"/v1/employees/{nip}",
        json={
            "employment_type": "PNS",
            "education": "S2",
            "effective_date": "2026-05-01",
            "reason": "Pengangkatan PNS",
        },
        headers=HR,
    )
    assert response.status_code == 200, response.text
    assert (response.json()["employment_type"], response.json()["golongan"]) == ("PNS", "III/a")
    [event] = await published_payloads(svc.runtime, EmployeeUpdated, nip)
    assert event["changes"] == {"employment_type": "PNS", "education": "S2"}
    assert (event["effective_date"], event["reason"]) == ("2026-05-01", "Pengangkatan PNS")
    history = (await svc.client.get(f"/v1/employees/{nip}/history")).json()["items"]
    changed = {h["field"]: (h["old_value"], h["new_value"]) for h in history}
    assert changed == {"employment_type": ("CPNS", "PNS"), "education": ("S1", "S2")}
    # The author is the caller of the token (BKD's admin has no NIP: its subject).
    assert {(h["changed_by"], h["reason"], h["effective_date"], h["kind"]) for h in history} == {
        ("admin-bkd", "Pengangkatan PNS", "2026-05-01", "UPDATE")
    }
    ranks = (await svc.client.get(f"/v1/employees/{nip}/ranks")).json()
    assert [(r["golongan"], r["source"]) for r in ranks] == [("III/a", "REGISTRATION")]


async def test_who_changed_is_never_taken_from_the_request(
    svc: ServiceHarness, make_registration: Make
) -> None:
    nip = await register(svc, make_registration())
    response = await svc.client.patch(
        f"/v1/employees/{nip}",
        json={"education": "S2", "effective_date": "2026-01-02"},
        headers={"X-Actor": "somebody.else"},
    )
    assert response.status_code == 200, response.text
    [change] = (await svc.client.get(f"/v1/employees/{nip}/history")).json()["items"]
    assert (change["field"], change["changed_by"]) == ("education", "admin-bkd")
    for path, body in (
        (f"/v1/employees/{nip}", {"name": "X", "effective_date": "2026-01-03"}),
        (f"/v1/employees/{nip}/retirement", {"retirement_date": "2044-10-01"}),
    ):
        named = await svc.client.request(
            "PATCH" if path.endswith(nip) else "POST",
            path,
            json={**body, "changed_by": "admin.budi"},
        )
        assert named.status_code == 422, named.text
        assert "changed_by" in [e["field"] for e in named.json()["errors"]]


async def test_bad_changes_are_4xx_and_change_nothing(
    svc: ServiceHarness, make_registration: Make
) -> None:
    nip = await register(svc, make_registration())
    before = (await svc.client.get(f"/v1/employees/{nip}")).json()
    cases = [
        ({"education": "S2", "effective_date": "2026-01-02", "changed_by": "x"}, HR, 422, "changed_by"),
        ({"golongan": "IV/b", "effective_date": "2026-01-02"}, HR, 422, "golongan"),
        ({"golongan_tmt": "2020-01-01", "effective_date": "2026-01-02"}, HR, 422, "golongan_tmt"),
        ({"employment_type": "CPNS", "effective_date": "2026-01-02"}, HR, 422, "employment_type"),
        ({"name": None, "effective_date": "2026-01-02"}, HR, 422, "name"),
        ({"effective_date": "2026-01-02"}, HR, 422, None),
        ({"education": "S2"}, HR, 422, "effective_date"),
        ({"nip": "198609262015051001", "effective_date": "2026-01-02"}, HR, 422, "nip"),
        ({"supervisor_nip": "197001012000011997", "effective_date": "2026-01-02"}, HR, 422, "supervisor_nip"),
    ]  # fmt: skip
    for body, headers, status, field in cases:
        response = await svc.client.patch(f"/v1/employees/{nip}", json=body, headers=headers)
        assert response.status_code == status, (body, response.text)
        if field:
            assert field in [e["field"] for e in response.json()["errors"]], response.json()
    unknown = await svc.client.patch(
        "/v1/employees/197001012000011996",
        json={"education": "S2", "effective_date": "2026-01-02"},
        headers=HR,
    )
    assert unknown.status_code == 404
    assert (await svc.client.get(f"/v1/employees/{nip}")).json() == before
    assert await published_payloads(svc.runtime, EmployeeUpdated, nip) == []


async def test_a_transfer_moves_the_employee_and_publishes_employee_transferred(
    svc: ServiceHarness, make_registration: Make
) -> None:
    boss = await register(svc, make_registration(unit_code="DINKES", golongan="III/d"))
    nip = await register(svc, make_registration())
    transfer = {
        "to_unit_code": "DINKES",
        "to_unit_name": "Dinas Kesehatan",
        "position_title": "Guru Ahli Pertama",
        "position_kind": "FUNGSIONAL",
        "functional_level": "AHLI_PERTAMA",
        "functional_position": "GURU",
        "work_location": "KAB_BANDUNG",
        "supervisor_nip": boss,
        "job_family": "KESEHATAN",
        "effective_date": "2026-11-01",
        "reason": "Rotasi",
    }
    response = await svc.client.post(f"/v1/employees/{nip}/transfers", json=transfer, headers=HR)
    assert response.status_code == 200, response.text
    moved = response.json()
    assert (moved["unit_code"], moved["golongan"], moved["retirement_age"]) == (
        "DINKES",
        "III/b",
        60,
    )
    [event] = await published_payloads(svc.runtime, EmployeeTransferred, nip)
    assert event["from_unit_code"] == "BKD"
    # A teacher retires at 60 at every grade (UU 14/2005 art. 30(4)), and the event says so.
    assert (event["functional_position"], event["retirement_date"], event["retirement_rule"]) == (
        "GURU",
        moved["retirement_date"],
        "BUP-2017+GURU",
    )
    assert (event["to_unit_code"], event["supervisor_nip"], event["job_family"]) == (
        "DINKES",
        boss,
        "KESEHATAN",
    )
    history = (await svc.client.get(f"/v1/employees/{nip}/history")).json()["items"]
    assert {h["kind"] for h in history} == {"TRANSFER"}
    assert "unit_code" in {h["field"] for h in history}

    unknown_boss = {**transfer, "supervisor_nip": "197001012000011995", "to_unit_code": "X"}
    refused = await svc.client.post(f"/v1/employees/{nip}/transfers", json=unknown_boss, headers=HR)
    assert refused.status_code == 422
    same = await svc.client.post(f"/v1/employees/{nip}/transfers", json=transfer, headers=HR)
    assert same.status_code == 422
    assert len(await published_payloads(svc.runtime, EmployeeTransferred, nip)) == 1


async def test_a_retired_employee_cannot_be_changed_transferred_or_retired_again(
    svc: ServiceHarness, make_registration: Make
) -> None:
    nip = await register(svc, make_registration())
    response = await svc.client.post(
        f"/v1/employees/{nip}/retirement",
        json={"retirement_date": "2026-12-01", "reason": "Atas permintaan sendiri"},
        headers=HR,
    )
    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["retired_on"]) == ("RETIRED", "2026-12-01")
    [event] = await published_payloads(svc.runtime, EmployeeRetired, nip)
    assert event == {
        "nip": nip,
        "retirement_date": "2026-12-01",
        "reason": "Atas permintaan sendiri",
    }

    patch = await svc.client.patch(
        f"/v1/employees/{nip}", json={"name": "X", "effective_date": "2026-12-02"}, headers=HR
    )
    transfer = await svc.client.post(
        f"/v1/employees/{nip}/transfers",
        json={
            "to_unit_code": "DINKES",
            "to_unit_name": "Dinas Kesehatan",
            "position_title": "A",
            "position_kind": "PELAKSANA",
            "work_location": "KAB_BANDUNG",
            "effective_date": "2026-12-02",
        },
        headers=HR,
    )
    again = await svc.client.post(
        f"/v1/employees/{nip}/retirement", json={"retirement_date": "2026-12-01"}, headers=HR
    )
    for refused in (patch, transfer, again):
        assert refused.status_code == 409
        assert "retired on 2026-12-01" in refused.json()["detail"]
    assert len(await published_payloads(svc.runtime, EmployeeRetired, nip)) == 1
    assert await published_payloads(svc.runtime, EmployeeUpdated, nip) == []


async def test_the_forecast_lists_who_reaches_bup_within_the_horizon(
    svc: ServiceHarness, make_registration: Make
) -> None:
    # Retire on 2027-01-01 (born 1968-12), 2027-06-01 (born 1969-05), and later (JPT: 60).
    soon = await register(svc, make_registration(birth=date(1968, 12, 10), unit_code="FORECAST"))
    later = await register(svc, make_registration(birth=date(1969, 5, 3), unit_code="FORECAST"))
    jpt = await register(
        svc,
        make_registration(
            birth=date(1968, 12, 11), position_kind="JPT", golongan="IV/b", unit_code="FORECAST"
        ),
    )

    async def within(months: int) -> list[str]:
        response = await svc.client.get(
            "/v1/retirements", params={"within_months": months, "as_of": "2026-11-28", "limit": 500}
        )
        assert response.status_code == 200, response.text
        return [e["nip"] for e in response.json()["items"] if e["unit_code"] == "FORECAST"]

    assert await within(1) == []
    assert await within(2) == [soon]
    assert await within(6) == [soon]
    assert await within(7) == [soon, later]
    assert jpt in await within(26)
    assert (
        await svc.client.get("/v1/retirements", params={"within_months": -1})
    ).status_code == 422
