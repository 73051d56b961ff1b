"""The mentor pool use cases on the in-memory unit of work: join, change, pause, resume."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.errors import Conflict, InvalidInput, NotFound
from mentoring.domain.mentor import MentorEntry, UnmatchedRequest
from mentoring.domain.mentorship import Mentorship, MentorshipStatus
from mentoring.service import mentors

from .fakes import FakeUnitOfWork, employee, given, in_pool

TODAY = date(2025, 5, 5)


def waiting(uow: FakeUnitOfWork, mentee: str, program: str = "COACHING") -> None:
    uow.tables.pending[f"r-{mentee}"] = UnmatchedRequest(
        id=f"r-{mentee}", mentee_nip=mentee, program=program, origin="WEAK_EVALUATION", reason="-"
    )


def mentoring(uow: FakeUnitOfWork, mentor: str, mentee: str) -> None:
    uow.tables.mentorships[f"m-{mentee}"] = Mentorship(
        id=f"m-{mentee}",
        mentor_nip=mentor,
        mentee_nip=mentee,
        program="LATSAR",
        goals=(),
        status=MentorshipStatus.ACTIVE,
        started_on=date(2025, 1, 2),
    )


async def test_a_pns_joins_the_pool_with_the_default_capacity() -> None:
    uow = FakeUnitOfWork()
    [nip] = given(uow, employee())
    entry = await mentors.add_mentor(
        uow, nip=nip, expertise=("UMUM", "UMUM", "HUKUM"), capacity=None, today=TODAY
    )
    assert entry == MentorEntry(nip=nip, expertise=("UMUM", "HUKUM"), capacity=3)
    assert uow.tables.mentors[nip] == entry


async def test_joining_the_pool_gives_a_waiting_mentee_a_mentor() -> None:
    uow = FakeUnitOfWork()
    nip, mentee = given(uow, employee(golongan="IV/a"), employee(golongan="III/a"))
    waiting(uow, mentee)
    await mentors.add_mentor(uow, nip=nip, expertise=(), capacity=2, today=TODAY)
    [started] = uow.tables.active()
    assert (started.mentor_nip, started.mentee_nip, started.started_on) == (nip, mentee, TODAY)


@pytest.mark.parametrize(
    ("registered", "kind", "retired", "message"),
    [
        (False, "PNS", False, "not known to the mentoring service"),
        (True, "CPNS", False, "only a PNS can be a mentor"),
        (True, "PPPK", False, "only a PNS can be a mentor"),
        (True, "PNS", True, "is retired"),
    ],
)
async def test_only_a_registered_active_pns_can_join(
    registered: bool, kind: str, retired: bool, message: str
) -> None:
    uow = FakeUnitOfWork()
    person = employee(registered=registered, employment_type=kind)
    [nip] = given(uow, person.retire(TODAY) if retired else person)
    with pytest.raises(InvalidInput, match=message):
        await mentors.add_mentor(uow, nip=nip, expertise=(), capacity=None, today=TODAY)
    assert uow.tables.mentors == {}


async def test_an_unknown_employee_cannot_join() -> None:
    with pytest.raises(InvalidInput, match="not known"):
        await mentors.add_mentor(
            FakeUnitOfWork(), nip="1" * 18, expertise=(), capacity=None, today=TODAY
        )


async def test_nobody_joins_the_pool_twice() -> None:
    uow = FakeUnitOfWork()
    nip = in_pool(uow, employee())
    with pytest.raises(Conflict, match="already in the mentor pool"):
        await mentors.add_mentor(uow, nip=nip, expertise=(), capacity=None, today=TODAY)


async def test_a_superior_joins_only_with_room_for_their_implicit_mentees() -> None:
    uow = FakeUnitOfWork()
    boss, a, b = given(uow, employee(), employee(golongan="III/a"), employee(golongan="III/a"))
    mentoring(uow, boss, a)
    mentoring(uow, boss, b)
    with pytest.raises(Conflict, match="2 active mentee"):
        await mentors.add_mentor(uow, nip=boss, expertise=(), capacity=1, today=TODAY)
    entry = await mentors.add_mentor(uow, nip=boss, expertise=(), capacity=2, today=TODAY)
    assert entry.capacity == 2


async def test_capacity_and_expertise_change_but_never_below_the_load() -> None:
    uow = FakeUnitOfWork()
    nip = in_pool(uow, employee(), capacity=3)
    [mentee] = given(uow, employee(golongan="III/a"))
    mentoring(uow, nip, mentee)
    changed = await mentors.update_mentor(
        uow, nip=nip, capacity=1, expertise=("HUKUM", "HUKUM"), today=TODAY
    )
    assert (changed.capacity, changed.expertise) == (1, ("HUKUM",))
    [another] = given(uow, employee(golongan="III/a"))
    mentoring(uow, nip, another)
    with pytest.raises(Conflict, match="cannot go below"):
        await mentors.update_mentor(uow, nip=nip, capacity=1, expertise=None, today=TODAY)


async def test_more_capacity_gives_a_waiting_mentee_a_mentor() -> None:
    uow = FakeUnitOfWork()
    nip = in_pool(uow, employee(golongan="IV/a"), capacity=1)
    busy, mentee = given(uow, employee(golongan="III/a"), employee(golongan="III/a"))
    mentoring(uow, nip, busy)
    waiting(uow, mentee)
    await mentors.update_mentor(uow, nip=nip, capacity=2, expertise=None, today=TODAY)
    assert [m.mentor_nip for m in uow.tables.active() if m.mentee_nip == mentee] == [nip]


async def test_changing_pausing_or_resuming_someone_not_in_the_pool_is_404() -> None:
    uow = FakeUnitOfWork()
    [nip] = given(uow, employee())
    with pytest.raises(NotFound):
        await mentors.update_mentor(uow, nip=nip, capacity=2, expertise=None, today=TODAY)
    with pytest.raises(NotFound):
        await mentors.pause_mentor(uow, nip=nip, reason=None)
    with pytest.raises(NotFound):
        await mentors.resume_mentor(uow, nip=nip, today=TODAY)


async def test_pause_then_resume_and_the_waiting_mentee_gets_the_mentor() -> None:
    uow = FakeUnitOfWork()
    nip = in_pool(uow, employee(golongan="IV/a"), capacity=5)
    paused = await mentors.pause_mentor(uow, nip=nip, reason="Cuti")
    assert (paused.paused, paused.pause_reason, paused.capacity) == (True, "Cuti", 5)
    [mentee] = given(uow, employee(golongan="III/a"))
    waiting(uow, mentee)
    resumed = await mentors.resume_mentor(uow, nip=nip, today=TODAY)
    assert (resumed.paused, resumed.pause_reason) == (False, None)
    assert [m.mentee_nip for m in uow.tables.active()] == [mentee]
