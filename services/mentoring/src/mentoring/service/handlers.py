"""Every event handler of the mentoring service, one per event type: keep the employee
projection, and react (Latsar for a new CPNS, coaching for a weak annual predikat, re-matching
when a mentor leaves, closing when a mentee retires).

Every handler runs once per event id (the consumer records it in the same transaction). None
raises for a case that simply does not apply: unknown employees, periodic evaluations, a mentor
with no mentees are all "nothing to do". "Today" is the day of the event (`day_of`), so that a
replay gives the same dates as the first delivery.

Handlers see every record (the stores' default visibility) and their changes to mentorships
are audited with "system" as the actor.
"""

from __future__ import annotations

from datetime import date

from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
)
from jenjang_shared.contracts.vocabulary import EmploymentType, MentoringProgram, PeriodType
from jenjang_shared.ports import day_of
from mentoring.domain.employee import Employee
from mentoring.domain.mentor import PendingStatus
from mentoring.domain.mentorship import WEAK_PREDIKAT, Origin
from mentoring.service.closing import audit_end
from mentoring.service.matching import auto_assign, retry_pending
from mentoring.service.ports import UnitOfWork

# Every waiting request of a retiring mentee is closed, however many there are.
_ALL_OF_ONE_MENTEE = 1000


async def on_employee_registered(event: EmployeeRegistered, uow: UnitOfWork) -> None:
    """Project the registration; a new CPNS gets a Latsar mentor (or waits for one)."""
    today = day_of(uow.handled)
    employee = (await _current(uow, event.nip)).registered_with(
        name=event.name,
        employment_type=event.employment_type.value,
        golongan=event.golongan,
        golongan_tmt=event.golongan_tmt,
        unit_code=event.unit_code,
        unit_name=event.unit_name,
        job_family=event.job_family,
        supervisor_nip=event.supervisor_nip,
    )
    await uow.employees.save(employee)
    if event.employment_type == EmploymentType.CPNS and not employee.retired:
        await auto_assign(
            uow,
            mentee_nip=event.nip,
            program=MentoringProgram.LATSAR,
            origin=Origin.NEW_CPNS,
            today=today,
        )
    await _retry_after_change(uow, employee, today)


async def on_employee_updated(event: EmployeeUpdated, uow: UnitOfWork) -> None:
    """Apply the changed fields this service projects; the others are ignored."""
    employee = (await _current(uow, event.nip)).with_changes(event.changes, event.effective_date)
    await uow.employees.save(employee)
    await _retry_after_change(uow, employee, day_of(uow.handled))


async def on_employee_promoted(event: EmployeePromoted, uow: UnitOfWork) -> None:
    employee = (await _current(uow, event.nip)).with_rank(event.to_golongan, event.tmt)
    await uow.employees.save(employee)
    await _retry_after_change(uow, employee, day_of(uow.handled))


async def on_employee_transferred(event: EmployeeTransferred, uow: UnitOfWork) -> None:
    """Project the new unit; the mentor's mentees get another mentor (a mentor who moves away
    no longer mentors there)."""
    today = day_of(uow.handled)
    employee = (await _current(uow, event.nip)).with_unit(
        unit_code=event.to_unit_code,
        unit_name=event.to_unit_name,
        since=event.effective_date,
        supervisor_nip=event.supervisor_nip,
        job_family=event.job_family,
    )
    await uow.employees.save(employee)
    await _rematch_mentees_of(
        uow, event.nip, reason=f"mentor transferred to {event.to_unit_code}", today=today
    )
    await retry_pending(uow, today=today, mentee_nip=event.nip)  # a new superior, maybe


async def on_employee_retired(event: EmployeeRetired, uow: UnitOfWork) -> None:
    """Close what the employee had as mentee; re-match what they had as mentor."""
    today = day_of(uow.handled)
    employee = (await _current(uow, event.nip)).retire(event.retirement_date)
    await uow.employees.save(employee)
    for mentorship in await uow.mentorships.active_of_mentee(event.nip):
        closed = mentorship.cancel(reason=f"mentee retired ({event.reason})", on=today)
        await uow.mentorships.save(closed)
        await audit_end(uow, "mentorship.cancel", mentorship, closed)
    for request in await uow.pending.claim(limit=_ALL_OF_ONE_MENTEE, mentee_nip=event.nip):
        await uow.pending.finish(request.id, status=PendingStatus.CLOSED, mentorship_id=None)
    await _rematch_mentees_of(
        uow, event.nip, reason=f"mentor retired ({event.reason})", today=today
    )
    # The mentee's closed mentorships freed slots of their mentors.
    await retry_pending(uow, today=today)


async def on_evaluation_recorded(event: EvaluationRecorded, uow: UnitOfWork) -> None:
    """An annual predikat of BUTUH_PERBAIKAN or worse: coaching, once per employee and period
    (a corrected evaluation of the same period does not start another)."""
    if event.period_type != PeriodType.ANNUAL or event.predikat.value not in WEAK_PREDIKAT:
        return
    first = await uow.triggers.record(
        nip=event.nip,
        period=event.period,
        evaluation_id=event.evaluation_id,
        predikat=event.predikat.value,
        event_id=uow.handled.id if uow.handled else None,
    )
    if not first:
        return
    await auto_assign(
        uow,
        mentee_nip=event.nip,
        program=MentoringProgram.COACHING,
        origin=Origin.WEAK_EVALUATION,
        today=day_of(uow.handled),
    )


async def _current(uow: UnitOfWork, nip: str) -> Employee:
    return await uow.employees.get(nip, lock=True) or Employee(nip=nip)


async def _retry_after_change(uow: UnitOfWork, employee: Employee, today: date) -> None:
    """Waiting requests this change may unblock, and only those: the employee's own (now known,
    or with a new rank or superior), those where the employee, as a PNS, may now be the implicit
    Latsar mentor (their staff's), and all of them when a pool mentor changed rank."""
    await retry_pending(uow, today=today, mentee_nip=employee.nip)
    if employee.is_pns and not employee.retired:
        await retry_pending(uow, today=today, supervisor_nip=employee.nip)
        if await uow.mentors.get(employee.nip) is not None:
            await retry_pending(uow, today=today)


async def _rematch_mentees_of(
    uow: UnitOfWork, mentor_nip: str, *, reason: str, today: date
) -> None:
    """Cancel the mentor's active mentorships and start each again with the next best mentor
    (never the same one); an unmatched request when nobody is eligible."""
    for old in await uow.mentorships.active_of_mentor(mentor_nip):
        cancelled = old.cancel(reason=reason, on=today)
        await uow.mentorships.save(cancelled)
        await audit_end(uow, "mentorship.cancel", old, cancelled)
        await auto_assign(
            uow,
            mentee_nip=old.mentee_nip,
            program=MentoringProgram(old.program),
            origin=Origin.REMATCH,
            today=today,
            replaces_id=old.id,
            exclude=frozenset({mentor_nip}),
            goals=old.goals,
        )
