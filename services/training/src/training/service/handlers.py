"""Every event the training service reacts to: one handler per event type.

Personnel's events build training's employee projection (never a call to personnel). Events may
arrive for an employee training has not seen registered (an update first, a replay from the
middle): whatever an event says is upserted, so the projection is never lost.

No rule here depends on "today": each takes its dates from the event itself (a retirement date,
a completion date). A rule that needed one would take `day_of(uow.handled)`, the event's own day,
so that a replay on another day gives the same answers.
"""

from __future__ import annotations

import logging

from jenjang_shared.contracts import (
    EmployeeChanges,
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
    MentorshipCompleted,
)
from training.service import enrolment, ledger, recommendations
from training.service.ports import EmployeeFacts, UnitOfWork

log = logging.getLogger(__name__)


async def on_employee_registered(event: EmployeeRegistered, uow: UnitOfWork) -> None:
    """The full projection; a new CPNS gets Latsar, and waiting recommendations are sent."""
    employee = await uow.employees.upsert(
        event.nip,
        EmployeeFacts(
            name=event.name,
            employment_type=event.employment_type,
            job_family=event.job_family,
            unit_code=event.unit_code,
            unit_name=event.unit_name,
            golongan=event.golongan,
            registered=True,
            supervisor_nip=event.supervisor_nip,
            sets_supervisor=True,
            contract_start=event.contract_start,
            position_kind=event.position_kind,
        ),
    )
    await recommendations.for_new_employee(uow, employee)
    await recommendations.publish_waiting(uow, employee)


def projected_changes(changes: EmployeeChanges) -> EmployeeFacts:
    """The changed fields training keeps; the others (position, education, ...) are not its
    business. None of these but the superior may be cleared, so a null among them is taken as
    "not said"; `supervisor_nip` sent as null clears the superior (who sees the records)."""
    return EmployeeFacts(
        name=changes.name,
        employment_type=changes.employment_type,
        job_family=changes.job_family,
        unit_code=changes.unit_code,
        unit_name=changes.unit_name,
        golongan=changes.golongan,
        supervisor_nip=changes.supervisor_nip,
        sets_supervisor="supervisor_nip" in changes.changed(),
        contract_start=changes.contract_start,
        position_kind=changes.position_kind,
    )


async def on_employee_updated(event: EmployeeUpdated, uow: UnitOfWork) -> None:
    """Apply the changes training projects (a new job family sends waiting recommendations)."""
    employee = await uow.employees.upsert(event.nip, projected_changes(event.changes))
    await recommendations.publish_waiting(uow, employee)


async def on_employee_transferred(event: EmployeeTransferred, uow: UnitOfWork) -> None:
    """The new unit and superior (none named: none), and the new job family when the transfer
    changes it."""
    employee = await uow.employees.upsert(
        event.nip,
        EmployeeFacts(
            unit_code=event.to_unit_code,
            unit_name=event.to_unit_name,
            job_family=event.job_family,
            supervisor_nip=event.supervisor_nip,
            sets_supervisor=True,
            position_kind=event.position_kind,
        ),
    )
    await recommendations.publish_waiting(uow, employee)


async def on_employee_promoted(event: EmployeePromoted, uow: UnitOfWork) -> None:
    await uow.employees.upsert(event.nip, EmployeeFacts(golongan=event.to_golongan))


async def on_employee_retired(event: EmployeeRetired, uow: UnitOfWork) -> None:
    """Retired: no new enrolments, and places in sessions from the retirement date on are
    released to the waitlist."""
    await uow.employees.retire(event.nip, event.retirement_date)
    released = await enrolment.withdraw_retired(
        uow, nip=event.nip, retired_on=event.retirement_date
    )
    if released:
        # Ids only in logs, never a NIP or a name (issue 13).
        event_id = uow.handled.id if uow.handled else None
        log.info("released %d enrolment(s) on a retirement (event %s)", released, event_id)


async def on_evaluation_recorded(event: EvaluationRecorded, uow: UnitOfWork) -> None:
    """A weak annual predikat gets development courses of the employee's job family."""
    await recommendations.for_evaluation(uow, event)


async def on_mentorship_completed(event: MentorshipCompleted, uow: UnitOfWork) -> None:
    """The mentee's non-classroom JP credit."""
    await ledger.credit_mentoring(uow, completed=event)
