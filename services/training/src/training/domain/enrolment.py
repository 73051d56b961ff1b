"""Who may take a place in a session, and where they land (a place or the waitlist)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from jenjang_shared.errors import Conflict, InvalidInput, NotAllowed
from training.domain.jp import AllowanceWindow
from training.domain.model import (
    Course,
    Employee,
    EmployeeStatus,
    Enrollment,
    EnrollmentStatus,
    Session,
)


class OwnEnrolment(NotAllowed):
    """Four eyes: a refusal because the caller would record the outcome of their own training."""


def check_not_own(enrollment: Enrollment, *, recorder_nip: str | None) -> None:
    """Nobody records attendance or completion (JP, certificate) of their own enrolment."""
    if recorder_nip is not None and recorder_nip == enrollment.nip:
        raise OwnEnrolment(
            "nobody records attendance or completion of their own enrolment (four eyes): "
            "another HR officer of the unit or an administrator records it"
        )


def check_employee_may_enroll(employee: Employee) -> None:
    if employee.status is EmployeeStatus.RETIRED:
        raise Conflict(f"employee {employee.nip} is retired and cannot enrol", field="nip")


def check_session_open(session: Session, *, today: date) -> None:
    if session.ends_on < today:
        raise Conflict(f"session {session.id} ended on {session.ends_on}; it takes no enrolments")


def check_prerequisites(course: Course, *, passed: Iterable[str]) -> None:
    """Every prerequisite course must have been passed first."""
    missing = [code for code in course.prerequisites if code not in set(passed)]
    if missing:
        raise Conflict(
            f"course {course.code} requires passing {', '.join(missing)} first", field="nip"
        )


def check_not_already_passed(course: Course, *, passed: Iterable[str]) -> None:
    if course.code in set(passed):
        raise Conflict(f"the employee already passed course {course.code}", field="nip")


def check_not_enrolled(existing: Enrollment | None) -> None:
    if existing is not None:
        raise Conflict(
            f"employee {existing.nip} is already enrolled in this session "
            f"(enrollment {existing.id}, {existing.status.value})",
            field="nip",
        )


def check_pppk_allowance(window: AllowanceWindow | None, *, window_jp: int, course_jp: int) -> None:
    """A PPPK may take at most 24 JP per contract year (PP 49/2018 art. 40): earned plus
    enrolled-not-completed plus this one. No window: not a PPPK, or exempt by their post."""
    if window is None:
        return
    if window_jp + course_jp > window.cap:
        period = "contract year" if window.by_contract else "year"
        raise Conflict(
            f"a PPPK may take at most {window.cap} JP a {period} ({window.rule_version}): "
            f"{window.first} - {window.last} already has {window_jp} JP earned or enrolled, "
            f"and this course adds {course_jp}",
            field="nip",
        )


def placement(*, confirmed: int, capacity: int) -> EnrollmentStatus:
    """A place while the session has room, the waitlist after."""
    return EnrollmentStatus.CONFIRMED if confirmed < capacity else EnrollmentStatus.WAITLISTED


def check_cancellable(enrollment: Enrollment, session: Session, *, today: date) -> None:
    if enrollment.status not in (EnrollmentStatus.CONFIRMED, EnrollmentStatus.WAITLISTED):
        raise Conflict(
            f"enrollment {enrollment.id} is {enrollment.status.value}; it cannot be cancelled"
        )
    if session.ends_on < today:
        # A place freed now would go to someone on the waitlist for a session already over.
        raise Conflict(f"the session ended on {session.ends_on}; it can no longer be cancelled")


def check_attendance(enrollment: Enrollment, session: Session, *, day: date) -> None:
    if enrollment.status is not EnrollmentStatus.CONFIRMED:
        raise Conflict(
            f"attendance is recorded for confirmed places only; enrollment {enrollment.id} is "
            f"{enrollment.status.value}"
        )
    if not session.starts_on <= day <= session.ends_on:
        raise InvalidInput(
            f"{day} is not a day of the session ({session.starts_on} to {session.ends_on})",
            field="day",
        )


def check_completion(
    enrollment: Enrollment,
    session: Session,
    *,
    passed: bool,
    certificate_number: str | None,
    completed_on: date,
    today: date,
) -> None:
    """Only a confirmed place completes, once, on a real date; a pass carries a certificate."""
    if enrollment.status in (EnrollmentStatus.PASSED, EnrollmentStatus.FAILED):
        raise Conflict(f"enrollment {enrollment.id} was already completed ({enrollment.status})")
    if enrollment.status is not EnrollmentStatus.CONFIRMED:
        raise Conflict(
            f"enrollment {enrollment.id} is {enrollment.status.value}: only a confirmed place "
            "can be completed"
        )
    if completed_on < session.starts_on:
        raise InvalidInput(
            f"completed_on ({completed_on}) is before the session starts ({session.starts_on})",
            field="completed_on",
        )
    if completed_on > today:
        raise InvalidInput(f"completed_on ({completed_on}) is in the future", field="completed_on")
    if passed and not (certificate_number and certificate_number.strip()):
        raise InvalidInput(
            "a passed training needs its certificate_number", field="certificate_number"
        )
