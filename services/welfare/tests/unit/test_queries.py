"""Read use cases on the fakes: an employee's entitlements on a day, a monthly statement."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import Event
from jenjang_shared.contracts.vocabulary import Allowance
from jenjang_shared.errors import NotFound
from jenjang_testing import builders
from jenjang_testing.fakes import handled_on
from welfare.domain.statements import Month
from welfare.entrypoints.events import HANDLERS
from welfare.service.queries import entitlements_as_of, monthly_statement

from .fakes import FakeUnitOfWork

AS_ADMIN = {"visibility": Visibility.unrestricted(), "reader_nip": None}


@pytest.fixture
async def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


async def deliver(uow: FakeUnitOfWork, *events: Event) -> None:
    for event in events:
        uow.handled = handled_on(date(2025, 6, 1))
        await HANDLERS[type(event)](event, uow)
    uow.handled = None


async def test_the_entitlements_on_a_day_with_welfare_s_view_and_the_history(uow):
    registration = builders.employee_registered(golongan="III/d", job_class=None)
    nip = registration.nip
    promotion = builders.employee_promoted(
        nip, from_golongan="III/d", to_golongan="IV/a", tmt=date(2025, 4, 1)
    )
    await deliver(uow, registration, promotion)
    view = await entitlements_as_of(uow, nip=nip, as_of=date(2025, 4, 1), **AS_ADMIN)
    assert view.employee.golongan == "IV/a"
    assert (view.employee.rank_group, view.employee.job_class, view.employee.job_class_used) == (
        "IV",
        None,
        9,
    )
    assert {r.allowance: r.amount_idr for r in view.entitlements} == {
        Allowance.TPP: 4_042_000,
        Allowance.HOUSING: 1_300_000,
        Allowance.TRANSPORT: 1_400_000,
    }
    assert view.total_idr == 4_042_000 + 1_300_000 + 1_400_000
    assert [(r.allowance.value, r.effective_from) for r in view.history] == [
        ("HOUSING", date(2024, 1, 1)),
        ("HOUSING", date(2025, 4, 1)),
        ("TPP", date(2024, 1, 1)),
        ("TPP", date(2025, 4, 1)),  # the fallback job class of group IV (9) replaces III's (7)
        ("TRANSPORT", date(2024, 1, 1)),
        ("TRANSPORT", date(2025, 4, 1)),
    ]
    before_policies = await entitlements_as_of(uow, nip=nip, as_of=date(2023, 1, 1), **AS_ADMIN)
    assert (before_policies.entitlements, before_policies.total_idr) == ([], 0)


async def test_the_entitlements_of_an_employee_not_registered_yet_are_a_404(uow):
    early = builders.evaluation_recorded(period="2024")
    await deliver(uow, early)
    for nip in (early.nip, builders.new_nip()):
        with pytest.raises(NotFound):
            await entitlements_as_of(uow, nip=nip, as_of=date(2025, 1, 1), **AS_ADMIN)


async def test_a_statement_pro_rates_a_mid_month_change_and_follows_the_unit_on_the_last_day(
    uow,
):
    promoted = builders.employee_registered(golongan="III/d", unit_code="UNIT_A")
    steady = builders.employee_registered(
        golongan="II/c", unit_code="UNIT_A", work_location="KAB_GARUT", job_class=None
    )
    left = builders.employee_registered(unit_code="UNIT_A")
    retired = builders.employee_registered(unit_code="UNIT_A")
    await deliver(
        uow,
        promoted,
        builders.employee_promoted(
            promoted.nip, from_golongan="III/d", to_golongan="IV/a", tmt=date(2025, 5, 10)
        ),
        steady,
        left,
        builders.employee_transferred(
            left.nip, to_unit_code="ELSEWHERE", effective_date=date(2025, 5, 20)
        ),
        retired,
        builders.employee_retired(retired.nip, retirement_date=date(2025, 5, 1)),
    )
    statement = await monthly_statement(uow, month=Month(2025, 5), unit_code="UNIT_A", **AS_ADMIN)
    by_nip = {e.nip: e for e in statement.employees}
    assert set(by_nip) == {promoted.nip, steady.nip}
    housing = next(a for a in by_nip[promoted.nip].allowances if a.allowance is Allowance.HOUSING)
    assert [(s.start, s.days, s.amount_idr) for s in housing.segments] == [
        (date(2025, 5, 1), 9, 261_290),
        (date(2025, 5, 10), 22, 922_581),
    ]
    assert by_nip[promoted.nip].total_idr == 6_538_774
    assert by_nip[steady.nip].total_idr == 1_739_000 + 600_000 + 850_000
    assert statement.total_idr == 6_538_774 + 3_189_000
    everyone = await monthly_statement(uow, month=Month(2025, 5), unit_code=None, **AS_ADMIN)
    assert {e.nip for e in everyone.employees} == {promoted.nip, steady.nip, left.nip}


async def test_a_statement_of_a_unit_nobody_was_in_is_empty(uow):
    statement = await monthly_statement(uow, month=Month(2025, 5), unit_code="NOBODY", **AS_ADMIN)
    assert (statement.employees, statement.total_idr) == ([], 0)
