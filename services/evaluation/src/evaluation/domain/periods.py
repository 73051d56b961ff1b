"""Evaluation periods: `2025` (ANNUAL), `2025-Q3` or `2025-07` (PERIODIC)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from jenjang_shared.contracts.vocabulary import PeriodType

_ANNUAL = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
EARLIEST_YEAR = 2000


class PeriodError(ValueError):
    """The period text does not fit its type, or lies outside the accepted range."""


@dataclass(frozen=True)
class EvaluationPeriod:
    period_type: PeriodType
    text: str
    starts_on: date
    year: int

    def has_started(self, today: date) -> bool:
        """A period can be evaluated once it has started (its first day is today or earlier)."""
        return self.starts_on <= today


def parse_period(period_type: PeriodType, text: str) -> EvaluationPeriod:
    """Parse and check a period against its type; raise PeriodError with a readable reason."""
    if period_type is PeriodType.ANNUAL:
        match = _ANNUAL.match(text)
        if not match:
            raise PeriodError(f"an ANNUAL period is a year such as '2025', not {text!r}")
        year, month = int(match[1]), 1
    else:
        quarter, monthly = _QUARTER.match(text), _MONTH.match(text)
        if quarter:
            year, month = int(quarter[1]), (int(quarter[2]) - 1) * 3 + 1
        elif monthly:
            year, month = int(monthly[1]), int(monthly[2])
        else:
            raise PeriodError(
                f"a PERIODIC period is a quarter such as '2025-Q3' or a month such as "
                f"'2025-07', not {text!r}"
            )
    if year < EARLIEST_YEAR:
        raise PeriodError(f"periods before {EARLIEST_YEAR} are not accepted")
    return EvaluationPeriod(period_type, text, date(year, month, 1), year)


def parse_any_period(text: str) -> EvaluationPeriod:
    """A period whose type follows from its shape: `2025` ANNUAL, `2025-Q3`/`2025-07` PERIODIC."""
    kind = PeriodType.ANNUAL if _ANNUAL.match(text) else PeriodType.PERIODIC
    return parse_period(kind, text)
