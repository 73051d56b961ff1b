"""Routes of enrolment: take a place, cancel, attendance, completion."""

from __future__ import annotations

import uuid
from datetime import date

from fastapi import APIRouter

from jenjang_shared.errors import NotFound
from jenjang_shared.web.app import Runtime
from jenjang_shared.web.params import Limit, Offset, Page
from training.adapters.store import PgStore
from training.entrypoints.schemas import (
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
    session_id: uuid.UUID, body: EnrollmentCreate, runtime: Runtime
) -> EnrollmentPublic:
    """CONFIRMED while there is room (publishes TrainingEnrolled), WAITLISTED with a position
    after. 404 unknown employee or session; 409 retired, already enrolled, prerequisite missing,
    PPPK over 24 JP in the year, session over."""
    async with runtime.unit_of_work() as uow:
        enrollment = await enrolment.enroll(
            session_id, body.nip, uow=uow, store=PgStore(uow.conn), today=date.today()
        )
    return EnrollmentPublic.from_domain(enrollment)


@router.get("/sessions/{session_id}/enrollments", summary="Enrolments of a session, in order")
async def list_enrollments(
    session_id: uuid.UUID, runtime: Runtime, limit: Limit = 50, offset: Offset = 0
) -> Page[EnrollmentPublic]:
    async with runtime.connection() as conn:
        page = await PgStore(conn).enrollments.for_session(session_id, limit=limit, offset=offset)
    items = [EnrollmentPublic.from_domain(e) for e in page.items]
    return Page(items=items, total=page.total, limit=limit, offset=offset)


@router.get("/enrollments/{enrollment_id}", summary="One enrolment")
async def get_enrollment(enrollment_id: uuid.UUID, runtime: Runtime) -> EnrollmentPublic:
    async with runtime.connection() as conn:
        enrollment = await PgStore(conn).enrollments.get(enrollment_id)
    if enrollment is None:
        raise NotFound(f"no enrollment {enrollment_id}")
    return EnrollmentPublic.from_domain(enrollment)


@router.delete("/enrollments/{enrollment_id}", summary="Cancel an enrolment")
async def cancel(enrollment_id: uuid.UUID, runtime: Runtime) -> EnrollmentPublic:
    """A freed place goes to the first on the waitlist (TrainingEnrolled for them)."""
    async with runtime.unit_of_work() as uow:
        enrollment = await enrolment.cancel(enrollment_id, uow=uow, store=PgStore(uow.conn))
    return EnrollmentPublic.from_domain(enrollment)


@router.post("/enrollments/{enrollment_id}/attendance", summary="Record presence on a session day")
async def record_attendance(
    enrollment_id: uuid.UUID, body: AttendanceCreate, runtime: Runtime
) -> EnrollmentPublic:
    async with runtime.unit_of_work() as uow:
        enrollment = await enrolment.record_attendance(
            enrollment_id, body.day, body.present, store=PgStore(uow.conn)
        )
    return EnrollmentPublic.from_domain(enrollment)


@router.post("/enrollments/{enrollment_id}/completion", summary="Complete: passed or failed")
async def complete(
    enrollment_id: uuid.UUID, body: CompletionCreate, runtime: Runtime
) -> EnrollmentPublic:
    """Passing adds the course JP to the ledger and publishes TrainingCompleted. 409 when
    completed before or the certificate number is taken."""
    cmd = completion.CompleteTraining(enrollment_id=enrollment_id, **body.model_dump())
    async with runtime.unit_of_work() as uow:
        enrollment = await completion.complete(
            cmd, uow=uow, store=PgStore(uow.conn), today=date.today()
        )
    return EnrollmentPublic.from_domain(enrollment)
