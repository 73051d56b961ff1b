"""Changes to a record: PATCH with history, transfers, retirement and the admin's rank
correction. Each takes the caller's visibility (a record out of scope is not found) and names
the caller (`Authored.changed_by`, the token's actor) in the history and the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import EmployeeRetired, EmployeeTransferred, EmployeeUpdated
from jenjang_shared.contracts.personnel import EmployeeChanges
from jenjang_shared.errors import InvalidInput, NotFound
from personnel.domain.employee import (
    RANK_CHANGE_REFUSED,
    RANK_FIELDS,
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
from personnel.service.scope import audit_employee_change, for_writes
from personnel.service.timeline import record_own_event


@dataclass(frozen=True)
class Authored:
    """Who made a change (the caller's actor: the token's NIP, else its subject), when it
    takes effect and why."""

    changed_by: str
    effective_date: date
    reason: str | None = None


async def load_for_change(uow: UnitOfWork, nip: str, visibility: Visibility) -> Employee:
    """The record, locked for the rest of the transaction; 404 when there is none or the
    caller may not change it (hr of another unit, a supervisor, the employee)."""
    employee = await uow.employees.get(nip, visibility=for_writes(visibility), for_update=True)
    if employee is None:
        raise NotFound(f"no employee with NIP {nip}")
    return employee


async def update_employee(
    uow: UnitOfWork,
    *,
    nip: str,
    changes: dict[str, Any],
    authored: Authored,
    visibility: Visibility,
    now: datetime,
) -> Employee:
    """Apply a PATCH (see domain.employee.apply_changes), keep every changed field in the
    history, audit it, and publish EmployeeUpdated with the fields that really changed. The
    rank is not changed here (422): see `correct_rank`."""
    refused = sorted(RANK_FIELDS & changes.keys())
    if refused:
        raise InvalidInput(RANK_CHANGE_REFUSED, field=refused[0])
    return await _change(
        uow,
        nip=nip,
        changes=changes,
        authored=authored,
        visibility=visibility,
        now=now,
        kind="UPDATE",
        operation="employee.update",
    )


async def correct_rank(
    uow: UnitOfWork,
    *,
    nip: str,
    golongan: str,
    golongan_tmt: date,
    authored: Authored,
    now: datetime,
) -> Employee:
    """BKD's correction of a rank recorded wrongly (admin only; a reason is required): what
    PATCH once did for the rank. The record gets the golongan and TMT (checked as every
    state), the change history kind CORRECTION, the rank history source CORRECTION, an audit
    row, and EmployeeUpdated with the changed fields."""
    if not authored.reason:
        raise InvalidInput("a rank correction needs its reason", field="reason")
    return await _change(
        uow,
        nip=nip,
        changes={"golongan": golongan, "golongan_tmt": golongan_tmt},
        authored=authored,
        visibility=Visibility.unrestricted(),  # admin only: the route's policy says so
        now=now,
        kind="CORRECTION",
        operation="employee.correct_rank",
    )


async def _change(
    uow: UnitOfWork,
    *,
    nip: str,
    changes: dict[str, Any],
    authored: Authored,
    visibility: Visibility,
    now: datetime,
    kind: str,
    operation: str,
) -> Employee:
    employee = await load_for_change(uow, nip, visibility)
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
        kind=kind,
    )
    if any(d.field in RANK_FIELDS for d in diffs):
        await uow.employees.add_rank(nip, updated.golongan, updated.golongan_tmt, source=kind)
    await audit_employee_change(
        uow,
        operation,
        nip,
        diffs,
        effective_date=authored.effective_date,
        reason=authored.reason,
    )
    await record_own_event(
        uow,
        EmployeeUpdated(
            nip=nip,
            changes=EmployeeChanges(
                **_with_retirement({d.field: d.new for d in diffs}, employee, updated)
            ),
            effective_date=authored.effective_date,
            reason=authored.reason,
        ),
        now=now,
    )
    return updated


def _with_retirement(changed: dict[str, Any], before: Employee, after: Employee) -> dict[str, Any]:
    """A change of post that moves the projected retirement date carries the new date and
    the rule that set it (docs/domain.md, "Retirement (BUP)")."""
    if before.retirement_date != after.retirement_date:
        changed = {
            **changed,
            "retirement_date": after.retirement_date,
            "retirement_rule": after.retirement_rule,
        }
    return changed


async def transfer_employee(
    uow: UnitOfWork,
    *,
    nip: str,
    transfer: Transfer,
    authored: Authored,
    visibility: Visibility,
    now: datetime,
) -> Employee:
    """Move an employee to another unit/position (golongan unchanged); publish
    EmployeeTransferred. The changed fields go to the history as kind TRANSFER and to the
    audit log. hr transfers employees of its units (to any unit)."""
    employee = await load_for_change(uow, nip, visibility)
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
    await audit_employee_change(
        uow,
        "employee.transfer",
        nip,
        diffs,
        effective_date=transfer.effective_date,
        reason=authored.reason,
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
            functional_position=updated.functional_position,
            retirement_date=updated.retirement_date,
            retirement_rule=updated.retirement_rule,
        ),
        now=now,
    )
    return updated


async def retire_employee(
    uow: UnitOfWork, *, nip: str, authored: Authored, visibility: Visibility, now: datetime
) -> Employee:
    """Close the record (status RETIRED from `effective_date`), audit it, publish
    EmployeeRetired."""
    employee = await load_for_change(uow, nip, visibility)
    ensure_active(employee, "retire")
    reason = authored.reason or "BUP"
    retired = retire(employee, retired_on=authored.effective_date, reason=reason)
    status = FieldChange("status", employee.status, retired.status)
    await uow.employees.update(retired)
    await audit_employee_change(
        uow, "employee.retire", nip, [status], retired_on=retired.retired_on, reason=reason
    )
    await uow.employees.add_changes(
        nip,
        [status],
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
