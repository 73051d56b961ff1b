"""The projected pension date (TMT pensiun) the promotion engine checks a KP period against.

docs/domain.md, "Retirement (BUP)". Personnel publishes the date under the rule of the post
(a law's age for the JF wins, PP 11/2017 art. 240: teachers 60, lecturers 65) with the rule's
version; evaluation uses it as given. For an employee registered before personnel published it,
evaluation computes it from the birth date under the general ages (PP 11/2017 art. 239), so it
never recommends a KP dated on or after retirement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jenjang_shared.contracts.vocabulary import FunctionalLevel, PositionKind

GENERAL_RULE_VERSION = "BUP-2017"
GENERAL_RULE_SOURCE = "UU 20/2023 art. 55; PP 11/2017 art. 239"
GENERAL_BUP_BY_POSITION: dict[PositionKind, int] = {
    PositionKind.JPT: 60,
    PositionKind.ADMINISTRATOR: 58,
    PositionKind.PENGAWAS: 58,
    PositionKind.PELAKSANA: 58,
}
GENERAL_BUP_BY_LEVEL: dict[FunctionalLevel, int] = {
    FunctionalLevel.AHLI_UTAMA: 65,
    FunctionalLevel.AHLI_MADYA: 60,
}
DEFAULT_BUP = 58


@dataclass(frozen=True)
class PensionDate:
    on: date
    rule_version: str


def general_bup(position_kind: PositionKind | None, level: FunctionalLevel | None) -> int:
    """The general BUP of a post (no law of the JF known here)."""
    if position_kind is PositionKind.FUNGSIONAL:
        return GENERAL_BUP_BY_LEVEL.get(level, DEFAULT_BUP) if level else DEFAULT_BUP
    if position_kind is None:
        return DEFAULT_BUP
    return GENERAL_BUP_BY_POSITION[position_kind]


def pension_on(birth_date: date, bup: int) -> date:
    """The first day of the month after the month in which `bup` is reached."""
    year, month = birth_date.year + bup, birth_date.month + 1
    if month == 13:
        year, month = year + 1, 1
    return date(year, month, 1)


def projected_pension(
    *,
    published: date | None,
    published_rule: str | None,
    birth_date: date | None,
    position_kind: PositionKind | None,
    level: FunctionalLevel | None,
) -> PensionDate | None:
    """Personnel's date when it sent one, else the general rule's from the birth date."""
    if published is not None:
        return PensionDate(published, published_rule or "personnel")
    if birth_date is None:
        return None
    return PensionDate(
        pension_on(birth_date, general_bup(position_kind, level)), GENERAL_RULE_VERSION
    )
