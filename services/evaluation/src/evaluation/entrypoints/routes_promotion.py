"""Promotion eligibility (explained), recommendations, and sweeps."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from evaluation.adapters.repositories import PgRepositories
from evaluation.entrypoints.routes_evaluations import _settings
from evaluation.entrypoints.schemas import (
    EligibilityPublic,
    RecommendationPublic,
    SweepCreate,
    SweepPublic,
)
from evaluation.service.promotion import explain_eligibility
from evaluation.service.sweeps import run_sweep, start_sweep
from jenjang_shared.errors import NotFound
from jenjang_shared.web.app import Runtime
from jenjang_shared.web.params import Limit, NipPath, Offset, Page

router = APIRouter(tags=["promotion"])


@router.get(
    "/employees/{nip}/promotion-eligibility",
    summary="KP reguler eligibility, criterion by criterion",
)
async def promotion_eligibility(
    nip: NipPath,
    runtime: Runtime,
    as_of: Annotated[date | None, Query(description="Default: today")] = None,
) -> EligibilityPublic:
    """Assessed at the first KP period on or after `as_of`: each criterion met or not, the value
    found, what is missing and the next KP period at which it could be met."""
    as_of = as_of or _settings(runtime).current_date()
    async with runtime.connection() as conn:
        result = await explain_eligibility(nip, as_of, PgRepositories(conn))
    return EligibilityPublic.from_domain(result, as_of)


@router.get(
    "/employees/{nip}/promotion-recommendations", summary="PromotionRecommended published so far"
)
async def list_recommendations(
    nip: NipPath,
    runtime: Runtime,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[RecommendationPublic]:
    async with runtime.connection() as conn:
        rows = await PgRepositories(conn).promotions.of_employee(nip)
    items = [RecommendationPublic(**r) for r in rows[offset : offset + limit]]
    return Page(items=items, total=len(rows), limit=limit, offset=offset)


@router.post("/promotion-sweeps", status_code=202, summary="Re-evaluate everyone for a KP period")
async def create_sweep(body: SweepCreate, runtime: Runtime) -> SweepPublic:
    """Starts a background job; poll `GET /v1/promotion-sweeps/{id}` for its progress."""
    async with runtime.unit_of_work() as uow:
        sweep_id = await start_sweep(body.kp_period, PgRepositories(uow.conn))
    runtime.tasks.append(
        asyncio.create_task(
            run_sweep(
                sweep_id,
                body.kp_period,
                unit_of_work=runtime.unit_of_work,
                repositories=PgRepositories,
                batch_size=_settings(runtime).sweep_batch_size,
            ),
            name=f"sweep-{sweep_id}",
        )
    )
    return await get_sweep(sweep_id, runtime)


@router.get("/promotion-sweeps/{sweep_id}", summary="A sweep's status and progress")
async def get_sweep(sweep_id: str, runtime: Runtime) -> SweepPublic:
    async with runtime.connection() as conn:
        row = await PgRepositories(conn).sweeps.get(sweep_id)
    if row is None:
        raise NotFound(f"no promotion sweep {sweep_id}")
    return SweepPublic(**row)
