"""Changes with history (PATCH), transfers and retirement. Who: the body's `changed_by` or
the `X-Actor` header (one of them is required)."""

from __future__ import annotations

from fastapi import APIRouter

from jenjang_shared.web.params import NipPath
from personnel.domain.employee import Transfer
from personnel.entrypoints.http.deps import ActorHeader, NewUnitOfWork, Now, who
from personnel.entrypoints.http.schemas import (
    EmployeePublic,
    EmployeeUpdate,
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
    x_actor: ActorHeader = None,
) -> EmployeePublic:
    """Only the fields sent change; each changed field goes to the history with the effective
    date, who (`changed_by` or `X-Actor`) and why (`reason`). Publishes EmployeeUpdated with
    the changed fields. 409 for a retired employee."""
    authored = Authored(who(body.changed_by, x_actor), body.effective_date, body.reason)
    wanted = body.changes()
    async with new_uow() as uow:
        employee = await changes.update_employee(
            uow, nip=nip, changes=wanted, authored=authored, now=now
        )
    return EmployeePublic.model_validate(employee, from_attributes=True)


@router.post("/employees/{nip}/transfers", summary="Transfer (mutasi) an employee")
async def transfer_employee(
    nip: NipPath,
    body: TransferCreate,
    new_uow: NewUnitOfWork,
    now: Now,
    x_actor: ActorHeader = None,
) -> EmployeePublic:
    """New unit, position, work location and supervisor from `effective_date`; golongan is
    unchanged. Publishes EmployeeTransferred. 409 for a retired employee."""
    authored = Authored(who(body.changed_by, x_actor), body.effective_date, body.reason)
    transfer = Transfer(**body.model_dump(exclude={"reason", "changed_by"}))
    async with new_uow() as uow:
        employee = await changes.transfer_employee(
            uow, nip=nip, transfer=transfer, authored=authored, now=now
        )
    return EmployeePublic.model_validate(employee, from_attributes=True)


@router.post("/employees/{nip}/retirement", summary="Retire an employee")
async def retire_employee(
    nip: NipPath,
    body: RetirementCreate,
    new_uow: NewUnitOfWork,
    now: Now,
    x_actor: ActorHeader = None,
) -> EmployeePublic:
    """Status RETIRED from `retirement_date`; the record is then closed (changes, transfers and
    promotions are refused with 409). Publishes EmployeeRetired."""
    authored = Authored(who(body.changed_by, x_actor), body.retirement_date, body.reason)
    async with new_uow() as uow:
        employee = await changes.retire_employee(uow, nip=nip, authored=authored, now=now)
    return EmployeePublic.model_validate(employee, from_attributes=True)
