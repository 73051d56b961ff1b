"""Who may do what, through HTTP on the real database (issue 13): tokens, roles, the scope each
caller sees (filtered in the queries: out of scope is 404, lists leave it out), four eyes on
recording one's own training, and the audit log."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from jenjang_testing import builders
from jenjang_testing.builders import new_nip
from jenjang_testing.harness import ServiceHarness
from jenjang_testing.issuer import TestIssuer

from .support import TODAY, apply, course_body, make_course, make_session


def unit() -> str:
    return f"U{uuid.uuid4().hex[:8].upper()}"


@dataclass
class Agency:
    """Two units; in the first a supervisor with one direct report, and a colleague of another
    superior; in the second one employee. One session everybody may enrol in."""

    unit: str
    other_unit: str
    supervisor: str
    report: str
    colleague: str
    outsider: str
    session_id: str


@pytest.fixture
async def agency(svc: ServiceHarness) -> Agency:
    here, there = unit(), unit()
    supervisor, report, colleague, outsider = (new_nip() for _ in range(4))
    await apply(svc, builders.employee_registered(supervisor, unit_code=here))
    await apply(
        svc, builders.employee_registered(report, unit_code=here, supervisor_nip=supervisor)
    )
    await apply(
        svc, builders.employee_registered(colleague, unit_code=here, supervisor_nip=new_nip())
    )
    await apply(svc, builders.employee_registered(outsider, unit_code=there))
    course = await make_course(svc, job_families=[])
    session = await make_session(svc, course["code"])
    return Agency(here, there, supervisor, report, colleague, outsider, session["id"])


def bearer(test_issuer: TestIssuer, *roles: str, **claims: Any) -> dict[str, str]:
    return test_issuer.headers(test_issuer.token(*roles, **claims))


async def enrol(svc: ServiceHarness, session_id: str, nip: str, **kwargs: Any) -> Any:
    return await svc.client.post(
        f"/v1/sessions/{session_id}/enrollments", json={"nip": nip}, **kwargs
    )


async def enrolled(svc: ServiceHarness, session_id: str, nip: str) -> str:
    response = await enrol(svc, session_id, nip)
    assert response.status_code == 201, response.text
    enrollment_id: str = response.json()["id"]
    return enrollment_id


def passed() -> dict[str, Any]:
    return {
        "passed": True,
        "score": 90,
        "certificate_number": f"SERT/{uuid.uuid4().hex[:10]}",
        "completed_on": TODAY.isoformat(),
    }


# --- tokens and roles ----------------------------------------------------------------------


async def test_without_a_token_reads_and_writes_are_401(svc: ServiceHarness) -> None:
    read = await svc.client.get("/v1/courses", headers={"Authorization": ""})
    write = await svc.client.post("/v1/courses", json=course_body(), headers={"Authorization": ""})

    assert read.status_code == write.status_code == 401
    assert read.headers["WWW-Authenticate"].startswith("Bearer")


async def test_a_broken_token_is_401(svc: ServiceHarness, test_issuer: TestIssuer) -> None:
    for kind, token in test_issuer.broken().items():
        response = await svc.client.get("/v1/courses", headers=test_issuer.headers(token))
        assert response.status_code == 401, kind


@pytest.mark.parametrize(
    ("method", "path", "roles"),
    [
        ("POST", "/v1/courses", ("employee", "hr", "supervisor")),
        ("POST", "/v1/sessions", ("employee", "hr", "supervisor")),
        ("POST", "/v1/recommendation-sweeps", ("employee", "hr", "supervisor", "service")),
        ("GET", "/v1/reports/jp-shortfall", ("employee", "supervisor")),
        ("POST", f"/v1/enrollments/{uuid.uuid4()}/attendance", ("employee", "supervisor")),
        ("POST", f"/v1/enrollments/{uuid.uuid4()}/completion", ("employee", "supervisor")),
    ],
)
async def test_a_role_outside_the_policy_is_403(
    svc: ServiceHarness, test_issuer: TestIssuer, method: str, path: str, roles: tuple[str, ...]
) -> None:
    for role in roles:
        claims: dict[str, Any] = {"nip": new_nip(), "units": ["BKD"]}
        response = await svc.client.request(
            method, path, json={}, headers=bearer(test_issuer, role, **claims)
        )
        assert response.status_code == 403, (role, response.text)


async def test_the_catalogue_is_read_by_every_role(
    svc: ServiceHarness, test_issuer: TestIssuer, agency: Agency
) -> None:
    for role in ("admin", "hr", "supervisor", "employee", "service"):
        headers = bearer(test_issuer, role, nip=agency.report, units=[agency.unit])
        courses = await svc.client.get("/v1/courses", headers=headers)
        session = await svc.client.get(f"/v1/sessions/{agency.session_id}", headers=headers)
        assert (courses.status_code, session.status_code) == (200, 200), role


async def test_an_internal_app_writes_only_with_the_write_scope(
    svc: ServiceHarness, test_issuer: TestIssuer
) -> None:
    plain = bearer(test_issuer, "service")
    granted = bearer(test_issuer, "service", scopes=["training:write"])

    refused = await svc.client.post("/v1/courses", json=course_body(), headers=plain)
    accepted = await svc.client.post("/v1/courses", json=course_body(), headers=granted)
    read = await svc.client.get("/v1/courses", headers=plain)

    assert refused.status_code == 403 and "training:write" in refused.json()["detail"]
    assert accepted.status_code == 201
    assert read.status_code == 200


# --- scope: hr, supervisor, employee ------------------------------------------------------


async def test_hr_sees_the_employees_of_its_units_only(
    svc: ServiceHarness, test_issuer: TestIssuer, agency: Agency
) -> None:
    hr = bearer(test_issuer, "hr", units=[agency.unit], nip=new_nip())

    mine = await svc.client.get(f"/v1/employees/{agency.report}/jp", headers=hr)
    theirs = await svc.client.get(f"/v1/employees/{agency.outsider}/jp", headers=hr)
    their_recs = await svc.client.get(
        f"/v1/employees/{agency.outsider}/recommendations", headers=hr
    )
    unknown = await svc.client.get(f"/v1/employees/{new_nip()}/jp", headers=hr)

    assert mine.status_code == 200
    assert theirs.status_code == their_recs.status_code == unknown.status_code == 404


async def test_the_shortfall_report_of_hr_lists_its_units_only(
    svc: ServiceHarness, test_issuer: TestIssuer, agency: Agency
) -> None:
    hr = bearer(test_issuer, "hr", units=[agency.unit])
    params = {"year": TODAY.year, "limit": 500}

    listed = await svc.client.get("/v1/reports/jp-shortfall", params=params, headers=hr)
    asked_other = await svc.client.get(
        "/v1/reports/jp-shortfall", params={**params, "unit_code": agency.other_unit}, headers=hr
    )
    everyone = await svc.client.get("/v1/reports/jp-shortfall", params=params)

    assert {line["unit_code"] for line in listed.json()["items"]} == {agency.unit}
    assert listed.json()["total"] == 3
    assert asked_other.json()["total"] == 0
    assert agency.outsider in [line["nip"] for line in everyone.json()["items"]]


async def test_a_supervisor_sees_their_direct_reports_only(
    svc: ServiceHarness, test_issuer: TestIssuer, agency: Agency
) -> None:
    for nip in (agency.report, agency.colleague, agency.supervisor):
        await enrolled(svc, agency.session_id, nip)
    supervisor = bearer(test_issuer, "supervisor", nip=agency.supervisor)

    report = await svc.client.get(f"/v1/employees/{agency.report}/jp", headers=supervisor)
    colleague = await svc.client.get(f"/v1/employees/{agency.colleague}/jp", headers=supervisor)
    listed = await svc.client.get(
        f"/v1/sessions/{agency.session_id}/enrollments", headers=supervisor
    )

    assert (report.status_code, colleague.status_code) == (200, 404)
    assert sorted(e["nip"] for e in listed.json()["items"]) == sorted(
        [agency.report, agency.supervisor]
    )
    assert listed.json()["total"] == 2


async def test_an_employee_sees_only_themself(
    svc: ServiceHarness, test_issuer: TestIssuer, agency: Agency
) -> None:
    others = await enrolled(svc, agency.session_id, agency.colleague)
    own = await enrolled(svc, agency.session_id, agency.report)
    employee = bearer(test_issuer, "employee", nip=agency.report)

    assert (await svc.client.get(f"/v1/employees/{agency.report}/jp", headers=employee)).is_success
    for path in (
        f"/v1/employees/{agency.colleague}/jp",
        f"/v1/employees/{agency.colleague}/recommendations",
        f"/v1/enrollments/{others}",
    ):
        assert (await svc.client.get(path, headers=employee)).status_code == 404, path
    listed = await svc.client.get(f"/v1/sessions/{agency.session_id}/enrollments", headers=employee)
    assert [e["id"] for e in listed.json()["items"]] == [own]


async def test_an_employee_reads_their_own_recommendations_before_training_knows_them(
    svc: ServiceHarness, test_issuer: TestIssuer
) -> None:
    nip = new_nip()
    await apply(svc, builders.evaluation_recorded(nip, predikat="KURANG"))

    response = await svc.client.get(
        f"/v1/employees/{nip}/recommendations", headers=bearer(test_issuer, "employee", nip=nip)
    )

    assert response.status_code == 200 and response.json()["total"] == 1


# --- enrolment writes ---------------------------------------------------------------------


async def test_an_employee_enrols_themself_and_nobody_else(
    svc: ServiceHarness, test_issuer: TestIssuer, agency: Agency
) -> None:
    employee = bearer(test_issuer, "employee", nip=agency.report)

    other = await enrol(svc, agency.session_id, agency.colleague, headers=employee)
    own = await enrol(svc, agency.session_id, agency.report, headers=employee)
    cancelled = await svc.client.delete(f"/v1/enrollments/{own.json()['id']}", headers=employee)

    assert other.status_code == 404
    assert own.status_code == 201 and own.json()["nip"] == agency.report
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "CANCELLED"


async def test_hr_enrols_the_employees_of_its_units_and_a_supervisor_not_their_reports(
    svc: ServiceHarness, test_issuer: TestIssuer, agency: Agency
) -> None:
    hr = bearer(test_issuer, "hr", units=[agency.unit])
    supervisor = bearer(test_issuer, "supervisor", nip=agency.supervisor)

    assert (await enrol(svc, agency.session_id, agency.report, headers=hr)).status_code == 201
    assert (await enrol(svc, agency.session_id, agency.outsider, headers=hr)).status_code == 404
    by_supervisor = await enrol(svc, agency.session_id, agency.colleague, headers=supervisor)
    assert by_supervisor.status_code == 404


async def test_hr_records_completion_in_its_units_but_never_its_own(
    svc: ServiceHarness, test_issuer: TestIssuer, agency: Agency
) -> None:
    hr_nip = agency.colleague  # an HR officer of the unit is an employee of it too
    hr = bearer(test_issuer, "hr", units=[agency.unit], nip=hr_nip)
    theirs = await enrolled(svc, agency.session_id, agency.report)
    own = await enrolled(svc, agency.session_id, hr_nip)
    outside = await enrolled(svc, agency.session_id, agency.outsider)

    done = await svc.client.post(f"/v1/enrollments/{theirs}/completion", json=passed(), headers=hr)
    self_done = await svc.client.post(
        f"/v1/enrollments/{own}/completion", json=passed(), headers=hr
    )
    self_present = await svc.client.post(
        f"/v1/enrollments/{own}/attendance",
        json={"day": TODAY.isoformat(), "present": True},
        headers=hr,
    )
    elsewhere = await svc.client.post(
        f"/v1/enrollments/{outside}/completion", json=passed(), headers=hr
    )

    assert done.status_code == 200 and done.json()["status"] == "PASSED"
    assert self_done.status_code == self_present.status_code == 403
    assert "four eyes" in self_done.json()["detail"]
    assert elsewhere.status_code == 404
    assert (await svc.client.get(f"/v1/enrollments/{own}")).json()["status"] == "CONFIRMED"


# --- the projection's scope ---------------------------------------------------------------


async def test_a_transfer_moves_the_employee_to_the_new_unit_and_superior(
    svc: ServiceHarness, test_issuer: TestIssuer, agency: Agency
) -> None:
    new_superior = new_nip()
    await apply(
        svc,
        builders.employee_transferred(
            agency.report,
            from_unit_code=agency.unit,
            to_unit_code=agency.other_unit,
            supervisor_nip=new_superior,
        ),
    )
    path = f"/v1/employees/{agency.report}/jp"

    old_hr = bearer(test_issuer, "hr", units=[agency.unit])
    new_hr = bearer(test_issuer, "hr", units=[agency.other_unit])
    old_superior = bearer(test_issuer, "supervisor", nip=agency.supervisor)
    superior = bearer(test_issuer, "supervisor", nip=new_superior)

    assert (await svc.client.get(path, headers=old_hr)).status_code == 404
    assert (await svc.client.get(path, headers=old_superior)).status_code == 404
    assert (await svc.client.get(path, headers=new_hr)).status_code == 200
    assert (await svc.client.get(path, headers=superior)).status_code == 200


async def test_an_update_clearing_the_superior_hides_the_employee_from_them(
    svc: ServiceHarness, test_issuer: TestIssuer, agency: Agency
) -> None:
    supervisor = bearer(test_issuer, "supervisor", nip=agency.supervisor)
    path = f"/v1/employees/{agency.report}/jp"
    await apply(svc, builders.employee_updated(agency.report, changes={"name": "Renamed"}))
    assert (await svc.client.get(path, headers=supervisor)).status_code == 200  # not said: kept

    await apply(svc, builders.employee_updated(agency.report, changes={"supervisor_nip": None}))

    assert (await svc.client.get(path, headers=supervisor)).status_code == 404


# --- audit --------------------------------------------------------------------------------


async def audit_of(svc: ServiceHarness, record_id: str) -> list[dict[str, Any]]:
    response = await svc.client.get("/v1/audit", params={"record_id": record_id})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_writes_are_audited_with_the_token_as_actor(
    svc: ServiceHarness, test_issuer: TestIssuer, agency: Agency
) -> None:
    hr_nip = new_nip()
    hr = bearer(test_issuer, "hr", units=[agency.unit], nip=hr_nip)
    enrollment_id = (await enrol(svc, agency.session_id, agency.report, headers=hr)).json()["id"]
    await svc.client.post(f"/v1/enrollments/{enrollment_id}/completion", json=passed(), headers=hr)

    completed, created = await audit_of(svc, enrollment_id)

    assert (created["operation"], created["actor"], created["roles"]) == (
        "enrollment.create",
        hr_nip,
        ["hr"],
    )
    assert created["after"]["nip"] == agency.report and created["record_type"] == "enrollment"
    assert completed["operation"] == "enrollment.complete"
    assert (completed["before"], completed["after"]["status"]) == (
        {"status": "CONFIRMED"},
        "PASSED",
    )


async def test_the_catalogue_writes_are_audited(svc: ServiceHarness) -> None:
    course = await make_course(svc)
    session = await make_session(svc, course["code"])

    [added] = await audit_of(svc, course["code"])
    [offered] = await audit_of(svc, session["id"])

    assert (added["operation"], added["actor"]) == ("course.create", "admin-bkd")
    assert added["after"]["jp"] == course["jp"]
    assert offered["operation"] == "session.create"


async def test_reading_another_persons_recommendations_is_audited_but_not_ones_own(
    svc: ServiceHarness, test_issuer: TestIssuer, agency: Agency
) -> None:
    path = f"/v1/employees/{agency.report}/recommendations"
    own = bearer(test_issuer, "employee", nip=agency.report)
    supervisor = bearer(test_issuer, "supervisor", nip=agency.supervisor)

    await svc.client.get(path, headers=own)
    assert await audit_of(svc, agency.report) == []
    await svc.client.get(path, headers=supervisor)

    [read] = await audit_of(svc, agency.report)
    assert (read["operation"], read["actor"]) == ("recommendation.read", agency.supervisor)


async def test_the_audit_log_is_for_admin_only(
    svc: ServiceHarness, test_issuer: TestIssuer
) -> None:
    response = await svc.client.get("/v1/audit", headers=bearer(test_issuer, "hr", units=["BKD"]))
    assert response.status_code == 403
