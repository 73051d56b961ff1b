"""Who may do what on personnel's API, on the real database: tokens, roles, scope (404 out of
scope, lists filtered in SQL), four eyes, the rank through its own endpoint, and the audit log.

The register of this module: a supervisor (BOSS) and their report (REPORT) in DINKES, one
employee (CLERK) in BKD, and HR_OFFICER, an HR officer of BKD who is also an employee there."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
import pytest_asyncio

from jenjang_shared.contracts import Event, PromotionRecommended
from jenjang_testing import builders, harness
from jenjang_testing.builders import DERIVED
from jenjang_testing.harness import ServiceHarness
from jenjang_testing.issuer import TestIssuer

Make = Callable[..., dict[str, Any]]
Recommend = Callable[..., PromotionRecommended]
Register = dict[str, str]

CORRECTION = {
    "golongan": "III/c",
    "golongan_tmt": "2021-04-01",
    "effective_date": "2026-02-01",
    "reason": "Salah input golongan pada migrasi data",
}


def a_registration(**overrides: Any) -> dict[str, Any]:
    """As conftest's `make_registration`: a PNS with S1 at III/b, PELAKSANA in BKD."""
    event = builders.employee_registered(
        golongan="III/b",
        position_title="Analis Kepegawaian",
        position_kind="PELAKSANA",
        functional_level=None,
        job_class=None,
    )
    return {**event.model_dump(mode="json", exclude=DERIVED), **overrides}


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def people(svc: ServiceHarness) -> Register:
    """The module's register (registered by BKD's admin, the client's default token). Other
    tests of the module register more people in BKD: lists are checked against these."""

    async def register(**overrides: Any) -> str:
        body = a_registration(**overrides)
        response = await svc.client.post("/v1/employees", json=body)
        assert response.status_code == 201, response.text
        return str(body["nip"])

    boss = await register(unit_code="DINKES", unit_name="Dinas Kesehatan", golongan="III/d")
    report = await register(unit_code="DINKES", unit_name="Dinas Kesehatan", supervisor_nip=boss)
    clerk = await register(unit_code="BKD")
    officer = await register(unit_code="BKD", golongan="III/a")
    return {"BOSS": boss, "REPORT": report, "CLERK": clerk, "HR_OFFICER": officer}


@pytest.fixture
def tokens(test_issuer: TestIssuer, people: Register) -> dict[str, dict[str, str]]:
    """Bearer headers by who calls."""
    t = test_issuer
    made = {
        "admin": t.admin(),
        "hr_bkd": t.token("hr", units=["BKD"], nip=people["HR_OFFICER"]),
        "hr_bkd_2": t.token("hr", units=["BKD"], nip="198203032008012002"),
        "hr_dinkes": t.token("hr", units=["DINKES"], nip="198505052010011003"),
        "supervisor": t.token("supervisor", nip=people["BOSS"]),
        "employee": t.token("employee", nip=people["REPORT"]),
        "service": t.token("service"),
        "service_writer": t.token("service", scopes=["personnel:write"]),
        "no_role": t.token(subject="nobody"),
    }
    return {who: t.headers(token) for who, token in made.items()}


@pytest_asyncio.fixture(loop_scope="session")
async def anonymous(svc: ServiceHarness) -> AsyncIterator[httpx.AsyncClient]:
    """A client that sends no Authorization header at all."""
    transport = httpx.ASGITransport(app=svc.app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def units_listed(svc: ServiceHarness, headers: dict[str, str], path: str) -> dict[str, str]:
    """The page's employees (NIP -> unit); the page holds the whole list."""
    response = await svc.client.get(path, params={"limit": 500}, headers=headers)
    assert response.status_code == 200, response.text
    page = response.json()
    assert page["total"] == len(page["items"])
    return {item["nip"]: item["unit_code"] for item in page["items"]}


async def nips_listed(svc: ServiceHarness, headers: dict[str, str], path: str) -> set[str]:
    return set(await units_listed(svc, headers, path))


async def audit_of(svc: ServiceHarness, record_id: str, **params: Any) -> list[dict[str, Any]]:
    response = await svc.client.get("/v1/audit", params={"record_id": record_id, **params})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def deliver(svc: ServiceHarness, event: Event) -> None:
    assert await harness.deliver(svc.runtime, svc.app.state.handlers, event)


async def test_without_a_trustworthy_token_reads_and_writes_are_401(
    svc: ServiceHarness,
    anonymous: httpx.AsyncClient,
    people: Register,
    test_issuer: TestIssuer,
    make_registration: Make,
) -> None:
    nip = people["CLERK"]
    calls = [
        ("GET", "/v1/employees", None),
        ("GET", f"/v1/employees/{nip}", None),
        ("GET", "/v1/promotion-proposals", None),
        ("POST", "/v1/employees", make_registration()),
        ("PATCH", f"/v1/employees/{nip}", {"education": "S2", "effective_date": "2026-01-02"}),
        ("POST", f"/v1/employees/{nip}/rank-corrections", CORRECTION),
    ]
    for method, path, body in calls:
        response = await anonymous.request(method, path, json=body)
        assert response.status_code == 401, (method, path, response.text)
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    for kind, token in test_issuer.broken().items():
        for method, path, body in calls[1], calls[4]:
            response = await anonymous.request(
                method, path, json=body, headers=test_issuer.headers(token)
            )
            assert response.status_code == 401, (kind, method, path, response.text)
    assert (await anonymous.get("/health/live")).status_code == 200
    assert (await svc.client.get(f"/v1/employees/{nip}")).json()["education"] == "S1"


async def test_a_role_outside_the_operations_policy_is_403(
    svc: ServiceHarness,
    people: Register,
    tokens: dict[str, dict[str, str]],
    make_registration: Make,
) -> None:
    nip = people["REPORT"]
    patch = {"education": "S2", "effective_date": "2026-01-02"}
    refused = [
        ("employee", "POST", "/v1/employees", make_registration(unit_code="DINKES")),
        ("employee", "PATCH", f"/v1/employees/{nip}", patch),
        ("supervisor", "PATCH", f"/v1/employees/{nip}", patch),
        ("supervisor", "POST", f"/v1/employees/{nip}/retirement", {"retirement_date": "2044-10-01"}),
        ("hr_dinkes", "POST", f"/v1/employees/{nip}/rank-corrections", CORRECTION),
        ("service_writer", "POST", f"/v1/employees/{nip}/rank-corrections", CORRECTION),
        ("hr_dinkes", "GET", "/v1/audit", None),
        ("no_role", "GET", "/v1/employees", None),
    ]  # fmt: skip
    for who, method, path, body in refused:
        response = await svc.client.request(method, path, json=body, headers=tokens[who])
        assert response.status_code == 403, (who, method, path, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    for who in ("hr_bkd", "supervisor", "employee", "service_writer"):
        response = await svc.client.post(
            "/v1/imports/employees",
            files={"file": ("e.csv", b"nip\n", "text/csv")},
            headers=tokens[who],
        )
        assert response.status_code == 403, (who, response.text)
    approve = {"sk_number": "SK", "sk_date": "2025-11-20"}
    for who in ("employee", "supervisor", "service_writer"):
        response = await svc.client.post(
            "/v1/promotion-proposals/00000000-0000-0000-0000-000000000000/approve",
            json=approve,
            headers=tokens[who],
        )
        assert response.status_code == 403, (who, response.text)
    assert (await svc.client.get(f"/v1/employees/{nip}")).json()["education"] == "S1"


async def test_hr_reads_and_writes_the_employees_of_its_units_only(
    svc: ServiceHarness,
    people: Register,
    tokens: dict[str, dict[str, str]],
    make_registration: Make,
) -> None:
    hr, everyone = tokens["hr_bkd"], set(people.values())
    listed = await units_listed(svc, hr, "/v1/employees")
    assert set(listed.values()) == {"BKD"}
    assert set(listed) & everyone == {people["CLERK"], people["HR_OFFICER"]}
    listed = await units_listed(svc, tokens["hr_dinkes"], "/v1/employees")
    assert set(listed) == {people["BOSS"], people["REPORT"]}
    filtered = await svc.client.get("/v1/employees", params={"unit_code": "DINKES"}, headers=hr)
    assert filtered.json()["total"] == 0
    retiring = await svc.client.get(
        "/v1/retirements", params={"within_months": 600, "limit": 500}, headers=hr
    )
    assert {e["unit_code"] for e in retiring.json()["items"]} == {"BKD"}

    other = people["REPORT"]
    assert (await svc.client.get(f"/v1/employees/{people['CLERK']}", headers=hr)).status_code == 200
    for path in ("", "/history", "/ranks", "/timeline"):
        response = await svc.client.get(f"/v1/employees/{other}{path}", headers=hr)
        assert response.status_code == 404, (path, response.text)
    unknown = await svc.client.get("/v1/employees/197001012000011993", headers=hr)
    assert (unknown.status_code, unknown.json()["title"]) == (404, "Not found")
    writes = [
        ("PATCH", "", {"education": "S2", "effective_date": "2026-01-02"}),
        ("POST", "/retirement", {"retirement_date": "2044-10-01"}),
        ("POST", "/transfers", {
            "to_unit_code": "BKD", "to_unit_name": "Badan Kepegawaian Daerah",
            "position_title": "Analis", "position_kind": "PELAKSANA",
            "work_location": "KOTA_BANDUNG", "effective_date": "2026-01-02",
        }),
    ]  # fmt: skip
    for method, path, body in writes:
        response = await svc.client.request(
            method, f"/v1/employees/{other}{path}", json=body, headers=hr
        )
        assert response.status_code == 404, (method, path, response.text)
    assert (await svc.client.get(f"/v1/employees/{other}")).json()["status"] == "ACTIVE"

    elsewhere = await svc.client.post(
        "/v1/employees", json=make_registration(unit_code="DINKES"), headers=hr
    )
    assert elsewhere.status_code == 403, elsewhere.text
    ours = await svc.client.post("/v1/employees", json=make_registration(), headers=hr)
    assert ours.status_code == 201, ours.text
    changed = await svc.client.patch(
        f"/v1/employees/{people['CLERK']}",
        json={"job_family": "KEPEGAWAIAN_2", "effective_date": "2026-01-02"},
        headers=hr,
    )
    assert changed.status_code == 200, changed.text


async def test_a_supervisor_reads_their_direct_reports_and_themself(
    svc: ServiceHarness, people: Register, tokens: dict[str, dict[str, str]]
) -> None:
    boss = tokens["supervisor"]
    assert await nips_listed(svc, boss, "/v1/employees") == {people["BOSS"], people["REPORT"]}
    assert (
        await svc.client.get(f"/v1/employees/{people['REPORT']}", headers=boss)
    ).status_code == 200
    assert (
        await svc.client.get(f"/v1/employees/{people['CLERK']}", headers=boss)
    ).status_code == 404
    history = await svc.client.get(f"/v1/employees/{people['REPORT']}/history", headers=boss)
    assert history.status_code == 200, history.text


async def test_an_employee_reads_only_themself(
    svc: ServiceHarness, people: Register, tokens: dict[str, dict[str, str]]
) -> None:
    me, own = tokens["employee"], people["REPORT"]
    assert await nips_listed(svc, me, "/v1/employees") == {own}
    assert await nips_listed(svc, me, "/v1/retirements?within_months=600") <= {own}
    for path in ("", "/history", "/ranks", "/timeline"):
        assert (await svc.client.get(f"/v1/employees/{own}{path}", headers=me)).status_code == 200
        response = await svc.client.get(f"/v1/employees/{people['BOSS']}{path}", headers=me)
        assert response.status_code == 404, (path, response.text)
    # Reading one's own timeline is not audited; BKD reading it is.
    assert [a for a in await audit_of(svc, own) if a["operation"] == "timeline.read"] == []
    assert (await svc.client.get(f"/v1/employees/{own}/timeline")).status_code == 200
    [read] = [a for a in await audit_of(svc, own) if a["operation"] == "timeline.read"]
    assert (read["actor"], read["roles"], read["record_type"]) == (
        "admin-bkd",
        ["admin"],
        "employee",
    )


async def test_an_internal_app_reads_everyone_and_writes_only_with_the_scope(
    svc: ServiceHarness,
    people: Register,
    tokens: dict[str, dict[str, str]],
    make_registration: Make,
) -> None:
    assert set(people.values()) <= await nips_listed(svc, tokens["service"], "/v1/employees")
    body = make_registration()
    refused = await svc.client.post("/v1/employees", json=body, headers=tokens["service"])
    assert refused.status_code == 403
    assert "personnel:write" in refused.json()["detail"]
    patch = {"education": "S2", "effective_date": "2026-01-02"}
    url = f"/v1/employees/{people['BOSS']}"
    assert (await svc.client.patch(url, json=patch, headers=tokens["service"])).status_code == 403
    created = await svc.client.post("/v1/employees", json=body, headers=tokens["service_writer"])
    assert created.status_code == 201, created.text
    changed = await svc.client.patch(url, json=patch, headers=tokens["service_writer"])
    assert changed.status_code == 200, changed.text


async def test_four_eyes_nobody_decides_their_own_proposal(
    svc: ServiceHarness,
    people: Register,
    tokens: dict[str, dict[str, str]],
    make_recommendation: Recommend,
) -> None:
    officer = people["HR_OFFICER"]
    await deliver(svc, make_recommendation(officer, "III/a", "III/b"))
    [proposal] = (await svc.client.get("/v1/promotion-proposals", params={"nip": officer})).json()[
        "items"
    ]
    url = f"/v1/promotion-proposals/{proposal['id']}"
    approval = {"sk_number": "800/KP.01/2026", "sk_date": "2026-01-05"}
    for action, body in (("approve", approval), ("reject", {"reason": "x"})):
        own = await svc.client.post(f"{url}/{action}", json=body, headers=tokens["hr_bkd"])
        assert own.status_code == 403, own.text
        assert "four eyes" in own.json()["detail"]
        # hr of another unit does not even see it.
        elsewhere = await svc.client.post(f"{url}/{action}", json=body, headers=tokens["hr_dinkes"])
        assert elsewhere.status_code == 404, elsewhere.text
    assert (await svc.client.get(url, headers=tokens["hr_dinkes"])).status_code == 404
    assert (await svc.client.get(url, headers=tokens["hr_bkd"])).status_code == 200
    listed = await svc.client.get("/v1/promotion-proposals", headers=tokens["hr_dinkes"])
    assert proposal["id"] not in {p["id"] for p in listed.json()["items"]}

    decided = await svc.client.post(f"{url}/approve", json=approval, headers=tokens["hr_bkd_2"])
    assert decided.status_code == 200, decided.text
    assert decided.json()["decided_by"] == "198203032008012002"
    [audit] = await audit_of(svc, proposal["id"])
    assert (audit["operation"], audit["actor"], audit["roles"]) == (
        "promotion_proposal.approve", "198203032008012002", ["hr"],
    )  # fmt: skip
    assert (audit["before"]["status"], audit["after"]["status"]) == ("PENDING", "APPROVED")
    promoted = [a for a in await audit_of(svc, officer) if a["operation"] == "employee.promote"]
    assert promoted[0]["after"]["golongan"] == "III/b"


async def test_a_write_is_audited_with_its_caller_and_the_fields_before_and_after(
    svc: ServiceHarness, people: Register, tokens: dict[str, dict[str, str]]
) -> None:
    nip = people["BOSS"]
    response = await svc.client.patch(
        f"/v1/employees/{nip}",
        json={"work_location": "KAB_GARUT", "effective_date": "2026-03-01", "reason": "Pindah"},
        headers=tokens["hr_dinkes"],
    )
    assert response.status_code == 200, response.text
    [audit, *_] = await audit_of(svc, nip)  # newest first
    assert (audit["operation"], audit["record_type"], audit["actor"], audit["roles"]) == (
        "employee.update", "employee", "198505052010011003", ["hr"],
    )  # fmt: skip
    assert audit["before"] == {"work_location": "KOTA_BANDUNG"}
    assert audit["after"] == {
        "work_location": "KAB_GARUT", "effective_date": "2026-03-01", "reason": "Pindah",
    }  # fmt: skip
    [registered] = await audit_of(svc, nip, record_type="employee", actor="admin-bkd")
    assert registered["operation"] == "employee.register"
    assert registered["after"]["unit_code"] == "DINKES"
    [change, *_] = (
        await svc.client.get(f"/v1/employees/{nip}/history", headers=tokens["hr_dinkes"])
    ).json()["items"]
    assert (change["field"], change["changed_by"]) == ("work_location", "198505052010011003")


async def test_the_rank_changes_through_the_admins_correction_not_patch(
    svc: ServiceHarness, people: Register, tokens: dict[str, dict[str, str]]
) -> None:
    nip = people["CLERK"]
    for field, value in (("golongan", "III/c"), ("golongan_tmt", "2021-04-01")):
        response = await svc.client.patch(
            f"/v1/employees/{nip}", json={field: value, "effective_date": "2026-02-01"}
        )
        assert response.status_code == 422, response.text
        [error] = response.json()["errors"]
        assert error["field"] == field
        assert "rank-corrections" in error["reason"] and "proposal" in error["reason"]
    assert (
        "golongan"
        not in (await svc.client.get("/openapi.json")).json()["components"]["schemas"][
            "EmployeeUpdate"
        ]["properties"]
    )

    url = f"/v1/employees/{nip}/rank-corrections"
    forbidden = await svc.client.post(url, json=CORRECTION, headers=tokens["hr_bkd"])
    assert forbidden.status_code == 403
    for missing in ("reason", "effective_date", "golongan", "golongan_tmt"):
        body = {k: v for k, v in CORRECTION.items() if k != missing}
        assert (await svc.client.post(url, json=body)).status_code == 422, missing
    corrected = await svc.client.post(url, json=CORRECTION)
    assert corrected.status_code == 200, corrected.text
    assert (corrected.json()["golongan"], corrected.json()["golongan_tmt"]) == (
        "III/c", "2021-04-01",
    )  # fmt: skip
    ranks = (await svc.client.get(f"/v1/employees/{nip}/ranks")).json()
    assert (ranks[0]["golongan"], ranks[0]["source"]) == ("III/c", "CORRECTION")
    history = (await svc.client.get(f"/v1/employees/{nip}/history")).json()["items"]
    assert {(h["field"], h["kind"], h["changed_by"], h["reason"]) for h in history[:2]} == {
        ("golongan", "CORRECTION", "admin-bkd", CORRECTION["reason"]),
        ("golongan_tmt", "CORRECTION", "admin-bkd", CORRECTION["reason"]),
    }
    [audit, *_] = await audit_of(svc, nip)
    assert (audit["operation"], audit["actor"]) == ("employee.correct_rank", "admin-bkd")
    assert audit["before"]["golongan"] == "III/b"
    assert audit["after"]["reason"] == CORRECTION["reason"]
    again = await svc.client.post(url, json=CORRECTION)
    assert again.status_code == 422  # nothing to change


async def test_an_import_is_audited_under_its_job_id(
    svc: ServiceHarness, make_registration: Make
) -> None:
    body = make_registration()
    header = ",".join(k for k, v in body.items() if v is not None)
    row = ",".join(str(v) for v in body.values() if v is not None)
    response = await svc.client.post(
        "/v1/imports/employees",
        params={"mode": "valid_rows"},
        files={"file": ("e.csv", f"{header}\n{row}\n".encode(), "text/csv")},
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["imported"] == 1
    [audit] = await audit_of(svc, report["job_id"])
    assert (audit["operation"], audit["record_type"], audit["actor"]) == (
        "employee.import", "employee_import", "admin-bkd",
    )  # fmt: skip
    assert audit["after"]["imported"] == [body["nip"]]
