"""Routes about employees: the JP ledger, the shortfall report, recommendations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jenjang_shared.access import Visibility
from jenjang_shared.web.params import Limit, NipPath, Offset, Page
from training.entrypoints.http.deps import (
    AdminOnly,
    Caller,
    NewUnitOfWork,
    ReportReader,
    Today,
    Year,
)
from training.entrypoints.http.schemas import (
    JpLedgerPublic,
    RecommendationPublic,
    ShortfallPublic,
    SweepCreate,
    SweepPublic,
)
from training.service import ledger, recommendations

router = APIRouter(tags=["JP and recommendations"])


@router.get("/employees/{nip}/jp", summary="An employee's JP of a year, against the target")
async def jp_of_year(
    nip: NipPath, caller: Caller, new_uow: NewUnitOfWork, today: Today, year: Year = None
) -> JpLedgerPublic:
    """Classroom and non-classroom JP (mentoring included); PNS/CPNS: at least 20 (shortfall);
    PPPK: at most 24 (remaining allowance). 404 for an employee the caller does not see."""
    async with new_uow() as uow:
        statement = await ledger.year_of(
            uow, nip=nip, year=year or today.year, visibility=Visibility.of(caller)
        )
    return JpLedgerPublic.model_validate(statement, from_attributes=True)


@router.get("/reports/jp-shortfall", summary="Active PNS/CPNS below 20 JP in a year")
async def jp_shortfall(
    caller: ReportReader,
    new_uow: NewUnitOfWork,
    today: Today,
    year: Year = None,
    unit_code: Annotated[str | None, Query(description="Only this unit")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ShortfallPublic]:
    """admin: everyone; hr: the employees of its units only."""
    async with new_uow() as uow:
        found, total = await ledger.shortfall_report(
            uow,
            year=year or today.year,
            unit_code=unit_code,
            visibility=Visibility.of(caller),
            limit=limit,
            offset=offset,
        )
    items = [ShortfallPublic.model_validate(s, from_attributes=True) for s in found]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/employees/{nip}/recommendations", summary="Courses recommended, with reasons")
async def recommendations_of(
    nip: NipPath, caller: Caller, new_uow: NewUnitOfWork, limit: Limit = 50, offset: Offset = 0
) -> Page[RecommendationPublic]:
    """404 for an employee the caller does not see; reading another person's is audited."""
    async with new_uow() as uow:
        found, total = await recommendations.of_employee(
            uow,
            nip=nip,
            visibility=Visibility.of(caller),
            caller_nip=caller.nip,
            limit=limit,
            offset=offset,
        )
    items = [RecommendationPublic.model_validate(r, from_attributes=True) for r in found]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.post("/recommendation-sweeps", summary="Recommend courses to everyone short of 20 JP")
async def sweep(
    body: SweepCreate, _: AdminOnly, new_uow: NewUnitOfWork, today: Today
) -> SweepPublic:
    """Run in October-December: every active PNS/CPNS below 20 JP in the year gets courses that
    fit the gap, once per year (JP_SHORTFALL:<year>). Safe to run again."""
    async with new_uow() as uow:
        result = await recommendations.sweep_jp_shortfall(
            uow, year=body.year, as_of=body.as_of, today=today
        )
    return SweepPublic.model_validate(result, from_attributes=True)
