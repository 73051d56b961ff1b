"""The employee projection, built from personnel's events (never a call to personnel).

Events may arrive for an employee training has not seen registered (an update first, a replay
from the middle): whatever an event says is upserted, so the projection is never lost.
"""

from __future__ import annotations

import logging
from typing import Any

from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
)
from jenjang_shared.contracts.vocabulary import ALL_GOLONGAN, EmploymentType
from jenjang_shared.db.unit_of_work import UnitOfWork
from training.service import enrolment, recommendations
from training.service.ports import EmployeeFacts, Store

log = logging.getLogger(__name__)


async def on_registered(event: EmployeeRegistered, *, uow: UnitOfWork, store: Store) -> None:
    employee = await store.employees.upsert(
        event.nip,
        EmployeeFacts(
            name=event.name,
            employment_type=event.employment_type,
            job_family=event.job_family,
            unit_code=event.unit_code,
            unit_name=event.unit_name,
            golongan=event.golongan,
            registered=True,
        ),
    )
    await recommendations.on_new_employee(employee, uow=uow, store=store)
    await recommendations.complete_waiting(employee, uow=uow, store=store)


def _facts_of(changes: dict[str, Any]) -> EmployeeFacts:
    # Only the keys training keeps; a value that does not parse is ignored, not fatal.
    def text(key: str) -> str | None:
        value = changes.get(key)
        return value if isinstance(value, str) and value else None

    employment_type: EmploymentType | None = None
    if (raw := text("employment_type")) in set(EmploymentType):
        employment_type = EmploymentType(raw)
    golongan = text("golongan")
    return EmployeeFacts(
        name=text("name"),
        employment_type=employment_type,
        job_family=text("job_family"),
        unit_code=text("unit_code"),
        unit_name=text("unit_name"),
        golongan=golongan if golongan in ALL_GOLONGAN else None,
    )


async def on_updated(event: EmployeeUpdated, *, uow: UnitOfWork, store: Store) -> None:
    employee = await store.employees.upsert(event.nip, _facts_of(event.changes))
    await recommendations.complete_waiting(employee, uow=uow, store=store)


async def on_transferred(event: EmployeeTransferred, *, uow: UnitOfWork, store: Store) -> None:
    employee = await store.employees.upsert(
        event.nip,
        EmployeeFacts(
            unit_code=event.to_unit_code, unit_name=event.to_unit_name, job_family=event.job_family
        ),
    )
    await recommendations.complete_waiting(employee, uow=uow, store=store)


async def on_promoted(event: EmployeePromoted, *, uow: UnitOfWork, store: Store) -> None:
    await store.employees.upsert(event.nip, EmployeeFacts(golongan=event.to_golongan))


async def on_retired(event: EmployeeRetired, *, uow: UnitOfWork, store: Store) -> None:
    """Retired: no new enrolments, and places in sessions from the retirement date on are
    released to the waitlist."""
    await store.employees.retire(event.nip, event.retirement_date)
    released = await enrolment.withdraw_retired(
        event.nip, event.retirement_date, uow=uow, store=store
    )
    if released:
        log.info("released %d enrolment(s) of retired employee", released)
