"""Golongan validity, education caps (every row, both sides) and retirement ages and dates."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.contracts.ranks import EDUCATION_RANKS, education_cap, starting_golongan
from jenjang_shared.contracts.vocabulary import (
    PNS_GOLONGAN,
    Education,
    EmploymentType,
    FunctionalLevel,
    PositionKind,
)
from jenjang_shared.errors import InvalidInput
from personnel.domain.ranks import check_golongan, pangkat_of
from personnel.domain.retirement import add_months, retirement_age, retirement_date

# docs/domain.md, "Education: starting rank and the cap of KP reguler", verbatim: the shared
# table personnel checks golongan against.
TABLE = [
    (Education.SD, "I/a", "II/a"),
    (Education.SLTP, "I/c", "II/c"),
    (Education.SLTA, "II/a", "III/b"),
    (Education.D1, "II/a", "III/b"),
    (Education.D2, "II/b", "III/b"),
    (Education.D3, "II/c", "III/c"),
    (Education.S1, "III/a", "III/d"),
    (Education.D4, "III/a", "III/d"),
    (Education.S2, "III/b", "IV/a"),
    (Education.S3, "III/c", "IV/b"),
]


def test_the_table_covers_every_education() -> None:
    assert set(EDUCATION_RANKS) == set(Education)


@pytest.mark.parametrize(("education", "start", "cap"), TABLE)
def test_each_education_has_its_start_and_cap(education: Education, start: str, cap: str) -> None:
    assert starting_golongan(education) == start
    assert education_cap(education) == cap


@pytest.mark.parametrize(("education", "start", "cap"), TABLE)
@pytest.mark.parametrize("employment_type", [EmploymentType.PNS, EmploymentType.CPNS])
def test_the_cap_is_allowed_and_the_rank_above_it_is_not(
    education: Education, start: str, cap: str, employment_type: EmploymentType
) -> None:
    check_golongan(cap, employment_type=employment_type, education=education)
    check_golongan(start, employment_type=employment_type, education=education)
    above = PNS_GOLONGAN[PNS_GOLONGAN.index(cap) + 1]
    with pytest.raises(InvalidInput, match=f"above the cap {cap}") as failure:
        check_golongan(above, employment_type=employment_type, education=education)
    assert failure.value.field == "golongan"


@pytest.mark.parametrize(
    ("golongan", "employment_type", "ok"),
    [
        ("I", EmploymentType.PPPK, True),
        ("XVII", EmploymentType.PPPK, True),
        ("III/a", EmploymentType.PPPK, False),
        ("V", EmploymentType.PNS, False),
        ("V", EmploymentType.CPNS, False),
        ("I/a", EmploymentType.CPNS, True),
    ],
)
def test_a_golongan_must_fit_the_employment_type(
    golongan: str, employment_type: EmploymentType, ok: bool
) -> None:
    if ok:
        check_golongan(golongan, employment_type=employment_type, education=Education.SD)
    else:
        with pytest.raises(InvalidInput):
            check_golongan(golongan, employment_type=employment_type, education=Education.SD)


def test_pppk_golongan_have_no_education_cap() -> None:
    check_golongan("XVII", employment_type=EmploymentType.PPPK, education=Education.SD)


def test_pangkat_titles_follow_the_table() -> None:
    assert pangkat_of("I/a") == "Juru Muda"
    assert pangkat_of("III/a") == "Penata Muda"
    assert pangkat_of("IV/e") == "Pembina Utama"
    assert pangkat_of("IX") is None


BUP = [
    (PositionKind.ADMINISTRATOR, None, 58),
    (PositionKind.PENGAWAS, None, 58),
    (PositionKind.PELAKSANA, None, 58),
    (PositionKind.JPT, None, 60),
    (PositionKind.FUNGSIONAL, FunctionalLevel.AHLI_MADYA, 60),
    (PositionKind.FUNGSIONAL, FunctionalLevel.AHLI_UTAMA, 65),
    (PositionKind.FUNGSIONAL, FunctionalLevel.AHLI_PERTAMA, 58),
    (PositionKind.FUNGSIONAL, FunctionalLevel.AHLI_MUDA, 58),
    (PositionKind.FUNGSIONAL, FunctionalLevel.PEMULA, 58),
    (PositionKind.FUNGSIONAL, FunctionalLevel.TERAMPIL, 58),
    (PositionKind.FUNGSIONAL, FunctionalLevel.MAHIR, 58),
    (PositionKind.FUNGSIONAL, FunctionalLevel.PENYELIA, 58),
    (PositionKind.FUNGSIONAL, None, 58),
]


@pytest.mark.parametrize(("kind", "level", "age"), BUP)
def test_retirement_age_follows_the_position(
    kind: PositionKind, level: FunctionalLevel | None, age: int
) -> None:
    assert retirement_age(kind, level) == age


@pytest.mark.parametrize(
    ("birth", "bup", "expected"),
    [
        (date(1986, 9, 26), 58, date(2044, 10, 1)),
        (date(1986, 9, 1), 58, date(2044, 10, 1)),
        (date(1986, 9, 30), 58, date(2044, 10, 1)),
        (date(1986, 12, 5), 58, date(2045, 1, 1)),
        (date(1988, 2, 29), 58, date(2046, 3, 1)),
        (date(1970, 1, 15), 65, date(2035, 2, 1)),
    ],
)
def test_retirement_is_the_first_day_of_the_month_after_reaching_bup(
    birth: date, bup: int, expected: date
) -> None:
    assert retirement_date(birth, bup) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 11, 28), 12, date(2027, 11, 28)),
        (date(2026, 11, 28), 0, date(2026, 11, 28)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),
    ],
)
def test_months_are_added_clamped_to_the_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected
