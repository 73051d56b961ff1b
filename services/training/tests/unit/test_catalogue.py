"""The catalogue's use cases on the fakes: courses and sessions, accepted and refused."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from jenjang_shared.contracts.vocabulary import TrainingCategory
from jenjang_shared.errors import Conflict, InvalidInput, NotFound
from training.service import catalogue

from . import given
from .fakes import FakeUnitOfWork
from .given import TODAY


async def test_a_course_is_catalogued_and_read_back() -> None:
    uow = FakeUnitOfWork()
    basic = await given.course(uow, "BASIC")
    course = given.a_course("ADVANCED", prerequisites=(basic.code,))

    assert await catalogue.add_course(uow, course=course) == course
    assert await catalogue.course(uow, code="ADVANCED") == course


async def test_a_duplicate_code_is_409() -> None:
    uow = FakeUnitOfWork()
    await given.course(uow, "DUP")
    with pytest.raises(Conflict, match="DUP already exists"):
        await catalogue.add_course(uow, course=given.a_course("DUP", title="Other"))
    assert (await catalogue.course(uow, code="DUP")).title == "Manajemen Rumah Sakit"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"jp": 0}, "jp"),
        ({"jp": -4}, "jp"),
        ({"prerequisites": ("NO-SUCH-COURSE",)}, "prerequisites"),
        ({"prerequisites": ("SELF",)}, "prerequisites"),
    ],
)
async def test_a_bad_course_is_422_naming_the_field_and_adds_nothing(
    overrides: dict[str, object], field: str
) -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidInput) as refused:
        await catalogue.add_course(uow, course=given.a_course("SELF", **overrides))
    assert refused.value.field == field
    assert uow.courses.rows == {}


async def test_an_unknown_course_is_404() -> None:
    with pytest.raises(NotFound, match="no course NOPE"):
        await catalogue.course(FakeUnitOfWork(), code="NOPE")


async def test_courses_are_found_by_category_and_job_family_a_page_at_a_time() -> None:
    uow = FakeUnitOfWork()
    a = await given.course(uow, "A", job_families=("FAM",))
    await given.course(uow, "B", job_families=("FAM",), training_category=TrainingCategory.SEMINAR)
    c = await given.course(uow, "C", job_families=("FAM",))
    await given.course(uow, "D", job_families=("UMUM",))

    found, total = await catalogue.find_courses(
        uow, category=TrainingCategory.TEKNIS, job_family="FAM", limit=1, offset=1
    )

    assert (found, total) == ([c], 2)
    everything, count = await catalogue.find_courses(
        uow, category=None, job_family=None, limit=10, offset=0
    )
    assert count == 4 and everything[0] == a


async def test_a_session_is_offered_and_read_back_with_its_places() -> None:
    uow = FakeUnitOfWork()
    course = await given.course(uow)

    offered = await catalogue.offer_session(
        uow,
        course_code=course.code,
        starts_on=TODAY,
        ends_on=TODAY + timedelta(days=2),
        capacity=30,
        online=True,
        today=TODAY,
    )

    shown = await catalogue.session(uow, session_id=offered.id)
    assert (shown.course_code, shown.capacity, shown.online, shown.location) == (
        course.code,
        30,
        True,
        None,
    )
    assert (shown.confirmed, shown.waitlisted, shown.places_left) == (0, 0, 30)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"course_code": "NO-SUCH"}, "course_code"),
        ({"starts_on": TODAY - timedelta(days=1)}, "starts_on"),
        ({"ends_on": TODAY - timedelta(days=1)}, "ends_on"),
        ({"capacity": 0}, "capacity"),
        ({"location": None}, "location"),
        ({"location": "   "}, "location"),
    ],
)
async def test_a_bad_session_is_422_naming_the_field_and_adds_nothing(
    overrides: dict[str, object], field: str
) -> None:
    uow = FakeUnitOfWork()
    course = await given.course(uow)
    command: dict[str, object] = {
        "course_code": course.code,
        "starts_on": TODAY,
        "ends_on": TODAY + timedelta(days=1),
        "capacity": 10,
        "location": "Bandung",
    }
    with pytest.raises(InvalidInput) as refused:
        await catalogue.offer_session(uow, **{**command, **overrides}, today=TODAY)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert uow.sessions.rows == {}


async def test_an_unknown_session_is_404() -> None:
    with pytest.raises(NotFound):
        await catalogue.session(FakeUnitOfWork(), session_id=uuid.uuid4())


async def test_sessions_are_found_by_course_and_first_day_in_date_order() -> None:
    uow = FakeUnitOfWork()
    course, other = await given.course(uow), await given.course(uow)
    late = await given.session(uow, course.code, starts_on=TODAY + timedelta(days=9))
    soon = await given.session(uow, course.code, starts_on=TODAY + timedelta(days=1))
    await given.session(uow, course.code, starts_on=TODAY - timedelta(days=9))
    await given.session(uow, other.code, starts_on=TODAY + timedelta(days=1))

    found, total = await catalogue.find_sessions(
        uow, course_code=course.code, starts_from=TODAY, limit=10, offset=0
    )

    assert [s.id for s in found] == [soon.id, late.id] and total == 2
