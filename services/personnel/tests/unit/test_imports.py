"""The bulk import on the in-memory unit of work: row validation, batches, supervisors, the
two modes, and the capped list of rejections."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from jenjang_shared.contracts import EmployeeRegistered
from jenjang_shared.errors import InvalidInput
from jenjang_testing import builders
from jenjang_testing.builders import DERIVED
from personnel.service.imports import Importer, ImportMode, Row, check_columns, parse_row

from .fakes import FakeUnitOfWork, with_employee

TODAY = date(2026, 11, 28)


def cells(**overrides: Any) -> dict[str, str | None]:
    """A CSV row as the reader gives it: every registration column, as text ("" when empty)."""
    body = builders.employee_registered().model_dump(mode="json", exclude=DERIVED)
    body.update(overrides)
    return {k: "" if v is None else str(v) for k, v in body.items()}


def numbered(rows: list[dict[str, str | None]]) -> list[Row]:
    return [(number, values) for number, values in enumerate(rows, start=2)]


def importer(uow: FakeUnitOfWork, mode: ImportMode, **options: Any) -> Importer:
    return Importer(
        mode=mode, new_uow=uow.transaction, today=TODAY, min_age=18, batch_size=2, **options
    )


def test_the_header_must_name_every_required_field_and_nothing_else() -> None:
    check_columns(cells().keys())
    with pytest.raises(InvalidInput, match="lacks the column") as missing:
        check_columns(["nip", "name"])
    assert missing.value.field == "birth_date"
    with pytest.raises(InvalidInput, match="unknown CSV column"):
        check_columns([*cells().keys(), "salary"])


def test_a_row_is_validated_as_a_registration() -> None:
    assert parse_row(cells(), today=TODAY, min_age=18).golongan == "III/c"
    for bad, field in ((cells(golongan="IV/e"), "golongan"), (cells(birth_date="x"), "birth_date")):
        with pytest.raises(InvalidInput) as refused:
            parse_row(bad, today=TODAY, min_age=18)
        assert refused.value.field == field
    with pytest.raises(InvalidInput, match="more cells"):
        parse_row({**cells(), None: "extra"}, today=TODAY, min_age=18)  # type: ignore[dict-item]
    with pytest.raises(InvalidInput, match="fewer cells"):
        parse_row({**cells(), "job_class": None}, today=TODAY, min_age=18)


async def test_valid_rows_keeps_every_good_row_and_reports_each_bad_one() -> None:
    uow = FakeUnitOfWork()
    already = await with_employee(uow)
    boss = cells()
    rows = [
        boss,
        cells(golongan="IV/e"),
        cells(supervisor_nip=boss["nip"]),  # the supervisor comes earlier in the file
        cells(nip=already.nip),
        cells(supervisor_nip=builders.new_nip()),
        {**boss},
    ]
    report = await importer(uow, ImportMode.VALID_ROWS).run(iter(numbered(rows)))
    assert (report.rows, report.imported, report.rejected, report.committed) == (6, 2, 4, True)
    assert {(r.row, r.field) for r in report.rejections} == {
        (3, "golongan"), (5, "nip"), (6, "supervisor_nip"), (7, "nip"),
    }  # fmt: skip
    imported = {e.partition_key for e in uow.published_of(EmployeeRegistered)}
    assert imported == {boss["nip"], rows[2]["nip"]}
    assert set(uow.employees.rows) == imported | {already.nip}
    assert {r["source"] for r in uow.employees.ranks} == {"REGISTRATION"}
    # One audit row per transaction that imported rows (batches of two), under the job's id.
    audits = uow.audited_of("employee.import")
    assert {(a["record_type"], a["record_id"]) for a in audits} == {
        ("employee_import", report.job_id)
    }
    assert [a["after"]["rows"] for a in audits] == [[2, 3], [4, 5]]
    assert {n for a in audits for n in a["after"]["imported"]} == imported


async def test_a_dropped_supervisor_drops_the_rows_that_named_it() -> None:
    uow = FakeUnitOfWork()
    boss = cells(golongan="IV/e")  # refused: above the cap
    rows = [boss, cells(supervisor_nip=boss["nip"])]
    report = await importer(uow, ImportMode.VALID_ROWS).run(iter(numbered(rows)))
    assert (report.imported, [r.field for r in report.rejections]) == (
        0,
        ["golongan", "supervisor_nip"],
    )


async def test_all_or_nothing_imports_nothing_when_one_row_is_bad() -> None:
    uow = FakeUnitOfWork()
    rows = [cells(), cells(), cells(), cells(golongan="IV/e")]  # the bad row is in batch two
    report = await importer(uow, ImportMode.ALL_OR_NOTHING).run(iter(numbered(rows)))
    assert (report.imported, report.rejected, report.committed) == (0, 1, False)
    assert (uow.employees.rows, uow.published, uow.audited) == ({}, [], [])

    good = await importer(uow, ImportMode.ALL_OR_NOTHING).run(iter(numbered(rows[:3])))
    assert (good.imported, good.committed) == (3, True)
    assert len(uow.published) == 3
    assert len(uow.audited_of("employee.import")) == 2  # two batches, one transaction


async def test_the_list_of_rejections_is_capped_and_the_rest_counted() -> None:
    uow = FakeUnitOfWork()
    rows = [cells(golongan="IV/e") for _ in range(5)]
    seen: list[int] = []
    run = importer(uow, ImportMode.VALID_ROWS, max_listed=3, progress=seen.append)
    report = await run.run(iter(numbered(rows)))
    assert (report.rejected, len(report.rejections), report.rejections_not_listed) == (5, 3, 2)
    assert seen == [2, 2, 1]  # told after each batch
