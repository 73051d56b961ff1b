"""Changes to a record: PATCH with history, transfers and retirement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jenjang_shared.contracts import EmployeeRetired, EmployeeTransferred, EmployeeUpdated
from jenjang_shared.contracts.personnel import EmployeeChanges
from jenjang_shared.errors import NotFound
from personnel.domain.employee import (
    Employee,
    FieldChange,
    Transfer,
    apply_changes,
    apply_transfer,
    ensure_active,
    retire,
)
from personnel.service.ports import UnitOfWork
from personnel.service.registration import check_supervisor
from personnel.service.timeline import record_own_event


@dataclass(frozen=True)
class Authored:
    """Who made a change, when it takes effect and why."""

    changed_by: str
    effective_date: date
    reason: str | None = None


async def load_for_change(uow: UnitOfWork, nip: str) -> Employee:
    """The record, locked for the rest of the transaction; 404 when there is none."""
    employee = await uow.employees.get(nip, for_update=True)
    if employee is None:
        raise NotFound(f"no employee with NIP {nip}")
    return employee


async def update_employee(
    uow: UnitOfWork, *, nip: str, changes: dict[str, Any], authored: Authored, now: datetime
) -> Employee:
    """Apply a PATCH (see domain.employee.apply_changes), keep every changed field in the
    history, a new golongan in the rank history, and publish EmployeeUpdated with the fields
    that really changed."""
    employee = await load_for_change(uow, nip)
    updated, diffs = apply_changes(employee, changes, effective_date=authored.effective_date)
    if "supervisor_nip" in changes and updated.supervisor_nip != employee.supervisor_nip:
        await check_supervisor(uow, updated.supervisor_nip)
    await uow.employees.update(updated)
    await uow.employees.add_changes(
        nip,
        diffs,
        effective_date=authored.effective_date,
        changed_by=authored.changed_by,
        reason=authored.reason,
        kind="UPDATE",
    )
    if any(d.field in ("golongan", "golongan_tmt") for d in diffs):
        await uow.employees.add_rank(nip, updated.golongan, updated.golongan_tmt, source="CHANGE")
    await record_own_event(
        uow,
        EmployeeUpdated(
            nip=nip,
            changes=EmployeeChanges(**{d.field: d.new for d in diffs}),
            effective_date=authored.effective_date,
            reason=authored.reason,
        ),
        now=now,
    )
    return updated


async def transfer_employee(
    uow: UnitOfWork, *, nip: str, transfer: Transfer, authored: Authored, now: datetime
) -> Employee:
    """Move an employee to another unit/position (golongan unchanged); publish
    EmployeeTransferred. The changed fields go to the history as kind TRANSFER."""
    employee = await load_for_change(uow, nip)
    updated, diffs = apply_transfer(employee, transfer)
    if updated.supervisor_nip != employee.supervisor_nip:
        await check_supervisor(uow, updated.supervisor_nip)
    await uow.employees.update(updated)
    await uow.employees.add_changes(
        nip,
        diffs,
        effective_date=transfer.effective_date,
        changed_by=authored.changed_by,
        reason=authored.reason,
        kind="TRANSFER",
    )
    await record_own_event(
        uow,
        EmployeeTransferred(
            nip=nip,
            from_unit_code=employee.unit_code,
            to_unit_code=updated.unit_code,
            to_unit_name=updated.unit_name,
            position_title=updated.position_title,
            position_kind=updated.position_kind,
            work_location=updated.work_location,
            supervisor_nip=updated.supervisor_nip,
            effective_date=transfer.effective_date,
            job_family=transfer.job_family,
            functional_level=updated.functional_level,
        ),
        now=now,
    )
    return updated


async def retire_employee(
    uow: UnitOfWork, *, nip: str, authored: Authored, now: datetime
) -> Employee:
    """Close the record (status RETIRED from `effective_date`), publish EmployeeRetired."""
    employee = await load_for_change(uow, nip)
    ensure_active(employee, "retire")
    reason = authored.reason or "BUP"
    retired = retire(employee, retired_on=authored.effective_date, reason=reason)
    await uow.employees.update(retired)
    await uow.employees.add_changes(
        nip,
        [FieldChange("status", employee.status, retired.status)],
        effective_date=authored.effective_date,
        changed_by=authored.changed_by,
        reason=reason,
        kind="RETIREMENT",
    )
    await record_own_event(
        uow,
        EmployeeRetired(nip=nip, retirement_date=authored.effective_date, reason=reason),
        now=now,
    )
    return retired
