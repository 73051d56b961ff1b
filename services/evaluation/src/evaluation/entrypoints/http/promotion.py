"""Promotion eligibility (explained), recommendations, and sweeps."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from evaluation.entrypoints.http.deps import (
    AdminOnly,
    Jobs,
    NewUnitOfWork,
    Reader,
    Settings,
    Today,
)
from evaluation.entrypoints.http.schemas import (
    EligibilityPublic,
    RecommendationPublic,
    SweepCreate,
    SweepPublic,
)
from evaluation.service.promotion import explain_eligibility, recommendations_of
from evaluation.service.sweeps import run_sweep, start_sweep, sweep_status
from jenjang_shared.access import Visibility
from jenjang_shared.web.params import Limit, NipPath, Offset, Page

router = APIRouter(tags=["promotion"])


@router.get(
    "/employees/{nip}/promotion-eligibility",
    summary="KP reguler eligibility, criterion by criterion",
)
async def promotion_eligibility(
    nip: NipPath,
    caller: Reader,
    new_uow: NewUnitOfWork,
    today: Today,
    as_of: Annotated[date | None, Query(description="Default: today")] = None,
) -> EligibilityPublic:
    """Assessed at the first KP period on or after `as_of`: each criterion met or not, the value
    found, what is missing and the next KP period at which it could be met."""
    as_of = as_of or today
    async with new_uow() as uow:
        result = await explain_eligibility(
            uow, nip=nip, as_of=as_of, visibility=Visibility.of(caller), reader_nip=caller.nip
        )
    return EligibilityPublic.of(result, as_of=as_of)


@router.get(
    "/employees/{nip}/promotion-recommendations", summary="PromotionRecommended published so far"
)
async def list_recommendations(
    nip: NipPath,
    caller: Reader,
    new_uow: NewUnitOfWork,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[RecommendationPublic]:
    async with new_uow() as uow:
        recommendations = await recommendations_of(
            uow, nip=nip, visibility=Visibility.of(caller), reader_nip=caller.nip
        )
    items = [
        RecommendationPublic.model_validate(r, from_attributes=True)
        for r in recommendations[offset : offset + limit]
    ]
    return Page(items=items, total=len(recommendations), limit=limit, offset=offset)


@router.post("/promotion-sweeps", status_code=202, summary="Re-evaluate everyone for a KP period")
async def create_sweep(
    body: SweepCreate, caller: AdminOnly, new_uow: NewUnitOfWork, settings: Settings, jobs: Jobs
) -> SweepPublic:
    """Starts a background job; poll `GET /v1/promotion-sweeps/{id}` for its progress (admin)."""
    async with new_uow() as uow:
        sweep_id = await start_sweep(uow, kp_period=body.kp_period)
    sweep = run_sweep(
        new_uow, sweep_id=sweep_id, kp_period=body.kp_period, batch_size=settings.sweep_batch_size
    )
    jobs.start(sweep, name=f"sweep-{sweep_id}")
    return await get_sweep(sweep_id, caller, new_uow)


@router.get("/promotion-sweeps/{sweep_id}", summary="A sweep's status and progress")
async def get_sweep(sweep_id: str, caller: AdminOnly, new_uow: NewUnitOfWork) -> SweepPublic:
    """Admin."""
    async with new_uow() as uow:
        sweep = await sweep_status(uow, sweep_id=sweep_id)
    return SweepPublic.model_validate(sweep, from_attributes=True)
