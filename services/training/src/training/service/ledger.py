"""Reads and credits of the JP ledger: a year's balance, the shortfall report, mentoring credit."""

from __future__ import annotations

from dataclasses import dataclass

from jenjang_shared.contracts import MentorshipCompleted
from jenjang_shared.contracts.vocabulary import TrainingCategory, TrainingMethod
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.errors import NotFound
from training.domain.jp import PNS_MIN_JP, YearBalance, balance
from training.domain.model import Employee, LedgerEntry
from training.service.ports import Page, ShortfallRow, Store


@dataclass(frozen=True)
class EmployeeYear:
    employee: Employee
    balance: YearBalance
    entries: list[LedgerEntry]


async def year_of(nip: str, year: int, *, store: Store) -> EmployeeYear:
    """An employee's JP of one year: classroom, non-classroom, target and shortfall."""
    employee = await store.employees.get(nip)
    if employee is None:
        raise NotFound(f"employee {nip} is not known to training (no EmployeeRegistered received)")
    entries = await store.ledger.for_year(nip, year)
    committed = await store.enrollments.committed_jp(nip, year)
    return EmployeeYear(
        employee=employee,
        balance=balance(
            year, entries, employment_type=employee.employment_type, committed_jp=committed
        ),
        entries=entries,
    )


async def shortfall_report(
    *, year: int, unit_code: str | None, limit: int, offset: int, store: Store
) -> Page[ShortfallRow]:
    """Active PNS and CPNS below the yearly minimum, the biggest shortfall first."""
    return await store.ledger.below_minimum(
        year=year, minimum=PNS_MIN_JP, unit_code=unit_code, limit=limit, offset=offset
    )


async def credit_mentoring(event: MentorshipCompleted, *, uow: UnitOfWork, store: Store) -> None:
    """Completed mentoring counts as non-classroom JP for the mentee, dated its completion.
    A credit of 0 JP leaves no entry; a mentorship is credited once (its id is the key)."""
    if event.jp_credit <= 0:
        return
    program = f" ({event.program.value})" if event.program else ""
    await store.ledger.add(
        LedgerEntry(
            nip=event.mentee_nip,
            source="MENTORING",
            source_ref=event.mentorship_id,
            title=f"Mentoring{program}",
            training_category=TrainingCategory.MENTORING,
            training_method=TrainingMethod.NONKLASIKAL,
            jp=event.jp_credit,
            earned_on=event.completed_on,
        )
    )
