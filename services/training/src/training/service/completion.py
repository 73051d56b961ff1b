"""Use case: complete an enrolment, passed (JP to the ledger, TrainingCompleted) or failed."""

from __future__ import annotations

import uuid
from datetime import date

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import TrainingCompleted
from jenjang_shared.errors import Conflict, NotFound
from training.domain import enrolment as rules
from training.domain.model import Course, Enrollment, EnrollmentStatus, LedgerEntry
from training.service.enrolment import recording
from training.service.ports import UnitOfWork


async def complete(
    uow: UnitOfWork,
    *,
    enrollment_id: uuid.UUID,
    passed: bool,
    completed_on: date,
    score: float | None = None,
    certificate_number: str | None = None,
    visibility: Visibility,
    caller_nip: str | None,
    today: date,
) -> Enrollment:
    """Record the outcome of a confirmed place, once. A pass credits the course's JP (dated
    `completed_on`) and publishes TrainingCompleted; a fail is recorded with 0 JP. hr records
    it for its units, admin for anyone (`enrolment.recording`); nobody for themselves (403)."""
    enrollment = await uow.enrollments.get(
        enrollment_id, for_update=True, scope=recording(visibility)
    )
    if enrollment is None:
        raise NotFound(f"no enrollment {enrollment_id}")
    rules.check_not_own(enrollment, recorder_nip=caller_nip)
    session = await uow.sessions.get(enrollment.session_id)
    course = await uow.courses.get(enrollment.course_code)
    assert session is not None and course is not None  # foreign keys of the enrolment
    rules.check_completion(
        enrollment,
        session,
        passed=passed,
        certificate_number=certificate_number,
        completed_on=completed_on,
        today=today,
    )
    if certificate_number and await uow.enrollments.certificate_taken(certificate_number):
        raise Conflict(
            f"certificate number {certificate_number} is already recorded",
            field="certificate_number",
        )
    jp = course.jp if passed else 0
    await uow.enrollments.complete(
        enrollment.id,
        status=EnrollmentStatus.PASSED if passed else EnrollmentStatus.FAILED,
        score=score,
        certificate_number=certificate_number,
        completed_on=completed_on,
        jp_earned=jp,
    )
    await uow.audit(
        operation="enrollment.complete",
        record_type="enrollment",
        record_id=str(enrollment.id),
        before={"status": enrollment.status.value},
        after={
            "status": (EnrollmentStatus.PASSED if passed else EnrollmentStatus.FAILED).value,
            "score": score,
            "certificate_number": certificate_number,
            "completed_on": completed_on.isoformat(),
            "jp_earned": jp,
        },
    )
    if passed:
        assert certificate_number is not None  # check_completion requires it for a pass
        await _credit(uow, enrollment, course, completed_on, certificate_number)
    done = await uow.enrollments.get(enrollment.id)
    assert done is not None
    return done


async def _credit(
    uow: UnitOfWork,
    enrollment: Enrollment,
    course: Course,
    completed_on: date,
    certificate_number: str,
) -> None:
    await uow.ledger.add(
        LedgerEntry(
            nip=enrollment.nip,
            source="TRAINING",
            source_ref=str(enrollment.id),
            title=course.title,
            training_category=course.training_category,
            training_method=course.training_method,
            jp=course.jp,
            earned_on=completed_on,
            course_code=course.code,
            certificate_number=certificate_number,
        )
    )
    await uow.publish(
        TrainingCompleted(
            nip=enrollment.nip,
            enrollment_id=str(enrollment.id),
            course_code=course.code,
            title=course.title,
            training_category=course.training_category,
            training_method=course.training_method,
            jp=course.jp,
            completed_on=completed_on,
            certificate_number=certificate_number,
        )
    )
