"""Recording evaluations (with corrections as new versions) and reading an employee's history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from evaluation.domain.credit_points import annual_credit
from evaluation.domain.evaluation import Evaluation, check_period, new_evaluation, next_version
from evaluation.service.ports import UnitOfWork
from evaluation.service.promotion import reevaluate
from jenjang_shared.contracts import EvaluationRecorded
from jenjang_shared.contracts.vocabulary import FunctionalLevel, PeriodType, PositionKind, Rating


@dataclass(frozen=True)
class RecordEvaluation:
    nip: str
    evaluator_nip: str
    period_type: PeriodType
    period: str
    hasil_kerja: Rating
    perilaku_kerja: Rating
    notes: str | None = None
    correction_reason: str | None = None


async def record_evaluation(
    uow: UnitOfWork, *, command: RecordEvaluation, today: date
) -> Evaluation:
    """Record an evaluation (or a corrected version), publish EvaluationRecorded, and, for an
    annual one, re-evaluate promotion at once (the service does not consume its own topic)."""
    cmd = command
    period = check_period(cmd.period_type, cmd.period, today)
    latest = await uow.evaluations.latest_version(cmd.nip, cmd.period)
    evaluation = new_evaluation(
        evaluation_id=str(uuid.uuid4()),
        nip=cmd.nip,
        evaluator_nip=cmd.evaluator_nip,
        period=period,
        version=next_version(latest, cmd.correction_reason, cmd.period),
        hasil_kerja=cmd.hasil_kerja,
        perilaku_kerja=cmd.perilaku_kerja,
        notes=cmd.notes,
        correction_reason=cmd.correction_reason,
    )
    await uow.evaluations.add(evaluation)
    await uow.publish(
        EvaluationRecorded(
            evaluation_id=evaluation.evaluation_id,
            nip=evaluation.nip,
            evaluator_nip=evaluation.evaluator_nip,
            period_type=evaluation.period_type,
            period=evaluation.period,
            hasil_kerja=evaluation.hasil_kerja,
            perilaku_kerja=evaluation.perilaku_kerja,
            predikat=evaluation.predikat,
            version=evaluation.version,
        )
    )
    if evaluation.period_type is PeriodType.ANNUAL:
        await reevaluate(uow, nip=evaluation.nip, today=today)
    return evaluation


@dataclass(frozen=True)
class PeriodHistory:
    """One period of an employee: the current version, every version, and angka kredit."""

    period_type: PeriodType
    period: str
    current: Evaluation
    versions: list[Evaluation] = field(default_factory=list)
    angka_kredit: Decimal | None = None
    functional_level: FunctionalLevel | None = None


async def evaluation_history(
    uow: UnitOfWork, *, nip: str, coefficients: dict[FunctionalLevel, Decimal]
) -> list[PeriodHistory]:
    """Every period, newest first. FUNGSIONAL employees get the annual angka kredit (from their
    current functional level: the projection keeps no level history)."""
    employee = await uow.employees.get(nip)
    level = (
        employee.functional_level
        if employee and employee.position_kind is PositionKind.FUNGSIONAL
        else None
    )
    by_period: dict[str, list[Evaluation]] = {}
    for evaluation in await uow.evaluations.history(nip):
        by_period.setdefault(evaluation.period, []).append(evaluation)
    periods = []
    for versions in by_period.values():
        current = max(versions, key=lambda e: e.version)
        credit = None
        if level is not None and current.period_type is PeriodType.ANNUAL:
            credit = annual_credit(level, current.predikat, coefficients)
        periods.append(
            PeriodHistory(
                period_type=current.period_type,
                period=current.period,
                current=current,
                versions=sorted(versions, key=lambda e: e.version),
                angka_kredit=credit,
                functional_level=level if credit is not None else None,
            )
        )
    return sorted(periods, key=lambda p: p.current.period, reverse=True)
