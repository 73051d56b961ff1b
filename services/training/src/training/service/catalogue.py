"""Use cases of the catalogue: add courses and sessions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from jenjang_shared.errors import InvalidInput
from training.domain import catalogue as rules
from training.domain.model import Course, Session
from training.service.ports import Store


async def add_course(course: Course, *, store: Store) -> Course:
    """Catalogue a course; 409 when its code exists, 422 for bad JP or unknown prerequisites."""
    rules.ensure_code_free(course.code, taken=await store.courses.get(course.code) is not None)
    existing = await store.courses.existing(list(course.prerequisites))
    rules.check_new_course(course, existing_codes=existing)
    await store.courses.add(course)
    return course


@dataclass(frozen=True)
class OfferSession:
    course_code: str
    starts_on: date
    ends_on: date
    capacity: int
    location: str | None = None
    online: bool = False


async def offer_session(cmd: OfferSession, *, store: Store, today: date) -> Session:
    """Offer a course on dates, at a place or online, with a capacity."""
    if await store.courses.get(cmd.course_code) is None:
        raise InvalidInput(f"unknown course {cmd.course_code}", field="course_code")
    rules.check_new_session(
        starts_on=cmd.starts_on,
        ends_on=cmd.ends_on,
        capacity=cmd.capacity,
        location=cmd.location,
        online=cmd.online,
        today=today,
    )
    session = Session(
        id=uuid.uuid4(),
        course_code=cmd.course_code,
        starts_on=cmd.starts_on,
        ends_on=cmd.ends_on,
        capacity=cmd.capacity,
        location=cmd.location,
        online=cmd.online,
    )
    await store.sessions.add(session)
    return session
