"""The predikat matrix (all nine cells), evaluation periods, credit points, talent box, quota."""

from datetime import date
from decimal import Decimal

import pytest

from evaluation.domain.credit_points import DEFAULT_COEFFICIENTS, annual_credit
from evaluation.domain.distribution import QuotaCurve, distribution
from evaluation.domain.evaluation import check_period, next_version
from evaluation.domain.predikat import predikat_of
from evaluation.domain.talent_box import ACTIONS, Potential, box_of
from jenjang_shared.contracts.vocabulary import FunctionalLevel, PeriodType, Predikat, Rating
from jenjang_shared.errors import Conflict, InvalidInput

A, S, B = Rating.DI_ATAS, Rating.SESUAI, Rating.DI_BAWAH
P = Predikat


@pytest.mark.parametrize(
    ("hasil", "perilaku", "expected"),
    [
        (A, B, P.KURANG),
        (A, S, P.BAIK),
        (A, A, P.SANGAT_BAIK),
        (S, B, P.KURANG),
        (S, S, P.BAIK),
        (S, A, P.BAIK),
        (B, B, P.SANGAT_KURANG),
        (B, S, P.BUTUH_PERBAIKAN),
        (B, A, P.BUTUH_PERBAIKAN),
    ],
)
def test_each_cell_of_the_matrix_gives_the_regulation_predikat(hasil, perilaku, expected):
    assert predikat_of(hasil, perilaku) is expected


TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("kind", "text", "starts"),
    [
        (PeriodType.ANNUAL, "2025", date(2025, 1, 1)),
        (PeriodType.ANNUAL, "2026", date(2026, 1, 1)),
        (PeriodType.PERIODIC, "2026-Q4", date(2026, 10, 1)),
        (PeriodType.PERIODIC, "2026-11", date(2026, 11, 1)),
    ],
)
def test_a_period_that_has_started_and_fits_its_type_is_accepted(kind, text, starts):
    assert check_period(kind, text, TODAY).starts_on == starts


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        (PeriodType.ANNUAL, "2025-Q3"),
        (PeriodType.ANNUAL, "2025-07"),
        (PeriodType.PERIODIC, "2025"),
        (PeriodType.PERIODIC, "2025-Q5"),
        (PeriodType.PERIODIC, "2025-13"),
        (PeriodType.ANNUAL, "1999"),
        (PeriodType.ANNUAL, "2027"),
        (PeriodType.PERIODIC, "2026-12"),
        (PeriodType.PERIODIC, "2027-Q1"),
    ],
)
def test_a_misfit_or_future_period_is_refused(kind, text):
    with pytest.raises(InvalidInput) as error:
        check_period(kind, text, TODAY)
    assert error.value.field == "period"


def test_a_second_evaluation_needs_a_correction_reason_and_becomes_the_next_version():
    assert next_version(None, None, "2025") == 1
    assert next_version(1, "typo in the rating", "2025") == 2
    with pytest.raises(Conflict):
        next_version(1, None, "2025")
    with pytest.raises(InvalidInput):
        next_version(None, "nothing to correct", "2025")


@pytest.mark.parametrize(
    ("predikat", "credit"),
    [
        (P.SANGAT_BAIK, Decimal("18.75")),
        (P.BAIK, Decimal("12.5")),
        (P.BUTUH_PERBAIKAN, Decimal("9.375")),
        (P.KURANG, Decimal("6.25")),
        (P.SANGAT_KURANG, Decimal("3.125")),
    ],
)
def test_ahli_pertama_credit_is_12_5_times_the_predikat_factor(predikat, credit):
    assert annual_credit(FunctionalLevel.AHLI_PERTAMA, predikat, DEFAULT_COEFFICIENTS) == credit


@pytest.mark.parametrize(
    ("predikat", "potential", "box"),
    [
        (P.SANGAT_BAIK, Potential.HIGH, 9),
        (P.BAIK, Potential.HIGH, 8),
        (P.SANGAT_BAIK, Potential.MEDIUM, 7),
        (P.BUTUH_PERBAIKAN, Potential.HIGH, 6),
        (P.BAIK, Potential.MEDIUM, 5),
        (P.SANGAT_BAIK, Potential.LOW, 4),
        (P.KURANG, Potential.MEDIUM, 3),
        (P.BAIK, Potential.LOW, 2),
        (P.SANGAT_KURANG, Potential.LOW, 1),
    ],
)
def test_each_talent_box_follows_performance_and_potential(predikat, potential, box):
    assert box_of(predikat, potential) == box
    assert ACTIONS[box]


CURVE = QuotaCurve(0.7, 0.7, True)


def test_more_than_70_percent_baik_in_a_baik_unit_is_a_breach():
    ok = distribution([P.BAIK] * 7 + [P.BUTUH_PERBAIKAN] * 3, P.BAIK, CURVE)
    assert ok.breaches == [] and ok.shares[P.BAIK] == 0.7
    over = distribution([P.BAIK] * 8 + [P.KURANG] * 2, P.BAIK, CURVE)
    assert len(over.breaches) == 1 and over.counts[P.BAIK] == 8


def test_a_baik_unit_with_nobody_below_is_a_breach_and_istimewa_caps_sangat_baik():
    assert distribution([P.BAIK, P.SANGAT_BAIK], P.BAIK, CURVE).breaches
    assert distribution([P.SANGAT_BAIK] * 8 + [P.BAIK] * 2, P.SANGAT_BAIK, CURVE).breaches
    assert not distribution([P.SANGAT_BAIK] * 7 + [P.BAIK] * 3, P.SANGAT_BAIK, CURVE).breaches
