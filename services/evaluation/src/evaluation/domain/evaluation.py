"""A performance evaluation (SKP) and the rules for recording one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from evaluation.domain.periods import EvaluationPeriod, PeriodError, parse_period
from evaluation.domain.predikat import predikat_of
from jenjang_shared.contracts.vocabulary import PeriodType, Predikat, Rating
from jenjang_shared.errors import Conflict, InvalidInput


@dataclass(frozen=True)
class Evaluation:
    evaluation_id: str
    nip: str
    evaluator_nip: str
    period_type: PeriodType
    period: str
    period_year: int
    version: int
    hasil_kerja: Rating
    perilaku_kerja: Rating
    predikat: Predikat
    notes: str | None
    correction_reason: str | None


def check_period(period_type: PeriodType, period: str, today: date) -> EvaluationPeriod:
    """The parsed period; 422 when it does not fit its type or has not started yet."""
    try:
        parsed = parse_period(period_type, period)
    except PeriodError as exc:
        raise InvalidInput(str(exc), field="period") from exc
    if not parsed.has_started(today):
        raise InvalidInput(
            f"period {period} has not started yet (starts {parsed.starts_on})", field="period"
        )
    return parsed


def next_version(latest: int | None, correction_reason: str | None, period: str) -> int:
    """Version 1 for a new period; n+1 only as a correction with a reason (the old one is kept)."""
    if latest is None:
        if correction_reason:
            raise InvalidInput(
                f"there is no evaluation for {period} to correct", field="correction_reason"
            )
        return 1
    if not correction_reason:
        raise Conflict(
            f"an evaluation for {period} already exists (version {latest}); send a "
            "correction_reason to record a corrected version"
        )
    return latest + 1


def new_evaluation(
    *,
    evaluation_id: str,
    nip: str,
    evaluator_nip: str,
    period: EvaluationPeriod,
    version: int,
    hasil_kerja: Rating,
    perilaku_kerja: Rating,
    notes: str | None,
    correction_reason: str | None,
) -> Evaluation:
    """An evaluation whose predikat comes from the matrix; nobody evaluates themselves."""
    if nip == evaluator_nip:
        raise InvalidInput("an employee cannot evaluate themselves", field="evaluator_nip")
    return Evaluation(
        evaluation_id=evaluation_id,
        nip=nip,
        evaluator_nip=evaluator_nip,
        period_type=period.period_type,
        period=period.text,
        period_year=period.year,
        version=version,
        hasil_kerja=hasil_kerja,
        perilaku_kerja=perilaku_kerja,
        predikat=predikat_of(hasil_kerja, perilaku_kerja),
        notes=notes,
        correction_reason=correction_reason,
    )
