"""Routes of the catalogue: courses and sessions."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from jenjang_shared.contracts.vocabulary import TrainingCategory
from jenjang_shared.errors import NotFound
from jenjang_shared.web.app import Runtime
from jenjang_shared.web.params import Limit, Offset, Page
from training.adapters.store import PgStore
from training.entrypoints.schemas import (
    CourseCreate,
    CoursePublic,
    SessionCreate,
    SessionPublic,
)
from training.service import catalogue

router = APIRouter(tags=["catalogue"])


@router.post("/courses", status_code=201, summary="Add a course to the catalogue")
async def add_course(body: CourseCreate, runtime: Runtime) -> CoursePublic:
    """409 when the code exists; 422 for JP not above 0 or an unknown prerequisite."""
    async with runtime.unit_of_work() as uow:
        course = await catalogue.add_course(body.to_domain(), store=PgStore(uow.conn))
    return CoursePublic.from_domain(course)


@router.get("/courses", summary="List courses, by category and job family")
async def list_courses(
    runtime: Runtime,
    category: Annotated[TrainingCategory | None, Query(description="training_category")] = None,
    job_family: Annotated[str | None, Query(description="Courses serving this job family")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[CoursePublic]:
    async with runtime.connection() as conn:
        page = await PgStore(conn).courses.search(
            category=category, job_family=job_family, limit=limit, offset=offset
        )
    items = [CoursePublic.from_domain(c) for c in page.items]
    return Page(items=items, total=page.total, limit=limit, offset=offset)


@router.get("/courses/{code}", summary="One course")
async def get_course(code: str, runtime: Runtime) -> CoursePublic:
    async with runtime.connection() as conn:
        course = await PgStore(conn).courses.get(code)
    if course is None:
        raise NotFound(f"no course {code}")
    return CoursePublic.from_domain(course)


@router.post("/sessions", status_code=201, summary="Offer a session of a course")
async def offer_session(body: SessionCreate, runtime: Runtime) -> SessionPublic:
    """422 for an unknown course, a start in the past, an end before the start, no place."""
    cmd = catalogue.OfferSession(**body.model_dump())
    async with runtime.unit_of_work() as uow:
        session = await catalogue.offer_session(cmd, store=PgStore(uow.conn), today=date.today())
    return SessionPublic.from_domain(session)


@router.get("/sessions", summary="List sessions, by course and start date")
async def list_sessions(
    runtime: Runtime,
    course_code: Annotated[str | None, Query(description="Sessions of this course")] = None,
    starts_from: Annotated[date | None, Query(description="Starting on or after")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[SessionPublic]:
    async with runtime.connection() as conn:
        page = await PgStore(conn).sessions.search(
            course_code=course_code, starts_from=starts_from, limit=limit, offset=offset
        )
    items = [SessionPublic.from_domain(s) for s in page.items]
    return Page(items=items, total=page.total, limit=limit, offset=offset)


@router.get("/sessions/{session_id}", summary="One session, with places taken and waitlisted")
async def get_session(session_id: uuid.UUID, runtime: Runtime) -> SessionPublic:
    async with runtime.connection() as conn:
        session = await PgStore(conn).sessions.get(session_id)
    if session is None:
        raise NotFound(f"no session {session_id}")
    return SessionPublic.from_domain(session)
