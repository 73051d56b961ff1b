"""Enrolment's use cases on the fakes: places, the waitlist, cancelling, attendance, and every
refusal."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from jenjang_shared.contracts import TrainingEnrolled
from jenjang_shared.contracts.vocabulary import EmploymentType
from jenjang_shared.errors import Conflict, InvalidInput, NotFound
from training.domain.model import EmployeeStatus, EnrollmentStatus
from training.service import enrolment

from . import given
from .fakes import FakeUnitOfWork
from .given import EVERYONE, TODAY


async def test_a_place_while_there_is_room_is_confirmed_and_announced() -> None:
    uow = FakeUnitOfWork()
    employee = await given.employee(uow)
    course = await given.course(uow)
    held = await given.session(uow, course.code, capacity=1)

    placed = await enrolment.enroll(
        uow, visibility=EVERYONE, session_id=held.id, nip=employee.nip, today=TODAY
    )

    assert (placed.status, placed.waitlist_position) == (EnrollmentStatus.CONFIRMED, None)
    [announced] = uow.published
    assert isinstance(announced, TrainingEnrolled)
    assert (announced.nip, announced.enrollment_id, announced.course_code) == (
        employee.nip,
        str(placed.id),
        course.code,
    )
    assert (announced.session_id, announced.starts_on) == (str(held.id), held.starts_on)


async def test_a_full_session_waitlists_in_arrival_order_and_announces_nothing() -> None:
    uow = FakeUnitOfWork()
    held = await given.session(uow, (await given.course(uow)).code, capacity=1)
    first, second, third = [await given.employee(uow) for _ in range(3)]
    await enrolment.enroll(uow, visibility=EVERYONE, session_id=held.id, nip=first.nip, today=TODAY)

    a = await enrolment.enroll(
        uow, visibility=EVERYONE, session_id=held.id, nip=second.nip, today=TODAY
    )
    b = await enrolment.enroll(
        uow, visibility=EVERYONE, session_id=held.id, nip=third.nip, today=TODAY
    )

    assert (a.status, a.waitlist_position) == (EnrollmentStatus.WAITLISTED, 1)
    assert (b.status, b.waitlist_position) == (EnrollmentStatus.WAITLISTED, 2)
    assert len(uow.published) == 1
    listed, total = await enrolment.enrollments_of_session(
        uow, visibility=EVERYONE, session_id=held.id, limit=2, offset=1
    )
    assert [e.id for e in listed] == [a.id, b.id] and total == 3


async def test_an_unknown_employee_is_404_naming_the_nip() -> None:
    uow = FakeUnitOfWork()
    held = await given.session(uow, (await given.course(uow)).code)
    with pytest.raises(NotFound, match="198609262015051001 is not known") as refused:
        await enrolment.enroll(
            uow, visibility=EVERYONE, session_id=held.id, nip="198609262015051001", today=TODAY
        )
    assert refused.value.field == "nip"


async def test_an_unknown_session_is_404() -> None:
    uow = FakeUnitOfWork()
    employee = await given.employee(uow)
    with pytest.raises(NotFound, match="no session"):
        await enrolment.enroll(
            uow, visibility=EVERYONE, session_id=uuid.uuid4(), nip=employee.nip, today=TODAY
        )


async def test_a_retired_employee_is_409() -> None:
    uow = FakeUnitOfWork()
    employee = await given.employee(uow)
    await uow.employees.retire(employee.nip, TODAY)
    held = await given.session(uow, (await given.course(uow)).code)
    with pytest.raises(Conflict, match="retired"):
        await enrolment.enroll(
            uow, visibility=EVERYONE, session_id=held.id, nip=employee.nip, today=TODAY
        )


async def test_a_session_that_has_ended_is_409() -> None:
    uow = FakeUnitOfWork()
    employee = await given.employee(uow)
    held = await given.session(uow, (await given.course(uow)).code, starts_on=TODAY - timedelta(5))
    with pytest.raises(Conflict, match="takes no enrolments"):
        await enrolment.enroll(
            uow, visibility=EVERYONE, session_id=held.id, nip=employee.nip, today=TODAY
        )


async def test_a_second_enrolment_in_the_same_session_is_409() -> None:
    uow = FakeUnitOfWork()
    employee = await given.employee(uow)
    held = await given.session(uow, (await given.course(uow)).code)
    await enrolment.enroll(
        uow, visibility=EVERYONE, session_id=held.id, nip=employee.nip, today=TODAY
    )
    with pytest.raises(Conflict, match="already enrolled"):
        await enrolment.enroll(
            uow, visibility=EVERYONE, session_id=held.id, nip=employee.nip, today=TODAY
        )
    assert len(uow.enrollments.rows) == 1


async def test_a_missing_prerequisite_is_409_naming_it_and_a_passed_one_lets_in() -> None:
    uow = FakeUnitOfWork()
    employee = await given.employee(uow)
    basic = await given.course(uow, "BASIC")
    advanced = await given.course(uow, "ADVANCED", prerequisites=("BASIC",))
    held = await given.session(uow, advanced.code)
    with pytest.raises(Conflict, match="requires passing BASIC"):
        await enrolment.enroll(
            uow, visibility=EVERYONE, session_id=held.id, nip=employee.nip, today=TODAY
        )

    passed = await given.enrolment(uow, await given.session(uow, basic.code), employee.nip)
    await uow.enrollments.set_status(passed.id, EnrollmentStatus.PASSED)

    placed = await enrolment.enroll(
        uow, visibility=EVERYONE, session_id=held.id, nip=employee.nip, today=TODAY
    )
    assert placed.status is EnrollmentStatus.CONFIRMED


async def test_a_course_already_passed_is_409() -> None:
    uow = FakeUnitOfWork()
    employee = await given.employee(uow)
    course = await given.course(uow)
    done = await given.enrolment(uow, await given.session(uow, course.code), employee.nip)
    await uow.enrollments.set_status(done.id, EnrollmentStatus.PASSED)
    again = await given.session(uow, course.code)
    with pytest.raises(Conflict, match="already passed"):
        await enrolment.enroll(
            uow, visibility=EVERYONE, session_id=again.id, nip=employee.nip, today=TODAY
        )


async def test_a_pppk_may_enrol_up_to_24_jp_a_year_counting_earned_and_enrolled() -> None:
    uow = FakeUnitOfWork()
    pppk = await given.employee(uow, employment_type=EmploymentType.PPPK)
    await given.earned(uow, pppk.nip, 10)
    ten = await given.session(uow, (await given.course(uow, jp=10)).code)
    await enrolment.enroll(uow, visibility=EVERYONE, session_id=ten.id, nip=pppk.nip, today=TODAY)
    five = await given.session(uow, (await given.course(uow, jp=5)).code)
    four = await given.session(uow, (await given.course(uow, jp=4)).code)

    with pytest.raises(Conflict, match="at most 24 JP"):
        await enrolment.enroll(
            uow, visibility=EVERYONE, session_id=five.id, nip=pppk.nip, today=TODAY
        )
    placed = await enrolment.enroll(
        uow, visibility=EVERYONE, session_id=four.id, nip=pppk.nip, today=TODAY
    )
    assert placed.status is EnrollmentStatus.CONFIRMED


async def test_the_pppk_allowance_counts_the_year_the_session_starts() -> None:
    uow = FakeUnitOfWork()
    pppk = await given.employee(uow, employment_type=EmploymentType.PPPK)
    await given.earned(uow, pppk.nip, 20)
    next_year = TODAY.replace(year=TODAY.year + 1, month=1, day=10)
    held = await given.session(uow, (await given.course(uow, jp=10)).code, starts_on=next_year)
    placed = await enrolment.enroll(
        uow, visibility=EVERYONE, session_id=held.id, nip=pppk.nip, today=TODAY
    )
    assert placed.status is EnrollmentStatus.CONFIRMED


async def test_cancelling_a_place_moves_the_first_on_the_waitlist_up_and_announces_it() -> None:
    uow = FakeUnitOfWork()
    held = await given.session(uow, (await given.course(uow)).code, capacity=1)
    holder, first, second = [await given.employee(uow) for _ in range(3)]
    place = await given.enrolment(uow, held, holder.nip)
    queued = await given.enrolment(uow, held, first.nip, EnrollmentStatus.WAITLISTED)
    await given.enrolment(uow, held, second.nip, EnrollmentStatus.WAITLISTED)

    cancelled = await enrolment.cancel(
        uow, visibility=EVERYONE, enrollment_id=place.id, today=TODAY
    )

    assert cancelled.status is EnrollmentStatus.CANCELLED
    moved = await enrolment.enrollment(uow, visibility=EVERYONE, enrollment_id=queued.id)
    assert (moved.status, moved.waitlist_position) == (EnrollmentStatus.CONFIRMED, None)
    [announced] = uow.published
    assert isinstance(announced, TrainingEnrolled) and announced.nip == first.nip


async def test_the_waitlist_passes_over_an_employee_retired_since() -> None:
    uow = FakeUnitOfWork()
    held = await given.session(uow, (await given.course(uow)).code, capacity=1)
    holder, retired, next_one = [await given.employee(uow) for _ in range(3)]
    place = await given.enrolment(uow, held, holder.nip)
    await given.enrolment(uow, held, retired.nip, EnrollmentStatus.WAITLISTED)
    queued = await given.enrolment(uow, held, next_one.nip, EnrollmentStatus.WAITLISTED)
    await uow.employees.retire(retired.nip, TODAY)
    assert uow.employees.rows[retired.nip].status is EmployeeStatus.RETIRED

    await enrolment.cancel(uow, visibility=EVERYONE, enrollment_id=place.id, today=TODAY)

    assert uow.enrollments.rows[queued.id].status is EnrollmentStatus.CONFIRMED


async def test_cancelling_a_waitlist_entry_moves_nobody_and_twice_is_409() -> None:
    uow = FakeUnitOfWork()
    held = await given.session(uow, (await given.course(uow)).code, capacity=1)
    holder, waiting = await given.employee(uow), await given.employee(uow)
    await given.enrolment(uow, held, holder.nip)
    queued = await given.enrolment(uow, held, waiting.nip, EnrollmentStatus.WAITLISTED)

    await enrolment.cancel(uow, visibility=EVERYONE, enrollment_id=queued.id, today=TODAY)

    assert uow.published == []
    with pytest.raises(Conflict, match="CANCELLED"):
        await enrolment.cancel(uow, visibility=EVERYONE, enrollment_id=queued.id, today=TODAY)


async def test_a_place_in_a_session_that_has_ended_cannot_be_cancelled() -> None:
    uow = FakeUnitOfWork()
    employee = await given.employee(uow)
    held = await given.session(uow, (await given.course(uow)).code, starts_on=TODAY - timedelta(9))
    place = await given.enrolment(uow, held, employee.nip)
    with pytest.raises(Conflict, match="can no longer be cancelled"):
        await enrolment.cancel(uow, visibility=EVERYONE, enrollment_id=place.id, today=TODAY)
    assert uow.enrollments.rows[place.id].status is EnrollmentStatus.CONFIRMED


async def test_cancelling_an_unknown_enrolment_is_404() -> None:
    with pytest.raises(NotFound, match="no enrollment"):
        await enrolment.cancel(
            FakeUnitOfWork(), visibility=EVERYONE, enrollment_id=uuid.uuid4(), today=TODAY
        )


async def test_attendance_is_recorded_per_session_day_and_a_day_again_replaces_it() -> None:
    uow = FakeUnitOfWork()
    employee = await given.employee(uow)
    held = await given.session(uow, (await given.course(uow)).code, days=3)
    place = await given.enrolment(uow, held, employee.nip)
    second_day = TODAY + timedelta(days=1)

    await enrolment.record_attendance(
        uow,
        visibility=EVERYONE,
        caller_nip=None,
        enrollment_id=place.id,
        day=second_day,
        present=False,
    )
    await enrolment.record_attendance(
        uow, visibility=EVERYONE, caller_nip=None, enrollment_id=place.id, day=TODAY, present=False
    )
    shown = await enrolment.record_attendance(
        uow, visibility=EVERYONE, caller_nip=None, enrollment_id=place.id, day=TODAY, present=True
    )

    assert list(shown.attendance.items()) == [(TODAY, True), (second_day, False)]


async def test_attendance_outside_the_session_is_422_and_on_the_waitlist_409() -> None:
    uow = FakeUnitOfWork()
    held = await given.session(uow, (await given.course(uow)).code, capacity=1, days=2)
    holder, waiting = await given.employee(uow), await given.employee(uow)
    place = await given.enrolment(uow, held, holder.nip)
    queued = await given.enrolment(uow, held, waiting.nip, EnrollmentStatus.WAITLISTED)

    with pytest.raises(InvalidInput) as outside:
        await enrolment.record_attendance(
            uow,
            visibility=EVERYONE,
            caller_nip=None,
            enrollment_id=place.id,
            day=TODAY + timedelta(days=2),
            present=True,
        )
    assert outside.value.field == "day"
    with pytest.raises(Conflict, match="WAITLISTED"):
        await enrolment.record_attendance(
            uow,
            visibility=EVERYONE,
            caller_nip=None,
            enrollment_id=queued.id,
            day=TODAY,
            present=True,
        )
    with pytest.raises(NotFound):
        await enrolment.record_attendance(
            uow,
            visibility=EVERYONE,
            caller_nip=None,
            enrollment_id=uuid.uuid4(),
            day=TODAY,
            present=True,
        )
    assert uow.enrollments.rows[place.id].attendance == {}
