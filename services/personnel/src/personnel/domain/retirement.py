"""Retirement age (BUP, batas usia pensiun) and the computed retirement date.

BUP (docs/domain.md, "Retirement (BUP)"; UU 20/2023 art. 55, PP 11/2017 art. 239): 58 for
administrator, pengawas and pelaksana; 60 for JPT and ahli madya; 65 for ahli utama; 58 for ahli
pertama, ahli muda and the skilled functional grades (pemula, terampil, mahir, penyelia). A
FUNGSIONAL position recorded without a level gets 58.

Retirement date rule: the first day of the month after the month in which the employee reaches
BUP (born 1986-09-26, BUP 58 -> reaches 58 on 2044-09-26 -> retires 2044-10-01; born on the
1st of a month is no exception: born 1986-09-01 -> 2044-10-01).
"""

from __future__ import annotations

from datetime import date

from jenjang_shared.contracts.vocabulary import FunctionalLevel, PositionKind
from jenjang_shared.errors import InvalidInput

DEFAULT_BUP = 58

BUP_BY_POSITION: dict[PositionKind, int] = {
    PositionKind.JPT: 60,
    PositionKind.ADMINISTRATOR: 58,
    PositionKind.PENGAWAS: 58,
    PositionKind.PELAKSANA: 58,
}

BUP_BY_FUNCTIONAL_LEVEL: dict[FunctionalLevel, int] = {
    FunctionalLevel.AHLI_UTAMA: 65,
    FunctionalLevel.AHLI_MADYA: 60,
    FunctionalLevel.AHLI_MUDA: 58,
    FunctionalLevel.AHLI_PERTAMA: 58,
    FunctionalLevel.PENYELIA: 58,
    FunctionalLevel.MAHIR: 58,
    FunctionalLevel.TERAMPIL: 58,
    FunctionalLevel.PEMULA: 58,
}


def retirement_age(position_kind: PositionKind, functional_level: FunctionalLevel | None) -> int:
    """BUP in years for a position."""
    if position_kind is PositionKind.FUNGSIONAL:
        if functional_level is None:
            return DEFAULT_BUP
        return BUP_BY_FUNCTIONAL_LEVEL[functional_level]
    return BUP_BY_POSITION[position_kind]


def retirement_date(birth_date: date, bup: int) -> date:
    """The first day of the month after the month in which the employee reaches `bup`."""
    year, month = birth_date.year + bup, birth_date.month + 1
    if month == 13:
        year, month = year + 1, 1
    return date(year, month, 1)


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, clamped to the last day of the target month."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    if not 1 <= year <= date.max.year:
        raise InvalidInput(f"{day} plus {months} months is outside the calendar")
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")
