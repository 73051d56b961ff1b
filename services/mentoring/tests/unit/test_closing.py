"""Completing a mentorship (JP credit) and cancelling one: on the in-memory unit of work."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.contracts import MentorshipCompleted
from jenjang_shared.contracts.vocabulary import MentoringProgram
from jenjang_shared.errors import Conflict, InvalidInput, NotFound
from mentoring.domain.mentor import UnmatchedRequest
from mentoring.domain.mentorship import MentorshipStatus
from mentoring.domain.policy import MentoringPolicy
from mentoring.service import closing, mentorships

from .fakes import FakeUnitOfWork, employee, given, in_pool

STARTED = date(2025, 3, 3)
TODAY = date(2025, 5, 5)


async def active_mentorship(uow: FakeUnitOfWork, *minutes: int, capacity: int = 3) -> str:
    """A DEVELOPMENT mentorship started on STARTED, with sessions of these lengths."""
    mentor = in_pool(uow, employee(golongan="IV/e"), capacity=capacity)
    [mentee] = given(uow, employee(golongan="IV/d"))
    started = await mentorships.start_mentorship(
        uow,
        mentor_nip=mentor,
        mentee_nip=mentee,
        program=MentoringProgram.DEVELOPMENT,
        today=STARTED,
    )
    for n, length in enumerate(minutes):
        await uow.mentorships.add_session(
            started.id, held_on=date(2025, 4, 1 + n), duration_minutes=length, notes=None
        )
    uow.published.clear()
    return started.id


async def test_completion_credits_whole_jp_of_the_session_minutes_and_is_published() -> None:
    uow = FakeUnitOfWork()
    mentorship_id = await active_mentorship(uow, 60, 60, 30)
    done = await closing.complete_mentorship(
        uow, mentorship_id=mentorship_id, outcome="Goals met", completed_on=TODAY, today=TODAY
    )
    assert (done.status, done.jp_credit, done.completed_on, done.ended_on) == (
        MentorshipStatus.COMPLETED,
        3,
        TODAY,
        TODAY,
    )
    [event] = uow.published
    assert isinstance(event, MentorshipCompleted)
    assert (event.jp_credit, event.program, event.outcome) == (3, "DEVELOPMENT", "Goals met")


async def test_the_configured_cap_limits_the_credit() -> None:
    uow = FakeUnitOfWork(policy=MentoringPolicy(jp_credit_cap=2, minutes_per_jp=30))
    mentorship_id = await active_mentorship(uow, 600)
    done = await closing.complete_mentorship(
        uow, mentorship_id=mentorship_id, outcome="ok", completed_on=TODAY, today=TODAY
    )
    assert done.jp_credit == 2


@pytest.mark.parametrize(
    ("completed_on", "message"),
    [
        (date(2025, 3, 2), "before the mentorship started"),
        (date(2025, 4, 1), "before the last session"),
        (date(2025, 5, 6), "in the future"),
    ],
)
async def test_completion_is_dated_after_the_last_session_and_not_after_today(
    completed_on: date, message: str
) -> None:
    uow = FakeUnitOfWork()
    mentorship_id = await active_mentorship(uow, 45, 45)
    with pytest.raises(InvalidInput, match=message):
        await closing.complete_mentorship(
            uow, mentorship_id=mentorship_id, outcome="ok", completed_on=completed_on, today=TODAY
        )
    assert uow.published == []


async def test_only_an_active_mentorship_completes_or_is_cancelled() -> None:
    uow = FakeUnitOfWork()
    mentorship_id = await active_mentorship(uow)
    await closing.complete_mentorship(
        uow, mentorship_id=mentorship_id, outcome="ok", completed_on=TODAY, today=TODAY
    )
    with pytest.raises(Conflict, match=r"cannot complete .* it is COMPLETED"):
        await closing.complete_mentorship(
            uow, mentorship_id=mentorship_id, outcome="ok", completed_on=TODAY, today=TODAY
        )
    with pytest.raises(Conflict, match=r"cannot cancel .* it is COMPLETED"):
        await closing.cancel_mentorship(uow, mentorship_id=mentorship_id, reason="-", today=TODAY)
    with pytest.raises(NotFound):
        await closing.cancel_mentorship(uow, mentorship_id="nope", reason="-", today=TODAY)


async def test_a_cancellation_ends_today_and_frees_the_slot_for_a_waiting_mentee() -> None:
    uow = FakeUnitOfWork()
    mentorship_id = await active_mentorship(uow, capacity=1)
    [waiting] = given(uow, employee(golongan="IV/d"))
    uow.tables.pending["r"] = UnmatchedRequest(
        id="r", mentee_nip=waiting, program="COACHING", origin="WEAK_EVALUATION", reason="full"
    )
    cancelled = await closing.cancel_mentorship(
        uow, mentorship_id=mentorship_id, reason="Moved on", today=TODAY
    )
    assert (cancelled.status, cancelled.ended_on, cancelled.cancel_reason) == (
        MentorshipStatus.CANCELLED,
        TODAY,
        "Moved on",
    )
    [started] = uow.tables.active()
    assert (started.mentee_nip, started.program, started.started_on) == (
        waiting,
        "COACHING",
        TODAY,
    )
