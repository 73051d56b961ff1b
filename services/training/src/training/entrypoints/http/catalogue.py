"""Routes of the catalogue: courses and sessions. Reference data: every role reads it; admin
(or an internal app with `training:write`) writes it."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from jenjang_shared.contracts.vocabulary import TrainingCategory
from jenjang_shared.web.params import Limit, Offset, Page
from training.entrypoints.http.deps import Caller, CatalogueEditor, NewUnitOfWork, Today
from training.entrypoints.http.schemas import (
    CourseCreate,
    CoursePublic,
    SessionCreate,
    SessionPublic,
)
from training.service import catalogue

router = APIRouter(tags=["catalogue"])


@router.post("/courses", status_code=201, summary="Add a course to the catalogue")
async def add_course(
    body: CourseCreate, _: CatalogueEditor, new_uow: NewUnitOfWork
) -> CoursePublic:
    """409 when the code exists; 422 for JP not above 0 or an unknown prerequisite."""
    async with new_uow() as uow:
        course = await catalogue.add_course(uow, course=body.to_domain())
    return CoursePublic.model_validate(course, from_attributes=True)


@router.get("/courses", summary="List courses, by category and job family")
async def list_courses(
    _: Caller,
    new_uow: NewUnitOfWork,
    category: Annotated[TrainingCategory | None, Query(description="training_category")] = None,
    job_family: Annotated[str | None, Query(description="Courses serving this job family")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[CoursePublic]:
    async with new_uow() as uow:
        found, total = await catalogue.find_courses(
            uow, category=category, job_family=job_family, limit=limit, offset=offset
        )
    items = [CoursePublic.model_validate(c, from_attributes=True) for c in found]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/courses/{code}", summary="One course")
async def get_course(code: str, _: Caller, new_uow: NewUnitOfWork) -> CoursePublic:
    async with new_uow() as uow:
        course = await catalogue.course(uow, code=code)
    return CoursePublic.model_validate(course, from_attributes=True)


@router.post("/sessions", status_code=201, summary="Offer a session of a course")
async def offer_session(
    body: SessionCreate, _: CatalogueEditor, new_uow: NewUnitOfWork, today: Today
) -> SessionPublic:
    """422 for an unknown course, a start in the past, an end before the start, no place."""
    async with new_uow() as uow:
        session = await catalogue.offer_session(uow, **body.model_dump(), today=today)
    return SessionPublic.model_validate(session, from_attributes=True)


@router.get("/sessions", summary="List sessions, by course and start date")
async def list_sessions(
    _: Caller,
    new_uow: NewUnitOfWork,
    course_code: Annotated[str | None, Query(description="Sessions of this course")] = None,
    starts_from: Annotated[date | None, Query(description="Starting on or after")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[SessionPublic]:
    async with new_uow() as uow:
        found, total = await catalogue.find_sessions(
            uow, course_code=course_code, starts_from=starts_from, limit=limit, offset=offset
        )
    items = [SessionPublic.model_validate(s, from_attributes=True) for s in found]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/sessions/{session_id}", summary="One session, with places taken and waitlisted")
async def get_session(session_id: uuid.UUID, _: Caller, new_uow: NewUnitOfWork) -> SessionPublic:
    async with new_uow() as uow:
        session = await catalogue.session(uow, session_id=session_id)
    return SessionPublic.model_validate(session, from_attributes=True)
