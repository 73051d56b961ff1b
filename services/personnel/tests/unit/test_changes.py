"""update_employee, transfer_employee and retire_employee on the in-memory unit of work."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from jenjang_shared.contracts import EmployeeRetired, EmployeeTransferred, EmployeeUpdated
from jenjang_shared.contracts.vocabulary import Education, EmploymentType, PositionKind
from jenjang_shared.errors import Conflict, InvalidInput, NotFound
from jenjang_testing import builders
from personnel.domain.employee import EmployeeStatus, Transfer
from personnel.service.changes import (
    Authored,
    retire_employee,
    transfer_employee,
    update_employee,
)

from .fakes import FakeUnitOfWork, with_employee

NOW = datetime(2026, 11, 28, 3, tzinfo=UTC)
BY_HR = Authored("hr.siti", date(2026, 5, 1), "Pengangkatan PNS")


async def test_a_change_keeps_history_and_rank_and_publishes_only_what_changed() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow, employment_type=EmploymentType.CPNS, golongan="III/a")
    updated = await update_employee(
        uow,
        nip=employee.nip,
        changes={"employment_type": EmploymentType.PNS, "golongan": "III/b", "name": employee.name},
        authored=BY_HR,
        now=NOW,
    )
    assert (updated.employment_type, updated.golongan_tmt) == (EmploymentType.PNS, date(2026, 5, 1))
    assert uow.employees.rows[employee.nip] == updated
    assert {c["field"] for c in uow.employees.changes} == {
        "employment_type", "golongan", "golongan_tmt",
    }  # fmt: skip
    assert {(c["kind"], c["changed_by"]) for c in uow.employees.changes} == {("UPDATE", "hr.siti")}
    assert [(r["golongan"], r["source"]) for r in uow.employees.ranks] == [("III/b", "CHANGE")]
    [event] = uow.published
    assert isinstance(event, EmployeeUpdated)
    assert event.model_dump(mode="json")["changes"] == {
        "employment_type": "PNS", "golongan": "III/b", "golongan_tmt": "2026-05-01",
    }  # fmt: skip
    assert event.changes.changed() == {"employment_type", "golongan", "golongan_tmt"}
    assert [s.entry.kind for s in uow.timeline.rows.values()] == ["EmployeeUpdated"]


async def test_clearing_the_supervisor_is_published_as_null() -> None:
    uow = FakeUnitOfWork()
    boss = await with_employee(uow)
    employee = await with_employee(uow, supervisor_nip=boss.nip)
    await update_employee(
        uow, nip=employee.nip, changes={"supervisor_nip": None}, authored=BY_HR, now=NOW
    )
    [event] = uow.published
    assert event.model_dump(mode="json")["changes"] == {"supervisor_nip": None}


async def test_a_change_of_an_unknown_employee_is_not_found() -> None:
    with pytest.raises(NotFound):
        await update_employee(
            FakeUnitOfWork(),
            nip=builders.new_nip(),
            changes={"education": Education.S2},
            authored=BY_HR,
            now=NOW,
        )


async def test_a_change_to_an_unknown_supervisor_is_refused() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow)
    with pytest.raises(InvalidInput) as refused:
        await update_employee(
            uow,
            nip=employee.nip,
            changes={"supervisor_nip": builders.new_nip()},
            authored=BY_HR,
            now=NOW,
        )
    assert refused.value.field == "supervisor_nip"
    assert uow.employees.rows[employee.nip] == employee
    assert uow.published == []


async def test_a_retired_record_refuses_every_change() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(
        uow, status=EmployeeStatus.RETIRED, retired_on=date(2026, 1, 1), retirement_reason="BUP"
    )
    with pytest.raises(Conflict, match="retired on 2026-01-01"):
        await update_employee(uow, nip=employee.nip, changes={"name": "X"}, authored=BY_HR, now=NOW)
    with pytest.raises(Conflict, match="retired on 2026-01-01"):
        await retire_employee(uow, nip=employee.nip, authored=BY_HR, now=NOW)
    assert uow.published == []


def transfer(**overrides: object) -> Transfer:
    fields: dict[str, object] = {
        "to_unit_code": "DINKES",
        "to_unit_name": "Dinas Kesehatan",
        "position_title": "Analis SDM Aparatur",
        "position_kind": PositionKind.PELAKSANA,
        "work_location": "KAB_BANDUNG",
        "effective_date": date(2026, 11, 1),
        **overrides,
    }
    return Transfer(**fields)  # type: ignore[arg-type]


async def test_a_transfer_moves_the_employee_and_publishes_employee_transferred() -> None:
    uow = FakeUnitOfWork()
    boss = await with_employee(uow, unit_code="DINKES")
    employee = await with_employee(uow)
    moved = await transfer_employee(
        uow,
        nip=employee.nip,
        transfer=transfer(supervisor_nip=boss.nip, job_family="KESEHATAN"),
        authored=Authored("hr.siti", date(2026, 11, 1), "Rotasi"),
        now=NOW,
    )
    assert (moved.unit_code, moved.golongan, moved.functional_level) == (
        "DINKES",
        employee.golongan,
        None,
    )
    [event] = uow.published
    assert isinstance(event, EmployeeTransferred)
    assert (event.from_unit_code, event.to_unit_code, event.supervisor_nip) == (
        "BKD",
        "DINKES",
        boss.nip,
    )
    assert {c["kind"] for c in uow.employees.changes} == {"TRANSFER"}


async def test_a_transfer_to_an_unknown_supervisor_or_changing_nothing_is_refused() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow)
    with pytest.raises(InvalidInput, match="is registered"):
        await transfer_employee(
            uow,
            nip=employee.nip,
            transfer=transfer(supervisor_nip=builders.new_nip()),
            authored=BY_HR,
            now=NOW,
        )
    same = transfer(
        to_unit_code=employee.unit_code,
        to_unit_name=employee.unit_name,
        position_title=employee.position_title,
        position_kind=employee.position_kind,
        functional_level=employee.functional_level,
        work_location=employee.work_location,
    )
    with pytest.raises(InvalidInput, match="changes nothing"):
        await transfer_employee(uow, nip=employee.nip, transfer=same, authored=BY_HR, now=NOW)
    assert uow.published == []


async def test_retirement_closes_the_record_and_publishes_employee_retired() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow)
    retired = await retire_employee(
        uow,
        nip=employee.nip,
        authored=Authored("hr.siti", date(2026, 12, 1), None),
        now=NOW,
    )
    assert (retired.status, retired.retired_on, retired.retirement_reason) == (
        EmployeeStatus.RETIRED,
        date(2026, 12, 1),
        "BUP",
    )
    assert uow.published == [
        EmployeeRetired(nip=employee.nip, retirement_date=date(2026, 12, 1), reason="BUP")
    ]
    [change] = uow.employees.changes
    assert (change["field"], change["kind"]) == ("status", "RETIREMENT")


async def test_retiring_an_unknown_employee_is_not_found() -> None:
    with pytest.raises(NotFound):
        await retire_employee(FakeUnitOfWork(), nip=builders.new_nip(), authored=BY_HR, now=NOW)
