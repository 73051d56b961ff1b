"""Use cases of enrolment: take a place (or join the waitlist), cancel, record attendance.

Capacity holds under concurrent requests because every change of a session's places first locks
the session row (`for_update`): enrolments and cancellations of one session take turns. The
employee row is locked before the session (always in that order) so that a PPPK's allowance
holds when they enrol in two sessions at once.

Who may act on whose enrolment (the routes say which roles may call at all; the scope is applied
in the queries, and someone out of scope is "not found", like someone unknown):

- reading: the caller's `Visibility` (hr its units, a supervisor their direct reports, anyone
  themselves; admin and internal apps everyone);
- enrolling and cancelling: the same without the direct reports (`enrolling`): an employee
  enrols themselves, hr the employees of its units, admin anyone;
- attendance and completion: hr of the unit or admin (`recording`), never for one's own
  enrolment (four eyes: 403).
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import TrainingEnrolled
from jenjang_shared.errors import NotFound
from training.domain import enrolment as rules
from training.domain.jp import pppk_window
from training.domain.model import Enrollment, EnrollmentStatus, Session
from training.service.ports import UNRESTRICTED, UnitOfWork


def enrolling(visibility: Visibility) -> Visibility:
    """Whom a caller may enrol or withdraw: a supervisor does not enrol their reports."""
    return dataclasses.replace(visibility, reports_of=None)


def recording(visibility: Visibility) -> Visibility:
    """Whose attendance and completion a caller records: hr its units' (admin everyone's); not
    their own, nor their reports' (four eyes is checked besides, for one's own unit)."""
    return dataclasses.replace(visibility, reports_of=None, nip=None)


async def _session(uow: UnitOfWork, session_id: uuid.UUID, *, for_update: bool = False) -> Session:
    found = await uow.sessions.get(session_id, for_update=for_update)
    if found is None:
        raise NotFound(f"no session {session_id}")
    return found


async def enrollment(
    uow: UnitOfWork, *, enrollment_id: uuid.UUID, visibility: Visibility
) -> Enrollment:
    """One enrolment the caller sees; out of scope is "not found", as an unknown id is."""
    found = await uow.enrollments.get(enrollment_id, scope=visibility)
    if found is None:
        raise NotFound(f"no enrollment {enrollment_id}")
    return found


async def enrollments_of_session(
    uow: UnitOfWork, *, session_id: uuid.UUID, visibility: Visibility, limit: int, offset: int
) -> tuple[list[Enrollment], int]:
    """A session's enrolments the caller sees, in arrival order: the window and the total."""
    return await uow.enrollments.for_session(
        session_id, scope=visibility, limit=limit, offset=offset
    )


async def enroll(
    uow: UnitOfWork, *, session_id: uuid.UUID, nip: str, visibility: Visibility, today: date
) -> Enrollment:
    """A confirmed place while there is room (publishes TrainingEnrolled), else the waitlist.
    An employee the caller may not enrol is "not known", as an unknown one is."""
    employee = await uow.employees.get(nip, for_update=True, scope=enrolling(visibility))
    if employee is None:
        raise NotFound(
            f"employee {nip} is not known to training (no EmployeeRegistered received for it)",
            field="nip",
        )
    rules.check_employee_may_enroll(employee)
    session = await _session(uow, session_id, for_update=True)
    rules.check_session_open(session, today=today)
    course = await uow.courses.get(session.course_code)
    assert course is not None  # a session's course is a foreign key
    rules.check_not_enrolled(await uow.enrollments.live_in_session(session.id, nip))
    passed = await uow.enrollments.passed_course_codes(nip)
    rules.check_not_already_passed(course, passed=passed)
    rules.check_prerequisites(course, passed=passed)
    # A PPPK's cap counts the contract year the session starts in (PP 49/2018 art. 40).
    window = pppk_window(employee, session.starts_on)
    if window is not None:
        window_jp = sum(e.jp for e in await uow.ledger.between(nip, window.first, window.last))
        window_jp += await uow.enrollments.committed_jp_between(nip, window.first, window.last)
        rules.check_pppk_allowance(window, window_jp=window_jp, course_jp=course.jp)
    status = rules.placement(
        confirmed=await uow.enrollments.count_confirmed(session.id), capacity=session.capacity
    )
    enrolled = await uow.enrollments.add(session=session, nip=nip, status=status)
    await uow.audit(
        operation="enrollment.create",
        record_type="enrollment",
        record_id=str(enrolled.id),
        after={
            "session_id": str(session.id),
            "nip": nip,
            "course_code": enrolled.course_code,
            "status": status.value,
        },
    )
    if status is EnrollmentStatus.CONFIRMED:
        await _announce(uow, enrolled, session)
    return enrolled


async def cancel(
    uow: UnitOfWork, *, enrollment_id: uuid.UUID, visibility: Visibility, today: date
) -> Enrollment:
    """Cancel a place or a waitlist entry; a freed place goes to the first on the waitlist."""
    found = await enrollment(uow, enrollment_id=enrollment_id, visibility=enrolling(visibility))
    session = await _session(uow, found.session_id, for_update=True)
    # Read again under the session lock: a concurrent cancel may have changed it meanwhile.
    locked = await uow.enrollments.get(enrollment_id, for_update=True)
    assert locked is not None
    rules.check_cancellable(locked, session, today=today)
    await _release(uow, locked, session, operation="enrollment.cancel")
    return await enrollment(uow, enrollment_id=enrollment_id, visibility=UNRESTRICTED)


async def _release(
    uow: UnitOfWork, cancelled: Enrollment, session: Session, *, operation: str
) -> None:
    # The caller holds the session lock.
    await uow.enrollments.set_status(cancelled.id, EnrollmentStatus.CANCELLED)
    await _audit_status(uow, cancelled, EnrollmentStatus.CANCELLED, operation=operation)
    if cancelled.status is not EnrollmentStatus.CONFIRMED:
        return
    moving_up = await uow.enrollments.first_waitlisted(session.id)
    if moving_up is not None:
        await uow.enrollments.set_status(moving_up.id, EnrollmentStatus.CONFIRMED)
        await _audit_status(
            uow, moving_up, EnrollmentStatus.CONFIRMED, operation="enrollment.confirm"
        )
        await _announce(uow, moving_up, session)


async def _audit_status(
    uow: UnitOfWork, changed: Enrollment, status: EnrollmentStatus, *, operation: str
) -> None:
    await uow.audit(
        operation=operation,
        record_type="enrollment",
        record_id=str(changed.id),
        before={"status": changed.status.value},
        after={"status": status.value},
    )


async def withdraw_retired(uow: UnitOfWork, *, nip: str, retired_on: date) -> int:
    """A retired employee leaves the sessions that start on or after the retirement date; each
    place freed goes to the waitlist. Returns how many enrolments were withdrawn."""
    count = 0
    for live in await uow.enrollments.live_from(nip, retired_on):
        session = await _session(uow, live.session_id, for_update=True)
        await _release(uow, live, session, operation="enrollment.withdraw")
        count += 1
    return count


async def record_attendance(
    uow: UnitOfWork,
    *,
    enrollment_id: uuid.UUID,
    day: date,
    present: bool,
    visibility: Visibility,
    caller_nip: str | None,
) -> Enrollment:
    """Presence on one day of the session (recording a day again replaces it)."""
    found = await enrollment(uow, enrollment_id=enrollment_id, visibility=recording(visibility))
    rules.check_not_own(found, recorder_nip=caller_nip)
    session = await _session(uow, found.session_id)
    rules.check_attendance(found, session, day=day)
    await uow.enrollments.record_attendance(found.id, day, present)
    await uow.audit(
        operation="attendance.record",
        record_type="enrollment",
        record_id=str(found.id),
        before={"day": day.isoformat(), "present": found.attendance.get(day)},
        after={"day": day.isoformat(), "present": present},
    )
    return await enrollment(uow, enrollment_id=enrollment_id, visibility=UNRESTRICTED)


async def _announce(uow: UnitOfWork, placed: Enrollment, session: Session) -> None:
    await uow.publish(
        TrainingEnrolled(
            nip=placed.nip,
            enrollment_id=str(placed.id),
            course_code=placed.course_code,
            session_id=str(session.id),
            starts_on=session.starts_on,
        )
    )
