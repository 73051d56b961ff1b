"""Evaluations: record (and correct) one, read an employee's history with angka kredit."""

from __future__ import annotations

from fastapi import APIRouter

from evaluation.adapters.repositories import PgRepositories
from evaluation.config import EvaluationSettings
from evaluation.entrypoints.schemas import (
    EvaluationCreate,
    EvaluationHistoryPage,
    EvaluationPublic,
    PeriodEvaluationsPublic,
)
from evaluation.service.evaluations import evaluation_history, record_evaluation
from jenjang_shared.web.app import Runtime
from jenjang_shared.web.params import Limit, NipPath, Offset

router = APIRouter(tags=["evaluations"])


def _settings(runtime: Runtime) -> EvaluationSettings:
    settings = runtime.settings
    assert isinstance(settings, EvaluationSettings)
    return settings


@router.post("/evaluations", status_code=201, summary="Record an evaluation (or a correction)")
async def create_evaluation(body: EvaluationCreate, runtime: Runtime) -> EvaluationPublic:
    """The predikat is computed from hasil kerja x perilaku kerja. One evaluation per employee
    and period: a second one is 409 unless it carries `correction_reason` (then version n+1)."""
    today = _settings(runtime).current_date()
    async with runtime.unit_of_work() as uow:
        evaluation = await record_evaluation(
            body.to_command(), uow=uow, repos=PgRepositories(uow.conn), today=today
        )
    return EvaluationPublic.from_domain(evaluation)


@router.get("/employees/{nip}/evaluations", summary="An employee's evaluations, every version")
async def list_evaluations(
    nip: NipPath,
    runtime: Runtime,
    limit: Limit = 50,
    offset: Offset = 0,
) -> EvaluationHistoryPage:
    """Periods newest first, each with its current version, all versions and (FUNGSIONAL, ANNUAL)
    the annual angka kredit."""
    async with runtime.connection() as conn:
        periods = await evaluation_history(
            nip, repos=PgRepositories(conn), coefficients=_settings(runtime).coefficients
        )
    page = periods[offset : offset + limit]
    return EvaluationHistoryPage(
        nip=nip,
        items=[PeriodEvaluationsPublic.from_domain(p) for p in page],
        total=len(periods),
        limit=limit,
        offset=offset,
    )
