"""Starting a mentorship, logging a session, giving feedback: on the in-memory unit of work."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.access import Principal, Role
from jenjang_shared.contracts import MentoringSessionRecorded, MentorshipStarted
from jenjang_shared.contracts.vocabulary import MentoringProgram
from jenjang_shared.errors import Conflict, InvalidInput, NotFound
from mentoring.domain.employee import Employee
from mentoring.domain.mentorship import FeedbackFrom, MentorshipStatus, Origin
from mentoring.service import closing, mentorships

from .fakes import FakeUnitOfWork, employee, given, in_pool

TODAY = date(2025, 5, 5)
DEVELOPMENT = MentoringProgram.DEVELOPMENT
ADMIN = Principal(subject="admin-bkd", roles=frozenset({Role.ADMIN}))


async def start(
    uow: FakeUnitOfWork, mentor: str, mentee: str, program: MentoringProgram = DEVELOPMENT
) -> str:
    started = await mentorships.start_mentorship(
        uow, mentor_nip=mentor, mentee_nip=mentee, program=program, goals=("G",), today=TODAY
    )
    return started.id


async def test_a_mentorship_starts_today_and_is_published() -> None:
    uow = FakeUnitOfWork()
    mentor = in_pool(uow, employee(golongan="IV/a"))
    [mentee] = given(uow, employee(golongan="III/a"))
    started = await mentorships.start_mentorship(
        uow, mentor_nip=mentor, mentee_nip=mentee, program=DEVELOPMENT, goals=("G",), today=TODAY
    )
    assert (started.status, started.started_on, started.origin, started.goals) == (
        MentorshipStatus.ACTIVE,
        TODAY,
        Origin.REQUEST,
        ("G",),
    )
    [event] = uow.published
    assert event == MentorshipStarted(
        mentorship_id=started.id,
        mentor_nip=mentor,
        mentee_nip=mentee,
        program=DEVELOPMENT,
        started_on=TODAY,
    )


async def test_a_latsar_mentee_may_have_their_superior_outside_the_pool() -> None:
    uow = FakeUnitOfWork()
    [boss] = given(uow, employee(golongan="III/d"))
    [cpns] = given(uow, employee(employment_type="CPNS", golongan="III/a", supervisor_nip=boss))
    await start(uow, boss, cpns, MentoringProgram.LATSAR)
    with pytest.raises(InvalidInput, match="not in the mentor pool"):
        await start(uow, boss, cpns, MentoringProgram.COACHING)


@pytest.mark.parametrize(
    ("mentee", "message"),
    [
        (employee(registered=False), "not known to the mentoring service"),
        (employee(golongan="III/a").retire(TODAY), "is retired"),
    ],
)
async def test_the_mentee_must_be_known_and_active(mentee: Employee, message: str) -> None:
    uow = FakeUnitOfWork()
    mentor = in_pool(uow, employee(golongan="IV/a"))
    [nip] = given(uow, mentee)
    with pytest.raises(InvalidInput, match=message):
        await start(uow, mentor, nip)


async def test_the_mentor_must_be_known() -> None:
    uow = FakeUnitOfWork()
    [mentee] = given(uow, employee(golongan="III/a"))
    with pytest.raises(InvalidInput, match="not known to the mentoring service") as refused:
        await start(uow, "1" * 18, mentee)
    assert refused.value.field == "mentor_nip"


async def test_a_broken_hard_rule_is_a_422_naming_it() -> None:
    uow = FakeUnitOfWork()
    mentor = in_pool(uow, employee(golongan="III/a"))
    [mentee] = given(uow, employee(golongan="III/b"))
    with pytest.raises(InvalidInput, match=r"does not outrank the mentee \(NOT_SENIOR\)"):
        await start(uow, mentor, mentee)
    assert uow.published == []


async def test_a_full_or_paused_mentor_is_a_409() -> None:
    uow = FakeUnitOfWork()
    full = in_pool(uow, employee(golongan="IV/a"), capacity=1)
    paused = in_pool(uow, employee(golongan="IV/a"), paused=True)
    first, second = given(uow, employee(golongan="III/a"), employee(golongan="III/a"))
    await start(uow, full, first)
    with pytest.raises(Conflict, match="AT_CAPACITY"):
        await start(uow, full, second)
    with pytest.raises(Conflict, match="PAUSED"):
        await start(uow, paused, second)


async def test_one_active_mentorship_per_mentee_and_programme() -> None:
    uow = FakeUnitOfWork()
    a, b = in_pool(uow, employee(golongan="IV/a")), in_pool(uow, employee(golongan="IV/b"))
    [mentee] = given(uow, employee(golongan="III/a"))
    first = await start(uow, a, mentee)
    with pytest.raises(Conflict, match=f"already has an active DEVELOPMENT mentorship \\({first}"):
        await start(uow, b, mentee)
    await start(uow, b, mentee, MentoringProgram.COACHING)


async def test_a_session_is_logged_and_published() -> None:
    uow = FakeUnitOfWork()
    mentor = in_pool(uow, employee(golongan="IV/a"))
    [mentee] = given(uow, employee(golongan="III/a"))
    mentorship_id = await start(uow, mentor, mentee)
    await mentorships.record_session(
        uow,
        mentorship_id=mentorship_id,
        held_on=TODAY,
        duration_minutes=90,
        notes=None,
        today=TODAY,
        caller=ADMIN,
    )
    assert await uow.mentorships.session_summary(mentorship_id) == (90, TODAY)
    [event] = uow.published_of(MentoringSessionRecorded)
    assert isinstance(event, MentoringSessionRecorded) and event.duration_minutes == 90


@pytest.mark.parametrize(
    ("held_on", "message"),
    [(date(2025, 5, 4), "before the mentorship started"), (date(2025, 5, 6), "in the future")],
)
async def test_a_session_is_dated_from_the_start_up_to_today(held_on: date, message: str) -> None:
    uow = FakeUnitOfWork()
    mentor = in_pool(uow, employee(golongan="IV/a"))
    [mentee] = given(uow, employee(golongan="III/a"))
    mentorship_id = await start(uow, mentor, mentee)
    with pytest.raises(InvalidInput, match=message):
        await mentorships.record_session(
            uow,
            mentorship_id=mentorship_id,
            held_on=held_on,
            duration_minutes=30,
            notes=None,
            today=TODAY,
            caller=ADMIN,
        )


async def test_no_session_on_an_unknown_or_ended_mentorship() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(NotFound):
        await mentorships.record_session(
            uow,
            mentorship_id="nope",
            held_on=TODAY,
            duration_minutes=30,
            notes=None,
            today=TODAY,
            caller=ADMIN,
        )
    mentor = in_pool(uow, employee(golongan="IV/a"))
    [mentee] = given(uow, employee(golongan="III/a"))
    mentorship_id = await start(uow, mentor, mentee)
    await closing.cancel_mentorship(uow, mentorship_id=mentorship_id, reason="-", today=TODAY)
    with pytest.raises(Conflict, match="it is CANCELLED"):
        await mentorships.record_session(
            uow,
            mentorship_id=mentorship_id,
            held_on=TODAY,
            duration_minutes=30,
            notes=None,
            today=TODAY,
            caller=ADMIN,
        )


async def test_feedback_once_per_side_and_never_on_a_cancelled_mentorship() -> None:
    uow = FakeUnitOfWork()
    mentor = in_pool(uow, employee(golongan="IV/a"))
    [mentee] = given(uow, employee(golongan="III/a"))
    mentorship_id = await start(uow, mentor, mentee)
    for role in ("MENTEE", "MENTOR"):
        await mentorships.give_feedback(
            uow,
            mentorship_id=mentorship_id,
            from_role=FeedbackFrom(role),
            rating=4,
            text=None,
            caller=ADMIN,
        )
    with pytest.raises(Conflict, match="already given feedback"):
        await mentorships.give_feedback(
            uow,
            mentorship_id=mentorship_id,
            from_role=FeedbackFrom.MENTEE,
            rating=5,
            text=None,
            caller=ADMIN,
        )
    other = await start(uow, mentor, mentee, MentoringProgram.COACHING)
    await closing.cancel_mentorship(uow, mentorship_id=other, reason="-", today=TODAY)
    with pytest.raises(Conflict, match="was cancelled"):
        await mentorships.give_feedback(
            uow,
            mentorship_id=other,
            from_role=FeedbackFrom.MENTEE,
            rating=5,
            text=None,
            caller=ADMIN,
        )
    with pytest.raises(NotFound):
        await mentorships.give_feedback(
            uow,
            mentorship_id="nope",
            from_role=FeedbackFrom.MENTEE,
            rating=5,
            text=None,
            caller=ADMIN,
        )
