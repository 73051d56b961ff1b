"""Recording evaluations (versions, refusals, promotion at once) and reading the history."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from evaluation.domain.credit_points import DEFAULT_COEFFICIENTS
from evaluation.service.evaluations import RecordEvaluation, evaluation_history, record_evaluation
from jenjang_shared.contracts import (
    EvaluationRecorded,
    PromotionRecommendationWithdrawn,
    PromotionRecommended,
)
from jenjang_shared.contracts.vocabulary import (
    FunctionalLevel,
    PeriodType,
    PositionKind,
    Predikat,
    Rating,
)
from jenjang_shared.errors import Conflict, InvalidInput
from jenjang_testing.builders import new_nip

from .fakes import FakeUnitOfWork
from .scenarios import ADMIN, EVALUATOR, EVERYONE, KP, TODAY, annual, facts


def command(nip: str, period: str = "2025", **overrides: object) -> RecordEvaluation:
    base = RecordEvaluation(
        nip=nip,
        evaluator_nip=EVALUATOR,
        period_type=PeriodType.ANNUAL if len(period) == 4 else PeriodType.PERIODIC,
        period=period,
        hasil_kerja=Rating.SESUAI,
        perilaku_kerja=Rating.SESUAI,
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


async def test_an_evaluation_gets_its_predikat_from_the_matrix_and_is_published():
    uow = FakeUnitOfWork()
    nip = new_nip()
    cmd = command(nip, hasil_kerja=Rating.DI_ATAS, perilaku_kerja=Rating.DI_ATAS)
    evaluation = await record_evaluation(uow, command=cmd, caller=ADMIN, today=TODAY)
    assert evaluation.predikat is Predikat.SANGAT_BAIK and evaluation.version == 1
    (event,) = uow.published
    assert isinstance(event, EvaluationRecorded)
    assert (event.evaluation_id, event.predikat, event.version) == (
        evaluation.evaluation_id,
        Predikat.SANGAT_BAIK,
        1,
    )


async def test_a_second_evaluation_of_a_period_is_a_conflict_unless_it_is_a_correction():
    uow = FakeUnitOfWork()
    nip = new_nip()
    await record_evaluation(uow, command=command(nip, "2026-Q3"), caller=ADMIN, today=TODAY)
    with pytest.raises(Conflict):
        await record_evaluation(uow, command=command(nip, "2026-Q3"), caller=ADMIN, today=TODAY)
    corrected = await record_evaluation(
        uow,
        command=command(nip, "2026-Q3", correction_reason="wrong row"),
        caller=ADMIN,
        today=TODAY,
    )
    assert corrected.version == 2 and corrected.correction_reason == "wrong row"
    assert [e.version for e in uow.published if isinstance(e, EvaluationRecorded)] == [1, 2]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"period": "2027"}, "period"),  # not started yet
        ({"period": "2026-12", "period_type": PeriodType.PERIODIC}, "period"),
        ({"period": "2025-07", "period_type": PeriodType.ANNUAL}, "period"),
        ({"correction_reason": "nothing to correct"}, "correction_reason"),
        ({"evaluator_nip": "SELF"}, "evaluator_nip"),
    ],
)
async def test_bad_input_is_refused_with_the_field_and_records_nothing(overrides, field):
    uow = FakeUnitOfWork()
    nip = new_nip()
    if overrides.get("evaluator_nip") == "SELF":
        overrides = {"evaluator_nip": nip}
    with pytest.raises(InvalidInput) as refused:
        await record_evaluation(uow, command=command(nip, **overrides), caller=ADMIN, today=TODAY)
    assert refused.value.field == field
    assert uow.published == [] and await uow.evaluations.history(nip) == []


async def test_an_annual_evaluation_re_evaluates_promotion_at_once():
    uow = FakeUnitOfWork()
    employee = facts()
    await uow.employees.register(employee)
    await record_evaluation(uow, command=command(employee.nip, "2024"), caller=ADMIN, today=TODAY)
    assert not [e for e in uow.published if isinstance(e, PromotionRecommended)]
    await record_evaluation(uow, command=command(employee.nip, "2025"), caller=ADMIN, today=TODAY)
    (event,) = [e for e in uow.published if isinstance(e, PromotionRecommended)]
    assert event.kp_period == KP and event.to_golongan == "III/b"


async def test_a_periodic_evaluation_does_not_re_evaluate():
    uow = FakeUnitOfWork()
    employee = facts()
    await uow.employees.register(employee)
    await uow.evaluations.add(annual(employee.nip, 2024))
    await uow.evaluations.add(annual(employee.nip, 2025))
    await record_evaluation(
        uow, command=command(employee.nip, "2026-10"), caller=ADMIN, today=TODAY
    )
    assert [type(e) for e in uow.published] == [EvaluationRecorded]


async def test_a_correction_below_baik_withdraws_the_open_recommendation():
    uow = FakeUnitOfWork()
    employee = facts()
    await uow.employees.register(employee)
    for period in ("2024", "2025"):
        await record_evaluation(
            uow, command=command(employee.nip, period), caller=ADMIN, today=TODAY
        )
    correction = command(
        employee.nip, "2025", hasil_kerja=Rating.DI_BAWAH, correction_reason="keberatan"
    )
    await record_evaluation(uow, command=correction, caller=ADMIN, today=TODAY)
    (event,) = [e for e in uow.published if isinstance(e, PromotionRecommendationWithdrawn)]
    assert "annual_predikat" in event.reason and "2025" in event.reason


async def test_the_history_is_newest_first_with_versions_and_annual_angka_kredit():
    uow = FakeUnitOfWork()
    employee = facts(
        position_kind=PositionKind.FUNGSIONAL, functional_level=FunctionalLevel.AHLI_PERTAMA
    )
    await uow.employees.register(employee)
    await uow.evaluations.add(annual(employee.nip, 2025, Rating.DI_ATAS, Rating.DI_ATAS))
    await uow.evaluations.add(annual(employee.nip, 2024, Rating.SESUAI, Rating.DI_BAWAH))
    await uow.evaluations.add(annual(employee.nip, 2024, version=2))
    periods = await evaluation_history(
        uow,
        nip=employee.nip,
        visibility=EVERYONE,
        reader_nip=None,
        coefficients=dict(DEFAULT_COEFFICIENTS),
    )
    assert [p.period for p in periods] == ["2025", "2024"]
    assert periods[0].angka_kredit == Decimal("18.75")
    assert periods[0].functional_level is FunctionalLevel.AHLI_PERTAMA
    assert [v.version for v in periods[1].versions] == [1, 2]
    assert periods[1].current.predikat is Predikat.BAIK


async def test_no_angka_kredit_outside_a_functional_position_or_for_unknown_employees():
    uow = FakeUnitOfWork()
    employee = facts()  # PELAKSANA
    await uow.employees.register(employee)
    unknown = new_nip()
    for nip in (employee.nip, unknown):
        await uow.evaluations.add(annual(nip, 2025))
    for nip in (employee.nip, unknown):
        (period,) = await evaluation_history(
            uow, nip=nip, visibility=EVERYONE, reader_nip=None, coefficients=DEFAULT_COEFFICIENTS
        )
        assert period.angka_kredit is None and period.functional_level is None
    assert (
        await evaluation_history(
            uow,
            nip=new_nip(),
            visibility=EVERYONE,
            reader_nip=None,
            coefficients=DEFAULT_COEFFICIENTS,
        )
        == []
    )
