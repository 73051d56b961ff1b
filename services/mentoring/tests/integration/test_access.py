"""Who may do what, through HTTP on the real database: tokens, roles, scope in the queries,
sides in a mentorship, four eyes, and the audit rows of writes and of reads of others' records.

The module's service trusts the session's test issuer; its client sends an admin token, and
each request here names the caller's token instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
import pytest_asyncio

from jenjang_testing.builders import new_nip
from jenjang_testing.harness import ServiceHarness
from jenjang_testing.issuer import TestIssuer

from .support import TODAY, apply, registered


@dataclass(frozen=True)
class Scene:
    """Two units: in UNIT_A a superior (`boss`) with a mentee reporting to them, mentored by
    `mentor` (a pool mentor of UNIT_B); in UNIT_C a stranger with their own mentorship."""

    unit_a: str
    unit_b: str
    unit_c: str
    boss: str
    mentee: str
    mentor: str
    mentorship: str
    stranger: str
    stranger_mentorship: str


def unit() -> str:
    return f"U{new_nip()[-7:]}"


async def pns(svc: ServiceHarness, **fields: Any) -> str:
    event = registered(**{"employment_type": "PNS", **fields})
    await apply(svc, event)
    return event.nip


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def scene(svc: ServiceHarness) -> Scene:
    a, b, c = unit(), unit(), unit()
    boss = await pns(svc, golongan="IV/b", unit_code=a)
    mentee = await pns(svc, golongan="III/a", unit_code=a, supervisor_nip=boss)
    mentor = await pns(svc, golongan="IV/a", unit_code=b)
    other_mentor = await pns(svc, golongan="IV/a", unit_code=c)
    stranger = await pns(svc, golongan="III/a", unit_code=c)
    for nip in (mentor, other_mentor):
        added = await svc.client.post("/v1/mentors", json={"nip": nip, "capacity": 5})
        assert added.status_code == 201, added.text
    ids = []
    for mentor_nip, mentee_nip in ((mentor, mentee), (other_mentor, stranger)):
        started = await svc.client.post(
            "/v1/mentorships",
            json={"mentor_nip": mentor_nip, "mentee_nip": mentee_nip, "program": "DEVELOPMENT"},
        )
        assert started.status_code == 201, started.text
        ids.append(started.json()["id"])
    return Scene(a, b, c, boss, mentee, mentor, ids[0], stranger, ids[1])


def as_(issuer: TestIssuer, *roles: str, **claims: Any) -> dict[str, str]:
    return issuer.headers(issuer.token(*roles, **claims))


async def audit_of(svc: ServiceHarness, record_id: str) -> list[dict[str, Any]]:
    response = await svc.client.get("/v1/audit", params={"record_id": record_id})  # admin
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


# --- tokens and roles ----------------------------------------------------------------------------


async def test_without_a_token_reads_and_writes_are_401(svc: ServiceHarness, scene: Scene) -> None:
    anonymous = {"Authorization": ""}
    for method, url, body in (
        ("GET", "/v1/mentorships", None),
        ("GET", f"/v1/employees/{scene.mentee}", None),
        ("POST", "/v1/mentors", {"nip": scene.boss}),
        ("POST", f"/v1/mentorships/{scene.mentorship}/cancel", {"reason": "x"}),
    ):
        response = await svc.client.request(method, url, json=body, headers=anonymous)
        assert response.status_code == 401, (method, url, response.text)
        assert response.headers["www-authenticate"].startswith("Bearer")
    assert (await svc.client.get(f"/v1/mentors/{scene.boss}")).status_code == 404  # unchanged


async def test_refused_tokens_are_401(
    svc: ServiceHarness, scene: Scene, test_issuer: TestIssuer
) -> None:
    for kind, token in test_issuer.broken().items():
        response = await svc.client.get("/v1/mentorships", headers=test_issuer.headers(token))
        assert response.status_code == 401, kind


@pytest.mark.parametrize(
    ("role", "method", "path", "body"),
    [
        ("employee", "POST", "/v1/mentors", {"nip": "199001012015011001"}),
        ("supervisor", "POST", "/v1/mentorships/match", {"mentee_nip": "199001012015011001",
                                                          "program": "COACHING"}),
        ("employee", "POST", "/v1/mentorships/{id}/completion",
         {"outcome": "ok", "completed_on": TODAY.isoformat()}),
        ("supervisor", "POST", "/v1/mentorships/{id}/cancel", {"reason": "x"}),
        ("hr", "POST", "/v1/mentorships/{id}/sessions",
         {"held_on": TODAY.isoformat(), "duration_minutes": 30}),
        ("hr", "POST", "/v1/mentorships/{id}/feedback", {"from": "MENTEE", "rating": 3}),
        ("employee", "GET", "/v1/reports/mentor-load", None),
        ("supervisor", "GET", "/v1/reports/feedback", None),
        ("hr", "GET", "/v1/audit", None),
    ],
)  # fmt: skip
async def test_a_role_outside_the_policy_is_403(
    svc: ServiceHarness,
    scene: Scene,
    test_issuer: TestIssuer,
    role: str,
    method: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    headers = as_(test_issuer, role, units=[scene.unit_a], nip=scene.mentee)
    url = path.format(id=scene.mentorship)
    response = await svc.client.request(method, url, json=body, headers=headers)
    assert response.status_code == 403, response.text
    assert response.json()["detail"]


async def test_an_internal_app_reads_and_writes_only_with_the_scope(
    svc: ServiceHarness, test_issuer: TestIssuer
) -> None:
    nip = await pns(svc, golongan="IV/a", unit_code=unit())
    plain = as_(test_issuer, "service")
    assert (await svc.client.get("/v1/mentorships", headers=plain)).status_code == 200
    assert (await svc.client.get(f"/v1/employees/{nip}", headers=plain)).status_code == 200
    refused = await svc.client.post("/v1/mentors", json={"nip": nip}, headers=plain)
    assert refused.status_code == 403 and "mentoring:write" in refused.json()["detail"]
    granted = as_(test_issuer, "service", scopes=["mentoring:write"])
    added = await svc.client.post("/v1/mentors", json={"nip": nip}, headers=granted)
    assert added.status_code == 201, added.text


# --- scope: lists filtered in SQL, one record out of scope is a 404 ---------------------------


async def test_hr_sees_the_employees_and_mentorships_of_its_units_only(
    svc: ServiceHarness, scene: Scene, test_issuer: TestIssuer
) -> None:
    hr_a = as_(test_issuer, "hr", units=[scene.unit_a])
    assert (await svc.client.get(f"/v1/employees/{scene.mentee}", headers=hr_a)).status_code == 200
    for url in (
        f"/v1/employees/{scene.stranger}",
        f"/v1/employees/{scene.stranger}/mentorships",
        f"/v1/mentorships/{scene.stranger_mentorship}",
    ):
        assert (await svc.client.get(url, headers=hr_a)).status_code == 404, url
    listed = (await svc.client.get("/v1/mentorships", headers=hr_a, params={"limit": 100})).json()
    assert [m["id"] for m in listed["items"]] == [scene.mentorship] and listed["total"] == 1
    # HR of the mentor's unit sees the mentorship too (either party), not the mentee's record.
    hr_b = as_(test_issuer, "hr", units=[scene.unit_b])
    listed_b = (await svc.client.get("/v1/mentorships", headers=hr_b)).json()
    assert [m["id"] for m in listed_b["items"]] == [scene.mentorship]
    assert (await svc.client.get(f"/v1/employees/{scene.mentee}", headers=hr_b)).status_code == 404
    load = (await svc.client.get("/v1/reports/mentor-load", headers=hr_b)).json()
    assert [i["nip"] for i in load["items"]] == [scene.mentor]
    counts = (await svc.client.get("/v1/reports/mentorships", headers=hr_a)).json()
    assert counts["total"] == 1


async def test_a_supervisor_sees_their_direct_reports_only(
    svc: ServiceHarness, scene: Scene, test_issuer: TestIssuer
) -> None:
    boss = as_(test_issuer, "supervisor", nip=scene.boss)
    for nip, status in ((scene.mentee, 200), (scene.boss, 200), (scene.stranger, 404)):
        response = await svc.client.get(f"/v1/employees/{nip}", headers=boss)
        assert response.status_code == status, nip
    listed = (await svc.client.get("/v1/mentorships", headers=boss)).json()
    assert [m["id"] for m in listed["items"]] == [scene.mentorship]


async def test_an_employee_sees_only_themself(
    svc: ServiceHarness, scene: Scene, test_issuer: TestIssuer
) -> None:
    me = as_(test_issuer, "employee", nip=scene.mentee)
    assert (await svc.client.get(f"/v1/employees/{scene.mentee}", headers=me)).status_code == 200
    for nip in (scene.boss, scene.stranger):
        assert (await svc.client.get(f"/v1/employees/{nip}", headers=me)).status_code == 404
    mine = (await svc.client.get(f"/v1/employees/{scene.mentee}/mentorships", headers=me)).json()
    assert [m["id"] for m in mine["as_mentee"]] == [scene.mentorship]
    listed = (await svc.client.get("/v1/mentorships", headers=me, params={"limit": 100})).json()
    assert [m["id"] for m in listed["items"]] == [scene.mentorship]
    pool = await svc.client.get("/v1/mentors", headers=me)  # reference data: open to all
    assert pool.status_code == 200 and pool.json()["total"] >= 2
    assert (await svc.client.get("/v1/unmatched", headers=me)).json()["total"] == 0


async def test_hr_writes_on_an_employee_out_of_its_units_are_404(
    svc: ServiceHarness, scene: Scene, test_issuer: TestIssuer
) -> None:
    hr_c = as_(test_issuer, "hr", units=[scene.unit_c])
    for method, url, body in (
        ("POST", "/v1/mentors", {"nip": scene.boss}),
        ("POST", f"/v1/mentors/{scene.mentor}/pause", None),
        ("PATCH", f"/v1/mentors/{scene.mentor}", {"capacity": 9}),
        ("POST", "/v1/mentorships/match", {"mentee_nip": scene.mentee, "program": "COACHING"}),
        ("POST", f"/v1/mentorships/{scene.mentorship}/cancel", {"reason": "x"}),
    ):
        response = await svc.client.request(method, url, json=body, headers=hr_c)
        assert response.status_code == 404, (method, url, response.text)
    detail = (await svc.client.get(f"/v1/mentorships/{scene.mentorship}")).json()
    assert detail["status"] == "ACTIVE"


# --- sides, four eyes, audit -------------------------------------------------------------------


async def test_the_mentor_logs_sessions_and_each_party_gives_feedback_for_their_side(
    svc: ServiceHarness, scene: Scene, test_issuer: TestIssuer
) -> None:
    session = {"held_on": TODAY.isoformat(), "duration_minutes": 45}
    url = f"/v1/mentorships/{scene.mentorship}"
    boss = as_(test_issuer, "supervisor", nip=scene.boss)
    refused = await svc.client.post(f"{url}/sessions", json=session, headers=boss)
    assert refused.status_code == 403 and "only the mentor" in refused.json()["detail"]
    stranger = as_(test_issuer, "supervisor", nip=scene.stranger)
    assert (
        await svc.client.post(f"{url}/sessions", json=session, headers=stranger)
    ).status_code == 404
    mentor = as_(test_issuer, "supervisor", nip=scene.mentor)
    logged = await svc.client.post(f"{url}/sessions", json=session, headers=mentor)
    assert logged.status_code == 201, logged.text

    mentee = as_(test_issuer, "employee", nip=scene.mentee)
    wrong_side = await svc.client.post(
        f"{url}/feedback", json={"from": "MENTOR", "rating": 5}, headers=mentee
    )
    assert wrong_side.status_code == 403
    given = await svc.client.post(f"{url}/feedback", json={"rating": 4}, headers=mentee)
    assert given.status_code == 201 and given.json()["from_role"] == "MENTEE"
    rows = await audit_of(svc, scene.mentorship)
    by_operation = {r["operation"]: r for r in rows}
    assert by_operation["session.record"]["actor"] == scene.mentor
    assert by_operation["feedback.give"]["actor"] == scene.mentee
    assert by_operation["feedback.give"]["roles"] == ["employee"]


async def test_four_eyes_nobody_starts_or_ends_a_mentorship_of_their_own(
    svc: ServiceHarness, test_issuer: TestIssuer
) -> None:
    a = unit()
    officer = await pns(svc, golongan="III/a", unit_code=a)  # an HR officer who is a mentee
    mentor = await pns(svc, golongan="IV/a", unit_code=a)
    assert (await svc.client.post("/v1/mentors", json={"nip": mentor})).status_code == 201
    own = as_(test_issuer, "hr", units=[a], nip=officer)
    body = {"mentor_nip": mentor, "mentee_nip": officer, "program": "DEVELOPMENT"}
    refused = await svc.client.post("/v1/mentorships", json=body, headers=own)
    assert refused.status_code == 403 and "four eyes" in refused.json()["detail"]
    colleague = as_(test_issuer, "hr", units=[a], nip=new_nip())
    started = await svc.client.post("/v1/mentorships", json=body, headers=colleague)
    assert started.status_code == 201, started.text
    mid = started.json()["id"]
    done = {"outcome": "ok", "completed_on": TODAY.isoformat()}
    ended = await svc.client.post(f"/v1/mentorships/{mid}/completion", json=done, headers=own)
    assert ended.status_code == 403
    designate = await svc.client.post("/v1/mentors", json={"nip": officer}, headers=own)
    assert designate.status_code == 403


async def test_a_write_and_a_read_of_anothers_mentorship_are_audited(
    svc: ServiceHarness, test_issuer: TestIssuer
) -> None:
    a = unit()
    mentor = await pns(svc, golongan="IV/a", unit_code=a)
    mentee = await pns(svc, golongan="III/a", unit_code=a)
    officer = new_nip()
    hr = as_(test_issuer, "hr", units=[a], nip=officer)
    assert (
        await svc.client.post("/v1/mentors", json={"nip": mentor}, headers=hr)
    ).status_code == 201
    started = await svc.client.post(
        "/v1/mentorships",
        json={"mentor_nip": mentor, "mentee_nip": mentee, "program": "COACHING"},
        headers=hr,
    )
    mid = started.json()["id"]
    [start] = await audit_of(svc, mid)
    assert (start["operation"], start["actor"], start["roles"]) == (
        "mentorship.start",
        officer,
        ["hr"],
    )
    assert start["after"]["mentee_nip"] == mentee and start["request_id"]
    [designation] = await audit_of(svc, mentor)
    assert designation["operation"] == "mentor.add" and designation["actor"] == officer

    own = as_(test_issuer, "employee", nip=mentee)
    assert (await svc.client.get(f"/v1/mentorships/{mid}", headers=own)).status_code == 200
    assert len(await audit_of(svc, mid)) == 1  # reading one's own: not audited
    assert (await svc.client.get(f"/v1/mentorships/{mid}", headers=hr)).status_code == 200
    latest = (await audit_of(svc, mid))[0]
    assert (latest["operation"], latest["actor"]) == ("mentorship.read", officer)
    cancel = await svc.client.post(
        f"/v1/mentorships/{mid}/cancel", json={"reason": "Moved"}, headers=hr
    )
    assert cancel.status_code == 200
    latest = (await audit_of(svc, mid))[0]
    assert (latest["operation"], latest["before"], latest["after"]) == (
        "mentorship.cancel",
        {"status": "ACTIVE"},
        {"status": "CANCELLED", "ended_on": TODAY.isoformat(), "cancel_reason": "Moved"},
    )
