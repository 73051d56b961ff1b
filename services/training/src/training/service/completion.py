"""Use case: complete an enrolment, passed (JP to the ledger, TrainingCompleted) or failed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from jenjang_shared.contracts import TrainingCompleted
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.errors import Conflict, NotFound
from training.domain import enrolment as rules
from training.domain.model import Enrollment, EnrollmentStatus, LedgerEntry
from training.service.ports import Store


@dataclass(frozen=True)
class CompleteTraining:
    enrollment_id: uuid.UUID
    passed: bool
    completed_on: date
    score: float | None = None
    certificate_number: str | None = None


async def complete(
    cmd: CompleteTraining, *, uow: UnitOfWork, store: Store, today: date
) -> Enrollment:
    enrollment = await store.enrollments.get(cmd.enrollment_id, for_update=True)
    if enrollment is None:
        raise NotFound(f"no enrollment {cmd.enrollment_id}")
    session = await store.sessions.get(enrollment.session_id)
    course = await store.courses.get(enrollment.course_code)
    assert session is not None and course is not None
    rules.check_completion(
        enrollment,
        session,
        passed=cmd.passed,
        certificate_number=cmd.certificate_number,
        completed_on=cmd.completed_on,
        today=today,
    )
    if cmd.certificate_number and await store.enrollments.certificate_taken(cmd.certificate_number):
        raise Conflict(
            f"certificate number {cmd.certificate_number} is already recorded",
            field="certificate_number",
        )
    jp = course.jp if cmd.passed else 0
    await store.enrollments.complete(
        enrollment.id,
        status=EnrollmentStatus.PASSED if cmd.passed else EnrollmentStatus.FAILED,
        score=cmd.score,
        certificate_number=cmd.certificate_number,
        completed_on=cmd.completed_on,
        jp_earned=jp,
    )
    if cmd.passed:
        assert cmd.certificate_number is not None
        await store.ledger.add(
            LedgerEntry(
                nip=enrollment.nip,
                source="TRAINING",
                source_ref=str(enrollment.id),
                title=course.title,
                training_category=course.training_category,
                training_method=course.training_method,
                jp=jp,
                earned_on=cmd.completed_on,
                course_code=course.code,
                certificate_number=cmd.certificate_number,
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
                jp=jp,
                completed_on=cmd.completed_on,
                certificate_number=cmd.certificate_number,
            )
        )
    done = await store.enrollments.get(enrollment.id)
    assert done is not None
    return done
