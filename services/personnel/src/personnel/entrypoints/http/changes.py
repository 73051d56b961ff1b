"""Changes with history (PATCH), transfers, retirement and rank corrections. Who: the caller
(the token); a record out of the caller's scope is 404."""

from __future__ import annotations

from fastapi import APIRouter

from jenjang_shared.access import Visibility
from jenjang_shared.web.params import NipPath
from personnel.domain.employee import Transfer
from personnel.entrypoints.http.deps import AdminOnly, NewUnitOfWork, Now, RecordKeeper
from personnel.entrypoints.http.schemas import (
    EmployeePublic,
    EmployeeUpdate,
    RankCorrectionCreate,
    RetirementCreate,
    TransferCreate,
)
from personnel.service import changes
from personnel.service.changes import Authored

router = APIRouter(tags=["employees"])


@router.patch("/employees/{nip}", summary="Change an employee's record")
async def update_employee(
    nip: NipPath,
    body: EmployeeUpdate,
    new_uow: NewUnitOfWork,
    now: Now,
    caller: RecordKeeper,
) -> EmployeePublic:
    """Only the fields sent change; each changed field goes to the history with the effective
    date, who (the caller) and why (`reason`), and to the audit log. Publishes EmployeeUpdated
    with the changed fields. 409 for a retired employee; 422 for `golongan`/`golongan_tmt`
    (ranks change through a decided proposal, an import, or a rank correction)."""
    authored = Authored(caller.actor, body.effective_date, body.reason)
    wanted = body.changes()
    async with new_uow() as uow:
        employee = await changes.update_employee(
            uow,
            nip=nip,
            changes=wanted,
            authored=authored,
            visibility=Visibility.of(caller),
            now=now,
        )
    return EmployeePublic.model_validate(employee, from_attributes=True)


@router.post("/employees/{nip}/transfers", summary="Transfer (mutasi) an employee")
async def transfer_employee(
    nip: NipPath,
    body: TransferCreate,
    new_uow: NewUnitOfWork,
    now: Now,
    caller: RecordKeeper,
) -> EmployeePublic:
    """New unit, position, work location and supervisor from `effective_date`; golongan is
    unchanged. Publishes EmployeeTransferred. 409 for a retired employee."""
    authored = Authored(caller.actor, body.effective_date, body.reason)
    transfer = Transfer(**body.model_dump(exclude={"reason"}))
    async with new_uow() as uow:
        employee = await changes.transfer_employee(
            uow,
            nip=nip,
            transfer=transfer,
            authored=authored,
            visibility=Visibility.of(caller),
            now=now,
        )
    return EmployeePublic.model_validate(employee, from_attributes=True)


@router.post("/employees/{nip}/retirement", summary="Retire an employee")
async def retire_employee(
    nip: NipPath,
    body: RetirementCreate,
    new_uow: NewUnitOfWork,
    now: Now,
    caller: RecordKeeper,
) -> EmployeePublic:
    """Status RETIRED from `retirement_date`; the record is then closed (changes, transfers and
    promotions are refused with 409). Publishes EmployeeRetired."""
    authored = Authored(caller.actor, body.retirement_date, body.reason)
    async with new_uow() as uow:
        employee = await changes.retire_employee(
            uow, nip=nip, authored=authored, visibility=Visibility.of(caller), now=now
        )
    return EmployeePublic.model_validate(employee, from_attributes=True)


@router.post("/employees/{nip}/rank-corrections", summary="Correct a rank recorded wrongly (BKD)")
async def correct_rank(
    nip: NipPath,
    body: RankCorrectionCreate,
    new_uow: NewUnitOfWork,
    now: Now,
    caller: AdminOnly,
) -> EmployeePublic:
    """Admin only. Sets `golongan` and `golongan_tmt` (checked against the employment type and
    the education cap) from `effective_date`, for the required `reason`: the change history
    (kind CORRECTION), the rank history (source CORRECTION) and the audit log record it.
    Publishes EmployeeUpdated. 409 for a retired employee, 422 when nothing changes."""
    authored = Authored(caller.actor, body.effective_date, body.reason)
    async with new_uow() as uow:
        employee = await changes.correct_rank(
            uow,
            nip=nip,
            golongan=body.golongan,
            golongan_tmt=body.golongan_tmt,
            authored=authored,
            now=now,
        )
    return EmployeePublic.model_validate(employee, from_attributes=True)
