"""Registration, reads and search, history, timeline and the retirement forecast."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from jenjang_shared.contracts.base import Golongan
from jenjang_shared.contracts.vocabulary import EmploymentType, PositionKind
from jenjang_shared.errors import NotFound
from jenjang_shared.web.app import Runtime
from jenjang_shared.web.params import Limit, Offset, Page
from personnel.adapters.employees import SORTS, PgEmployees
from personnel.adapters.timeline import PgTimeline
from personnel.config import PersonnelSettings
from personnel.domain.employee import EmployeeStatus
from personnel.domain.retirement import add_months
from personnel.entrypoints.deps import NipPath, nip_param, work
from personnel.entrypoints.schemas import (
    ChangePublic,
    EmployeeCreate,
    EmployeePublic,
    RankPublic,
    TimelineEntryPublic,
)
from personnel.service.ports import EmployeeFilter
from personnel.service.registration import register_employee as register

router = APIRouter(tags=["employees"])

SORT_PATTERN = "^-?(" + "|".join(SORTS) + ")$"


@router.post("/employees", status_code=201, summary="Register an employee")
async def register_employee(body: EmployeeCreate, runtime: Runtime) -> EmployeePublic:
    """Validates the NIP (and its agreement with birth date, gender, TMT CPNS), the golongan
    (type and education cap) and the position; 409 for a registered NIP, 422 for an unknown
    supervisor. Publishes EmployeeRegistered."""
    settings = runtime.settings
    assert isinstance(settings, PersonnelSettings)
    async with work(runtime) as w:
        employee = await register(
            body, w, today=date.today(), min_appointment_age=settings.min_appointment_age
        )
    return EmployeePublic.from_domain(employee)


@router.get("/employees", summary="Search employees")
async def list_employees(
    runtime: Runtime,
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
            description=f"Sort key, one of {', '.join(SORTS)}; prefix '-' for descending",
        ),
    ] = "nip",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[EmployeePublic]:
    flt = EmployeeFilter(
        unit_code=unit_code,
        golongan=golongan,
        employment_type=employment_type.value if employment_type else None,
        position_kind=position_kind.value if position_kind else None,
        status=status.value if status else None,
        q=q or None,
    )
    async with runtime.connection() as conn:
        found, total = await PgEmployees(conn).search(flt, sort=sort, limit=limit, offset=offset)
    items = [EmployeePublic.from_domain(e) for e in found]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/employees/{nip}", summary="One employee")
async def get_employee(nip: NipPath, runtime: Runtime) -> EmployeePublic:
    """404 for an unknown NIP, 422 for a malformed one."""
    nip = nip_param(nip)
    async with runtime.connection() as conn:
        employee = await PgEmployees(conn).get(nip)
    if employee is None:
        raise NotFound(f"no employee with NIP {nip}")
    return EmployeePublic.from_domain(employee)


@router.get("/employees/{nip}/history", summary="Every change of the record, newest first")
async def employee_history(
    nip: NipPath, runtime: Runtime, limit: Limit = 50, offset: Offset = 0
) -> Page[ChangePublic]:
    nip = nip_param(nip)
    async with runtime.connection() as conn:
        rows, total = await PgEmployees(conn).changes_of(nip, limit=limit, offset=offset)
    return Page(items=[ChangePublic(**r) for r in rows], total=total, limit=limit, offset=offset)


@router.get("/employees/{nip}/ranks", summary="Rank history, newest TMT first")
async def rank_history(nip: NipPath, runtime: Runtime) -> list[RankPublic]:
    nip = nip_param(nip)
    async with runtime.connection() as conn:
        rows = await PgEmployees(conn).ranks_of(nip)
    return [RankPublic(**r) for r in rows]


@router.get("/employees/{nip}/timeline", summary="Career timeline, newest first")
async def timeline(
    nip: NipPath, runtime: Runtime, limit: Limit = 50, offset: Offset = 0
) -> Page[TimelineEntryPublic]:
    """Built from every topic; each entry carries the event id as evidence. Entries are kept
    even for a NIP not registered here (its events may arrive before the registration)."""
    nip = nip_param(nip)
    async with runtime.connection() as conn:
        rows, total = await PgTimeline(conn).of(nip, limit=limit, offset=offset)
    items = [TimelineEntryPublic(**r) for r in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/retirements", tags=["retirement"], summary="Who reaches retirement age (BUP) soon")
async def retirements(
    runtime: Runtime,
    within_months: Annotated[int, Query(ge=0, le=600, description="Horizon in months")] = 12,
    as_of: Annotated[date | None, Query(description="Reference date (default today)")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[EmployeePublic]:
    """Active employees whose computed retirement date (first day of the month after reaching
    BUP) falls on or before `as_of` + `within_months` (including those already past it who
    have not been retired yet), soonest first."""
    until = add_months(as_of or date.today(), within_months)
    async with runtime.connection() as conn:
        found, total = await PgEmployees(conn).retiring(until, limit=limit, offset=offset)
    items = [EmployeePublic.from_domain(e) for e in found]
    return Page(items=items, total=total, limit=limit, offset=offset)
