"""Recording evaluations (with corrections as new versions) and reading an employee's history."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from evaluation.domain.credit_points import annual_credit
from evaluation.domain.evaluation import Evaluation, check_period, new_evaluation, next_version
from evaluation.service.access import (
    acting_person,
    audit_read,
    visible_employee,
    writable_employee,
)
from evaluation.service.ports import UnitOfWork
from evaluation.service.promotion import reevaluate
from jenjang_shared.access import Principal, Visibility
from jenjang_shared.contracts import EvaluationRecorded
from jenjang_shared.contracts.vocabulary import FunctionalLevel, PeriodType, PositionKind, Rating
from jenjang_shared.errors import InvalidInput


@dataclass(frozen=True)
class RecordEvaluation:
    """`evaluator_nip`: the evaluating superior. A supervisor records as themself (None or
    their own NIP); admin, hr and internal apps name them (default: the token's NIP)."""

    nip: str
    evaluator_nip: str | None
    period_type: PeriodType
    period: str
    hasil_kerja: Rating
    perilaku_kerja: Rating
    notes: str | None = None
    correction_reason: str | None = None


async def record_evaluation(
    uow: UnitOfWork, *, command: RecordEvaluation, caller: Principal, today: date
) -> Evaluation:
    """Record an evaluation (or a corrected version), publish EvaluationRecorded, and, for an
    annual one, re-evaluate promotion at once (the service does not consume its own topic).

    A supervisor evaluates their direct reports only, as themself; hr the employees of its
    units; admin and internal apps anyone (service/access.py). Out of scope: 404; oneself: 403.
    Audited as evaluation.record (a first version) or evaluation.correct."""
    cmd = command
    _, capacity = await writable_employee(
        uow, nip=cmd.nip, caller=caller, what="record an evaluation of"
    )
    evaluator = acting_person(caller, capacity, cmd.evaluator_nip, field="evaluator_nip")
    if evaluator is None:
        raise InvalidInput(
            "evaluator_nip is required: the token names no NIP to record as", field="evaluator_nip"
        )
    period = check_period(cmd.period_type, cmd.period, today)
    latest = await uow.evaluations.latest_version(cmd.nip, cmd.period)
    evaluation = new_evaluation(
        evaluation_id=str(uuid.uuid4()),
        nip=cmd.nip,
        evaluator_nip=evaluator,
        period=period,
        version=next_version(latest, cmd.correction_reason, cmd.period),
        hasil_kerja=cmd.hasil_kerja,
        perilaku_kerja=cmd.perilaku_kerja,
        notes=cmd.notes,
        correction_reason=cmd.correction_reason,
    )
    await uow.evaluations.add(evaluation)
    before = None
    if latest is not None:
        previous = [
            e
            for e in await uow.evaluations.history(cmd.nip, visible_to=Visibility.unrestricted())
            if e.period == evaluation.period and e.version == latest
        ]
        before = _audited(previous[0]) if previous else None
    await uow.audit(
        operation="evaluation.correct" if latest is not None else "evaluation.record",
        record_type="evaluation",
        record_id=evaluation.evaluation_id,
        before=before,
        after=_audited(evaluation),
    )
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


def _audited(evaluation: Evaluation) -> dict[str, Any]:
    """What the audit log keeps of a version."""
    return {
        "evaluation_id": evaluation.evaluation_id,
        "nip": evaluation.nip,
        "evaluator_nip": evaluation.evaluator_nip,
        "period": evaluation.period,
        "version": evaluation.version,
        "hasil_kerja": evaluation.hasil_kerja.value,
        "perilaku_kerja": evaluation.perilaku_kerja.value,
        "predikat": evaluation.predikat.value,
        "correction_reason": evaluation.correction_reason,
    }


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
    uow: UnitOfWork,
    *,
    nip: str,
    visibility: Visibility,
    reader_nip: str | None,
    coefficients: dict[FunctionalLevel, Decimal],
) -> list[PeriodHistory]:
    """Every period, newest first. FUNGSIONAL employees get the annual angka kredit (from their
    current functional level: the projection keeps no level history).

    An employee outside the caller's `visibility` is 404; a read of another person's (the
    reader's NIP is not `nip`) is audited as evaluation.read."""
    employee = await visible_employee(uow, nip=nip, visibility=visibility)
    level = (
        employee.functional_level
        if employee and employee.position_kind is PositionKind.FUNGSIONAL
        else None
    )
    by_period: dict[str, list[Evaluation]] = {}
    for evaluation in await uow.evaluations.history(nip, visible_to=visibility):
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
    await audit_read(uow, operation="evaluation.read", nip=nip, reader_nip=reader_nip)
    return sorted(periods, key=lambda p: p.current.period, reverse=True)
