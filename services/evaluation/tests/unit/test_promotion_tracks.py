"""The three promotion tracks and the pension date, table-driven on both sides of every edge,
each row naming its source (docs/domain.md, "Promotion tracks", "Functional credit points",
"Retirement (BUP)")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from evaluation.domain.credit_points import CreditStart, accumulate
from evaluation.domain.eligibility import EmployeeFacts, assess, track_of, years_needed
from evaluation.domain.kp_rules import rules_on
from evaluation.service.promotion import recommend_eligible
from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    FunctionalLevel,
    PositionKind,
    Predikat,
    PromotionTrack,
    Rating,
)

from .fakes import FakeUnitOfWork
from .scenarios import annual

L = FunctionalLevel
P = PositionKind
KP = date(2026, 12, 1)
TWO_GOOD = {2024: Predikat.BAIK, 2025: Predikat.BAIK}
TWO_GREAT = {2024: Predikat.SANGAT_BAIK, 2025: Predikat.SANGAT_BAIK}
PELAKSANA = EmployeeFacts(
    nip="198609262015051001",
    employment_type=EmploymentType.PNS,
    golongan="III/a",
    golongan_tmt=date(2022, 12, 1),
    education=Education.S1,
    position_kind=P.PELAKSANA,
)


def jf(level: FunctionalLevel, golongan: str, tmt: date, **kw: object) -> EmployeeFacts:
    return replace(
        PELAKSANA,
        position_kind=P.FUNGSIONAL,
        functional_level=level,
        functional_position=str(kw.pop("code", "ANALIS_KEBIJAKAN")),
        golongan=golongan,
        golongan_tmt=tmt,
        **kw,  # type: ignore[arg-type]
    )


def run(facts: EmployeeFacts, annual_predikat: dict[int, Predikat], kp: date = KP):
    return assess(facts, dict(annual_predikat), [], kp, rules_on(kp))


def criterion(result, name):  # type: ignore[no-untyped-def]
    return next(c for c in result.criteria if c.name == name)


@pytest.mark.parametrize(
    ("kind", "track", "source"),
    [
        (P.PELAKSANA, PromotionTrack.REGULER, "PP 99/2000 art. 7: KP reguler is the pelaksana's"),
        (None, PromotionTrack.REGULER, "a post not known yet: the legacy reading"),
        (P.FUNGSIONAL, PromotionTrack.ANGKA_KREDIT, "PermenPANRB 1/2023: JF by angka kredit"),
        (P.ADMINISTRATOR, PromotionTrack.PILIHAN, "PP 99/2000: KP pilihan, structural posts"),
        (P.PENGAWAS, PromotionTrack.PILIHAN, "PP 99/2000: KP pilihan, structural posts"),
        (P.JPT, PromotionTrack.PILIHAN, "PP 99/2000: KP pilihan, structural posts"),
    ],
)
def test_the_post_chooses_the_track(kind: PositionKind | None, track: PromotionTrack, source: str):
    assert track_of(kind) is track


# (facts, eligible, source) -- every row a PNS with 4 years in rank and two BAIK years on KP.
PENSION = [
    (replace(PELAKSANA, pension_date=date(2026, 12, 1)), False,
     "PP 11/2017 art. 239: the pension date is the KP period"),
    (replace(PELAKSANA, pension_date=date(2026, 12, 2)), True, "the day after the KP period"),
    (replace(PELAKSANA, pension_date=date(2026, 11, 30)), False, "the day before the KP period"),
    # No date from personnel: computed from the birth date under the general BUP (58).
    (replace(PELAKSANA, birth_date=date(1968, 11, 15)), False, "58 in Nov 2026: pension 2026-12-01"),
    (replace(PELAKSANA, birth_date=date(1968, 12, 1)), True, "58 in Dec 2026: pension 2027-01-01"),
]  # fmt: skip


@pytest.mark.parametrize(("facts", "eligible", "source"), PENSION)
def test_nothing_is_recommended_on_or_after_the_pension_date(
    facts: EmployeeFacts, eligible: bool, source: str
):
    result = run(facts, TWO_GOOD)
    assert criterion(result, "pns_not_retired").met is eligible
    assert result.eligible is eligible


def test_a_teachers_pension_date_from_personnel_wins_over_the_general_age():
    # Born 1966-11-15: 58 in 2024 (general), but a teacher retires at 60 (UU 14/2005 art. 30(4)).
    teacher = replace(
        jf(L.AHLI_MUDA, "III/c", date(2022, 12, 1), code="GURU"),
        birth_date=date(1966, 11, 15),
        pension_date=date(2026, 12, 1),
        pension_rule="BUP-2017+GURU",
    )
    result = run(teacher, TWO_GREAT)
    assert (result.pension_date, result.rule_versions["retirement"]) == (
        date(2026, 12, 1),
        "BUP-2017+GURU",
    )
    assert not criterion(result, "pns_not_retired").met
    assert run(replace(teacher, pension_date=date(2027, 1, 1)), TWO_GREAT).pension_date == date(
        2027, 1, 1
    )


# (facts, annual, eligible, source): TMT 2023-01-01, an initial PAK dated 2023-12-31, then the
# 2024 and 2025 predikat converted (PermenPANRB 1/2023: coefficient x percentage).
T23 = date(2023, 1, 1)
PAK = date(2023, 12, 31)
CREDIT = [
    (jf(L.AHLI_PERTAMA, "III/a", T23, credit_start=CreditStart(Decimal("12.5"), PAK, "PAK 1")),
     TWO_GREAT, True, "12.5 + 18.75 + 18.75 = 50: exactly Ahli Pertama's minimum 50"),
    (jf(L.AHLI_PERTAMA, "III/a", T23, credit_start=CreditStart(Decimal("12.499"), PAK, "PAK 1")),
     TWO_GREAT, False, "49.999: just below the minimum 50"),
    (jf(L.AHLI_MUDA, "III/c", T23, credit_start=CreditStart(Decimal("25"), PAK, "PAK 2")),
     TWO_GREAT, True, "25 + 37.5 + 37.5 = 100: Ahli Muda's minimum 100"),
    (jf(L.AHLI_MUDA, "III/c", T23, credit_start=CreditStart(Decimal("24.999"), PAK, "PAK 2")),
     TWO_GREAT, False, "99.999: below Ahli Muda's 100"),
    (jf(L.TERAMPIL, "II/b", T23, credit_start=CreditStart(Decimal("5"), PAK, "PAK 3")),
     TWO_GREAT, True, "5 + 7.5 + 7.5 = 20: Terampil's minimum 20"),
    (jf(L.AHLI_PERTAMA, "III/a", T23), TWO_GREAT, False,
     "2023 has no annual evaluation: 37.5 < 50 without the PAK"),
    (jf(L.AHLI_PERTAMA, "III/a", T23),
     {2023: Predikat.SANGAT_BAIK, 2024: Predikat.SANGAT_BAIK, 2025: Predikat.BAIK}, True,
     "18.75 + 18.75 + 12.5 = 50 from three annual predikat"),
]  # fmt: skip


@pytest.mark.parametrize(("facts", "annual_predikat", "eligible", "source"), CREDIT)
def test_a_jf_holder_is_promoted_by_cumulative_angka_kredit(
    facts: EmployeeFacts, annual_predikat: dict[int, Predikat], eligible: bool, source: str
):
    result = run(facts, annual_predikat)
    assert result.track is PromotionTrack.ANGKA_KREDIT
    assert criterion(result, "angka_kredit").met is eligible
    assert result.eligible is eligible
    assert result.rule_versions["angka_kredit"] == "AK-PERMENPANRB-1-2023"


@pytest.mark.parametrize(
    ("facts", "met", "source"),
    [
        (jf(L.AHLI_PERTAMA, "III/a", T23), True, "III/b is within Ahli Pertama III/a-III/b"),
        (jf(L.AHLI_PERTAMA, "III/b", T23), False, "III/b is the ceiling: III/c needs jenjang"),
        (jf(L.AHLI_MADYA, "IV/b", T23), True, "IV/c is within Ahli Madya IV/a-IV/c"),
        (jf(L.AHLI_MADYA, "IV/c", T23), False, "IV/c is Ahli Madya's ceiling"),
        (jf(L.PENYELIA, "III/d", T23), False, "III/d is Penyelia's ceiling: no higher grade"),
    ],
)
def test_the_grade_caps_the_rank_and_says_what_kenaikan_jenjang_needs(
    facts: EmployeeFacts, met: bool, source: str
):
    found = criterion(run(facts, TWO_GREAT), "grade_ceiling")
    assert found.met is met
    if facts.functional_level is L.AHLI_PERTAMA and not met:
        assert "kenaikan jenjang to AHLI_MUDA (cumulative AK 100" in (found.missing or "")


def test_the_ak_of_a_partial_year_and_before_the_conversion_rules():
    # TMT 2024-07-01: 6 months of 2024 at BAIK = 6.25 (PerBKN 3/2023: proportional months).
    half = accumulate(
        level=L.AHLI_PERTAMA,
        rank_tmt=date(2024, 7, 1),
        annual={2024: Predikat.BAIK},
        start=None,
        until=KP,
    )
    assert half.per_year == {2024: Decimal("6.250")}
    # 2021-2022 predate PermenPANRB 1/2023: no conversion rule, so only 2023 on counts.
    old = accumulate(
        level=L.AHLI_PERTAMA,
        rank_tmt=date(2021, 1, 1),
        annual={2021: Predikat.BAIK, 2022: Predikat.BAIK, 2023: Predikat.BAIK},
        start=None,
        until=KP,
    )
    assert (old.per_year, old.cumulative) == ({2023: Decimal("12.500")}, Decimal("12.500"))
    # A PAK older than the rank's TMT is of an earlier rank: it does not count.
    stale = accumulate(
        level=L.AHLI_PERTAMA,
        rank_tmt=date(2024, 1, 1),
        annual={},
        start=CreditStart(Decimal("40"), date(2023, 12, 31), "PAK 0"),
        until=KP,
    )
    assert stale.cumulative == 0


def test_a_lecturers_ak_is_not_converted_from_the_predikat():
    found = criterion(
        run(jf(L.AHLI_PERTAMA, "III/a", T23, code="DOSEN"), TWO_GREAT), "angka_kredit"
    )
    assert (found.met, "not encoded" in (found.missing or "")) == (False, True)


def test_a_jf_holder_reads_every_year_of_the_rank():
    assert years_needed(jf(L.AHLI_PERTAMA, "III/a", date(2022, 4, 1)), KP, rules_on(KP)) == [
        2022, 2023, 2024, 2025,
    ]  # fmt: skip
    assert years_needed(PELAKSANA, KP, rules_on(KP)) == [2024, 2025]


# (facts, eligible, source): 4 years in rank, two BAIK years; the education cap does not apply.
def structural(kind: PositionKind, golongan: str) -> EmployeeFacts:
    return replace(PELAKSANA, position_kind=kind, golongan=golongan)


@pytest.mark.parametrize(
    ("facts", "eligible", "source"),
    [
        (structural(P.ADMINISTRATOR, "IV/a"), True, "PP 13/2002: III.a up to IV/b (S1: over cap)"),
        (structural(P.ADMINISTRATOR, "IV/b"), False, "IV/c is above III.a's IV/b"),
        (structural(P.PENGAWAS, "III/c"), True, "PP 13/2002: IV.a up to III/d"),
        (structural(P.PENGAWAS, "III/d"), False, "IV/a is above IV.a's III/d"),
        (structural(P.JPT, "IV/d"), True, "PP 13/2002: I.a/I.b up to IV/e"),
        (structural(P.JPT, "IV/e"), False, "IV/e has no next golongan"),
    ],
)
def test_kp_pilihan_stays_within_the_posts_range(facts: EmployeeFacts, eligible: bool, source: str):
    result = run(facts, TWO_GOOD)
    assert result.track is PromotionTrack.PILIHAN
    assert criterion(result, "post_rank_range").met is eligible
    assert result.eligible is eligible
    assert "education_cap" not in {c.name for c in result.criteria}


def test_kp_pilihan_still_needs_four_years_and_two_good_years():
    short = replace(structural(P.ADMINISTRATOR, "IV/a"), golongan_tmt=date(2022, 12, 2))
    assert not criterion(run(short, TWO_GOOD), "years_in_rank").met
    weak = {2024: Predikat.BAIK, 2025: Predikat.BUTUH_PERBAIKAN}
    assert not run(structural(P.ADMINISTRATOR, "IV/a"), weak).eligible


def test_pelaksana_keeps_the_kp_reguler_criteria():
    names = [c.name for c in run(PELAKSANA, TWO_GOOD).criteria]
    assert names == ["pns_not_retired", "years_in_rank", "annual_predikat", "education_cap",
                     "ujian_dinas"]  # fmt: skip


async def test_the_recommendation_names_the_jf_track_its_ak_and_rule_versions():
    uow = FakeUnitOfWork()
    holder = jf(
        L.AHLI_PERTAMA, "III/a", T23, credit_start=CreditStart(Decimal("20"), PAK, "PAK 800/1")
    )
    await uow.employees.register(holder)
    for year in (2024, 2025):
        await uow.evaluations.add(annual(holder.nip, year, Rating.DI_ATAS, Rating.DI_ATAS))
    assert await recommend_eligible(uow, employees=[holder], kp_period=KP) == 1
    [event] = uow.published
    assert (event.track, event.to_golongan) == (PromotionTrack.ANGKA_KREDIT, "III/b")
    credit = event.evidence.credit_points
    assert credit is not None
    assert (credit.start, credit.cumulative, credit.required) == (
        Decimal("20"),
        Decimal("57.500"),
        Decimal("50"),
    )
    assert credit.per_year == {"2024": Decimal("18.750"), "2025": Decimal("18.750")}
    assert credit.start_source == "PAK 800/1"
    assert event.evidence.rank_range == ["III/a", "III/b"]
    assert event.evidence.rule_versions["angka_kredit"] == "AK-PERMENPANRB-1-2023"
    assert all(c.met for c in event.evidence.criteria)
    assert {c.name for c in event.evidence.criteria} == {
        "pns_not_retired", "grade_ceiling", "angka_kredit",
    }  # fmt: skip
