"""Retirement age (BUP, batas usia pensiun) as dated data, and the computed retirement date.

BUP (docs/domain.md, "Retirement (BUP)"; UU 20/2023 art. 55, PP 11/2017 art. 239): 58 for
administrator, pengawas and pelaksana; 60 for JPT and ahli madya; 65 for ahli utama; 58 for ahli
pertama, ahli muda and the skilled functional grades (pemula, terampil, mahir, penyelia). A
FUNGSIONAL position recorded without a level gets 58. Where a law sets the post's own age it wins
(PP 11/2017 art. 240): the catalogue's age (teachers 60, lecturers 65).

Retirement date rule: the first day of the month after the month in which the employee reaches
BUP (born 1986-09-26, BUP 58 -> reaches 58 on 2044-09-26 -> retires 2044-10-01; born on the
1st of a month is no exception: born 1986-09-01 -> 2044-10-01).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jenjang_shared.contracts.vocabulary import FunctionalLevel, PositionKind
from jenjang_shared.errors import InvalidInput
from personnel.domain.functional_positions import grade_of


@dataclass(frozen=True)
class RetirementRules:
    """One dated version of the general retirement ages (a new regulation is a new version)."""

    version: str
    effective_from: date
    effective_to: date | None  # inclusive; None: still in force
    source: str
    by_position: dict[PositionKind, int]
    by_functional_level: dict[FunctionalLevel, int]
    default_functional: int  # a FUNGSIONAL post recorded without its grade

    def applies_on(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


RETIREMENT_RULES: tuple[RetirementRules, ...] = (
    RetirementRules(
        version="BUP-2017",
        # PP 11/2017 was promulgated on 7 April 2017; earlier dates use the same ages (the
        # code keeps no older table: 1900-01-01 is "since ever").
        effective_from=date(1900, 1, 1),
        effective_to=None,
        source="UU 20/2023 art. 55; PP 11/2017 art. 239",
        by_position={
            PositionKind.JPT: 60,
            PositionKind.ADMINISTRATOR: 58,
            PositionKind.PENGAWAS: 58,
            PositionKind.PELAKSANA: 58,
        },
        by_functional_level={
            FunctionalLevel.AHLI_UTAMA: 65,
            FunctionalLevel.AHLI_MADYA: 60,
            FunctionalLevel.AHLI_MUDA: 58,
            FunctionalLevel.AHLI_PERTAMA: 58,
            FunctionalLevel.PENYELIA: 58,
            FunctionalLevel.MAHIR: 58,
            FunctionalLevel.TERAMPIL: 58,
            FunctionalLevel.PEMULA: 58,
        },
        default_functional=58,
    ),
)

# The newest version: the projected retirement date of a record uses the rule in force now.
CURRENT_RULES = RETIREMENT_RULES[-1]
DEFAULT_BUP = CURRENT_RULES.default_functional
BUP_BY_POSITION = CURRENT_RULES.by_position
BUP_BY_FUNCTIONAL_LEVEL = CURRENT_RULES.by_functional_level


def retirement_rules_on(day: date) -> RetirementRules:
    """The version of the general retirement ages in force on `day`."""
    for rules in RETIREMENT_RULES:
        if rules.applies_on(day):
            return rules
    raise InvalidInput(f"no retirement rule in force on {day}")


@dataclass(frozen=True)
class RetirementAge:
    """A BUP, the version of the rule that set it and its source."""

    years: int
    rule_version: str
    source: str


def retirement_age_of(
    position_kind: PositionKind,
    functional_level: FunctionalLevel | None,
    functional_position: str | None = None,
    *,
    rules: RetirementRules = CURRENT_RULES,
) -> RetirementAge:
    """BUP of a post: a law's age for the JF (PP 11/2017 art. 240: teachers 60, lecturers 65)
    wins over the general age of the grade (art. 239)."""
    if position_kind is PositionKind.FUNGSIONAL:
        if functional_position is not None:
            grade = grade_of(functional_position, functional_level)
            if grade.retirement_age is not None:
                law = grade.sources[-1]
                return RetirementAge(
                    grade.retirement_age, f"{rules.version}+{functional_position}", law
                )
        if functional_level is None:
            return RetirementAge(rules.default_functional, rules.version, rules.source)
        return RetirementAge(
            rules.by_functional_level[functional_level], rules.version, rules.source
        )
    return RetirementAge(rules.by_position[position_kind], rules.version, rules.source)


def retirement_age(
    position_kind: PositionKind,
    functional_level: FunctionalLevel | None,
    functional_position: str | None = None,
) -> int:
    """BUP in years for a post."""
    return retirement_age_of(position_kind, functional_level, functional_position).years


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
