"""Every event welfare reacts to, one handler per event type: dated facts, then entitlements.

`domain/projection.py` says which facts each event adds and from which date; the dates come
from the event itself (a TMT, an effective date), never from the day it is applied, so a replay
gives the same rows. The handled event's id is recorded with each fact and entitlement row as
its evidence (`caused_by_event_id`).
"""

from __future__ import annotations

from collections.abc import Sequence

from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
)
from welfare.domain import projection
from welfare.domain.employee import Fact
from welfare.domain.projection import Placement
from welfare.service.entitlements import record_employee_facts
from welfare.service.ports import UnitOfWork


async def on_employee_registered(event: EmployeeRegistered, uow: UnitOfWork) -> None:
    """The employee's first facts, from `golongan_tmt`; facts that came earlier now count.
    Their unit and superior place them for access."""
    await _record(
        uow,
        event.nip,
        event.event_name,
        projection.facts_of_registration(event),
        projection.placement_of_registration(event),
    )


async def on_employee_updated(event: EmployeeUpdated, uow: UnitOfWork) -> None:
    """The changed fields welfare projects; a changed unit or superior places the employee for
    access; every other changed field is ignored."""
    await _record(
        uow,
        event.nip,
        event.event_name,
        projection.facts_of_update(event),
        projection.placement_of_update(event),
    )


async def on_employee_promoted(event: EmployeePromoted, uow: UnitOfWork) -> None:
    """The new golongan from its TMT (housing, transport overrides, the job-class fallback)."""
    await _record(uow, event.nip, event.event_name, projection.facts_of_promotion(event))


async def on_employee_transferred(event: EmployeeTransferred, uow: UnitOfWork) -> None:
    """The new unit and work location (transport zone) from the effective date; the new unit
    and superior place the employee for access."""
    await _record(
        uow,
        event.nip,
        event.event_name,
        projection.facts_of_transfer(event),
        projection.placement_of_transfer(event),
    )


async def on_employee_retired(event: EmployeeRetired, uow: UnitOfWork) -> None:
    """Status RETIRED from the retirement date: every allowance becomes 0."""
    await _record(uow, event.nip, event.event_name, projection.facts_of_retirement(event))


async def on_evaluation_recorded(event: EvaluationRecorded, uow: UnitOfWork) -> None:
    """An annual predikat sets the TPP factor from 1 January of the next year."""
    await _record(uow, event.nip, event.event_name, projection.facts_of_evaluation(event))


async def _record(
    uow: UnitOfWork,
    nip: str,
    event_type: str,
    facts: Sequence[Fact],
    placement: Placement | None = None,
) -> None:
    if uow.handled is None:
        raise RuntimeError("an event handler's unit of work carries the event it handles")
    await record_employee_facts(
        uow,
        nip=nip,
        facts=facts,
        event_type=event_type,
        event_id=uow.handled.id,
        placement=placement,
    )
