"""Evaluations: record (and correct) one, read an employee's history with angka kredit."""

from __future__ import annotations

from fastapi import APIRouter

from evaluation.entrypoints.http.deps import Assessor, NewUnitOfWork, Reader, Settings, Today
from evaluation.entrypoints.http.schemas import (
    EvaluationCreate,
    EvaluationHistoryPage,
    EvaluationPublic,
)
from evaluation.service.evaluations import evaluation_history, record_evaluation
from jenjang_shared.access import Visibility
from jenjang_shared.web.params import Limit, NipPath, Offset

router = APIRouter(tags=["evaluations"])


@router.post("/evaluations", status_code=201, summary="Record an evaluation (or a correction)")
async def create_evaluation(
    body: EvaluationCreate, caller: Assessor, new_uow: NewUnitOfWork, today: Today
) -> EvaluationPublic:
    """The predikat is computed from hasil kerja x perilaku kerja. One evaluation per employee
    and period: a second one is 409 unless it carries `correction_reason` (then version n+1).
    A supervisor evaluates their direct reports (as themself), hr the employees of its units,
    admin anyone; another employee is 404, oneself 403."""
    async with new_uow() as uow:
        evaluation = await record_evaluation(
            uow, command=body.to_command(), caller=caller, today=today
        )
    return EvaluationPublic.model_validate(evaluation, from_attributes=True)


@router.get("/employees/{nip}/evaluations", summary="An employee's evaluations, every version")
async def list_evaluations(
    nip: NipPath,
    caller: Reader,
    new_uow: NewUnitOfWork,
    settings: Settings,
    limit: Limit = 50,
    offset: Offset = 0,
) -> EvaluationHistoryPage:
    """Periods newest first, each with its current version, all versions and (FUNGSIONAL, ANNUAL)
    the annual angka kredit. An employee the caller may not see is 404; reading another
    person's is audited."""
    async with new_uow() as uow:
        periods = await evaluation_history(
            uow,
            nip=nip,
            visibility=Visibility.of(caller),
            reader_nip=caller.nip,
            coefficients=settings.coefficients,
        )
    page = periods[offset : offset + limit]
    found = {"nip": nip, "items": page, "total": len(periods), "limit": limit, "offset": offset}
    return EvaluationHistoryPage.model_validate(found, from_attributes=True)
