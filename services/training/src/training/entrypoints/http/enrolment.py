"""Routes of enrolment: take a place, cancel, attendance, completion."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from jenjang_shared.access import Visibility
from jenjang_shared.web.params import Limit, Offset, Page
from training.entrypoints.http.deps import Caller, Enroller, NewUnitOfWork, Today, TrainingRecorder
from training.entrypoints.http.schemas import (
    AttendanceCreate,
    CompletionCreate,
    EnrollmentCreate,
    EnrollmentPublic,
)
from training.service import completion, enrolment

router = APIRouter(tags=["enrolment"])


@router.post(
    "/sessions/{session_id}/enrollments", status_code=201, summary="Enrol an employee in a session"
)
async def enroll(
    session_id: uuid.UUID,
    body: EnrollmentCreate,
    caller: Enroller,
    new_uow: NewUnitOfWork,
    today: Today,
) -> EnrollmentPublic:
    """CONFIRMED while there is room (publishes TrainingEnrolled), WAITLISTED with a position
    after. An employee enrols themselves, hr the employees of its units, admin anyone. 404
    unknown employee (or one the caller may not enrol) or session; 409 retired, already
    enrolled, prerequisite missing, PPPK over 24 JP in the year, session over."""
    async with new_uow() as uow:
        enrolled = await enrolment.enroll(
            uow,
            session_id=session_id,
            nip=body.nip,
            visibility=Visibility.of(caller),
            today=today,
        )
    return EnrollmentPublic.model_validate(enrolled, from_attributes=True)


@router.get("/sessions/{session_id}/enrollments", summary="Enrolments of a session, in order")
async def list_enrollments(
    session_id: uuid.UUID,
    caller: Caller,
    new_uow: NewUnitOfWork,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[EnrollmentPublic]:
    """Only the enrolments of employees the caller sees (hr: its units; a supervisor: their
    direct reports; an employee: their own)."""
    async with new_uow() as uow:
        found, total = await enrolment.enrollments_of_session(
            uow,
            session_id=session_id,
            visibility=Visibility.of(caller),
            limit=limit,
            offset=offset,
        )
    items = [EnrollmentPublic.model_validate(e, from_attributes=True) for e in found]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/enrollments/{enrollment_id}", summary="One enrolment")
async def get_enrollment(
    enrollment_id: uuid.UUID, caller: Caller, new_uow: NewUnitOfWork
) -> EnrollmentPublic:
    """404 for one the caller does not see, as for an unknown id."""
    async with new_uow() as uow:
        found = await enrolment.enrollment(
            uow, enrollment_id=enrollment_id, visibility=Visibility.of(caller)
        )
    return EnrollmentPublic.model_validate(found, from_attributes=True)


@router.delete("/enrollments/{enrollment_id}", summary="Cancel an enrolment")
async def cancel(
    enrollment_id: uuid.UUID, caller: Enroller, new_uow: NewUnitOfWork, today: Today
) -> EnrollmentPublic:
    """A freed place goes to the first on the waitlist (TrainingEnrolled for them). Whoever may
    enrol the employee may cancel (an employee their own)."""
    async with new_uow() as uow:
        cancelled = await enrolment.cancel(
            uow, enrollment_id=enrollment_id, visibility=Visibility.of(caller), today=today
        )
    return EnrollmentPublic.model_validate(cancelled, from_attributes=True)


@router.post("/enrollments/{enrollment_id}/attendance", summary="Record presence on a session day")
async def record_attendance(
    enrollment_id: uuid.UUID,
    body: AttendanceCreate,
    caller: TrainingRecorder,
    new_uow: NewUnitOfWork,
) -> EnrollmentPublic:
    """hr of the employee's unit or admin; 403 for one's own enrolment (four eyes)."""
    async with new_uow() as uow:
        recorded = await enrolment.record_attendance(
            uow,
            enrollment_id=enrollment_id,
            day=body.day,
            present=body.present,
            visibility=Visibility.of(caller),
            caller_nip=caller.nip,
        )
    return EnrollmentPublic.model_validate(recorded, from_attributes=True)


@router.post("/enrollments/{enrollment_id}/completion", summary="Complete: passed or failed")
async def complete(
    enrollment_id: uuid.UUID,
    body: CompletionCreate,
    caller: TrainingRecorder,
    new_uow: NewUnitOfWork,
    today: Today,
) -> EnrollmentPublic:
    """Passing adds the course JP to the ledger and publishes TrainingCompleted. 409 when
    completed before or the certificate number is taken. hr of the employee's unit or admin;
    403 for one's own enrolment (four eyes)."""
    async with new_uow() as uow:
        done = await completion.complete(
            uow,
            enrollment_id=enrollment_id,
            **body.model_dump(),
            visibility=Visibility.of(caller),
            caller_nip=caller.nip,
            today=today,
        )
    return EnrollmentPublic.model_validate(done, from_attributes=True)
