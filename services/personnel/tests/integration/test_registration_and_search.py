"""Registration through HTTP with the real database: validation, its event, reads, search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from jenjang_testing.harness import ServiceHarness
from jenjang_testing.outbox import outbox_rows

Make = Callable[..., dict[str, Any]]


async def count(svc: ServiceHarness, table: str) -> int:
    return int(await svc.runtime.pool.fetchval(f"SELECT count(*) FROM {table}"))


async def test_a_registration_stores_the_record_and_publishes_employee_registered(
    svc: ServiceHarness, make_registration: Make
) -> None:
    body = make_registration(job_class=9)
    response = await svc.client.post("/v1/employees", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["pangkat"] == "Penata Muda Tingkat I"
    assert created["status"] == "ACTIVE"
    assert created["retirement_age"] == 58

    [row] = await outbox_rows(svc.runtime, subject=body["nip"])
    assert row.event_type == "asn.personnel.EmployeeRegistered.v1"
    # The event adds the projected retirement under the post's rule (PP 11/2017 art. 239).
    assert row.payload == {
        **body,
        "functional_level": None,
        "supervisor_nip": None,
        "retirement_date": created["retirement_date"],
        "retirement_rule": "BUP-2017",
    }

    got = await svc.client.get(f"/v1/employees/{body['nip']}")
    assert got.status_code == 200
    assert got.json() == created
    timeline = (await svc.client.get(f"/v1/employees/{body['nip']}/timeline")).json()
    assert [e["kind"] for e in timeline["items"]] == ["EmployeeRegistered"]


async def test_a_nip_with_spaces_and_no_tmt_cpns_is_normalised(
    svc: ServiceHarness, make_registration: Make
) -> None:
    body = make_registration()
    nip, tmt = body["nip"], body.pop("tmt_cpns")
    body["nip"] = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    response = await svc.client.post("/v1/employees", json=body)
    assert response.status_code == 201, response.text
    assert (response.json()["nip"], response.json()["tmt_cpns"]) == (nip, tmt)


BAD = [
    ({"nip": "12345"}, "nip"),
    ({"nip": "198613262015051001"}, "nip"),
    ({"gender": "female"}, "nip"),
    ({"birth_date": "1960-01-01"}, "nip"),
    ({"tmt_cpns": "1999-01-01"}, "nip"),
    ({"golongan": "IV/a"}, "golongan"),
    ({"golongan": "IX"}, "golongan"),
    ({"golongan": "Z/z"}, "golongan"),
    ({"functional_level": "AHLI_MUDA"}, "functional_level"),
    ({"employment_type": "PPPK", "golongan": "IX"}, "tmt_cpns"),
    ({"education": "MBA"}, "education"),
    ({"job_class": 18}, "job_class"),
    ({"name": ""}, "name"),
    ({"birth_date": "not-a-date"}, "birth_date"),
    ({"golongan_tmt": "1960-01-01"}, "golongan_tmt"),
    ({"supervisor_nip": "197001012000011999"}, "supervisor_nip"),
    ({"unexpected": 1}, "unexpected"),
]


@pytest.mark.parametrize(("overrides", "field"), BAD)
async def test_bad_registrations_are_422_naming_the_field_and_change_nothing(
    svc: ServiceHarness, make_registration: Make, overrides: dict[str, Any], field: str
) -> None:
    body = make_registration()
    nip = body["nip"]
    body.update(overrides)
    before = (await count(svc, "employees"), await count(svc, "outbox"))
    response = await svc.client.post("/v1/employees", json=body)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert field in [e["field"] for e in problem["errors"]], problem
    assert all(e["reason"] for e in problem["errors"])
    assert (await count(svc, "employees"), await count(svc, "outbox")) == before
    assert (await svc.client.get(f"/v1/employees/{nip}")).status_code == 404


async def test_a_missing_field_is_named(svc: ServiceHarness, make_registration: Make) -> None:
    body = make_registration()
    del body["unit_code"]
    response = await svc.client.post("/v1/employees", json=body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "unit_code"


async def test_a_duplicate_nip_is_a_conflict(svc: ServiceHarness, make_registration: Make) -> None:
    body = make_registration()
    assert (await svc.client.post("/v1/employees", json=body)).status_code == 201
    again = await svc.client.post("/v1/employees", json={**body, "name": "Other"})
    assert again.status_code == 409
    assert "already registered" in again.json()["detail"]
    assert len(await outbox_rows(svc.runtime, subject=body["nip"])) == 1


async def test_a_registered_supervisor_is_accepted(
    svc: ServiceHarness, make_registration: Make
) -> None:
    boss = make_registration(golongan="III/d")
    assert (await svc.client.post("/v1/employees", json=boss)).status_code == 201
    staff = make_registration(supervisor_nip=boss["nip"])
    response = await svc.client.post("/v1/employees", json=staff)
    assert response.status_code == 201
    assert response.json()["supervisor_nip"] == boss["nip"]


async def test_reads_answer_404_for_unknown_and_422_for_malformed_nips(
    svc: ServiceHarness,
) -> None:
    assert (await svc.client.get("/v1/employees/197001012000011998")).status_code == 404
    malformed = await svc.client.get("/v1/employees/12345")
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["field"] == "nip"


async def test_search_filters_paginates_and_sorts(
    svc: ServiceHarness, make_registration: Make
) -> None:
    unit = "UNIT-SEARCH"
    bodies = [
        make_registration(unit_code=unit, golongan=g, name=f"Search {n}")
        for g, n in (("III/a", "Citra"), ("III/c", "Ayu"), ("III/b", "Bayu"))
    ]
    bodies.append(
        make_registration(
            unit_code=unit, name="Search Dewi", position_kind="FUNGSIONAL",
            functional_level="AHLI_MADYA", functional_position="ANALIS_KEBIJAKAN", golongan="IV/a",
        )
    )  # fmt: skip
    for body in bodies:
        assert (await svc.client.post("/v1/employees", json=body)).status_code == 201

    async def names(**params: Any) -> list[str]:
        response = await svc.client.get("/v1/employees", params={"unit_code": unit, **params})
        assert response.status_code == 200, response.text
        return [e["name"] for e in response.json()["items"]]

    assert await names(sort="name") == ["Search Ayu", "Search Bayu", "Search Citra", "Search Dewi"]
    assert await names(sort="-golongan") == [
        "Search Dewi", "Search Ayu", "Search Bayu", "Search Citra",
    ]  # fmt: skip
    assert await names(golongan="III/b") == ["Search Bayu"]
    assert await names(position_kind="FUNGSIONAL") == ["Search Dewi"]
    assert await names(q="ayu", sort="name") == ["Search Ayu", "Search Bayu"]
    assert await names(employment_type="PPPK") == []
    page = (
        await svc.client.get(
            "/v1/employees", params={"unit_code": unit, "sort": "name", "limit": 2, "offset": 2}
        )
    ).json()
    assert (page["total"], page["limit"], page["offset"]) == (4, 2, 2)
    assert [e["name"] for e in page["items"]] == ["Search Citra", "Search Dewi"]
    for bad in ({"sort": "salary"}, {"limit": 501}, {"golongan": "Z"}, {"offset": -1}):
        assert (await svc.client.get("/v1/employees", params=bad)).status_code == 422
