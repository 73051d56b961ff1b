"""Event handlers: keep the employee projection, and react (Latsar for a new CPNS, coaching for a
weak annual predikat, re-matching when a mentor leaves, closing when a mentee retires).

Every handler runs once per event id (the consumer records it in the same transaction). None
raises for a case that simply does not apply: unknown employees, periodic evaluations, a mentor
with no mentees are all "nothing to do".
"""

from __future__ import annotations

import logging
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
from mentoring.domain.employee import Employee
from mentoring.domain.mentor import PendingStatus
from mentoring.domain.mentorship import WEAK_PREDIKAT, Origin
from mentoring.domain.policy import MentoringPolicy
from mentoring.service.matching import auto_assign, retry_pending
from mentoring.service.ports import Store

log = logging.getLogger(__name__)


async def _current(store: Store, nip: str) -> Employee:
    return await store.employees.get(nip, lock=True) or Employee(nip=nip)


async def on_registered(
    event: EmployeeRegistered, store: Store, policy: MentoringPolicy, today: date
) -> None:
    employee = (await _current(store, event.nip)).registered_with(
        name=event.name,
        employment_type=event.employment_type.value,
        golongan=event.golongan,
        golongan_tmt=event.golongan_tmt,
        unit_code=event.unit_code,
        unit_name=event.unit_name,
        job_family=event.job_family,
        supervisor_nip=event.supervisor_nip,
    )
    await store.employees.save(employee)
    if event.employment_type == EmploymentType.CPNS and not employee.retired:
        await auto_assign(
            store, policy, event.nip, MentoringProgram.LATSAR, origin=Origin.NEW_CPNS, today=today
        )
    await _retry_after_change(store, policy, employee, today)


async def on_updated(
    event: EmployeeUpdated, store: Store, policy: MentoringPolicy, today: date
) -> None:
    employee = (await _current(store, event.nip)).with_changes(event.changes, event.effective_date)
    await store.employees.save(employee)
    await _retry_after_change(store, policy, employee, today)


async def on_promoted(
    event: EmployeePromoted, store: Store, policy: MentoringPolicy, today: date
) -> None:
    employee = (await _current(store, event.nip)).with_rank(event.to_golongan, event.tmt)
    await store.employees.save(employee)
    await _retry_after_change(store, policy, employee, today)


async def on_transferred(
    event: EmployeeTransferred, store: Store, policy: MentoringPolicy, today: date
) -> None:
    employee = (await _current(store, event.nip)).with_unit(
        unit_code=event.to_unit_code,
        unit_name=event.to_unit_name,
        since=event.effective_date,
        supervisor_nip=event.supervisor_nip,
        job_family=event.job_family,
    )
    await store.employees.save(employee)
    await _rematch_mentees_of(
        store, policy, event.nip, f"mentor transferred to {event.to_unit_code}", today
    )
    await retry_pending(store, policy, today, mentee_nip=event.nip)  # a new superior, maybe


async def on_retired(
    event: EmployeeRetired, store: Store, policy: MentoringPolicy, today: date
) -> None:
    employee = (await _current(store, event.nip)).retire(event.retirement_date)
    await store.employees.save(employee)
    for mentorship in await store.mentorships.active_of_mentee(event.nip):
        closed = mentorship.cancel(reason=f"mentee retired ({event.reason})", on=today)
        await store.mentorships.save(closed)
    for request in await store.pending.claim(limit=1000, mentee_nip=event.nip):
        await store.pending.finish(request.id, status=PendingStatus.CLOSED, mentorship_id=None)
    await _rematch_mentees_of(store, policy, event.nip, f"mentor retired ({event.reason})", today)
    # The mentee's closed mentorships freed slots of their mentors.
    await retry_pending(store, policy, today)


async def on_evaluation(
    event: EvaluationRecorded, store: Store, policy: MentoringPolicy, today: date
) -> None:
    """An annual predikat of BUTUH_PERBAIKAN or worse: coaching, once per employee and period
    (a corrected evaluation of the same period does not start another)."""
    if event.period_type != PeriodType.ANNUAL or event.predikat.value not in WEAK_PREDIKAT:
        return
    first = await store.triggers.record(
        nip=event.nip,
        period=event.period,
        evaluation_id=event.evaluation_id,
        predikat=event.predikat.value,
        event_id=store.event_id,
    )
    if not first:
        return
    await auto_assign(
        store,
        policy,
        event.nip,
        MentoringProgram.COACHING,
        origin=Origin.WEAK_EVALUATION,
        today=today,
    )


async def _retry_after_change(
    store: Store, policy: MentoringPolicy, employee: Employee, today: date
) -> None:
    """Waiting requests this change may unblock, and only those: the employee's own (now known,
    or with a new rank or superior), those where the employee, as a PNS, may now be the implicit
    Latsar mentor (their staff's), and all of them when a pool mentor changed rank."""
    await retry_pending(store, policy, today, mentee_nip=employee.nip)
    if employee.is_pns and not employee.retired:
        await retry_pending(store, policy, today, supervisor_nip=employee.nip)
        if await store.mentors.get(employee.nip) is not None:
            await retry_pending(store, policy, today)


async def _rematch_mentees_of(
    store: Store, policy: MentoringPolicy, mentor_nip: str, reason: str, today: date
) -> None:
    """Cancel the mentor's active mentorships and start each again with the next best mentor
    (never the same one); an unmatched request when nobody is eligible."""
    for old in await store.mentorships.active_of_mentor(mentor_nip):
        await store.mentorships.save(old.cancel(reason=reason, on=today))
        await auto_assign(
            store,
            policy,
            old.mentee_nip,
            MentoringProgram(old.program),
            origin=Origin.REMATCH,
            today=today,
            replaces_id=old.id,
            exclude=frozenset({mentor_nip}),
            goals=old.goals,
        )
