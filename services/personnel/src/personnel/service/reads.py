"""The reads of the API, each within the caller's visibility (the stores filter in SQL): a
record out of scope is not found (404), a list never holds rows out of scope. Reading another
person's career timeline (it carries evaluations, allowances and claims) is audited."""

from __future__ import annotations

from datetime import date

from jenjang_shared.access import Visibility
from jenjang_shared.errors import NotFound
from personnel.domain.employee import Employee
from personnel.domain.proposals import Proposal, ProposalStatus
from personnel.domain.retirement import add_months
from personnel.service.ports import EmployeeFilter, Row, UnitOfWork


async def employee_of(uow: UnitOfWork, *, nip: str, visibility: Visibility) -> Employee:
    """One employee; 404 for an unknown NIP or one out of the caller's scope."""
    employee = await uow.employees.get(nip, visibility=visibility)
    if employee is None:
        raise NotFound(f"no employee with NIP {nip}")
    return employee


async def search_employees(
    uow: UnitOfWork,
    *,
    criteria: EmployeeFilter,
    visibility: Visibility,
    sort: str,
    limit: int,
    offset: int,
) -> tuple[list[Employee], int]:
    """A page of the employees in the caller's scope that match `criteria`."""
    return await uow.queries.search(
        criteria, visibility=visibility, sort=sort, limit=limit, offset=offset
    )


async def history_of(
    uow: UnitOfWork, *, nip: str, visibility: Visibility, limit: int, offset: int
) -> tuple[list[Row], int]:
    """Every change of a record, newest first; 404 as `employee_of`."""
    await employee_of(uow, nip=nip, visibility=visibility)
    return await uow.queries.changes_of(nip, visibility=visibility, limit=limit, offset=offset)


async def ranks_of(uow: UnitOfWork, *, nip: str, visibility: Visibility) -> list[Row]:
    """The rank history, newest TMT first; 404 as `employee_of`."""
    await employee_of(uow, nip=nip, visibility=visibility)
    return await uow.queries.ranks_of(nip, visibility=visibility)


async def timeline_of(
    uow: UnitOfWork,
    *,
    nip: str,
    visibility: Visibility,
    reader_nip: str | None,
    limit: int,
    offset: int,
) -> tuple[list[Row], int]:
    """The career timeline, newest first. Admin and internal apps see any NIP's entries (even
    of one not registered yet: topics interleave), an employee their own; anyone else only an
    employee in scope (404 otherwise). A read of another person's timeline is audited."""
    if not visibility.everyone and nip != visibility.nip:
        await employee_of(uow, nip=nip, visibility=visibility)
    page = await uow.queries.timeline_of(nip, visibility=visibility, limit=limit, offset=offset)
    if reader_nip != nip:
        await uow.audit(
            operation="timeline.read",
            record_type="employee",
            record_id=nip,
            after={"entries": len(page[0]), "offset": offset},
        )
    return page


async def proposal_of(uow: UnitOfWork, *, proposal_id: str, visibility: Visibility) -> Proposal:
    """One promotion proposal; 404 when there is none or its employee is out of scope."""
    proposal = await uow.proposals.get(proposal_id, visibility=visibility)
    if proposal is None:
        raise NotFound(f"no promotion proposal {proposal_id}")
    return proposal


async def proposals(
    uow: UnitOfWork,
    *,
    visibility: Visibility,
    status: ProposalStatus | None,
    nip: str | None,
    limit: int,
    offset: int,
) -> tuple[list[Proposal], int]:
    """A page of the proposals whose employee is in the caller's scope, oldest first."""
    return await uow.queries.proposals(
        visibility=visibility, status=status, nip=nip, limit=limit, offset=offset
    )


async def retiring_soon(
    uow: UnitOfWork,
    *,
    as_of: date,
    within_months: int,
    visibility: Visibility,
    limit: int,
    offset: int,
) -> tuple[list[Employee], int]:
    """Active employees in scope whose computed retirement date falls on or before `as_of` +
    `within_months` (those already past it who have not been retired yet included)."""
    until = add_months(as_of, within_months)
    return await uow.queries.retiring(until, visibility=visibility, limit=limit, offset=offset)
