"""The reads of the API that apply a rule or may find nothing (the rest are plain queries on
`uow.queries`)."""

from __future__ import annotations

from datetime import date

from jenjang_shared.errors import NotFound
from personnel.domain.employee import Employee
from personnel.domain.proposals import Proposal
from personnel.domain.retirement import add_months
from personnel.service.ports import UnitOfWork


async def employee_of(uow: UnitOfWork, *, nip: str) -> Employee:
    """One employee; 404 for an unknown NIP."""
    employee = await uow.employees.get(nip)
    if employee is None:
        raise NotFound(f"no employee with NIP {nip}")
    return employee


async def proposal_of(uow: UnitOfWork, *, proposal_id: str) -> Proposal:
    """One promotion proposal; 404 when there is none."""
    proposal = await uow.proposals.get(proposal_id)
    if proposal is None:
        raise NotFound(f"no promotion proposal {proposal_id}")
    return proposal


async def retiring_soon(
    uow: UnitOfWork, *, as_of: date, within_months: int, limit: int, offset: int
) -> tuple[list[Employee], int]:
    """Active employees whose computed retirement date falls on or before `as_of` +
    `within_months` (those already past it who have not been retired yet included)."""
    until = add_months(as_of, within_months)
    return await uow.queries.retiring(until, limit=limit, offset=offset)
