"""Changes with history (PATCH), transfers and retirement. Who: the body's `changed_by` or
the `X-Actor` header (one of them is required)."""

from __future__ import annotations

from fastapi import APIRouter

from jenjang_shared.web.app import Runtime
from personnel.domain.employee import Transfer
from personnel.entrypoints.deps import ActorHeader, NipPath, nip_param, who, work
from personnel.entrypoints.schemas import (
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
    nip: NipPath, body: EmployeeUpdate, runtime: Runtime, x_actor: ActorHeader = None
) -> EmployeePublic:
    """Only the fields sent change; each changed field goes to the history with the effective
    date, who (`changed_by` or `X-Actor`) and why (`reason`). Publishes EmployeeUpdated with
    the changed fields. 409 for a retired employee."""
    authored = Authored(who(body.changed_by, x_actor), body.effective_date, body.reason)
    async with work(runtime) as w:
        employee = await changes.update_employee(nip_param(nip), body.changes(), authored, w)
    return EmployeePublic.from_domain(employee)


@router.post("/employees/{nip}/transfers", summary="Transfer (mutasi) an employee")
async def transfer_employee(
    nip: NipPath, body: TransferCreate, runtime: Runtime, x_actor: ActorHeader = None
) -> EmployeePublic:
    """New unit, position, work location and supervisor from `effective_date`; golongan is
    unchanged. Publishes EmployeeTransferred. 409 for a retired employee."""
    authored = Authored(who(body.changed_by, x_actor), body.effective_date, body.reason)
    transfer = Transfer(**body.model_dump(exclude={"reason", "changed_by"}))
    async with work(runtime) as w:
        employee = await changes.transfer_employee(nip_param(nip), transfer, authored, w)
    return EmployeePublic.from_domain(employee)


@router.post("/employees/{nip}/retirement", summary="Retire an employee")
async def retire_employee(
    nip: NipPath, body: RetirementCreate, runtime: Runtime, x_actor: ActorHeader = None
) -> EmployeePublic:
    """Status RETIRED from `retirement_date`; the record is then closed (changes, transfers and
    promotions are refused with 409). Publishes EmployeeRetired."""
    authored = Authored(who(body.changed_by, x_actor), body.retirement_date, body.reason)
    async with work(runtime) as w:
        employee = await changes.retire_employee(nip_param(nip), authored, w)
    return EmployeePublic.from_domain(employee)
