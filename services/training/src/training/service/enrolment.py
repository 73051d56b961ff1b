"""Use cases of enrolment: take a place (or join the waitlist), cancel, record attendance.

Capacity holds under concurrent requests because every change of a session's places first locks
the session row (`SELECT ... FOR UPDATE`): enrolments and cancellations of one session take turns.
The employee row is locked before the session (always in that order) so that a PPPK's allowance
holds when they enrol in two sessions at once.
"""

from __future__ import annotations

import uuid
from datetime import date

from jenjang_shared.contracts import TrainingEnrolled
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.errors import NotFound
from training.domain import enrolment as rules
from training.domain.model import Enrollment, EnrollmentStatus, Session
from training.service.ports import Store


async def _session(store: Store, session_id: uuid.UUID, *, for_update: bool = False) -> Session:
    session = await store.sessions.get(session_id, for_update=for_update)
    if session is None:
        raise NotFound(f"no session {session_id}")
    return session


async def _enrollment(store: Store, enrollment_id: uuid.UUID) -> Enrollment:
    enrollment = await store.enrollments.get(enrollment_id)
    if enrollment is None:
        raise NotFound(f"no enrollment {enrollment_id}")
    return enrollment


async def enroll(
    session_id: uuid.UUID, nip: str, *, uow: UnitOfWork, store: Store, today: date
) -> Enrollment:
    """A confirmed place while there is room (publishes TrainingEnrolled), else the waitlist."""
    employee = await store.employees.get(nip, for_update=True)
    if employee is None:
        raise NotFound(
            f"employee {nip} is not known to training (no EmployeeRegistered received for it)",
            field="nip",
        )
    rules.check_employee_may_enroll(employee)
    session = await _session(store, session_id, for_update=True)
    rules.check_session_open(session, today=today)
    course = await store.courses.get(session.course_code)
    assert course is not None  # a session's course is a foreign key
    rules.check_not_enrolled(await store.enrollments.live_in_session(session.id, nip))
    passed = await store.enrollments.passed_course_codes(nip)
    rules.check_not_already_passed(course, passed=passed)
    rules.check_prerequisites(course, passed=passed)
    year = session.starts_on.year
    year_jp = sum(e.jp for e in await store.ledger.for_year(nip, year))
    year_jp += await store.enrollments.committed_jp(nip, year)
    rules.check_pppk_allowance(employee, year_jp=year_jp, course_jp=course.jp, year=year)
    status = rules.placement(
        confirmed=await store.enrollments.count_confirmed(session.id), capacity=session.capacity
    )
    enrollment = await store.enrollments.add(session=session, nip=nip, status=status)
    if status is EnrollmentStatus.CONFIRMED:
        await _announce(uow, enrollment, session)
    return enrollment


async def cancel(enrollment_id: uuid.UUID, *, uow: UnitOfWork, store: Store) -> Enrollment:
    """Cancel a place or a waitlist entry; a freed place goes to the first on the waitlist."""
    found = await _enrollment(store, enrollment_id)
    session = await _session(store, found.session_id, for_update=True)
    enrollment = await store.enrollments.get(enrollment_id, for_update=True)
    assert enrollment is not None
    rules.check_cancellable(enrollment, session, today=date.today())
    await _release(enrollment, session, uow=uow, store=store)
    cancelled = await store.enrollments.get(enrollment_id)
    assert cancelled is not None
    return cancelled


async def _release(
    enrollment: Enrollment, session: Session, *, uow: UnitOfWork, store: Store
) -> None:
    # The caller holds the session lock.
    await store.enrollments.set_status(enrollment.id, EnrollmentStatus.CANCELLED)
    if enrollment.status is not EnrollmentStatus.CONFIRMED:
        return
    moving_up = await store.enrollments.first_waitlisted(session.id)
    if moving_up is not None:
        await store.enrollments.set_status(moving_up.id, EnrollmentStatus.CONFIRMED)
        await _announce(uow, moving_up, session)


async def withdraw_retired(nip: str, retired_on: date, *, uow: UnitOfWork, store: Store) -> int:
    """A retired employee leaves the sessions that start on or after the retirement date."""
    count = 0
    for enrollment in await store.enrollments.live_from(nip, retired_on):
        session = await _session(store, enrollment.session_id, for_update=True)
        await _release(enrollment, session, uow=uow, store=store)
        count += 1
    return count


async def record_attendance(
    enrollment_id: uuid.UUID, day: date, present: bool, *, store: Store
) -> Enrollment:
    """Presence on one day of the session (recording a day again replaces it)."""
    enrollment = await _enrollment(store, enrollment_id)
    session = await _session(store, enrollment.session_id)
    rules.check_attendance(enrollment, session, day=day)
    await store.enrollments.record_attendance(enrollment.id, day, present)
    updated = await store.enrollments.get(enrollment_id)
    assert updated is not None
    return updated


async def _announce(uow: UnitOfWork, enrollment: Enrollment, session: Session) -> None:
    await uow.publish(
        TrainingEnrolled(
            nip=enrollment.nip,
            enrollment_id=str(enrollment.id),
            course_code=enrollment.course_code,
            session_id=str(session.id),
            starts_on=session.starts_on,
        )
    )
