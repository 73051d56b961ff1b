"""Bulk import from CSV with good and bad rows, in both modes."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from jenjang_shared.contracts import EmployeeRegistered
from jenjang_testing.harness import ServiceHarness
from jenjang_testing.outbox import outbox_rows

Make = Callable[..., dict[str, Any]]
COLUMNS = [
    "nip", "name", "gender", "birth_date", "employment_type", "golongan", "golongan_tmt",
    "tmt_cpns", "position_title", "position_kind", "functional_level", "unit_code", "unit_name",
    "job_family", "education", "work_location", "supervisor_nip", "job_class",
    "functional_position",
]  # fmt: skip


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="")
    writer.writeheader()
    # Only the CSV's columns: the initial angka kredit is not a CSV column.
    writer.writerows({k: v for k, v in row.items() if k in COLUMNS} for row in rows)
    return out.getvalue().encode()


async def upload(svc: ServiceHarness, data: bytes, mode: str) -> Any:
    return await svc.client.post(
        "/v1/imports/employees",
        params={"mode": mode},
        files={"file": ("employees.csv", data, "text/csv")},
    )


async def registered(svc: ServiceHarness, nips: list[str]) -> set[str]:
    rows = await svc.runtime.pool.fetch("SELECT nip FROM employees WHERE nip = ANY($1)", nips)
    return {r["nip"] for r in rows}


async def events_for(svc: ServiceHarness, nips: list[str]) -> list[str]:
    rows = await outbox_rows(svc.runtime, EmployeeRegistered, subject=nips)
    return sorted(row.subject for row in rows)


def mixed_rows(make: Make, already: str) -> tuple[list[dict[str, Any]], list[str], dict[int, str]]:
    """Rows 2..: good, bad ones (expected field per row number) and good ones."""
    boss = make(golongan="III/d")
    good = [boss, make(supervisor_nip=boss["nip"], job_class=7), make(employment_type="CPNS")]
    pppk = make(employment_type="PPPK", golongan="IX")
    pppk["tmt_cpns"] = ""
    good.append(pppk)
    bad = [
        (make(golongan="IV/b"), "golongan"),
        (make(gender="female"), "nip"),
        (make(education="MBA"), "education"),
        (make(supervisor_nip="197001012000011993"), "supervisor_nip"),
        ({**make(), "nip": already}, "nip"),
        ({**good[1]}, "nip"),  # the same NIP twice in the file
        (make(birth_date="31-12-1990"), "birth_date"),
    ]
    rows = good + [row for row, _ in bad]
    expected = {len(good) + 2 + i: field for i, (_, field) in enumerate(bad)}
    return rows, [r["nip"] for r in good], expected


async def test_valid_rows_mode_imports_the_good_rows_and_reports_each_bad_one(
    svc: ServiceHarness, make_registration: Make
) -> None:
    already = make_registration()
    assert (await svc.client.post("/v1/employees", json=already)).status_code == 201
    rows, good, expected = mixed_rows(make_registration, already["nip"])
    response = await upload(svc, to_csv(rows), "valid_rows")
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["rows"], report["imported"], report["rejected"]) == (len(rows), 4, 7)
    assert report["committed"] is True
    assert {r["row"]: r["field"] for r in report["rejected_rows"]} == expected
    assert all(r["reason"] for r in report["rejected_rows"])
    assert await registered(svc, good) == set(good)
    assert await events_for(svc, good) == sorted(good)
    imported = (await svc.client.get(f"/v1/employees/{good[1]}")).json()
    assert (imported["supervisor_nip"], imported["job_class"]) == (good[0], 7)


async def test_all_or_nothing_mode_imports_nothing_when_a_row_is_bad(
    svc: ServiceHarness, make_registration: Make
) -> None:
    already = make_registration()
    assert (await svc.client.post("/v1/employees", json=already)).status_code == 201
    rows, good, expected = mixed_rows(make_registration, already["nip"])
    report = (await upload(svc, to_csv(rows), "all_or_nothing")).json()
    assert (report["imported"], report["rejected"], report["committed"]) == (0, 7, False)
    assert {r["row"]: r["field"] for r in report["rejected_rows"]} == expected
    assert await registered(svc, good) == set()
    assert await events_for(svc, good) == []

    only_good = [r for r in rows if r["nip"] in good][: len(good)]
    report = (await upload(svc, to_csv(only_good), "all_or_nothing")).json()
    assert (report["imported"], report["rejected"], report["committed"]) == (4, 0, True)
    assert await events_for(svc, good) == sorted(good)


async def test_a_bad_file_is_refused_whole(svc: ServiceHarness, make_registration: Make) -> None:
    no_nip = b"name,gender\nBudi,male\n"
    response = await upload(svc, no_nip, "valid_rows")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "birth_date"
    assert (await upload(svc, b"", "valid_rows")).status_code == 422
    assert (await upload(svc, to_csv([]), "nonsense")).status_code == 422
    extra = to_csv([make_registration()]).replace(b"job_class", b"salary", 1)
    assert (await upload(svc, extra, "valid_rows")).status_code == 422


async def test_the_list_of_rejections_is_capped_with_a_count(
    svc: ServiceHarness, make_registration: Make
) -> None:
    rows = [make_registration(golongan="IV/e") for _ in range(25)]
    importer_cap = svc.settings.import_max_listed_rejections
    report = (await upload(svc, to_csv(rows), "valid_rows")).json()
    assert report["rejected"] == 25
    assert len(report["rejected_rows"]) == min(25, importer_cap)
    assert report["rejected_rows_not_listed"] == 25 - min(25, importer_cap)


async def test_the_command_line_twin_imports_a_file_with_the_same_rules(
    svc: ServiceHarness, make_registration: Make, tmp_path: Any
) -> None:
    from personnel.cli import run_import
    from personnel.config import PersonnelSettings
    from personnel.service.imports import ImportMode

    good = [make_registration(), make_registration()]
    bad = make_registration(golongan="IV/e")
    path = tmp_path / "employees.csv"
    path.write_bytes(to_csv([*good, bad]))
    settings = PersonnelSettings(database_url=svc.settings.database_url)
    report = await run_import(path, ImportMode.VALID_ROWS, settings, size_bytes=path.stat().st_size)
    assert (report["imported"], report["rejected"]) == (2, 1)
    assert report["rejected_rows"][0] | {"reason": ""} == {
        "row": 4,
        "field": "golongan",
        "reason": "",
    }
    nips = [g["nip"] for g in good]
    assert await registered(svc, nips) == set(nips)
    assert await events_for(svc, nips) == sorted(nips)
