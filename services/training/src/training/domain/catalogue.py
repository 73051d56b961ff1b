"""Rules of the catalogue and of sessions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from jenjang_shared.errors import Conflict, InvalidInput
from training.domain.model import Course


def check_new_course(course: Course, *, existing_codes: Iterable[str]) -> None:
    """A course needs positive JP and prerequisites that are other courses already catalogued."""
    if course.jp <= 0:
        raise InvalidInput(f"jp must be a positive number of hours, not {course.jp}", field="jp")
    if course.code in course.prerequisites:
        raise InvalidInput("a course cannot be its own prerequisite", field="prerequisites")
    known = set(existing_codes)
    unknown = sorted(set(course.prerequisites) - known)
    if unknown:
        raise InvalidInput(
            f"unknown prerequisite course(s): {', '.join(unknown)}", field="prerequisites"
        )


def ensure_code_free(code: str, *, taken: bool) -> None:
    if taken:
        raise Conflict(f"a course with code {code} already exists", field="code")


def check_new_session(
    *,
    starts_on: date,
    ends_on: date,
    capacity: int,
    location: str | None,
    online: bool,
    today: date,
) -> None:
    """A session starts today or later, ends on or after it starts, has room, and a place."""
    if starts_on < today:
        raise InvalidInput(
            f"a session cannot start in the past ({starts_on} is before {today})",
            field="starts_on",
        )
    if ends_on < starts_on:
        raise InvalidInput(
            f"ends_on ({ends_on}) is before starts_on ({starts_on})", field="ends_on"
        )
    if capacity <= 0:
        raise InvalidInput("capacity must be at least 1", field="capacity")
    if not online and not (location and location.strip()):
        raise InvalidInput(
            "a session is either online or held at a location: give one", field="location"
        )
