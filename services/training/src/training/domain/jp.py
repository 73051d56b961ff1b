"""The yearly JP balance: PNS and CPNS at least 20 JP, PPPK at most 24 JP per contract year
(docs/domain.md, "Training hours (JP)"). The numbers are a dated rule table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from jenjang_shared.contracts.vocabulary import EmploymentType, PositionKind, TrainingMethod
from training.domain.model import Employee, LedgerEntry


@dataclass(frozen=True)
class JpRules:
    """One dated version of the JP targets (a new regulation is a new version)."""

    version: str
    effective_from: date
    effective_to: date | None  # inclusive; None: still in force
    source: str
    pns_min_jp: int
    pppk_max_jp: int
    pppk_exempt_posts: frozenset[PositionKind]  # PPPK in these posts have no cap

    def applies_on(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


JP_RULES: tuple[JpRules, ...] = (
    JpRules(
        version="JP-2018",
        effective_from=date(1900, 1, 1),  # "since ever": no older table is kept
        effective_to=None,
        source=(
            "PP 11/2017 art. 203 (PNS: at least 20 JP a year); PP 49/2018 art. 40 (PPPK: at most "
            "24 JP per contract year; PPPK in a high-leadership post are exempt)"
        ),
        pns_min_jp=20,
        pppk_max_jp=24,
        pppk_exempt_posts=frozenset({PositionKind.JPT}),
    ),
)
PNS_MIN_JP = JP_RULES[-1].pns_min_jp
PPPK_MAX_JP = JP_RULES[-1].pppk_max_jp


def jp_rules_on(day: date) -> JpRules:
    """The JP rules in force on `day`."""
    for rules in JP_RULES:
        if rules.applies_on(day):
            return rules
    raise ValueError(f"no JP rule in force on {day}")


def _anniversary(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February in a common year: the year turns on 1 March
        return date(start.year + years, 3, 1)


def contract_year(contract_start: date, day: date) -> tuple[date, date]:
    """The contract year holding `day`: from an anniversary of the contract's start to the day
    before the next one (inclusive). A day before the start belongs to the first year."""
    years = max(0, day.year - contract_start.year)
    while years > 0 and _anniversary(contract_start, years) > day:
        years -= 1
    first = _anniversary(contract_start, years)
    return first, _anniversary(contract_start, years + 1) - timedelta(days=1)


@dataclass(frozen=True)
class AllowanceWindow:
    """Where a PPPK's JP cap applies: the period it counts over, its cap, the rule's version."""

    first: date
    last: date
    cap: int
    rule_version: str
    by_contract: bool  # False: no contract start known, the calendar year is counted


def pppk_window(employee: Employee, day: date) -> AllowanceWindow | None:
    """The cap that applies to a PPPK on `day` (None: not a PPPK, or exempt by their post)."""
    if employee.employment_type is not EmploymentType.PPPK:
        return None
    rules = jp_rules_on(day)
    if employee.position_kind in rules.pppk_exempt_posts:
        return None
    if employee.contract_start is None:
        return AllowanceWindow(
            date(day.year, 1, 1), date(day.year, 12, 31), rules.pppk_max_jp, rules.version, False
        )
    first, last = contract_year(employee.contract_start, day)
    return AllowanceWindow(first, last, rules.pppk_max_jp, rules.version, True)


class TargetKind(StrEnum):
    MINIMUM = "MINIMUM"  # a right to at least this many JP (PNS, CPNS)
    MAXIMUM = "MAXIMUM"  # a cap of this many JP (PPPK)


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    jp: int


def target_for(employment_type: EmploymentType | None) -> Target | None:
    """PNS/CPNS: at least 20 JP; PPPK: at most 24 JP; unknown type: no target."""
    if employment_type in (EmploymentType.PNS, EmploymentType.CPNS):
        return Target(TargetKind.MINIMUM, PNS_MIN_JP)
    if employment_type is EmploymentType.PPPK:
        return Target(TargetKind.MAXIMUM, PPPK_MAX_JP)
    return None


@dataclass(frozen=True)
class YearBalance:
    year: int
    classroom_jp: int
    non_classroom_jp: int
    committed_jp: int
    target: Target | None

    @property
    def total_jp(self) -> int:
        return self.classroom_jp + self.non_classroom_jp

    @property
    def shortfall_jp(self) -> int | None:
        """JP still missing to reach the minimum (PNS/CPNS); None for PPPK."""
        if self.target is None or self.target.kind is not TargetKind.MINIMUM:
            return None
        return max(0, self.target.jp - self.total_jp)

    @property
    def remaining_allowance_jp(self) -> int | None:
        """JP a PPPK may still enrol for this year (earned and enrolled counted); None for PNS."""
        if self.target is None or self.target.kind is not TargetKind.MAXIMUM:
            return None
        return max(0, self.target.jp - self.total_jp - self.committed_jp)


def balance(
    year: int,
    entries: Iterable[LedgerEntry],
    *,
    employment_type: EmploymentType | None,
    committed_jp: int = 0,
) -> YearBalance:
    """Sum a year's entries by method (classroom vs non-classroom)."""
    classroom = non_classroom = 0
    for entry in entries:
        if entry.earned_on.year != year:
            continue
        if entry.training_method is TrainingMethod.KLASIKAL:
            classroom += entry.jp
        else:
            non_classroom += entry.jp
    return YearBalance(
        year=year,
        classroom_jp=classroom,
        non_classroom_jp=non_classroom,
        committed_jp=committed_jp,
        target=target_for(employment_type),
    )
