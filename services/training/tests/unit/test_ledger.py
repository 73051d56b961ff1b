"""The JP ledger's reads on the fakes: a year against the target, and the shortfall report."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.contracts.vocabulary import EmploymentType, TrainingCategory, TrainingMethod
from jenjang_shared.errors import NotFound
from training.domain.jp import TargetKind
from training.domain.model import EnrollmentStatus, LedgerEntry
from training.service import ledger

from . import given
from .fakes import FakeUnitOfWork
from .given import EVERYONE, TODAY


async def test_a_pns_year_sums_classroom_and_non_classroom_against_the_minimum() -> None:
    uow = FakeUnitOfWork()
    pns = await given.employee(uow)
    await given.earned(uow, pns.nip, 6)  # mentoring: non-classroom
    await uow.ledger.add(
        LedgerEntry(
            nip=pns.nip,
            source="TRAINING",
            source_ref="e-1",
            title="Teknis",
            training_category=TrainingCategory.TEKNIS,
            training_method=TrainingMethod.KLASIKAL,
            jp=8,
            earned_on=date(TODAY.year, 3, 1),
        )
    )
    await given.earned(uow, pns.nip, 30, on=date(TODAY.year - 1, 6, 1))  # another year

    statement = await ledger.year_of(uow, visibility=EVERYONE, nip=pns.nip, year=TODAY.year)

    assert (statement.classroom_jp, statement.non_classroom_jp, statement.total_jp) == (8, 6, 14)
    assert statement.target is not None and statement.target.kind is TargetKind.MINIMUM
    assert (statement.shortfall_jp, statement.remaining_allowance_jp) == (6, None)
    assert [e.source_ref for e in statement.entries] == ["e-1", statement.entries[1].source_ref]


async def test_a_pppk_year_shows_the_allowance_left_counting_what_is_enrolled() -> None:
    uow = FakeUnitOfWork()
    pppk = await given.employee(uow, employment_type=EmploymentType.PPPK)
    await given.earned(uow, pppk.nip, 10)
    held = await given.session(uow, (await given.course(uow, jp=8)).code)
    await given.enrolment(uow, held, pppk.nip, EnrollmentStatus.WAITLISTED)

    statement = await ledger.year_of(uow, visibility=EVERYONE, nip=pppk.nip, year=TODAY.year)

    assert statement.target is not None and statement.target.kind is TargetKind.MAXIMUM
    assert (statement.total_jp, statement.committed_jp) == (10, 8)
    assert (statement.remaining_allowance_jp, statement.shortfall_jp) == (6, None)


async def test_the_year_of_an_unknown_employee_is_404() -> None:
    with pytest.raises(NotFound, match="not known to training"):
        await ledger.year_of(
            FakeUnitOfWork(), visibility=EVERYONE, nip="198609262015051001", year=2025
        )


async def test_the_shortfall_report_lists_active_pns_and_cpns_below_20_smallest_total_first() -> (
    None
):
    uow = FakeUnitOfWork()
    five = await given.employee(uow, unit_code="DINKES")
    none_yet = await given.employee(uow, employment_type=EmploymentType.CPNS, unit_code="DINKES")
    enough = await given.employee(uow, unit_code="DINKES")
    pppk = await given.employee(uow, employment_type=EmploymentType.PPPK, unit_code="DINKES")
    retired = await given.employee(uow, unit_code="DINKES")
    elsewhere = await given.employee(uow, unit_code="BKD")
    await given.earned(uow, five.nip, 5)
    await given.earned(uow, enough.nip, 20)
    await uow.employees.retire(retired.nip, TODAY)
    assert pppk and elsewhere

    lines, total = await ledger.shortfall_report(
        uow, visibility=EVERYONE, year=TODAY.year, unit_code="DINKES", limit=10, offset=0
    )

    assert total == 2
    assert [(s.nip, s.total_jp, s.shortfall_jp) for s in lines] == [
        (none_yet.nip, 0, 20),
        (five.nip, 5, 15),
    ]
    assert (lines[1].employment_type, lines[1].unit_code) == (EmploymentType.PNS, "DINKES")
    page, count = await ledger.shortfall_report(
        uow, visibility=EVERYONE, year=TODAY.year, unit_code=None, limit=1, offset=1
    )
    assert count == 3 and len(page) == 1
