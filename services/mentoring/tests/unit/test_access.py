"""Scope, sides and four eyes in the use cases, on the in-memory unit of work: what a caller
outside the scope gets (NotFound, as for an unknown record), what a caller who sees a record
but may not act on it gets (NotYours: 403), and the audit rows of writes and reads."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.access import Principal, Role, Visibility
from jenjang_shared.contracts import EmployeeRetired
from jenjang_shared.contracts.vocabulary import MentoringProgram
from jenjang_shared.errors import InvalidInput, NotFound
from jenjang_testing.fakes import handled_on
from mentoring.domain.mentorship import FeedbackFrom, MentorshipStatus
from mentoring.service import closing, handlers, mentors, mentorships, reads
from mentoring.service.access import NotYours
from mentoring.service.matching import match_mentors

from .fakes import FakeUnitOfWork, employee, given, in_pool

TODAY = date(2025, 5, 5)
DEVELOPMENT = MentoringProgram.DEVELOPMENT
ADMIN = Principal(subject="admin-bkd", roles=frozenset({Role.ADMIN}))


def hr(*units: str, nip: str | None = None) -> Principal:
    return Principal(subject="hr", roles=frozenset({Role.HR}), units=frozenset(units), nip=nip)


def supervisor(nip: str) -> Principal:
    return Principal(subject=f"s-{nip}", roles=frozenset({Role.SUPERVISOR}), nip=nip)


def staff(nip: str) -> Principal:
    return Principal(subject=f"e-{nip}", roles=frozenset({Role.EMPLOYEE}), nip=nip)


def see(caller: Principal) -> Visibility:
    return Visibility.of(caller)


async def active(uow: FakeUnitOfWork, *, unit: str = "DPUPR") -> tuple[str, str, str]:
    """A mentor of another unit, a mentee of `unit` with a superior; a mentorship of the two.
    Returns (mentorship id, mentor, mentee)."""
    mentor = in_pool(uow, employee(golongan="IV/a", unit_code="BAPPEDA"))
    boss = employee(golongan="IV/b", unit_code=unit)
    [_, mentee] = given(
        uow, boss, employee(golongan="III/a", unit_code=unit, supervisor_nip=boss.nip)
    )
    started = await mentorships.start_mentorship(
        uow, mentor_nip=mentor, mentee_nip=mentee, program=DEVELOPMENT, today=TODAY
    )
    return started.id, mentor, mentee


# --- starting and matching: the mentee's unit, four eyes ---------------------------------------


async def test_hr_starts_a_mentorship_for_a_mentee_of_its_units_only() -> None:
    uow = FakeUnitOfWork()
    mentor = in_pool(uow, employee(golongan="IV/a", unit_code="BAPPEDA"))  # the pool: any unit
    [mentee] = given(uow, employee(golongan="III/a", unit_code="DPUPR"))
    with pytest.raises(NotFound):
        await mentorships.start_mentorship(
            uow,
            mentor_nip=mentor,
            mentee_nip=mentee,
            program=DEVELOPMENT,
            today=TODAY,
            visibility=see(hr("DINKES")),
        )
    assert uow.tables.mentorships == {} and uow.audited == []
    started = await mentorships.start_mentorship(
        uow,
        mentor_nip=mentor,
        mentee_nip=mentee,
        program=DEVELOPMENT,
        today=TODAY,
        visibility=see(hr("DPUPR")),
    )
    [row] = uow.audited
    assert (row.operation, row.record_type, row.record_id) == (
        "mentorship.start",
        "mentorship",
        started.id,
    )
    assert row.after is not None and row.after["mentee_nip"] == mentee


async def test_an_unknown_mentee_is_not_found_for_hr_and_a_422_for_admin() -> None:
    uow = FakeUnitOfWork()
    mentor = in_pool(uow, employee(golongan="IV/a"))
    unknown = employee().nip  # never given
    for visibility, error in ((see(hr("DPUPR")), NotFound), (see(ADMIN), InvalidInput)):
        with pytest.raises(error):
            await mentorships.start_mentorship(
                uow,
                mentor_nip=mentor,
                mentee_nip=unknown,
                program=DEVELOPMENT,
                today=TODAY,
                visibility=visibility,
            )


@pytest.mark.parametrize("side", ["mentor", "mentee"])
async def test_nobody_starts_a_mentorship_of_their_own(side: str) -> None:
    uow = FakeUnitOfWork()
    mentor = in_pool(uow, employee(golongan="IV/a"))
    [mentee] = given(uow, employee(golongan="III/a"))
    decider = mentor if side == "mentor" else mentee
    with pytest.raises(NotYours, match=f"you are the {side}"):
        await mentorships.start_mentorship(
            uow,
            mentor_nip=mentor,
            mentee_nip=mentee,
            program=DEVELOPMENT,
            today=TODAY,
            visibility=see(hr("DPUPR", nip=decider)),
            decider_nip=decider,
        )
    assert uow.tables.mentorships == {}


async def test_matching_passes_over_the_decider_as_mentor_and_refuses_their_own_mentor() -> None:
    uow = FakeUnitOfWork()
    officer = in_pool(uow, employee(golongan="III/d"))  # HR, in the pool too
    other = in_pool(uow, employee(golongan="IV/a", unit_code="ELSEWHERE", job_family="UMUM"))
    [mentee] = given(uow, employee(golongan="III/a"))
    caller = hr("DPUPR", nip=officer)
    outcome = await match_mentors(
        uow,
        mentee_nip=mentee,
        program=DEVELOPMENT,
        assign=True,
        goals=(),
        today=TODAY,
        visibility=see(caller),
        decider_nip=officer,
    )
    assert outcome.match.result.ranked[0].candidate.nip == officer  # the best, passed over
    assert outcome.started is not None and outcome.started.mentor_nip == other
    with pytest.raises(NotYours, match="you are the mentee"):
        await match_mentors(
            uow,
            mentee_nip=officer,
            program=DEVELOPMENT,
            assign=True,
            goals=(),
            today=TODAY,
            visibility=see(caller),
            decider_nip=officer,
        )
    with pytest.raises(NotFound):
        await match_mentors(
            uow,
            mentee_nip=mentee,
            program=MentoringProgram.COACHING,
            assign=False,
            goals=(),
            today=TODAY,
            visibility=see(hr("DINKES")),
        )


# --- the mentor pool: the mentor's unit ---------------------------------------------------------


async def test_hr_manages_the_pool_entries_of_its_units_only() -> None:
    uow = FakeUnitOfWork()
    [nip] = given(uow, employee(golongan="IV/a", unit_code="DPUPR"))
    with pytest.raises(NotFound):
        await mentors.add_mentor(
            uow, nip=nip, expertise=(), capacity=2, today=TODAY, visibility=see(hr("DINKES"))
        )
    await mentors.add_mentor(
        uow, nip=nip, expertise=("UMUM",), capacity=2, today=TODAY, visibility=see(hr("DPUPR"))
    )
    for change in (
        mentors.pause_mentor(uow, nip=nip, reason="Cuti", visibility=see(hr("DINKES"))),
        mentors.resume_mentor(uow, nip=nip, today=TODAY, visibility=see(hr("DINKES"))),
        mentors.update_mentor(
            uow,
            nip=nip,
            capacity=5,
            expertise=None,
            today=TODAY,
            visibility=see(hr("DINKES")),
        ),
    ):
        with pytest.raises(NotFound):
            await change
    await mentors.pause_mentor(uow, nip=nip, reason="Cuti", visibility=see(hr("DPUPR")))
    await mentors.update_mentor(
        uow, nip=nip, capacity=4, expertise=None, today=TODAY, visibility=see(hr("DPUPR"))
    )
    assert uow.operations() == ["mentor.add", "mentor.pause", "mentor.update"]
    pause, update = uow.audited[1:]
    assert (pause.before, pause.after) == (
        {"paused": False, "pause_reason": None},
        {"paused": True, "pause_reason": "Cuti"},
    )
    assert (update.before, update.after) == ({"capacity": 2}, {"capacity": 4})


async def test_nobody_designates_themselves_or_sets_their_own_capacity() -> None:
    uow = FakeUnitOfWork()
    [nip] = given(uow, employee(golongan="IV/a"))
    with pytest.raises(NotYours):
        await mentors.add_mentor(
            uow, nip=nip, expertise=(), capacity=2, today=TODAY, decider_nip=nip
        )
    await mentors.add_mentor(uow, nip=nip, expertise=(), capacity=2, today=TODAY)
    with pytest.raises(NotYours):
        await mentors.update_mentor(
            uow, nip=nip, capacity=9, expertise=None, today=TODAY, decider_nip=nip
        )
    assert uow.tables.mentors[nip].capacity == 2


# --- sessions and feedback: the sides -----------------------------------------------------------


async def test_the_mentor_logs_sessions_and_nobody_else_but_admin() -> None:
    uow = FakeUnitOfWork()
    mid, mentor, mentee = await active(uow)
    boss = uow.tables.employees[mentee].supervisor_nip
    assert boss is not None

    async def log(caller: Principal) -> str:
        return await mentorships.record_session(
            uow,
            mentorship_id=mid,
            held_on=TODAY,
            duration_minutes=60,
            notes=None,
            today=TODAY,
            caller=caller,
        )

    with pytest.raises(NotYours, match="only the mentor"):
        await log(supervisor(boss))  # sees it (the mentee reports to them), does not lead it
    with pytest.raises(NotFound):
        await log(supervisor(employee().nip))  # a stranger to it
    await log(supervisor(mentor))
    await log(ADMIN)
    assert await uow.mentorships.session_summary(mid) == (120, TODAY)
    assert [a.operation for a in uow.audited[1:]] == ["session.record"] * 2


async def test_feedback_is_given_for_ones_own_side() -> None:
    uow = FakeUnitOfWork()
    mid, mentor, mentee = await active(uow)

    async def rate(caller: Principal, side: FeedbackFrom | None) -> FeedbackFrom:
        return await mentorships.give_feedback(
            uow, mentorship_id=mid, from_role=side, rating=4, text=None, caller=caller
        )

    with pytest.raises(NotYours, match="you give feedback as MENTEE"):
        await rate(staff(mentee), FeedbackFrom.MENTOR)
    with pytest.raises(NotFound):
        await rate(staff(employee().nip), None)
    with pytest.raises(InvalidInput, match="MENTOR or MENTEE"):
        await rate(ADMIN, None)
    assert await rate(staff(mentee), None) == FeedbackFrom.MENTEE
    assert await rate(supervisor(mentor), FeedbackFrom.MENTOR) == FeedbackFrom.MENTOR
    assert set(uow.tables.feedback) == {(mid, "MENTEE"), (mid, "MENTOR")}
    assert uow.operations()[-2:] == ["feedback.give", "feedback.give"]


async def test_a_supervisor_who_is_not_a_party_gives_no_feedback() -> None:
    uow = FakeUnitOfWork()
    mid, _, mentee = await active(uow)
    boss = uow.tables.employees[mentee].supervisor_nip
    assert boss is not None
    with pytest.raises(NotYours, match="only the mentor and the mentee"):
        await mentorships.give_feedback(
            uow,
            mentorship_id=mid,
            from_role=FeedbackFrom.MENTEE,
            rating=1,
            text=None,
            caller=supervisor(boss),
        )


# --- completion and cancellation: scope and four eyes -------------------------------------------


async def test_hr_of_either_party_ends_a_mentorship_but_not_one_of_its_own() -> None:
    uow = FakeUnitOfWork()
    mid, mentor, _ = await active(uow, unit="DPUPR")  # the mentor is of BAPPEDA
    with pytest.raises(NotFound):
        await closing.cancel_mentorship(
            uow, mentorship_id=mid, reason="x", today=TODAY, visibility=see(hr("DINKES"))
        )
    with pytest.raises(NotYours, match="you are the mentor"):
        await closing.complete_mentorship(
            uow,
            mentorship_id=mid,
            outcome="ok",
            completed_on=TODAY,
            today=TODAY,
            visibility=see(hr("BAPPEDA", nip=mentor)),
            decider_nip=mentor,
        )
    done = await closing.complete_mentorship(
        uow,
        mentorship_id=mid,
        outcome="ok",
        completed_on=TODAY,
        today=TODAY,
        visibility=see(hr("BAPPEDA")),
    )
    assert done.status == MentorshipStatus.COMPLETED
    last = uow.audited[-1]
    assert (last.operation, last.before) == ("mentorship.complete", {"status": "ACTIVE"})
    assert last.after == {
        "status": "COMPLETED",
        "completed_on": TODAY,
        "outcome": "ok",
        "jp_credit": 0,
        "ended_on": TODAY,
    }


async def test_a_handler_cancelling_for_a_retired_mentee_is_audited() -> None:
    uow = FakeUnitOfWork()
    mid, _, mentee = await active(uow)
    uow.handled = handled_on(TODAY)
    await handlers.on_employee_retired(
        EmployeeRetired(nip=mentee, retirement_date=TODAY, reason="BUP"), uow
    )
    cancel = uow.audited[-1]
    assert (cancel.operation, cancel.record_id, cancel.after and cancel.after["status"]) == (
        "mentorship.cancel",
        mid,
        "CANCELLED",
    )


# --- reads: scope and the audit of reading another person's records -----------------------------


async def test_reads_of_employees_follow_the_scope() -> None:
    uow = FakeUnitOfWork()
    _, mentor, mentee = await active(uow, unit="DPUPR")
    boss = uow.tables.employees[mentee].supervisor_nip
    assert boss is not None
    for caller in (hr("DPUPR"), supervisor(boss), staff(mentee), ADMIN):
        assert (await reads.employee(uow, nip=mentee, visibility=see(caller)))["nip"] == mentee
    for caller in (hr("DINKES"), supervisor(mentor), staff(mentor)):
        with pytest.raises(NotFound):
            await reads.employee(uow, nip=mentee, visibility=see(caller))


async def test_reading_a_mentorship_is_audited_unless_it_is_ones_own() -> None:
    uow = FakeUnitOfWork()
    mid, mentor, mentee = await active(uow, unit="DPUPR")
    uow.audited.clear()
    for nip in (mentor, mentee):
        caller = staff(nip)
        await reads.mentorship(uow, mentorship_id=mid, visibility=see(caller), reader_nip=nip)
    assert uow.audited == []
    with pytest.raises(NotFound):
        await reads.mentorship(
            uow, mentorship_id=mid, visibility=see(hr("DINKES")), reader_nip=None
        )
    await reads.mentorship(uow, mentorship_id=mid, visibility=see(hr("BAPPEDA")), reader_nip=None)
    assert [(a.operation, a.record_id) for a in uow.audited] == [("mentorship.read", mid)]


async def test_an_employees_mentoring_is_theirs_to_read_and_audited_for_others() -> None:
    uow = FakeUnitOfWork()
    mid, mentor, mentee = await active(uow)
    uow.audited.clear()
    own = await reads.employee_mentoring(
        uow, nip=mentee, visibility=see(staff(mentee)), reader_nip=mentee
    )
    assert [m["id"] for m in own.as_mentee] == [mid] and own.as_mentor == []
    assert uow.audited == []
    with pytest.raises(NotFound):
        await reads.employee_mentoring(
            uow, nip=mentee, visibility=see(staff(mentor)), reader_nip=mentor
        )
    await reads.employee_mentoring(uow, nip=mentee, visibility=see(ADMIN), reader_nip=None)
    assert uow.operations() == ["employee_mentorships.read"]
