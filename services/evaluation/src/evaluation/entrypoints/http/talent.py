"""Unit predikat distribution, potential assessments and the talent box."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from evaluation.entrypoints.http.deps import (
    Assessor,
    NewUnitOfWork,
    Settings,
    TalentViewer,
    Today,
    UnitManager,
)
from evaluation.entrypoints.http.schemas import (
    DistributionPublic,
    PotentialCreate,
    PotentialPublic,
    TalentBoxPublic,
)
from evaluation.service.talent import record_potential, unit_distribution, unit_talent_box
from jenjang_shared.access import Visibility
from jenjang_shared.contracts.vocabulary import Predikat

router = APIRouter(tags=["units and talent"])


@router.get("/units/{code}/distribution", summary="Predikat distribution against the quota curve")
async def distribution(
    code: str,
    caller: UnitManager,
    new_uow: NewUnitOfWork,
    settings: Settings,
    period: Annotated[str, Query(max_length=7, description="'2025', '2025-Q3' or '2025-07'")],
    unit_result: Annotated[
        Predikat, Query(description="The unit's own result (BAIK, or SANGAT_BAIK = istimewa)")
    ] = Predikat.BAIK,
) -> DistributionPublic:
    """Current versions of the unit's current staff for the period; `breach` flags the curve.
    Admin and hr of the unit (another unit is 404)."""
    curve = settings.quota_curve
    async with new_uow() as uow:
        result = await unit_distribution(
            uow,
            unit_code=code,
            period=period,
            unit_result=unit_result,
            curve=curve,
            visibility=Visibility.of(caller),
        )
    return DistributionPublic.of(
        result, unit_code=code, period=period, unit_result=unit_result, curve=curve
    )


@router.post("/potential-assessments", status_code=201, summary="Record an employee's potential")
async def create_potential(
    body: PotentialCreate,
    caller: Assessor,
    new_uow: NewUnitOfWork,
    today: Today,
    response: Response,
) -> PotentialPublic:
    """One per employee and year: a second one replaces the first (200 instead of 201).
    A supervisor assesses their direct reports (as themself), hr the employees of its units,
    admin anyone; another employee is 404, oneself 403."""
    async with new_uow() as uow:
        recorded, created = await record_potential(
            uow,
            nip=body.nip,
            year=body.year,
            potential=body.potential,
            assessor_nip=body.assessor_nip,
            notes=body.notes,
            caller=caller,
            today=today,
        )
    response.status_code = 201 if created else 200
    return PotentialPublic.model_validate(recorded, from_attributes=True)


@router.get("/units/{code}/talent-box", summary="The unit's 9-box for a year")
async def talent_box(
    code: str,
    caller: TalentViewer,
    new_uow: NewUnitOfWork,
    year: Annotated[int, Query(ge=2000, le=2100)],
) -> TalentBoxPublic:
    """Performance from the annual predikat of `year` (SANGAT_BAIK above, BAIK as expected,
    others below) x potential of `year` -> box 1-9 with the PermenPANRB 3/2020 actions.
    Admin and hr of the unit (another unit is 404); a supervisor sees their direct reports in
    the unit only. Audited (talent_box.read)."""
    async with new_uow() as uow:
        box = await unit_talent_box(
            uow, unit_code=code, year=year, visibility=Visibility.of(caller)
        )
    found = {"unit_code": code, "year": year, "items": box.placements, "boxes": box.boxes}
    return TalentBoxPublic.model_validate(found, from_attributes=True)
