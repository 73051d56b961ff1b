"""The reads with a rule: one employee or proposal (404 when none), and the retirement
forecast's horizon."""

from __future__ import annotations

from datetime import date

import pytest

from jenjang_shared.errors import NotFound
from jenjang_testing import builders
from personnel.adapters.postgres.queries import ORDER_BY
from personnel.service.ports import EMPLOYEE_SORTS
from personnel.service.reads import employee_of, proposal_of, retiring_soon

from .fakes import FakeUnitOfWork, with_employee


async def test_one_employee_or_404() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow)
    assert await employee_of(uow, nip=employee.nip) == employee
    with pytest.raises(NotFound, match="no employee with NIP"):
        await employee_of(uow, nip=builders.new_nip())


async def test_one_proposal_or_404() -> None:
    with pytest.raises(NotFound, match="no promotion proposal"):
        await proposal_of(FakeUnitOfWork(), proposal_id="00000000-0000-0000-0000-000000000000")


async def test_the_forecast_reaches_as_of_plus_the_months() -> None:
    uow = FakeUnitOfWork()
    # Born December 1968 and May 1969: BUP 58 on 2027-01-01 and 2027-06-01.
    soon = await with_employee(uow, birth_date=date(1968, 12, 10))
    later = await with_employee(uow, birth_date=date(1969, 5, 3))

    async def within(months: int) -> list[str]:
        found, total = await retiring_soon(
            uow, as_of=date(2026, 11, 28), within_months=months, limit=50, offset=0
        )
        assert total == len(found)
        return [e.nip for e in found]

    assert await within(1) == []
    assert await within(2) == [soon.nip]
    assert await within(7) == [soon.nip, later.nip]


def test_every_sort_key_of_the_api_has_its_order() -> None:
    assert set(ORDER_BY) == set(EMPLOYEE_SORTS)
