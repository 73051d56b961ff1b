"""KP reguler rule data: versioned, with effective dates (docs/domain.md, "KP periods").

Regulations change often, so every number and date of the rule lives here as data. A rule set
is in force on the KP period date it is applied to; every decision records `version`.

Reading of "KP periods by when the proposal is made": a date is a KP period when it is the 1st of
a month listed by the rule set in force ON THAT DATE. So 2023-12-15 -> 2024-02-01 (February is a
period under the 2024 schedule), 2025-09-02 -> 2025-10-01.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from jenjang_shared.contracts.vocabulary import Predikat
from jenjang_shared.errors import InvalidInput

ALL_MONTHS = tuple(range(1, 13))


@dataclass(frozen=True)
class KpRuleSet:
    version: str
    effective_from: date
    effective_to: date | None  # inclusive; None = still in force
    period_months: tuple[int, ...]  # a KP period is the 1st of these months
    years_in_rank: int
    required_predikat: frozenset[Predikat]
    years_looked_at: int

    def applies_on(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


_GOOD = frozenset({Predikat.BAIK, Predikat.SANGAT_BAIK})

KP_RULE_SETS: tuple[KpRuleSet, ...] = (
    KpRuleSet("KP-REGULER-1900-01-01", date(1900, 1, 1), date(2023, 12, 31), (4, 10), 4, _GOOD, 2),
    KpRuleSet(
        "KP-REGULER-2024-01-01",
        date(2024, 1, 1),
        date(2025, 9, 30),
        (2, 4, 6, 8, 10, 12),
        4,
        _GOOD,
        2,
    ),
    KpRuleSet("KP-REGULER-2025-10-01", date(2025, 10, 1), None, ALL_MONTHS, 4, _GOOD, 2),
)


@lru_cache(maxsize=4096)
def rules_on(day: date) -> KpRuleSet:
    """The rule set in force on `day`."""
    for rules in KP_RULE_SETS:
        if rules.applies_on(day):
            return rules
    raise InvalidInput(
        f"no KP rule set in force on {day}: the rules start on {KP_RULE_SETS[0].effective_from}"
    )


def is_kp_period(day: date) -> bool:
    """True when `day` is a KP period date (the 1st of a period month of the rules in force)."""
    return day.day == 1 and day.month in rules_on(day).period_months


@lru_cache(maxsize=4096)
def next_kp_period(on_or_after: date) -> date:
    """The first KP period date on or after `on_or_after`."""
    candidate = on_or_after if on_or_after.day == 1 else _first_of_next_month(on_or_after)
    while not is_kp_period(candidate):
        candidate = _first_of_next_month(candidate)
    return candidate


def _first_of_next_month(day: date) -> date:
    if day >= date.max.replace(day=1):
        raise InvalidInput(f"no KP period after {day}: the calendar ends at {date.max}")
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def add_years(day: date, years: int) -> date:
    """`day` plus whole years; 29 February lands on 1 March when the target year is not leap
    (the anniversary is reached only once 28 February has fully passed)."""
    if not 1 <= day.year + years <= date.max.year:
        raise InvalidInput(f"{day} plus {years} years is outside the calendar")
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)
