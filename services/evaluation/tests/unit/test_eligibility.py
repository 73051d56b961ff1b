"""Every KP reguler criterion on both sides of its edge (pure engine, no I/O)."""

from dataclasses import replace
from datetime import date

import pytest

from evaluation.domain.eligibility import EmployeeFacts, PassedExam, assess
from evaluation.domain.kp_rules import rules_on
from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    Predikat,
    TrainingCategory,
)

KP = date(2026, 4, 1)
GOOD = {2024: Predikat.BAIK, 2025: Predikat.SANGAT_BAIK}
BASE = EmployeeFacts(
    nip="198609262015051001",
    employment_type=EmploymentType.PNS,
    golongan="III/a",
    golongan_tmt=date(2022, 4, 1),
    education=Education.S1,
)


def criterion(result, name):
    return next(c for c in result.criteria if c.name == name)


def run(facts=BASE, annual=GOOD, exams=(), kp=KP):
    return assess(facts, dict(annual), list(exams), kp, rules_on(kp))


def test_a_pns_with_four_years_and_two_good_years_is_eligible_with_evidence():
    result = run()
    assert result.eligible
    assert (result.from_golongan, result.to_golongan) == ("III/a", "III/b")
    assert result.rules_version == "KP-REGULER-2025-10-01"
    assert result.predikat_per_year == {"2024": Predikat.BAIK, "2025": Predikat.SANGAT_BAIK}
    assert result.education_cap == "III/d"
    assert result.years_in_rank == pytest.approx(4.0, abs=0.01)


def test_three_years_364_days_in_rank_is_not_enough_and_names_the_next_period():
    result = run(replace(BASE, golongan_tmt=date(2022, 4, 2)))
    rank = criterion(result, "years_in_rank")
    assert not rank.met and not result.eligible
    assert rank.value["reached_on"] == date(2026, 4, 2)
    assert rank.next_possible_kp == date(2026, 5, 1)


def test_exactly_four_years_in_rank_is_enough():
    assert criterion(run(replace(BASE, golongan_tmt=date(2022, 4, 1))), "years_in_rank").met


@pytest.mark.parametrize("kind", [EmploymentType.CPNS, EmploymentType.PPPK, None])
def test_only_a_pns_is_eligible(kind):
    result = run(replace(BASE, employment_type=kind))
    assert not criterion(result, "pns_not_retired").met and not result.eligible


def test_a_pns_retired_by_the_kp_date_is_not_eligible_but_one_retiring_later_is():
    assert not run(replace(BASE, retirement_date=date(2026, 4, 1))).eligible
    assert run(replace(BASE, retirement_date=date(2026, 4, 2))).eligible


def test_one_year_baik_and_one_butuh_perbaikan_is_not_enough():
    result = run(annual={2024: Predikat.BAIK, 2025: Predikat.BUTUH_PERBAIKAN})
    performance = criterion(result, "annual_predikat")
    assert not performance.met
    assert performance.value == {"2024": "BAIK", "2025": "BUTUH_PERBAIKAN"}
    assert "2025" in performance.missing
    assert performance.next_possible_kp == date(2028, 1, 1)


def test_a_missing_year_is_named_and_older_years_do_not_count():
    result = run(annual={2023: Predikat.BAIK, 2025: Predikat.BAIK})
    performance = criterion(result, "annual_predikat")
    assert not performance.met and "2024" in performance.missing


@pytest.mark.parametrize(
    ("education", "golongan", "eligible"),
    [
        (Education.S1, "III/c", True),  # III/d is exactly the S1 cap
        (Education.S1, "III/d", False),  # IV/a is past it
        (Education.SLTA, "III/a", True),  # III/b is exactly the SLTA cap
        (Education.SLTA, "III/b", False),
        (Education.SD, "I/d", True),  # II/a cap
        (Education.SD, "II/a", False),
        (Education.S3, "IV/a", True),  # IV/b cap
        (Education.S3, "IV/b", False),
    ],
)
def test_the_next_golongan_must_be_within_the_education_cap(education, golongan, eligible):
    result = run(replace(BASE, education=education, golongan=golongan))
    assert criterion(result, "education_cap").met is eligible


def test_ii_d_to_iii_a_without_s1_needs_ujian_dinas_i():
    facts = replace(BASE, golongan="II/d", education=Education.SLTA)
    without = run(facts)
    assert not criterion(without, "ujian_dinas").met and not without.eligible
    exam = PassedExam(TrainingCategory.UJIAN_DINAS_I, date(2025, 6, 1))
    with_exam = run(facts, exams=[exam])
    assert with_exam.eligible and with_exam.exams == ["UJIAN_DINAS_I"]
    # passed after the KP date: does not count yet
    late = PassedExam(TrainingCategory.UJIAN_DINAS_I, date(2026, 4, 2))
    assert not run(facts, exams=[late]).eligible


@pytest.mark.parametrize("education", [Education.S1, Education.D4, Education.S2])
def test_ii_d_to_iii_a_with_s1_or_equivalent_needs_no_exam(education):
    assert run(replace(BASE, golongan="II/d", education=education)).eligible


def test_iii_d_to_iv_a_without_s2_needs_ujian_dinas_ii():
    facts = replace(BASE, golongan="III/d", education=Education.S1)
    assert not criterion(run(facts), "ujian_dinas").met
    exam = PassedExam(TrainingCategory.UJIAN_DINAS_II, date(2025, 6, 1))
    assert criterion(run(facts, exams=[exam]), "ujian_dinas").met
    assert criterion(run(replace(facts, education=Education.S2)), "ujian_dinas").met


def test_the_top_rank_has_no_next_golongan():
    assert not run(replace(BASE, golongan="IV/e", education=Education.S3)).eligible


def test_a_kp_period_under_the_2024_rules_records_that_version_and_looks_at_its_two_years():
    kp = date(2024, 6, 1)
    result = run(
        replace(BASE, golongan_tmt=date(2020, 6, 1)),
        annual={2022: Predikat.BAIK, 2023: Predikat.BAIK},
        kp=kp,
    )
    assert result.eligible and result.rules_version == "KP-REGULER-2024-01-01"
