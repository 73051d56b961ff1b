"""update_employee, transfer_employee and retire_employee on the in-memory unit of work."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import EmployeeRetired, EmployeeTransferred, EmployeeUpdated
from jenjang_shared.contracts.vocabulary import Education, EmploymentType, PositionKind
from jenjang_shared.errors import Conflict, InvalidInput, NotFound
from jenjang_testing import builders
from personnel.domain.employee import EmployeeStatus, Transfer
from personnel.service.changes import (
    Authored,
    correct_rank,
    retire_employee,
    transfer_employee,
    update_employee,
)

from .fakes import FakeUnitOfWork, with_employee

NOW = datetime(2026, 11, 28, 3, tzinfo=UTC)
BY_HR = Authored("hr.siti", date(2026, 5, 1), "Pengangkatan PNS")
ALL = Visibility.unrestricted()


async def test_a_change_keeps_history_audits_and_publishes_only_what_changed() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow, employment_type=EmploymentType.CPNS, education=Education.S1)
    updated = await update_employee(
        uow,
        nip=employee.nip,
        changes={
            "employment_type": EmploymentType.PNS,
            "education": Education.S2,
            "name": employee.name,
        },
        authored=BY_HR,
        visibility=ALL,
        now=NOW,
    )
    assert updated.employment_type is EmploymentType.PNS
    assert uow.employees.rows[employee.nip] == updated
    assert {c["field"] for c in uow.employees.changes} == {"employment_type", "education"}
    assert {(c["kind"], c["changed_by"]) for c in uow.employees.changes} == {("UPDATE", "hr.siti")}
    assert uow.employees.ranks == []
    [event] = uow.published
    assert isinstance(event, EmployeeUpdated)
    assert event.model_dump(mode="json")["changes"] == {"employment_type": "PNS", "education": "S2"}
    assert [s.entry.kind for s in uow.timeline.rows.values()] == ["EmployeeUpdated"]
    [audit] = uow.audited
    assert (audit["operation"], audit["record_type"], audit["record_id"]) == (
        "employee.update", "employee", employee.nip,
    )  # fmt: skip
    assert audit["before"] == {"employment_type": "CPNS", "education": "S1"}
    assert audit["after"] == {
        "employment_type": "PNS", "education": "S2",
        "effective_date": "2026-05-01", "reason": "Pengangkatan PNS",
    }  # fmt: skip


@pytest.mark.parametrize("field", ["golongan", "golongan_tmt"])
async def test_a_patch_does_not_change_the_rank(field: str) -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow)
    value = "III/d" if field == "golongan" else date(2026, 1, 1)
    with pytest.raises(InvalidInput, match="rank-corrections") as refused:
        await update_employee(
            uow,
            nip=employee.nip,
            changes={field: value},
            authored=BY_HR,
            visibility=ALL,
            now=NOW,
        )
    assert refused.value.field == field
    assert (uow.employees.rows[employee.nip], uow.published, uow.audited) == (employee, [], [])


async def test_a_rank_correction_sets_the_rank_with_its_reason_and_is_audited() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow, golongan="III/d", golongan_tmt=date(2021, 4, 1))
    corrected = await correct_rank(
        uow,
        nip=employee.nip,
        golongan="III/c",
        golongan_tmt=date(2020, 4, 1),
        authored=Authored("admin-bkd", date(2026, 5, 1), "Salah input"),
        now=NOW,
    )
    assert (corrected.golongan, corrected.golongan_tmt) == ("III/c", date(2020, 4, 1))
    assert [(r["golongan"], r["source"]) for r in uow.employees.ranks] == [("III/c", "CORRECTION")]
    assert {(c["field"], c["kind"], c["changed_by"]) for c in uow.employees.changes} == {
        ("golongan", "CORRECTION", "admin-bkd"), ("golongan_tmt", "CORRECTION", "admin-bkd"),
    }  # fmt: skip
    [event] = uow.published
    assert event.model_dump(mode="json")["changes"] == {
        "golongan": "III/c", "golongan_tmt": "2020-04-01",
    }  # fmt: skip
    [audit] = uow.audited
    assert audit["operation"] == "employee.correct_rank"
    assert audit["before"] == {"golongan": "III/d", "golongan_tmt": "2021-04-01"}
    assert audit["after"]["reason"] == "Salah input"


async def test_a_rank_correction_needs_a_reason_and_a_valid_rank() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow, golongan="III/c")
    # The builder's Analis SDM Aparatur Ahli Muda holds III/c-III/d (PermenPANRB 1/2023).
    for reason, golongan, match in ((None, "III/d", "reason"), ("x", "IV/e", "outside the range")):
        with pytest.raises(InvalidInput, match=match):
            await correct_rank(
                uow,
                nip=employee.nip,
                golongan=golongan,
                golongan_tmt=date(2020, 4, 1),
                authored=Authored("admin-bkd", date(2026, 5, 1), reason),
                now=NOW,
            )
    assert (uow.employees.rows[employee.nip], uow.published) == (employee, [])


async def test_writes_reach_only_records_in_the_writers_scope() -> None:
    """hr of BKD changes BKD's employees; another unit's, or a supervisor's report, or one's own
    record are not found (404, as unknown), and nothing changes."""
    uow = FakeUnitOfWork()
    boss = await with_employee(uow, unit_code="DINKES")
    theirs = await with_employee(uow, unit_code="DINKES", supervisor_nip=boss.nip)
    ours = await with_employee(uow, unit_code="BKD")
    hr_bkd = Visibility(units=frozenset({"BKD"}), nip=theirs.nip)
    supervisor = Visibility(reports_of=boss.nip, nip=boss.nip)
    change = {"education": Education.S2}
    await update_employee(
        uow, nip=ours.nip, changes=change, authored=BY_HR, visibility=hr_bkd, now=NOW
    )
    for nip, visibility in ((theirs.nip, hr_bkd), (theirs.nip, supervisor), (boss.nip, supervisor)):
        with pytest.raises(NotFound):
            await update_employee(
                uow, nip=nip, changes=change, authored=BY_HR, visibility=visibility, now=NOW
            )
        with pytest.raises(NotFound):
            await retire_employee(uow, nip=nip, authored=BY_HR, visibility=visibility, now=NOW)
        with pytest.raises(NotFound):
            await transfer_employee(
                uow, nip=nip, transfer=transfer(), authored=BY_HR, visibility=visibility, now=NOW
            )
    assert [a["record_id"] for a in uow.audited] == [ours.nip]
    assert uow.employees.rows[theirs.nip] == theirs


async def test_clearing_the_supervisor_is_published_as_null() -> None:
    uow = FakeUnitOfWork()
    boss = await with_employee(uow)
    employee = await with_employee(uow, supervisor_nip=boss.nip)
    await update_employee(
        uow,
        nip=employee.nip,
        changes={"supervisor_nip": None},
        authored=BY_HR,
        visibility=ALL,
        now=NOW,
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
            visibility=ALL,
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
            visibility=ALL,
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
        await update_employee(
            uow, nip=employee.nip, changes={"name": "X"}, authored=BY_HR, visibility=ALL, now=NOW
        )
    with pytest.raises(Conflict, match="retired on 2026-01-01"):
        await retire_employee(uow, nip=employee.nip, authored=BY_HR, visibility=ALL, now=NOW)
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
        visibility=ALL,
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
    [audit] = uow.audited
    assert (audit["operation"], audit["before"]["unit_code"], audit["after"]["unit_code"]) == (
        "employee.transfer", "BKD", "DINKES",
    )  # fmt: skip


async def test_a_transfer_to_an_unknown_supervisor_or_changing_nothing_is_refused() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow)
    with pytest.raises(InvalidInput, match="is registered"):
        await transfer_employee(
            uow,
            nip=employee.nip,
            transfer=transfer(supervisor_nip=builders.new_nip()),
            authored=BY_HR,
            visibility=ALL,
            now=NOW,
        )
    same = transfer(
        to_unit_code=employee.unit_code,
        to_unit_name=employee.unit_name,
        position_title=employee.position_title,
        position_kind=employee.position_kind,
        functional_level=employee.functional_level,
        functional_position=employee.functional_position,
        work_location=employee.work_location,
    )
    with pytest.raises(InvalidInput, match="changes nothing"):
        await transfer_employee(
            uow, nip=employee.nip, transfer=same, authored=BY_HR, visibility=ALL, now=NOW
        )
    assert uow.published == []


async def test_retirement_closes_the_record_and_publishes_employee_retired() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow)
    retired = await retire_employee(
        uow,
        nip=employee.nip,
        authored=Authored("hr.siti", date(2026, 12, 1), None),
        visibility=ALL,
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
    [audit] = uow.audited
    assert (audit["operation"], audit["before"], audit["after"]) == (
        "employee.retire",
        {"status": "ACTIVE"},
        {"status": "RETIRED", "retired_on": "2026-12-01", "reason": "BUP"},
    )


async def test_retiring_an_unknown_employee_is_not_found() -> None:
    with pytest.raises(NotFound):
        await retire_employee(
            FakeUnitOfWork(), nip=builders.new_nip(), authored=BY_HR, visibility=ALL, now=NOW
        )
