"""Monthly statements: what is due for a calendar month, pro-rated by days.

Rounding rule: a month is cut into segments where one amount is in force; each segment is due
`monthly amount × days in the segment / days in the month`, rounded half up to a whole rupiah
(exact integer arithmetic), and an allowance's due amount is the sum of its segments.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from jenjang_shared.contracts.vocabulary import Allowance
from welfare.domain.entitlements import Entitlement, in_force
from welfare.domain.money import share_half_up


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        year, month = text.split("-")
        return cls(int(year), int(month))

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    @property
    def last(self) -> date:
        return date(self.year, self.month, self.days)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Segment:
    start: date
    end: date
    monthly_amount_idr: int
    amount_idr: int
    policy_version: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class AllowanceDue:
    allowance: Allowance
    amount_idr: int
    segments: list[Segment]


@dataclass(frozen=True)
class EmployeeStatement:
    nip: str
    unit_code: str | None
    golongan: str | None
    allowances: list[AllowanceDue]

    @property
    def total_idr(self) -> int:
        return sum(a.amount_idr for a in self.allowances)


@dataclass(frozen=True)
class Statement:
    month: Month
    unit_code: str | None
    employees: list[EmployeeStatement] = field(default_factory=list)

    def total_by_allowance(self) -> dict[Allowance, int]:
        totals = dict.fromkeys(Allowance, 0)
        for employee in self.employees:
            for due in employee.allowances:
                totals[due.allowance] += due.amount_idr
        return totals

    @property
    def total_idr(self) -> int:
        return sum(e.total_idr for e in self.employees)


def allowance_due(allowance: Allowance, rows: Sequence[Entitlement], month: Month) -> AllowanceDue:
    """Pro-rate one allowance over `month` from its dated rows."""
    own = [r for r in rows if r.allowance is allowance]
    starts = sorted(
        {month.first}
        | {r.effective_from for r in own if month.first < r.effective_from <= month.last}
    )
    segments: list[Segment] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] - timedelta(days=1) if index + 1 < len(starts) else month.last
        row = in_force(own, start)
        monthly = row.amount_idr if row else 0
        if monthly == 0:
            continue
        days = (end - start).days + 1
        segments.append(
            Segment(
                start=start,
                end=end,
                monthly_amount_idr=monthly,
                amount_idr=share_half_up(monthly, days, month.days),
                policy_version=row.policy_version if row else "",
            )
        )
    return AllowanceDue(allowance, sum(s.amount_idr for s in segments), segments)


def employee_statement(
    nip: str, unit_code: str | None, golongan: str | None, rows: Iterable[Entitlement], month: Month
) -> EmployeeStatement:
    listed = list(rows)
    return EmployeeStatement(
        nip=nip,
        unit_code=unit_code,
        golongan=golongan,
        allowances=[allowance_due(a, listed, month) for a in Allowance],
    )
