"""The JP ledger: an employee's year against the target, the shortfall report, mentoring credit."""

from __future__ import annotations

from dataclasses import dataclass

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import MentorshipCompleted
from jenjang_shared.contracts.vocabulary import EmploymentType, TrainingCategory, TrainingMethod
from jenjang_shared.errors import NotFound
from training.domain.jp import PNS_MIN_JP, Target, balance
from training.domain.model import LedgerEntry
from training.service.ports import UnitOfWork


@dataclass(frozen=True)
class YearStatement:
    """An employee's JP of one year: earned by method, committed, and the target's verdict."""

    nip: str
    year: int
    employment_type: EmploymentType | None
    classroom_jp: int
    non_classroom_jp: int
    total_jp: int
    committed_jp: int
    target: Target | None
    shortfall_jp: int | None
    remaining_allowance_jp: int | None
    entries: list[LedgerEntry]


@dataclass(frozen=True)
class Shortfall:
    """A line of the shortfall report: an active PNS/CPNS below the minimum, and by how much."""

    nip: str
    name: str | None
    employment_type: EmploymentType | None
    unit_code: str | None
    total_jp: int
    shortfall_jp: int


async def year_of(uow: UnitOfWork, *, nip: str, year: int, visibility: Visibility) -> YearStatement:
    """Classroom and non-classroom JP (mentoring included) of `year`; PNS/CPNS against the
    minimum (shortfall), PPPK against the maximum (remaining allowance). An employee outside
    the caller's scope is "not known", as an unknown one is."""
    employee = await uow.employees.get(nip, scope=visibility)
    if employee is None:
        raise NotFound(f"employee {nip} is not known to training (no EmployeeRegistered received)")
    entries = await uow.ledger.for_year(nip, year)
    committed = await uow.enrollments.committed_jp(nip, year)
    sums = balance(year, entries, employment_type=employee.employment_type, committed_jp=committed)
    return YearStatement(
        nip=nip,
        year=year,
        employment_type=employee.employment_type,
        classroom_jp=sums.classroom_jp,
        non_classroom_jp=sums.non_classroom_jp,
        total_jp=sums.total_jp,
        committed_jp=sums.committed_jp,
        target=sums.target,
        shortfall_jp=sums.shortfall_jp,
        remaining_allowance_jp=sums.remaining_allowance_jp,
        entries=entries,
    )


async def shortfall_report(
    uow: UnitOfWork,
    *,
    year: int,
    unit_code: str | None,
    visibility: Visibility,
    limit: int,
    offset: int,
) -> tuple[list[Shortfall], int]:
    """Active PNS and CPNS below the yearly minimum, the smallest total first: those the caller
    sees (hr: its units), of `unit_code` when given."""
    rows, total = await uow.ledger.below_minimum(
        year=year,
        minimum=PNS_MIN_JP,
        unit_code=unit_code,
        scope=visibility,
        limit=limit,
        offset=offset,
    )
    lines = [
        Shortfall(
            nip=row.employee.nip,
            name=row.employee.name,
            employment_type=row.employee.employment_type,
            unit_code=row.employee.unit_code,
            total_jp=row.total_jp,
            shortfall_jp=PNS_MIN_JP - row.total_jp,
        )
        for row in rows
    ]
    return lines, total


async def credit_mentoring(uow: UnitOfWork, *, completed: MentorshipCompleted) -> bool:
    """Completed mentoring counts as non-classroom JP for the mentee, dated its completion.
    A credit of 0 JP leaves no entry; a mentorship is credited once (its id is the key).
    True when an entry was added."""
    if completed.jp_credit <= 0:
        return False
    program = f" ({completed.program.value})" if completed.program else ""
    return await uow.ledger.add(
        LedgerEntry(
            nip=completed.mentee_nip,
            source="MENTORING",
            source_ref=completed.mentorship_id,
            title=f"Mentoring{program}",
            training_category=TrainingCategory.MENTORING,
            training_method=TrainingMethod.NONKLASIKAL,
            jp=completed.jp_credit,
            earned_on=completed.completed_on,
        )
    )
