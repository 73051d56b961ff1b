"""Every event handler on the in-memory unit of work: what it applies, what it starts, what it
leaves waiting, and the events that do not apply (never an error). "Today" is the event's day."""

from __future__ import annotations

from datetime import date
from typing import Any

from jenjang_shared.contracts import EmployeeRegistered, EmployeeUpdated, MentorshipStarted
from jenjang_testing import builders
from jenjang_testing.fakes import handled_on
from mentoring.domain.mentor import PendingStatus
from mentoring.domain.mentorship import Mentorship, MentorshipStatus, Origin
from mentoring.entrypoints.events import HANDLERS
from mentoring.service import handlers

from .fakes import FakeUnitOfWork, employee, given, in_pool

EVENT_DAY = date(2025, 3, 3)


def uow_for_event(day: date = EVENT_DAY) -> FakeUnitOfWork:
    return FakeUnitOfWork(handled=handled_on(day))


def mentorship(mentor: str, mentee: str, program: str = "DEVELOPMENT") -> Mentorship:
    return Mentorship(
        id=f"m-{mentee}",
        mentor_nip=mentor,
        mentee_nip=mentee,
        program=program,
        goals=("Plan a project",),
        status=MentorshipStatus.ACTIVE,
        started_on=date(2025, 1, 2),
    )


def active_of(uow: FakeUnitOfWork, mentee: str) -> list[Mentorship]:
    return [m for m in uow.tables.active() if m.mentee_nip == mentee]


def waiting_of(uow: FakeUnitOfWork, mentee: str) -> list[str]:
    return [r.origin for r in uow.pending.waiting() if r.mentee_nip == mentee]


def registered_cpns(supervisor_nip: str | None, **overrides: Any) -> EmployeeRegistered:
    return builders.employee_registered(
        employment_type="CPNS",
        golongan="III/a",
        unit_code="DPUPR",
        job_family="PEKERJAAN_UMUM",
        supervisor_nip=supervisor_nip,
        **overrides,
    )


def test_the_table_has_one_handler_per_event_and_only_service_functions() -> None:
    assert all(h.__module__ == handlers.__name__ for h in HANDLERS.values())
    assert len(set(HANDLERS.values())) == len(HANDLERS) == 6


# EmployeeRegistered


async def test_a_registration_is_projected() -> None:
    uow = uow_for_event()
    event = builders.employee_registered(golongan="III/b", unit_code="BKD")
    await handlers.on_employee_registered(event, uow)
    projected = uow.tables.employees[event.nip]
    assert (projected.registered, projected.golongan, projected.unit_code) == (True, "III/b", "BKD")
    assert uow.published == []  # a PNS gets no Latsar


async def test_a_new_cpns_gets_their_superior_as_latsar_mentor_on_the_event_day() -> None:
    uow = uow_for_event()
    [boss] = given(uow, employee(golongan="III/d"))  # a PNS, not in the pool
    cpns = registered_cpns(boss)
    await handlers.on_employee_registered(cpns, uow)
    [started] = active_of(uow, cpns.nip)
    assert (started.mentor_nip, started.program, started.origin) == (boss, "LATSAR", "NEW_CPNS")
    assert started.started_on == EVENT_DAY
    [event] = uow.published_of(MentorshipStarted)
    assert isinstance(event, MentorshipStarted) and event.started_on == EVENT_DAY


async def test_a_replay_on_another_day_gives_the_same_dates() -> None:
    days = []
    for _ in range(2):
        uow = uow_for_event(date(2024, 7, 1))
        [boss] = given(uow, employee(golongan="IV/a"))
        cpns = registered_cpns(boss)
        await handlers.on_employee_registered(cpns, uow)
        days.append(active_of(uow, cpns.nip)[0].started_on)
    assert days == [date(2024, 7, 1)] * 2


async def test_a_cpns_nobody_can_mentor_waits_with_the_event_as_evidence() -> None:
    uow = uow_for_event()
    cpns = builders.employee_registered(employment_type="CPNS", golongan="IV/d")
    await handlers.on_employee_registered(cpns, uow)
    [request] = uow.pending.waiting()
    assert (request.mentee_nip, request.program, request.origin) == (cpns.nip, "LATSAR", "NEW_CPNS")
    assert request.source_event_id == uow.handled.id
    assert "no eligible mentor" in request.reason
    assert uow.published == []


async def test_a_superior_registered_after_the_cpns_resolves_their_request() -> None:
    uow = uow_for_event()
    boss_nip = builders.new_nip()
    cpns = registered_cpns(boss_nip)
    await handlers.on_employee_registered(cpns, uow)
    assert waiting_of(uow, cpns.nip) == ["NEW_CPNS"]
    boss = builders.employee_registered(boss_nip, golongan="IV/a")
    await handlers.on_employee_registered(boss, uow)
    [started] = active_of(uow, cpns.nip)
    assert (started.mentor_nip, started.origin) == (boss_nip, Origin.PENDING_RESOLVED)
    [request] = uow.tables.pending.values()
    assert (request.status, request.mentorship_id) == (PendingStatus.RESOLVED, started.id)


async def test_a_registration_after_retirement_starts_nothing() -> None:
    uow = uow_for_event()
    [boss] = given(uow, employee(golongan="IV/a"))
    nip = builders.new_nip()
    await handlers.on_employee_retired(builders.employee_retired(nip), uow)
    await handlers.on_employee_registered(registered_cpns(boss, nip=nip), uow)
    assert uow.tables.employees[nip].retired and active_of(uow, nip) == []


# EmployeeUpdated


async def test_an_update_applies_the_changes_this_service_projects() -> None:
    uow = uow_for_event()
    [nip] = given(uow, employee(employment_type="CPNS", golongan="III/a", supervisor_nip="1" * 18))
    update = EmployeeUpdated.model_validate(
        {
            "nip": nip,
            "changes": {"employment_type": "PNS", "golongan": "III/b", "supervisor_nip": None},
            "effective_date": "2025-04-01",
            "reason": "Pengangkatan PNS",
        }
    )
    await handlers.on_employee_updated(update, uow)
    projected = uow.tables.employees[nip]
    assert (projected.employment_type, projected.golongan, projected.golongan_tmt) == (
        "PNS",
        "III/b",
        date(2025, 4, 1),
    )
    assert projected.supervisor_nip is None and projected.unit_code == "DPUPR"


async def test_an_update_of_fields_this_service_does_not_project_changes_nothing() -> None:
    uow = uow_for_event()
    [nip] = given(uow, employee())
    before = uow.tables.employees[nip]
    update = builders.employee_updated(
        nip, changes={"position_title": "Kepala Seksi", "job_class": None, "education": "S2"}
    )
    await handlers.on_employee_updated(update, uow)
    assert uow.tables.employees[nip] == before


async def test_an_update_before_the_registration_is_kept_unregistered() -> None:
    uow = uow_for_event()
    nip = builders.new_nip()
    await handlers.on_employee_updated(
        builders.employee_updated(nip, changes={"golongan": "IV/a"}), uow
    )
    assert (uow.tables.employees[nip].registered, uow.tables.employees[nip].golongan) == (
        False,
        "IV/a",
    )


async def test_a_superior_who_becomes_pns_becomes_the_latsar_mentor_of_their_waiting_staff() -> (
    None
):
    uow = uow_for_event()
    [boss] = given(uow, employee(employment_type="CPNS", golongan="IV/a"))
    cpns = registered_cpns(boss)
    await handlers.on_employee_registered(cpns, uow)
    assert active_of(uow, cpns.nip) == []
    await handlers.on_employee_updated(builders.employee_updated(boss), uow)
    assert [m.mentor_nip for m in active_of(uow, cpns.nip)] == [boss]


# EmployeePromoted


async def test_a_promotion_raises_the_rank_and_an_older_one_is_ignored() -> None:
    uow = uow_for_event()
    [nip] = given(uow, employee(golongan="III/c", golongan_tmt=date(2021, 4, 1)))
    await handlers.on_employee_promoted(builders.employee_promoted(nip), uow)
    assert uow.tables.employees[nip].golongan == "III/d"
    late = builders.employee_promoted(
        nip, from_golongan="III/b", to_golongan="III/c", tmt=date(2023, 4, 1)
    )
    await handlers.on_employee_promoted(late, uow)
    assert uow.tables.employees[nip].golongan == "III/d"


async def test_a_pool_mentor_promoted_above_a_waiting_mentee_takes_them() -> None:
    uow = uow_for_event()
    mentor = in_pool(uow, employee(golongan="IV/d"))
    [mentee] = given(uow, employee(golongan="IV/d"))
    await handlers.on_evaluation_recorded(
        builders.evaluation_recorded(mentee, predikat="KURANG"), uow
    )
    assert waiting_of(uow, mentee) == ["WEAK_EVALUATION"]
    promoted = builders.employee_promoted(
        mentor, from_golongan="IV/d", to_golongan="IV/e", tmt=date(2025, 4, 1)
    )
    await handlers.on_employee_promoted(promoted, uow)
    assert [(m.mentor_nip, m.program) for m in active_of(uow, mentee)] == [(mentor, "COACHING")]


# EmployeeTransferred


async def test_a_transferred_mentor_has_their_mentees_rematched() -> None:
    uow = uow_for_event()
    leaving = in_pool(uow, employee(golongan="IV/c"))
    staying = in_pool(uow, employee(golongan="IV/a"))
    [mentee] = given(uow, employee(golongan="III/a"))
    old = mentorship(leaving, mentee)
    uow.tables.mentorships[old.id] = old
    await handlers.on_employee_transferred(builders.employee_transferred(leaving), uow)
    cancelled = uow.tables.mentorships[old.id]
    assert (cancelled.status, cancelled.ended_on) == (MentorshipStatus.CANCELLED, EVENT_DAY)
    assert cancelled.cancel_reason == "mentor transferred to DINKES"
    [new] = active_of(uow, mentee)
    assert (new.mentor_nip, new.replaces_id, new.goals, new.origin) == (
        staying,
        old.id,
        old.goals,
        Origin.REMATCH,
    )
    assert uow.tables.employees[leaving].unit_code == "DINKES"


async def test_a_transfer_with_no_other_mentor_leaves_a_rematch_request() -> None:
    uow = uow_for_event()
    leaving = in_pool(uow, employee(golongan="IV/e"))
    [mentee] = given(uow, employee(golongan="IV/d"))
    old = mentorship(leaving, mentee)
    uow.tables.mentorships[old.id] = old
    await handlers.on_employee_transferred(builders.employee_transferred(leaving), uow)
    [request] = uow.pending.waiting()
    assert (request.origin, request.replaces_id, request.excluded_nips) == (
        "REMATCH",
        old.id,
        (leaving,),
    )


async def test_a_transfer_of_someone_unknown_only_projects_them() -> None:
    uow = uow_for_event()
    event = builders.employee_transferred()
    await handlers.on_employee_transferred(event, uow)
    assert not uow.tables.employees[event.nip].registered
    assert uow.published == [] and uow.tables.pending == {}


# EmployeeRetired


async def test_a_retired_mentee_has_their_mentorships_and_requests_closed() -> None:
    uow = uow_for_event()
    mentor = in_pool(uow, employee(golongan="IV/a"))
    [mentee] = given(uow, employee(golongan="III/a"))
    old = mentorship(mentor, mentee)
    uow.tables.mentorships[old.id] = old
    await handlers.on_evaluation_recorded(
        builders.evaluation_recorded(mentee, predikat="KURANG"), uow
    )
    coaching = next(m for m in active_of(uow, mentee) if m.program == "COACHING")
    await handlers.on_employee_retired(builders.employee_retired(mentee, reason="APS"), uow)
    for mentorship_id in (old.id, coaching.id):
        closed = uow.tables.mentorships[mentorship_id]
        assert closed.status == MentorshipStatus.CANCELLED
        assert closed.cancel_reason == "mentee retired (APS)" and closed.ended_on == EVENT_DAY
    assert uow.tables.employees[mentee].retired


async def test_a_retiring_mentee_frees_a_slot_for_a_waiting_one() -> None:
    uow = uow_for_event()
    mentor = in_pool(uow, employee(golongan="IV/e"), capacity=1)
    first, waiting = given(uow, employee(golongan="IV/d"), employee(golongan="IV/d"))
    old = mentorship(mentor, first, "COACHING")
    uow.tables.mentorships[old.id] = old
    await handlers.on_evaluation_recorded(
        builders.evaluation_recorded(waiting, predikat="SANGAT_KURANG"), uow
    )
    assert waiting_of(uow, waiting) == ["WEAK_EVALUATION"]
    await handlers.on_employee_retired(builders.employee_retired(first), uow)
    assert [m.mentor_nip for m in active_of(uow, waiting)] == [mentor]


async def test_a_retired_mentor_with_no_replacement_leaves_a_request() -> None:
    uow = uow_for_event()
    mentor = in_pool(uow, employee(golongan="IV/e"))
    [mentee] = given(uow, employee(golongan="IV/d"))
    old = mentorship(mentor, mentee)
    uow.tables.mentorships[old.id] = old
    await handlers.on_employee_retired(builders.employee_retired(mentor), uow)
    assert uow.tables.mentorships[old.id].cancel_reason == "mentor retired (BUP)"
    assert waiting_of(uow, mentee) == ["REMATCH"]


async def test_a_retirement_of_someone_unknown_changes_nothing_else() -> None:
    uow = uow_for_event()
    event = builders.employee_retired()
    await handlers.on_employee_retired(event, uow)
    assert uow.tables.employees[event.nip].retired and uow.tables.mentorships == {}


# EvaluationRecorded


async def test_a_weak_annual_predikat_gets_coaching_once_per_period() -> None:
    uow = uow_for_event()
    coach = in_pool(uow, employee(golongan="IV/b"))
    [weak] = given(uow, employee(golongan="III/a"))
    await handlers.on_evaluation_recorded(
        builders.evaluation_recorded(weak, predikat="KURANG", period="2025"), uow
    )
    [started] = active_of(uow, weak)
    assert (started.mentor_nip, started.program, started.origin) == (
        coach,
        "COACHING",
        Origin.WEAK_EVALUATION,
    )
    await uow.mentorships.save(started.cancel(reason="ended early", on=EVENT_DAY))
    corrected = builders.evaluation_recorded(
        weak, predikat="SANGAT_KURANG", period="2025", version=2
    )
    await handlers.on_evaluation_recorded(corrected, uow)
    assert active_of(uow, weak) == [] and len(uow.published_of(MentorshipStarted)) == 1


async def test_good_or_periodic_evaluations_need_no_coaching() -> None:
    uow = uow_for_event()
    in_pool(uow, employee(golongan="IV/b"))
    [nip] = given(uow, employee(golongan="III/a"))
    for event in (
        builders.evaluation_recorded(nip, predikat="BAIK"),
        builders.evaluation_recorded(nip, predikat="SANGAT_BAIK", period="2024"),
        builders.evaluation_recorded(
            nip, predikat="KURANG", period="2025-Q3", period_type="PERIODIC"
        ),
    ):
        await handlers.on_evaluation_recorded(event, uow)
    assert uow.tables.mentorships == {} and uow.tables.triggers == set()


async def test_an_evaluation_before_the_registration_waits_for_it() -> None:
    uow = uow_for_event()
    coach = in_pool(uow, employee(golongan="IV/b"))
    nip = builders.new_nip()
    await handlers.on_evaluation_recorded(
        builders.evaluation_recorded(nip, predikat="BUTUH_PERBAIKAN"), uow
    )
    [request] = uow.pending.waiting()
    assert "not known yet" in request.reason
    await handlers.on_employee_registered(
        builders.employee_registered(nip, golongan="III/a", job_family="PEKERJAAN_UMUM"), uow
    )
    assert [(m.mentor_nip, m.program) for m in active_of(uow, nip)] == [(coach, "COACHING")]
