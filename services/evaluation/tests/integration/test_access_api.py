"""Identity, access and audit over HTTP on the real database: tokens, roles, the scope the
queries apply (404 outside it), four eyes, the service role's write scope, the audit log."""

from __future__ import annotations

from typing import Any

from jenjang_testing.builders import new_nip
from jenjang_testing.harness import deliver

from .helpers import EVALUATOR, TODAY, evaluation_body, handlers_on, registered

HANDLERS = handlers_on(TODAY)


async def staff(svc: Any, unit: str, boss: str) -> str:
    """A new employee of `unit` reporting to `boss`, projected from EmployeeRegistered."""
    nip = new_nip()
    await deliver(svc.runtime, HANDLERS, registered(nip, unit_code=unit, supervisor_nip=boss))
    return nip


def body(nip: str, period: str = "2026-Q3", **extra: Any) -> dict[str, Any]:
    """An evaluation body without an evaluator (the token's NIP, or `extra`)."""
    found = evaluation_body(nip, period, **extra)
    if "evaluator_nip" not in extra:
        del found["evaluator_nip"]
    return found


async def without_token(svc: Any, method: str, url: str, **kwargs: Any) -> Any:
    request = svc.client.build_request(method, url, **kwargs)
    del request.headers["Authorization"]
    return await svc.client.send(request)


async def audit_of(svc: Any, record_id: str) -> list[dict[str, Any]]:
    found = await svc.client.get("/v1/audit", params={"record_id": record_id})
    assert found.status_code == 200, found.text
    items: list[dict[str, Any]] = found.json()["items"]
    return items


async def test_without_a_token_reads_and_writes_are_401(svc):
    nip = new_nip()
    read = await without_token(svc, "GET", f"/v1/employees/{nip}/evaluations")
    write = await without_token(svc, "POST", "/v1/evaluations", json=evaluation_body(nip, "2025"))
    for response in (read, write):
        assert response.status_code == 401, response.text
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert (await svc.client.get(f"/v1/employees/{nip}/evaluations")).json()["total"] == 0


async def test_a_role_outside_the_policy_is_403(svc, test_issuer):
    boss = new_nip()
    nip = await staff(svc, "BKD", boss)
    worker = test_issuer.headers(test_issuer.token("employee", nip=nip))
    supervisor = test_issuer.headers(test_issuer.token("supervisor", nip=boss))
    hr = test_issuer.headers(test_issuer.token("hr", units=["BKD"]))
    refused = [
        await svc.client.post("/v1/evaluations", json=body(nip), headers=worker),
        await svc.client.get("/v1/units/BKD/talent-box?year=2025", headers=worker),
        await svc.client.get("/v1/units/BKD/distribution?period=2025", headers=supervisor),
        await svc.client.post("/v1/promotion-sweeps", json={"kp_period": "2027-01-01"}, headers=hr),
        await svc.client.get("/v1/audit", headers=hr),
    ]
    for response in refused:
        assert response.status_code == 403, response.text
        assert response.headers["content-type"].startswith("application/problem+json")


async def test_hr_sees_and_writes_the_employees_of_its_units_only(svc, test_issuer):
    boss = new_nip()
    ours, theirs = await staff(svc, "DISKOMINFO", boss), await staff(svc, "DINKES", boss)
    hr = test_issuer.headers(test_issuer.token("hr", units=["DISKOMINFO"]))
    recorded = await svc.client.post(
        "/v1/evaluations", json=body(ours, "2025", evaluator_nip=EVALUATOR), headers=hr
    )
    assert recorded.status_code == 201, recorded.text
    await svc.client.post("/v1/evaluations", json=body(theirs, "2025", evaluator_nip=EVALUATOR))
    mine = await svc.client.get(f"/v1/employees/{ours}/evaluations", headers=hr)
    assert mine.status_code == 200 and mine.json()["total"] == 1
    for url in (
        f"/v1/employees/{theirs}/evaluations",
        f"/v1/employees/{theirs}/promotion-eligibility",
        f"/v1/employees/{theirs}/promotion-recommendations",
        "/v1/units/DINKES/talent-box?year=2025",
        "/v1/units/DINKES/distribution?period=2025",
    ):
        assert (await svc.client.get(url, headers=hr)).status_code == 404, url
    other = await svc.client.post(
        "/v1/evaluations", json=body(theirs, evaluator_nip=EVALUATOR), headers=hr
    )
    assert other.status_code == 404
    box = await svc.client.get("/v1/units/DISKOMINFO/talent-box?year=2025", headers=hr)
    assert box.status_code == 200 and ours in {i["nip"] for i in box.json()["items"]}
    assert theirs not in {i["nip"] for i in box.json()["items"]}
    spread = await svc.client.get("/v1/units/DISKOMINFO/distribution?period=2025", headers=hr)
    assert spread.status_code == 200 and spread.json()["total"] >= 1


async def test_a_supervisor_sees_and_evaluates_their_direct_reports_only(svc, test_issuer):
    boss, other_boss = new_nip(), new_nip()
    report = await staff(svc, "BAPPEDA", boss)
    stranger = await staff(svc, "BAPPEDA", other_boss)
    me = test_issuer.headers(test_issuer.token("supervisor", nip=boss))
    recorded = await svc.client.post("/v1/evaluations", json=body(report), headers=me)
    assert recorded.status_code == 201, recorded.text
    assert recorded.json()["evaluator_nip"] == boss
    named = await svc.client.post(
        "/v1/evaluations", json=body(report, "2026-Q2", evaluator_nip=EVALUATOR), headers=me
    )
    assert named.status_code == 422
    assert any(e["field"] == "evaluator_nip" for e in named.json()["errors"])
    assert (
        await svc.client.post("/v1/evaluations", json=body(stranger), headers=me)
    ).status_code == 404
    assert (await svc.client.get(f"/v1/employees/{report}/evaluations", headers=me)).json()[
        "total"
    ] == 1
    assert (
        await svc.client.get(f"/v1/employees/{stranger}/evaluations", headers=me)
    ).status_code == 404
    box = await svc.client.get("/v1/units/BAPPEDA/talent-box?year=2025", headers=me)
    assert box.status_code == 200
    assert [i["nip"] for i in box.json()["items"]] == [report]
    potential = await svc.client.post(
        "/v1/potential-assessments",
        json={"nip": report, "year": 2025, "potential": "HIGH"},
        headers=me,
    )
    assert potential.status_code == 201 and potential.json()["assessor_nip"] == boss
    assert (
        await svc.client.post(
            "/v1/potential-assessments",
            json={"nip": stranger, "year": 2025, "potential": "HIGH"},
            headers=me,
        )
    ).status_code == 404


async def test_nobody_evaluates_themself(svc, test_issuer):
    boss = new_nip()
    supervisor = await staff(svc, "BKD", boss)
    await staff(svc, "BKD", supervisor)
    me = test_issuer.headers(test_issuer.token("supervisor", "hr", units=["BKD"], nip=supervisor))
    refused = await svc.client.post("/v1/evaluations", json=body(supervisor), headers=me)
    assert refused.status_code == 403
    assert "themself" in refused.json()["detail"]
    potential = await svc.client.post(
        "/v1/potential-assessments",
        json={"nip": supervisor, "year": 2025, "potential": "HIGH"},
        headers=me,
    )
    assert potential.status_code == 403


async def test_an_employee_sees_only_themself_and_it_is_not_audited(svc, test_issuer):
    boss = new_nip()
    me, colleague = await staff(svc, "BKD", boss), await staff(svc, "BKD", boss)
    for nip in (me, colleague):
        await svc.client.post("/v1/evaluations", json=body(nip, "2025", evaluator_nip=boss))
    mine = test_issuer.headers(test_issuer.token("employee", nip=me))
    for url in ("evaluations", "promotion-eligibility", "promotion-recommendations"):
        own = await svc.client.get(f"/v1/employees/{me}/{url}", headers=mine)
        assert own.status_code == 200, (url, own.text)
        other = await svc.client.get(f"/v1/employees/{colleague}/{url}", headers=mine)
        assert other.status_code == 404, url
    assert [r["operation"] for r in await audit_of(svc, me)] == []


async def test_reading_another_persons_evaluations_is_audited(svc, test_issuer):
    boss = new_nip()
    report = await staff(svc, "BKD", boss)
    me = test_issuer.headers(test_issuer.token("supervisor", nip=boss))
    assert (
        await svc.client.get(f"/v1/employees/{report}/evaluations", headers=me)
    ).status_code == 200
    (row,) = await audit_of(svc, report)
    assert (row["operation"], row["record_type"], row["actor"]) == (
        "evaluation.read",
        "employee",
        boss,
    )
    assert row["roles"] == ["supervisor"]


async def test_an_evaluation_is_audited_with_its_actor(svc, test_issuer):
    boss = new_nip()
    report = await staff(svc, "BKD", boss)
    me = test_issuer.headers(test_issuer.token("supervisor", nip=boss))
    first = (await svc.client.post("/v1/evaluations", json=body(report), headers=me)).json()
    second = (
        await svc.client.post(
            "/v1/evaluations",
            json=body(report, hasil="DI_ATAS", correction_reason="wrong row"),
            headers=me,
        )
    ).json()
    (recorded,) = await audit_of(svc, first["evaluation_id"])
    assert (recorded["operation"], recorded["actor"]) == ("evaluation.record", boss)
    assert recorded["before"] is None and recorded["after"]["predikat"] == "BAIK"
    (corrected,) = await audit_of(svc, second["evaluation_id"])
    assert corrected["operation"] == "evaluation.correct"
    assert corrected["before"]["version"] == 1 and corrected["after"]["version"] == 2
    assert corrected["request_id"]


async def test_the_service_role_reads_and_writes_only_with_the_scope(svc, test_issuer):
    nip = await staff(svc, "BKD", new_nip())
    reader = test_issuer.headers(test_issuer.token("service"))
    writer = test_issuer.headers(test_issuer.token("service", scopes=["evaluation:write"]))
    wrong = test_issuer.headers(test_issuer.token("service", scopes=["personnel:write"]))
    assert (
        await svc.client.get(f"/v1/employees/{nip}/evaluations", headers=reader)
    ).status_code == 200
    for headers in (reader, wrong):
        refused = await svc.client.post(
            "/v1/evaluations", json=body(nip, evaluator_nip=EVALUATOR), headers=headers
        )
        assert refused.status_code == 403 and "evaluation:write" in refused.json()["detail"]
    done = await svc.client.post(
        "/v1/evaluations", json=body(nip, evaluator_nip=EVALUATOR), headers=writer
    )
    assert done.status_code == 201, done.text
    unnamed = await svc.client.post("/v1/evaluations", json=body(nip, "2026-Q2"), headers=writer)
    assert unnamed.status_code == 422  # an internal app names the evaluator


async def test_sweeps_are_for_admin_and_audited(svc, test_issuer):
    hr = test_issuer.headers(test_issuer.token("hr", units=["BKD"]))
    started = await svc.client.post("/v1/promotion-sweeps", json={"kp_period": "2027-01-01"})
    assert started.status_code == 202, started.text
    sweep_id = started.json()["sweep_id"]
    assert (await svc.client.get(f"/v1/promotion-sweeps/{sweep_id}", headers=hr)).status_code == 403
    (row,) = await audit_of(svc, sweep_id)
    assert (row["operation"], row["actor"]) == ("sweep.start", "admin-bkd")
    assert row["after"]["kp_period"] == "2027-01-01"
