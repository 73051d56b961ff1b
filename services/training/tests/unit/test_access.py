"""The use cases' scope decisions on fakes: what each caller sees and may change (someone out of
scope is NotFound, like someone unknown), four eyes on one's own training, and what is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from jenjang_shared.access import Principal, Role, Visibility
from jenjang_shared.errors import NotFound
from jenjang_testing import builders
from jenjang_testing.builders import new_nip
from jenjang_testing.fakes import handled_on
from training.domain.enrolment import OwnEnrolment
from training.domain.model import Employee, EnrollmentStatus, Session
from training.domain.recommending import Suggestion
from training.service import catalogue, completion, enrolment, handlers, ledger, recommendations

from . import given
from .fakes import FakeUnitOfWork
from .given import EVERYONE, TODAY


def visibility(*roles: Role, nip: str | None = None, units: tuple[str, ...] = ()) -> Visibility:
    return Visibility.of(
        Principal(subject="t", roles=frozenset(roles), nip=nip, units=frozenset(units))
    )


@dataclass
class Agency:
    uow: FakeUnitOfWork
    supervisor: Employee
    report: Employee
    colleague: Employee
    outsider: Employee
    session: Session


@pytest.fixture
async def agency() -> Agency:
    uow = FakeUnitOfWork()
    supervisor = await given.employee(uow, unit_code="DINKES")
    report = await given.employee(uow, unit_code="DINKES", supervisor_nip=supervisor.nip)
    colleague = await given.employee(uow, unit_code="DINKES", supervisor_nip=new_nip())
    outsider = await given.employee(uow, unit_code="BKD")
    course = await given.course(uow, job_families=())
    session = await given.session(uow, course.code)
    return Agency(uow, supervisor, report, colleague, outsider, session)


def hr(*units: str, nip: str | None = None) -> Visibility:
    return visibility(Role.HR, units=units, nip=nip)


# --- reading ------------------------------------------------------------------------------


async def test_the_jp_ledger_is_read_within_scope_only(agency: Agency) -> None:
    uow = agency.uow
    allowed = [
        (EVERYONE, agency.outsider),
        (hr("DINKES"), agency.colleague),
        (visibility(Role.SUPERVISOR, nip=agency.supervisor.nip), agency.report),
        (visibility(Role.SUPERVISOR, nip=agency.supervisor.nip), agency.supervisor),
        (visibility(Role.EMPLOYEE, nip=agency.report.nip), agency.report),
    ]
    refused = [
        (hr("DINKES"), agency.outsider),
        (visibility(Role.SUPERVISOR, nip=agency.supervisor.nip), agency.colleague),
        (visibility(Role.EMPLOYEE, nip=agency.report.nip), agency.colleague),
    ]
    for scope, employee in allowed:
        statement = await ledger.year_of(uow, nip=employee.nip, year=2025, visibility=scope)
        assert statement.nip == employee.nip
    for scope, employee in refused:
        with pytest.raises(NotFound):
            await ledger.year_of(uow, nip=employee.nip, year=2025, visibility=scope)


async def test_a_session_lists_only_the_enrolments_the_caller_sees(agency: Agency) -> None:
    uow = agency.uow
    for employee in (agency.supervisor, agency.report, agency.colleague, agency.outsider):
        await given.enrolment(uow, agency.session, employee.nip)

    async def nips(scope: Visibility) -> set[str]:
        found, total = await enrolment.enrollments_of_session(
            uow, session_id=agency.session.id, visibility=scope, limit=50, offset=0
        )
        assert total == len(found)
        return {e.nip for e in found}

    assert await nips(hr("DINKES")) == {
        agency.supervisor.nip,
        agency.report.nip,
        agency.colleague.nip,
    }
    assert await nips(visibility(Role.SUPERVISOR, nip=agency.supervisor.nip)) == {
        agency.supervisor.nip,
        agency.report.nip,
    }
    assert await nips(visibility(Role.EMPLOYEE, nip=agency.outsider.nip)) == {agency.outsider.nip}
    assert len(await nips(EVERYONE)) == 4


async def test_one_enrolment_out_of_scope_is_not_found(agency: Agency) -> None:
    place = await given.enrolment(agency.uow, agency.session, agency.outsider.nip)

    with pytest.raises(NotFound):
        await enrolment.enrollment(agency.uow, enrollment_id=place.id, visibility=hr("DINKES"))
    seen = await enrolment.enrollment(agency.uow, enrollment_id=place.id, visibility=hr("BKD"))
    assert seen.id == place.id


async def test_the_shortfall_report_of_hr_holds_its_units_only(agency: Agency) -> None:
    lines, total = await ledger.shortfall_report(
        agency.uow, year=2025, unit_code=None, visibility=hr("BKD"), limit=50, offset=0
    )
    assert [line.nip for line in lines] == [agency.outsider.nip] and total == 1

    asked_elsewhere, _ = await ledger.shortfall_report(
        agency.uow, year=2025, unit_code="DINKES", visibility=hr("BKD"), limit=50, offset=0
    )
    assert asked_elsewhere == []


async def test_recommendations_follow_the_scope_and_another_persons_read_is_audited(
    agency: Agency,
) -> None:
    uow = agency.uow
    await uow.recommendations.add(
        agency.report.nip,
        Suggestion(
            rule="WEAK_PREDIKAT", reason_key="WEAK_PREDIKAT:2025", reason="weak", course_codes=()
        ),
        published=True,
    )

    own, _ = await recommendations.of_employee(
        uow,
        nip=agency.report.nip,
        visibility=visibility(Role.EMPLOYEE, nip=agency.report.nip),
        caller_nip=agency.report.nip,
        limit=50,
        offset=0,
    )
    assert len(own) == 1 and uow.audited == []

    supervisor = visibility(Role.SUPERVISOR, nip=agency.supervisor.nip)
    theirs, _ = await recommendations.of_employee(
        uow,
        nip=agency.report.nip,
        visibility=supervisor,
        caller_nip=agency.supervisor.nip,
        limit=50,
        offset=0,
    )
    assert len(theirs) == 1
    [read] = uow.audited_of("recommendation.read")
    assert (read.record_type, read.record_id) == ("employee", agency.report.nip)

    with pytest.raises(NotFound):
        await recommendations.of_employee(
            uow,
            nip=agency.colleague.nip,
            visibility=supervisor,
            caller_nip=agency.supervisor.nip,
            limit=50,
            offset=0,
        )


async def test_ones_own_recommendations_are_visible_before_training_knows_one() -> None:
    nip = new_nip()
    found, total = await recommendations.of_employee(
        FakeUnitOfWork(),
        nip=nip,
        visibility=visibility(Role.EMPLOYEE, nip=nip),
        caller_nip=nip,
        limit=50,
        offset=0,
    )
    assert (found, total) == ([], 0)
    with pytest.raises(NotFound):
        await recommendations.of_employee(
            FakeUnitOfWork(), nip=nip, visibility=hr("BKD"), caller_nip=None, limit=50, offset=0
        )


# --- enrolling ----------------------------------------------------------------------------


async def test_an_employee_enrols_themself_only(agency: Agency) -> None:
    me = visibility(Role.EMPLOYEE, nip=agency.report.nip)

    placed = await enrolment.enroll(
        agency.uow, session_id=agency.session.id, nip=agency.report.nip, visibility=me, today=TODAY
    )
    assert placed.status is EnrollmentStatus.CONFIRMED
    with pytest.raises(NotFound):
        await enrolment.enroll(
            agency.uow,
            session_id=agency.session.id,
            nip=agency.colleague.nip,
            visibility=me,
            today=TODAY,
        )


async def test_hr_enrols_its_units_and_a_supervisor_not_their_reports(agency: Agency) -> None:
    uow, session_id = agency.uow, agency.session.id
    await enrolment.enroll(
        uow, session_id=session_id, nip=agency.report.nip, visibility=hr("DINKES"), today=TODAY
    )
    with pytest.raises(NotFound):
        await enrolment.enroll(
            uow,
            session_id=session_id,
            nip=agency.outsider.nip,
            visibility=hr("DINKES"),
            today=TODAY,
        )
    supervisor = visibility(Role.SUPERVISOR, nip=agency.supervisor.nip)
    with pytest.raises(NotFound):
        await enrolment.enroll(
            uow, session_id=session_id, nip=agency.colleague.nip, visibility=supervisor, today=TODAY
        )
    own = await enrolment.enroll(
        uow, session_id=session_id, nip=agency.supervisor.nip, visibility=supervisor, today=TODAY
    )
    assert own.nip == agency.supervisor.nip
    assert len(uow.audited_of("enrollment.create")) == 2


async def test_cancelling_follows_who_may_enrol_and_audits_the_move_up(agency: Agency) -> None:
    uow = agency.uow
    full = await given.session(uow, agency.session.course_code, capacity=1)
    place = await given.enrolment(uow, full, agency.report.nip)
    queued = await given.enrolment(uow, full, agency.colleague.nip, EnrollmentStatus.WAITLISTED)
    supervisor = visibility(Role.SUPERVISOR, nip=agency.supervisor.nip)

    with pytest.raises(NotFound):  # a supervisor reads their report's place, but does not cancel it
        await enrolment.cancel(uow, enrollment_id=place.id, visibility=supervisor, today=TODAY)
    me = visibility(Role.EMPLOYEE, nip=agency.report.nip)
    await enrolment.cancel(uow, enrollment_id=place.id, visibility=me, today=TODAY)

    assert [(a.operation, a.record_id, a.after) for a in uow.audited] == [
        ("enrollment.cancel", str(place.id), {"status": "CANCELLED"}),
        ("enrollment.confirm", str(queued.id), {"status": "CONFIRMED"}),
    ]


# --- recording attendance and completion --------------------------------------------------


def passed(certificate: str = "SERT/1") -> dict[str, object]:
    return {"passed": True, "completed_on": TODAY, "certificate_number": certificate, "score": 80}


async def test_hr_records_completion_in_its_units_only(agency: Agency) -> None:
    uow = agency.uow
    inside = await given.enrolment(uow, agency.session, agency.report.nip)
    outside = await given.enrolment(uow, agency.session, agency.outsider.nip)

    done = await completion.complete(
        uow,
        enrollment_id=inside.id,
        **passed(),
        visibility=hr("DINKES"),
        caller_nip=None,
        today=TODAY,
    )
    assert done.status is EnrollmentStatus.PASSED
    [audited] = uow.audited_of("enrollment.complete")
    assert audited.before == {"status": "CONFIRMED"}
    assert audited.after is not None and audited.after["jp_earned"] == 10
    with pytest.raises(NotFound):
        await completion.complete(
            uow,
            enrollment_id=outside.id,
            **passed("SERT/2"),
            visibility=hr("DINKES"),
            caller_nip=None,
            today=TODAY,
        )


async def test_nobody_records_their_own_attendance_or_completion(agency: Agency) -> None:
    uow = agency.uow
    own = await given.enrolment(uow, agency.session, agency.colleague.nip)
    officer = hr("DINKES", nip=agency.colleague.nip)

    with pytest.raises(OwnEnrolment) as refused:
        await completion.complete(
            uow,
            enrollment_id=own.id,
            **passed(),
            visibility=officer,
            caller_nip=agency.colleague.nip,
            today=TODAY,
        )
    assert refused.value.status == 403
    with pytest.raises(OwnEnrolment):
        await enrolment.record_attendance(
            uow,
            enrollment_id=own.id,
            day=TODAY,
            present=True,
            visibility=officer,
            caller_nip=agency.colleague.nip,
        )
    assert uow.ledger.entries == [] and uow.audited == []


async def test_an_employee_scope_records_nothing_even_of_their_own_unit(agency: Agency) -> None:
    # The routes refuse the role already; the scope holds on its own too (employees and
    # supervisors record no attendance: only the unit's hr and admin).
    place = await given.enrolment(agency.uow, agency.session, agency.report.nip)
    with pytest.raises(NotFound):
        await enrolment.record_attendance(
            agency.uow,
            enrollment_id=place.id,
            day=TODAY,
            present=True,
            visibility=visibility(Role.SUPERVISOR, nip=agency.supervisor.nip),
            caller_nip=agency.supervisor.nip,
        )


async def test_attendance_is_audited_with_the_value_before(agency: Agency) -> None:
    uow = agency.uow
    place = await given.enrolment(uow, agency.session, agency.report.nip)
    for present in (False, True):
        await enrolment.record_attendance(
            uow,
            enrollment_id=place.id,
            day=TODAY,
            present=present,
            visibility=EVERYONE,
            caller_nip=None,
        )

    first, second = uow.audited_of("attendance.record")
    day = TODAY.isoformat()
    assert (first.before, first.after) == (
        {"day": day, "present": None},
        {"day": day, "present": False},
    )
    assert (second.before, second.after) == (
        {"day": day, "present": False},
        {"day": day, "present": True},
    )


# --- the catalogue and sweeps -------------------------------------------------------------


async def test_catalogue_writes_and_sweeps_are_audited() -> None:
    uow = FakeUnitOfWork()
    course = await catalogue.add_course(uow, course=given.a_course("C-AUDIT"))
    session = await catalogue.offer_session(
        uow,
        course_code=course.code,
        starts_on=TODAY,
        ends_on=TODAY,
        capacity=5,
        location="Bandung",
        today=TODAY,
    )
    await given.employee(uow)
    await recommendations.sweep_jp_shortfall(uow, year=2025, as_of=None, today=TODAY)

    assert [(a.operation, a.record_id) for a in uow.audited] == [
        ("course.create", "C-AUDIT"),
        ("session.create", str(session.id)),
        ("recommendation_sweep.run", "JP_SHORTFALL:2025"),
    ]
    assert uow.audited[0].after is not None and uow.audited[0].after["jp"] == 10
    assert uow.audited[2].after is not None and uow.audited[2].after["below_minimum"] == 1


# --- the projection's scope facts ---------------------------------------------------------


async def test_the_projection_keeps_the_unit_and_the_superior() -> None:
    uow = FakeUnitOfWork(handled=handled_on(date(2025, 11, 1)))
    nip, superior, next_superior = new_nip(), new_nip(), new_nip()

    async def known() -> Employee:
        employee = await uow.employees.get(nip)
        assert employee is not None
        return employee

    await handlers.on_employee_registered(
        builders.employee_registered(nip, unit_code="BKD", supervisor_nip=superior), uow
    )
    assert ((await known()).unit_code, (await known()).supervisor_nip) == ("BKD", superior)

    await handlers.on_employee_updated(builders.employee_updated(nip, changes={"name": "X"}), uow)
    assert (await known()).supervisor_nip == superior  # not said: kept

    await handlers.on_employee_transferred(
        builders.employee_transferred(nip, to_unit_code="DINKES", supervisor_nip=next_superior), uow
    )
    assert ((await known()).unit_code, (await known()).supervisor_nip) == ("DINKES", next_superior)

    await handlers.on_employee_updated(
        builders.employee_updated(nip, changes={"supervisor_nip": None}), uow
    )
    assert (await known()).supervisor_nip is None  # null clears

    await handlers.on_employee_transferred(builders.employee_transferred(nip), uow)
    assert (await known()).supervisor_nip is None
