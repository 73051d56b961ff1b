"""The reads with a rule: one employee or proposal (404 when none), and the retirement
forecast's horizon."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from jenjang_shared.access import Visibility
from jenjang_shared.errors import NotFound
from jenjang_testing import builders
from personnel.adapters.postgres.queries import ORDER_BY
from personnel.service.ports import EMPLOYEE_SORTS, EmployeeFilter
from personnel.service.reads import (
    employee_of,
    history_of,
    proposal_of,
    proposals,
    ranks_of,
    retiring_soon,
    search_employees,
    timeline_of,
)
from personnel.service.timeline import record_own_event

from .fakes import FakeUnitOfWork, with_employee
from .test_proposals import proposed

ALL = Visibility.unrestricted()


async def test_one_employee_or_404() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow)
    assert await employee_of(uow, nip=employee.nip, visibility=ALL) == employee
    with pytest.raises(NotFound, match="no employee with NIP"):
        await employee_of(uow, nip=builders.new_nip(), visibility=ALL)


async def test_one_proposal_or_404() -> None:
    with pytest.raises(NotFound, match="no promotion proposal"):
        await proposal_of(
            FakeUnitOfWork(), proposal_id="00000000-0000-0000-0000-000000000000", visibility=ALL
        )


async def scoped_register() -> tuple[FakeUnitOfWork, dict[str, str]]:
    """A supervisor and their report in DINKES, a BKD employee."""
    uow = FakeUnitOfWork()
    boss = await with_employee(uow, unit_code="DINKES")
    report = await with_employee(uow, unit_code="DINKES", supervisor_nip=boss.nip)
    bkd = await with_employee(uow, unit_code="BKD")
    return uow, {"boss": boss.nip, "report": report.nip, "bkd": bkd.nip}


VIEWS = {
    "hr_bkd": lambda n: Visibility(units=frozenset({"BKD"})),
    "supervisor": lambda n: Visibility(reports_of=n["boss"], nip=n["boss"]),
    "employee": lambda n: Visibility(nip=n["report"]),
    "admin": lambda n: ALL,
}
SEES = {
    "hr_bkd": {"bkd"},
    "supervisor": {"boss", "report"},
    "employee": {"report"},
    "admin": {"boss", "report", "bkd"},
}


@pytest.mark.parametrize("view", sorted(VIEWS))
async def test_each_view_reads_exactly_its_scope(view: str) -> None:
    uow, nips = await scoped_register()
    visibility = VIEWS[view](nips)
    expected = {nips[k] for k in SEES[view]}
    found, total = await search_employees(
        uow, criteria=EmployeeFilter(), visibility=visibility, sort="nip", limit=50, offset=0
    )
    assert ({e.nip for e in found}, total) == (expected, len(expected))
    soon, _ = await retiring_soon(
        uow, as_of=date(2090, 1, 1), within_months=0, visibility=visibility, limit=50, offset=0
    )
    assert {e.nip for e in soon} == expected
    for key, nip in nips.items():
        if key in SEES[view]:
            assert (await employee_of(uow, nip=nip, visibility=visibility)).nip == nip
            await history_of(uow, nip=nip, visibility=visibility, limit=5, offset=0)
            await ranks_of(uow, nip=nip, visibility=visibility)
        else:
            with pytest.raises(NotFound):
                await employee_of(uow, nip=nip, visibility=visibility)
            with pytest.raises(NotFound):
                await history_of(uow, nip=nip, visibility=visibility, limit=5, offset=0)
            with pytest.raises(NotFound):
                await ranks_of(uow, nip=nip, visibility=visibility)
            with pytest.raises(NotFound):
                await timeline_of(
                    uow, nip=nip, visibility=visibility, reader_nip=None, limit=5, offset=0
                )


@pytest.mark.parametrize("view", sorted(VIEWS))
async def test_proposals_are_read_within_the_scope_of_their_employee(view: str) -> None:
    uow, nips = await scoped_register()
    visibility = VIEWS[view](nips)
    opened = {key: await proposed(uow, nip) for key, nip in nips.items()}
    found, _ = await proposals(
        uow, visibility=visibility, status=None, nip=None, limit=50, offset=0
    )
    assert {p.nip for p in found} == {nips[k] for k in SEES[view]}
    for key, proposal in opened.items():
        if key in SEES[view]:
            assert await proposal_of(uow, proposal_id=proposal.id, visibility=visibility)
        else:
            with pytest.raises(NotFound):
                await proposal_of(uow, proposal_id=proposal.id, visibility=visibility)


async def test_reading_another_persons_timeline_is_audited_ones_own_is_not() -> None:
    uow, nips = await scoped_register()
    await record_own_event(
        uow, builders.employee_retired(nips["report"]), now=datetime(2026, 1, 1, tzinfo=UTC)
    )
    own = Visibility(nip=nips["report"])
    _, total = await timeline_of(
        uow, nip=nips["report"], visibility=own, reader_nip=nips["report"], limit=5, offset=0
    )
    assert (total, uow.audited) == (1, [])
    boss = Visibility(reports_of=nips["boss"], nip=nips["boss"])
    await timeline_of(
        uow, nip=nips["report"], visibility=boss, reader_nip=nips["boss"], limit=5, offset=0
    )
    await timeline_of(uow, nip=nips["report"], visibility=ALL, reader_nip=None, limit=5, offset=0)
    assert [(a["operation"], a["record_id"]) for a in uow.audited] == [
        ("timeline.read", nips["report"]), ("timeline.read", nips["report"]),
    ]  # fmt: skip
    # Admin sees the entries of a NIP not registered (yet); an employee their own.
    stranger = builders.new_nip()
    await timeline_of(uow, nip=stranger, visibility=ALL, reader_nip=None, limit=5, offset=0)
    await timeline_of(
        uow, nip=stranger, visibility=Visibility(nip=stranger), reader_nip=stranger,
        limit=5, offset=0,
    )  # fmt: skip


async def test_the_forecast_reaches_as_of_plus_the_months() -> None:
    uow = FakeUnitOfWork()
    # Born December 1968 and May 1969: BUP 58 on 2027-01-01 and 2027-06-01.
    soon = await with_employee(uow, birth_date=date(1968, 12, 10))
    later = await with_employee(uow, birth_date=date(1969, 5, 3))

    async def within(months: int) -> list[str]:
        found, total = await retiring_soon(
            uow,
            as_of=date(2026, 11, 28),
            within_months=months,
            visibility=ALL,
            limit=50,
            offset=0,
        )
        assert total == len(found)
        return [e.nip for e in found]

    assert await within(1) == []
    assert await within(2) == [soon.nip]
    assert await within(7) == [soon.nip, later.nip]


def test_every_sort_key_of_the_api_has_its_order() -> None:
    assert set(ORDER_BY) == set(EMPLOYEE_SORTS)
