"""Use cases of the catalogue: add courses and sessions, and read them back.

The catalogue is reference data, not anyone's personal record: every caller may read it (the
routes say who may write it), so these reads take no scope."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date
from typing import Any

from jenjang_shared.contracts.vocabulary import TrainingCategory
from jenjang_shared.errors import InvalidInput, NotFound
from training.domain import catalogue as rules
from training.domain.model import Course, Session
from training.service.ports import UnitOfWork


async def add_course(uow: UnitOfWork, *, course: Course) -> Course:
    """Catalogue a course; 409 when its code exists, 422 for bad JP or unknown prerequisites."""
    rules.ensure_code_free(course.code, taken=await uow.courses.get(course.code) is not None)
    existing = await uow.courses.existing(list(course.prerequisites))
    rules.check_new_course(course, existing_codes=existing)
    await uow.courses.add(course)
    await uow.audit(
        operation="course.create", record_type="course", record_id=course.code, after=_facts(course)
    )
    return course


def _facts(record: Course | Session) -> dict[str, Any]:
    facts = dataclasses.asdict(record)
    for derived in ("confirmed", "waitlisted"):
        facts.pop(derived, None)
    return facts


async def course(uow: UnitOfWork, *, code: str) -> Course:
    found = await uow.courses.get(code)
    if found is None:
        raise NotFound(f"no course {code}")
    return found


async def find_courses(
    uow: UnitOfWork,
    *,
    category: TrainingCategory | None,
    job_family: str | None,
    limit: int,
    offset: int,
) -> tuple[list[Course], int]:
    """Courses by category and job family, by code: the window asked for and the total."""
    return await uow.courses.search(
        category=category, job_family=job_family, limit=limit, offset=offset
    )


async def offer_session(
    uow: UnitOfWork,
    *,
    course_code: str,
    starts_on: date,
    ends_on: date,
    capacity: int,
    location: str | None = None,
    online: bool = False,
    today: date,
) -> Session:
    """Offer a course on dates, at a place or online, with a capacity."""
    if await uow.courses.get(course_code) is None:
        raise InvalidInput(f"unknown course {course_code}", field="course_code")
    rules.check_new_session(
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=capacity,
        location=location,
        online=online,
        today=today,
    )
    session = Session(
        id=uuid.uuid4(),
        course_code=course_code,
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=capacity,
        location=location,
        online=online,
    )
    await uow.sessions.add(session)
    await uow.audit(
        operation="session.create",
        record_type="session",
        record_id=str(session.id),
        after=_facts(session),
    )
    return session


async def session(uow: UnitOfWork, *, session_id: uuid.UUID) -> Session:
    found = await uow.sessions.get(session_id)
    if found is None:
        raise NotFound(f"no session {session_id}")
    return found


async def find_sessions(
    uow: UnitOfWork,
    *,
    course_code: str | None,
    starts_from: date | None,
    limit: int,
    offset: int,
) -> tuple[list[Session], int]:
    """Sessions by course and first day, in date order: the window asked for and the total."""
    return await uow.sessions.search(
        course_code=course_code, starts_from=starts_from, limit=limit, offset=offset
    )
