"""Changes to a record: PATCH with history, transfers and retirement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from jenjang_shared.contracts import EmployeeRetired, EmployeeTransferred, EmployeeUpdated
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
from personnel.service.ports import Work
from personnel.service.registration import check_supervisor, to_json_value
from personnel.service.timeline import record_own_event


@dataclass(frozen=True)
class Authored:
    """Who made a change, when it takes effect and why."""

    changed_by: str
    effective_date: date
    reason: str | None = None


async def load_for_change(work: Work, nip: str) -> Employee:
    employee = await work.employees.get(nip, for_update=True)
    if employee is None:
        raise NotFound(f"no employee with NIP {nip}")
    return employee


async def update_employee(
    nip: str, changes: dict[str, Any], authored: Authored, work: Work
) -> Employee:
    """Apply a PATCH (see domain.employee.apply_changes), keep every changed field in the
    history, a new golongan in the rank history, and publish EmployeeUpdated with the
    changed fields in their JSON form."""
    employee = await load_for_change(work, nip)
    updated, diffs = apply_changes(employee, changes, effective_date=authored.effective_date)
    if "supervisor_nip" in changes and updated.supervisor_nip != employee.supervisor_nip:
        await check_supervisor(work, updated.supervisor_nip)
    await work.employees.update(updated)
    await work.employees.add_changes(
        nip,
        diffs,
        effective_date=authored.effective_date,
        changed_by=authored.changed_by,
        reason=authored.reason,
        kind="UPDATE",
    )
    if any(d.field in ("golongan", "golongan_tmt") for d in diffs):
        await work.employees.add_rank(nip, updated.golongan, updated.golongan_tmt, source="CHANGE")
    await record_own_event(
        work,
        EmployeeUpdated(
            nip=nip,
            changes={d.field: to_json_value(d.new) for d in diffs},
            effective_date=authored.effective_date,
            reason=authored.reason,
        ),
    )
    return updated


async def transfer_employee(
    nip: str, transfer: Transfer, authored: Authored, work: Work
) -> Employee:
    """Move an employee to another unit/position (golongan unchanged); publish
    EmployeeTransferred. The changed fields go to the history as kind TRANSFER."""
    employee = await load_for_change(work, nip)
    updated, diffs = apply_transfer(employee, transfer)
    if updated.supervisor_nip != employee.supervisor_nip:
        await check_supervisor(work, updated.supervisor_nip)
    await work.employees.update(updated)
    await work.employees.add_changes(
        nip,
        diffs,
        effective_date=transfer.effective_date,
        changed_by=authored.changed_by,
        reason=authored.reason,
        kind="TRANSFER",
    )
    await record_own_event(
        work,
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
    )
    return updated


async def retire_employee(nip: str, authored: Authored, work: Work) -> Employee:
    """Close the record (status RETIRED from `effective_date`), publish EmployeeRetired."""
    employee = await load_for_change(work, nip)
    ensure_active(employee, "retire")
    reason = authored.reason or "BUP"
    retired = retire(employee, retired_on=authored.effective_date, reason=reason)
    await work.employees.update(retired)
    await work.employees.add_changes(
        nip,
        [FieldChange("status", employee.status, retired.status)],
        effective_date=authored.effective_date,
        changed_by=authored.changed_by,
        reason=reason,
        kind="RETIREMENT",
    )
    await record_own_event(
        work, EmployeeRetired(nip=nip, retirement_date=authored.effective_date, reason=reason)
    )
    return retired
