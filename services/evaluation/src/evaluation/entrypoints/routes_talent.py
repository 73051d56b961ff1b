"""Unit predikat distribution, potential assessments and the talent box."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from evaluation.adapters.repositories import PgRepositories
from evaluation.entrypoints.routes_evaluations import _settings
from evaluation.entrypoints.schemas import (
    DistributionPublic,
    PotentialCreate,
    PotentialPublic,
    QuotaPublic,
    TalentBoxPublic,
    TalentPlacementPublic,
)
from evaluation.service.talent import record_potential, unit_distribution, unit_talent_box
from jenjang_shared.contracts.vocabulary import Predikat
from jenjang_shared.web.app import Runtime

router = APIRouter(tags=["units and talent"])


@router.get("/units/{code}/distribution", summary="Predikat distribution against the quota curve")
async def distribution(
    code: str,
    runtime: Runtime,
    period: Annotated[str, Query(max_length=7, description="'2025', '2025-Q3' or '2025-07'")],
    unit_result: Annotated[
        Predikat, Query(description="The unit's own result (BAIK, or SANGAT_BAIK = istimewa)")
    ] = Predikat.BAIK,
) -> DistributionPublic:
    """Current versions of the unit's current staff for the period; `breach` flags the curve."""
    curve = _settings(runtime).quota_curve
    async with runtime.connection() as conn:
        result = await unit_distribution(code, period, unit_result, curve, PgRepositories(conn))
    return DistributionPublic(
        unit_code=code,
        period=period,
        unit_result=unit_result,
        total=result.total,
        counts=result.counts,
        shares={p: round(s, 4) for p, s in result.shares.items()},
        quota=QuotaPublic(
            max_baik_share=curve.max_baik_share,
            max_sangat_baik_share=curve.max_sangat_baik_share,
            require_below_when_baik=curve.require_below_when_baik,
        ),
        breach=bool(result.breaches),
        breaches=result.breaches,
    )


@router.post("/potential-assessments", status_code=201, summary="Record an employee's potential")
async def create_potential(
    body: PotentialCreate, runtime: Runtime, response: Response
) -> PotentialPublic:
    """One per employee and year: a second one replaces the first (200 instead of 201)."""
    async with runtime.unit_of_work() as uow:
        created = await record_potential(
            nip=body.nip,
            year=body.year,
            potential=body.potential,
            assessor_nip=body.assessor_nip,
            notes=body.notes,
            today=_settings(runtime).current_date(),
            repos=PgRepositories(uow.conn),
        )
    response.status_code = 201 if created else 200
    return PotentialPublic(**body.model_dump())


@router.get("/units/{code}/talent-box", summary="The unit's 9-box for a year")
async def talent_box(
    code: str, runtime: Runtime, year: Annotated[int, Query(ge=2000, le=2100)]
) -> TalentBoxPublic:
    """Performance from the annual predikat of `year` (SANGAT_BAIK above, BAIK as expected,
    others below) x potential of `year` -> box 1-9 with the PermenPANRB 3/2020 actions."""
    async with runtime.connection() as conn:
        placements = await unit_talent_box(code, year, PgRepositories(conn))
    boxes: dict[int, int] = {}
    for p in placements:
        if p.box:
            boxes[p.box] = boxes.get(p.box, 0) + 1
    items = [TalentPlacementPublic(**{**vars(p), "actions": list(p.actions)}) for p in placements]
    return TalentBoxPublic(unit_code=code, year=year, items=items, boxes=boxes)
