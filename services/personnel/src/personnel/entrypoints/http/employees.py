"""Registration, reads and search, history, timeline and the retirement forecast."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from jenjang_shared.access import Visibility
from jenjang_shared.contracts.base import Golongan
from jenjang_shared.contracts.vocabulary import EmploymentType, PositionKind
from jenjang_shared.web.params import Limit, NipPath, Offset, Page
from personnel.domain.employee import EmployeeStatus
from personnel.entrypoints.http.deps import (
    NewUnitOfWork,
    Now,
    Reader,
    RecordKeeper,
    Settings,
    Today,
)
from personnel.entrypoints.http.schemas import (
    ChangePublic,
    EmployeeCreate,
    EmployeePublic,
    RankPublic,
    TimelineEntryPublic,
)
from personnel.service import reads, registration
from personnel.service.ports import EMPLOYEE_SORTS, EmployeeFilter

router = APIRouter(tags=["employees"])

SORT_PATTERN = "^-?(" + "|".join(EMPLOYEE_SORTS) + ")$"


@router.post("/employees", status_code=201, summary="Register an employee")
async def register_employee(
    body: EmployeeCreate, new_uow: NewUnitOfWork, settings: Settings, now: Now, caller: RecordKeeper
) -> EmployeePublic:
    """Validates the NIP (and its agreement with birth date, gender, TMT CPNS), the golongan
    (type and education cap) and the position; 403 for hr registering outside its units, 409
    for a registered NIP, 422 for an unknown supervisor. Audited; publishes
    EmployeeRegistered."""
    async with new_uow() as uow:
        employee = await registration.register_employee(
            uow,
            command=body,
            min_appointment_age=settings.min_appointment_age,
            visibility=Visibility.of(caller),
            now=now,
        )
    return EmployeePublic.model_validate(employee, from_attributes=True)


@router.get("/employees", summary="Search employees")
async def list_employees(
    new_uow: NewUnitOfWork,
    caller: Reader,
    unit_code: str | None = None,
    golongan: Golongan | None = None,
    employment_type: EmploymentType | None = None,
    position_kind: PositionKind | None = None,
    status: EmployeeStatus | None = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Part of the name, or the NIP's start")
    ] = None,
    sort: Annotated[
        str,
        Query(
            pattern=SORT_PATTERN,
            description=f"Sort key, one of {', '.join(EMPLOYEE_SORTS)}; prefix '-' for descending",
        ),
    ] = "nip",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[EmployeePublic]:
    """Only employees in the caller's scope: hr its units, a supervisor their direct reports,
    an employee themself (admin and internal apps: everyone)."""
    criteria = EmployeeFilter(
        unit_code=unit_code,
        golongan=golongan,
        employment_type=employment_type.value if employment_type else None,
        position_kind=position_kind.value if position_kind else None,
        status=status.value if status else None,
        q=q or None,
    )
    async with new_uow() as uow:
        found, total = await reads.search_employees(
            uow,
            criteria=criteria,
            visibility=Visibility.of(caller),
            sort=sort,
            limit=limit,
            offset=offset,
        )
    items = [EmployeePublic.model_validate(e, from_attributes=True) for e in found]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/employees/{nip}", summary="One employee")
async def get_employee(nip: NipPath, new_uow: NewUnitOfWork, caller: Reader) -> EmployeePublic:
    """404 for an unknown NIP or one out of the caller's scope, 422 for a malformed one."""
    async with new_uow() as uow:
        employee = await reads.employee_of(uow, nip=nip, visibility=Visibility.of(caller))
    return EmployeePublic.model_validate(employee, from_attributes=True)


@router.get("/employees/{nip}/history", summary="Every change of the record, newest first")
async def employee_history(
    nip: NipPath, new_uow: NewUnitOfWork, caller: Reader, limit: Limit = 50, offset: Offset = 0
) -> Page[ChangePublic]:
    """404 for an unknown NIP or one out of the caller's scope."""
    async with new_uow() as uow:
        rows, total = await reads.history_of(
            uow, nip=nip, visibility=Visibility.of(caller), limit=limit, offset=offset
        )
    items = [ChangePublic.model_validate(r) for r in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/employees/{nip}/ranks", summary="Rank history, newest TMT first")
async def rank_history(nip: NipPath, new_uow: NewUnitOfWork, caller: Reader) -> list[RankPublic]:
    """404 for an unknown NIP or one out of the caller's scope."""
    async with new_uow() as uow:
        rows = await reads.ranks_of(uow, nip=nip, visibility=Visibility.of(caller))
    return [RankPublic.model_validate(r) for r in rows]


@router.get("/employees/{nip}/timeline", summary="Career timeline, newest first")
async def timeline(
    nip: NipPath, new_uow: NewUnitOfWork, caller: Reader, limit: Limit = 50, offset: Offset = 0
) -> Page[TimelineEntryPublic]:
    """Built from every topic; each entry carries the event id as evidence. Entries are kept
    even for a NIP not registered here (its events may arrive before the registration; admin
    and internal apps see them). 404 for an employee out of the caller's scope. Reading
    another person's timeline (it holds evaluations, allowances, claims) is audited."""
    async with new_uow() as uow:
        rows, total = await reads.timeline_of(
            uow,
            nip=nip,
            visibility=Visibility.of(caller),
            reader_nip=caller.nip,
            limit=limit,
            offset=offset,
        )
    items = [TimelineEntryPublic.model_validate(r) for r in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/retirements", tags=["retirement"], summary="Who reaches retirement age (BUP) soon")
async def retirements(
    new_uow: NewUnitOfWork,
    today: Today,
    caller: Reader,
    within_months: Annotated[int, Query(ge=0, le=600, description="Horizon in months")] = 12,
    as_of: Annotated[date | None, Query(description="Reference date (default today)")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[EmployeePublic]:
    """Active employees whose computed retirement date (first day of the month after reaching
    BUP) falls on or before `as_of` + `within_months` (including those already past it who
    have not been retired yet), soonest first; only employees in the caller's scope."""
    async with new_uow() as uow:
        found, total = await reads.retiring_soon(
            uow,
            as_of=as_of or today,
            within_months=within_months,
            visibility=Visibility.of(caller),
            limit=limit,
            offset=offset,
        )
    items = [EmployeePublic.model_validate(e, from_attributes=True) for e in found]
    return Page(items=items, total=total, limit=limit, offset=offset)
