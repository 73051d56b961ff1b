"""Routes about employees: the JP ledger, the shortfall report, recommendations."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from jenjang_shared.web.app import Runtime
from jenjang_shared.web.params import Limit, NipPath, Offset, Page
from training.adapters.store import PgStore
from training.config import TrainingSettings
from training.entrypoints.params import Year
from training.entrypoints.schemas import (
    JpEntryPublic,
    JpLedgerPublic,
    JpTargetPublic,
    RecommendationPublic,
    ShortfallPublic,
    SweepCreate,
    SweepPublic,
)
from training.service import ledger, recommendations

router = APIRouter(tags=["JP and recommendations"])


@router.get("/employees/{nip}/jp", summary="An employee's JP of a year, against the target")
async def jp_of_year(nip: NipPath, runtime: Runtime, year: Year = None) -> JpLedgerPublic:
    """Classroom and non-classroom JP (mentoring included); PNS/CPNS: at least 20 (shortfall);
    PPPK: at most 24 (remaining allowance)."""
    the_year = year or date.today().year
    async with runtime.connection() as conn:
        found = await ledger.year_of(nip, the_year, store=PgStore(conn))
    b, target = found.balance, found.balance.target
    return JpLedgerPublic(
        nip=nip,
        year=the_year,
        employment_type=found.employee.employment_type,
        classroom_jp=b.classroom_jp,
        non_classroom_jp=b.non_classroom_jp,
        total_jp=b.total_jp,
        committed_jp=b.committed_jp,
        target=JpTargetPublic(kind=target.kind.value, jp=target.jp) if target else None,
        shortfall_jp=b.shortfall_jp,
        remaining_allowance_jp=b.remaining_allowance_jp,
        entries=[JpEntryPublic(reference=e.source_ref, **_entry_fields(e)) for e in found.entries],
    )


def _entry_fields(e: ledger.LedgerEntry) -> dict[str, object]:
    return {
        "source": e.source,
        "course_code": e.course_code,
        "title": e.title,
        "training_category": e.training_category,
        "training_method": e.training_method,
        "jp": e.jp,
        "earned_on": e.earned_on,
        "certificate_number": e.certificate_number,
    }


@router.get("/reports/jp-shortfall", summary="Active PNS/CPNS below 20 JP in a year")
async def jp_shortfall(
    runtime: Runtime,
    year: Year = None,
    unit_code: Annotated[str | None, Query(description="Only this unit")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ShortfallPublic]:
    async with runtime.connection() as conn:
        page = await ledger.shortfall_report(
            year=year or date.today().year,
            unit_code=unit_code,
            limit=limit,
            offset=offset,
            store=PgStore(conn),
        )
    items = [
        ShortfallPublic(
            nip=r.employee.nip,
            name=r.employee.name,
            employment_type=r.employee.employment_type,
            unit_code=r.employee.unit_code,
            total_jp=r.total_jp,
            shortfall_jp=ledger.PNS_MIN_JP - r.total_jp,
        )
        for r in page.items
    ]
    return Page(items=items, total=page.total, limit=limit, offset=offset)


@router.get("/employees/{nip}/recommendations", summary="Courses recommended, with reasons")
async def recommendations_of(
    nip: NipPath, runtime: Runtime, limit: Limit = 50, offset: Offset = 0
) -> Page[RecommendationPublic]:
    async with runtime.connection() as conn:
        found = await PgStore(conn).recommendations.for_employee(nip)
    items = [
        RecommendationPublic(
            reason_key=r.reason_key,
            rule=r.rule,
            reason=r.reason,
            course_codes=list(r.course_codes),
            created_at=r.created_at,
            published=r.published,
        )
        for r in found[offset : offset + limit]
    ]
    return Page(items=items, total=len(found), limit=limit, offset=offset)


@router.post("/recommendation-sweeps", summary="Recommend courses to everyone short of 20 JP")
async def sweep(body: SweepCreate, runtime: Runtime) -> SweepPublic:
    """Run in October-December: every active PNS/CPNS below 20 JP in the year gets courses that
    fit the gap, once per year (JP_SHORTFALL:<year>). Safe to run again."""
    settings = runtime.settings
    assert isinstance(settings, TrainingSettings)
    today = settings.current_date()
    as_of = body.as_of or today
    async with runtime.unit_of_work() as uow:
        result = await recommendations.sweep_jp_shortfall(
            year=body.year or as_of.year, as_of=as_of, today=today, uow=uow, store=PgStore(uow.conn)
        )
    return SweepPublic(**vars(result))
