"""register_employee on the in-memory unit of work: the record, its first rank, its event and
timeline entry at once; refusals change nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import EmployeeRegistered
from jenjang_shared.errors import Conflict, DomainError, InvalidInput
from jenjang_testing import builders
from jenjang_testing.builders import DERIVED
from personnel.service.registration import RegisterEmployee, register_employee

from .fakes import FakeUnitOfWork, with_employee

# 20:00 UTC is already the next day in the agency's time zone (WIB, UTC+7).
NOW = datetime(2026, 11, 27, 20, tzinfo=UTC)


def command(**overrides: Any) -> RegisterEmployee:
    body = builders.employee_registered().model_dump(mode="json", exclude=DERIVED)
    return RegisterEmployee.model_validate({**body, **overrides})


async def register(
    uow: FakeUnitOfWork, cmd: RegisterEmployee, visibility: Visibility | None = None
) -> Any:
    return await register_employee(
        uow,
        command=cmd,
        min_appointment_age=18,
        visibility=visibility or Visibility.unrestricted(),
        now=NOW,
    )


async def test_a_registration_stores_the_record_its_rank_and_publishes_its_event() -> None:
    uow = FakeUnitOfWork()
    cmd = command()
    employee = await register(uow, cmd)
    assert uow.employees.rows == {cmd.nip: employee}
    assert [(r["golongan"], r["source"]) for r in uow.employees.ranks] == [
        (cmd.golongan, "REGISTRATION")
    ]
    [event] = uow.published
    assert isinstance(event, EmployeeRegistered)
    # The event adds the projected retirement (born 1986-12-27, Ahli Muda: BUP 58).
    assert event.model_dump(mode="json", exclude=DERIVED) == cmd.model_dump(mode="json")
    assert (event.retirement_date, event.retirement_rule) == (employee.retirement_date, "BUP-2017")
    [stored] = uow.timeline.rows.values()
    assert (stored.entry.kind, stored.event_time) == ("EmployeeRegistered", NOW)
    [audit] = uow.audited
    assert (audit["operation"], audit["record_id"], audit["before"]) == (
        "employee.register",
        cmd.nip,
        None,
    )
    assert audit["after"] == cmd.model_dump(mode="json")


async def test_hr_registers_in_its_own_units_only() -> None:
    uow = FakeUnitOfWork()
    hr_dinkes = Visibility(units=frozenset({"DINKES"}), nip=builders.new_nip())
    with pytest.raises(DomainError, match="own units") as refused:
        await register(uow, command(unit_code="BKD"), hr_dinkes)
    assert (refused.value.status, refused.value.field) == (403, "unit_code")
    assert (uow.employees.rows, uow.published, uow.audited) == ({}, [], [])
    # A supervisor's or employee's view gives no right to register anyone.
    with pytest.raises(DomainError, match="own units"):
        await register(uow, command(unit_code="BKD"), Visibility(reports_of="x", nip="x"))
    employee = await register(uow, command(unit_code="DINKES"), hr_dinkes)
    assert employee.unit_code == "DINKES"


async def test_spaces_in_the_nip_are_removed_and_tmt_cpns_comes_from_it() -> None:
    cmd = command()
    spaced = command(nip=f"{cmd.nip[:8]} {cmd.nip[8:14]} {cmd.nip[14]} {cmd.nip[15:]}")
    employee = await register(FakeUnitOfWork(), spaced.model_copy(update={"tmt_cpns": None}))
    assert (employee.nip, employee.tmt_cpns) == (cmd.nip, cmd.tmt_cpns)


async def test_the_nip_is_checked_against_the_agency_day_of_now() -> None:
    # A TMT CPNS in the agency's current month is fine though UTC is still in the previous one.
    nip = builders.new_nip(tmt_cpns=datetime(2026, 12, 1).date())
    cmd = command(nip=nip, tmt_cpns="2026-12-01", golongan_tmt="2026-12-01")
    later = datetime(2026, 11, 30, 20, tzinfo=UTC)
    employee = await register_employee(
        FakeUnitOfWork(),
        command=cmd,
        min_appointment_age=18,
        visibility=Visibility.unrestricted(),
        now=later,
    )
    assert employee.tmt_cpns == cmd.tmt_cpns


async def test_a_registered_nip_is_a_conflict() -> None:
    uow = FakeUnitOfWork()
    existing = await with_employee(uow)
    with pytest.raises(Conflict, match="already registered"):
        await register(uow, command(nip=existing.nip))
    assert uow.published == []


async def test_an_unknown_supervisor_is_refused_naming_the_field() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidInput) as refused:
        await register(uow, command(supervisor_nip=builders.new_nip()))
    assert refused.value.field == "supervisor_nip"
    assert (uow.employees.rows, uow.published) == ({}, [])


async def test_a_registered_supervisor_is_accepted() -> None:
    uow = FakeUnitOfWork()
    boss = await with_employee(uow)
    employee = await register(uow, command(supervisor_nip=boss.nip))
    assert employee.supervisor_nip == boss.nip


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"gender": "female"}, "nip"), ({"golongan": "IV/b"}, "golongan")],
)
async def test_a_record_breaking_a_rule_is_refused(overrides: dict[str, Any], field: str) -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidInput) as refused:
        await register(uow, command(**overrides))
    assert refused.value.field == field
    assert uow.published == []
