"""Codes, not free text: one code list each for units, work locations and job families.

What the foreign consumer found on the topics (issue 14): "Kota Bandung" beside "KOTA_BANDUNG",
"kesehatan" beside "KESEHATAN", "BKD" beside "BKD-01" with different names. Registration,
change, transfer and import now map such spellings to the code, or refuse them.
"""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from jenjang_local.demo.agency import UNITS as DEMO_UNITS
from jenjang_shared.contracts.codes import (
    JOB_FAMILIES,
    UNITS,
    WORK_LOCATIONS,
    CodeError,
    CodeList,
    with_codes,
)
from jenjang_shared.errors import InvalidInput
from personnel.entrypoints.http.schemas import EmployeeUpdate, TransferCreate
from personnel.service.imports import parse_row


@pytest.mark.parametrize(
    ("codes", "written", "code"),
    [
        (WORK_LOCATIONS, "KOTA_BANDUNG", "KOTA_BANDUNG"),
        (WORK_LOCATIONS, "Kota Bandung", "KOTA_BANDUNG"),
        (WORK_LOCATIONS, " kabupaten  bandung barat ", "KAB_BANDUNG_BARAT"),
        (WORK_LOCATIONS, "kab-garut", "KAB_GARUT"),
        (WORK_LOCATIONS, "Cimahi", "KOTA_CIMAHI"),
        (JOB_FAMILIES, "kesehatan", "KESEHATAN"),
        (JOB_FAMILIES, "teknik sipil", "TEKNIK_SIPIL"),
        (JOB_FAMILIES, "Pekerjaan Umum", "PEKERJAAN_UMUM"),
        (JOB_FAMILIES, "PU", "PEKERJAAN_UMUM"),
        (UNITS, "BKD", "BKD"),
        (UNITS, "bkd-01", "BKD"),
        (UNITS, "Badan Kepegawaian Daerah", "BKD"),
        (UNITS, "Dinas PUPR", "DPUPR"),
    ],
)
def test_a_known_spelling_maps_to_its_code(codes: CodeList, written: str, code: str) -> None:
    assert codes.to_code(written) == code


@pytest.mark.parametrize(
    ("codes", "written"),
    [(WORK_LOCATIONS, "Mars"), (WORK_LOCATIONS, "BANDUNG RAYA"), (WORK_LOCATIONS, "KOTA_MARS"),
     (JOB_FAMILIES, "astronaut"), (JOB_FAMILIES, "Teknik Nuklir"), (UNITS, "Dinas Luar Negeri"),
     (UNITS, "bkd 02"), (UNITS, "")],
)  # fmt: skip
def test_anything_else_is_refused(codes: CodeList, written: str) -> None:
    with pytest.raises(ValueError, match="code list"):
        codes.to_code(written)


def test_an_open_list_takes_a_new_code_but_no_free_text_and_a_closed_one_neither() -> None:
    assert UNITS.open and JOB_FAMILIES.open and not WORK_LOCATIONS.open
    assert UNITS.to_code("DISPERKIM") == "DISPERKIM"
    assert UNITS.name_of("DISPERKIM") is None
    assert JOB_FAMILIES.to_code("PERTANIAN") == "PERTANIAN"
    with pytest.raises(ValueError, match="code list"):
        WORK_LOCATIONS.to_code("KAB_BANDUNG_TIMUR")
    assert with_codes({"unit_code": "DISPERKIM", "unit_name": "Dinas Perumahan"}) == {
        "unit_code": "DISPERKIM", "unit_name": "Dinas Perumahan"
    }  # fmt: skip


def test_every_code_maps_to_itself_and_names_are_unique() -> None:
    for codes in (WORK_LOCATIONS, JOB_FAMILIES, UNITS):
        assert all(codes.to_code(code) == code for code in codes.entries)
        assert len(set(codes.entries.values())) == len(codes.entries)
        assert set(codes.aliases.values()) <= set(codes.entries)


def test_the_unit_name_travels_beside_the_code_and_is_the_lists() -> None:
    mapped = with_codes({"unit_code": "BKD-01", "unit_name": "BKD Kota", "job_family": None})
    assert mapped == {
        "unit_code": "BKD",
        "unit_name": "Badan Kepegawaian Daerah",
        "job_family": None,
    }
    with pytest.raises(CodeError) as refused:
        with_codes({"to_unit_code": "Dinas Luar Negeri"})
    assert refused.value.field == "to_unit_code"


def test_the_demo_agency_uses_the_published_codes_and_names() -> None:
    for unit in DEMO_UNITS:
        assert UNITS.name_of(unit.code) == unit.name
        assert JOB_FAMILIES.to_code(unit.job_family) == unit.job_family
        assert WORK_LOCATIONS.to_code(unit.work_location) == unit.work_location


def transfer(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "to_unit_code": "DINKES", "to_unit_name": "Dinas Kesehatan",
        "position_title": "Analis", "position_kind": "PELAKSANA",
        "work_location": "KOTA_BANDUNG", "effective_date": "2025-11-01",
    }  # fmt: skip
    return {**body, **overrides}


def test_a_transfer_and_a_change_map_names_to_codes() -> None:
    moved = TransferCreate.model_validate(
        transfer(to_unit_code="Dinas PUPR", to_unit_name="PU", work_location="Kota Cimahi")
    )
    assert (moved.to_unit_code, moved.to_unit_name, moved.work_location) == (
        "DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "KOTA_CIMAHI"
    )  # fmt: skip
    changed = EmployeeUpdate.model_validate(
        {"effective_date": "2025-11-01", "job_family": "kesehatan"}
    )
    assert changed.changes() == {"job_family": "KESEHATAN"}


@pytest.mark.parametrize("field", ["to_unit_code", "work_location", "job_family"])
def test_a_transfer_to_an_unknown_code_is_refused_naming_the_field(field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        TransferCreate.model_validate(transfer(**{field: "nowhere in particular"}))
    assert [error["loc"] for error in refused.value.errors()] == [(field,)]


def import_row(**overrides: str) -> dict[str, str | None]:
    row: dict[str, str | None] = {
        "nip": "198609262015052001", "name": "Siti Rahmawati", "gender": "female",
        "birth_date": "1986-09-26", "employment_type": "PNS", "golongan": "III/a",
        "golongan_tmt": "2019-04-01", "position_title": "Analis Kepegawaian",
        "position_kind": "PELAKSANA", "unit_code": "BKD", "unit_name": "Badan Kepegawaian Daerah",
        "job_family": "KEPEGAWAIAN", "education": "S1", "work_location": "KOTA_BANDUNG",
    }  # fmt: skip
    return {**row, **overrides}


def test_an_import_row_maps_names_to_codes() -> None:
    employee = parse_row(
        import_row(unit_code="bkd-01", unit_name="BKD", work_location="Kota Bandung",
                   job_family="kepegawaian"),
        today=date(2025, 10, 1), min_age=18,
    )  # fmt: skip
    assert (employee.unit_code, employee.unit_name, employee.work_location) == (
        "BKD", "Badan Kepegawaian Daerah", "KOTA_BANDUNG"
    )  # fmt: skip
    assert employee.job_family == "KEPEGAWAIAN"


@pytest.mark.parametrize("field", ["unit_code", "work_location", "job_family"])
def test_an_import_row_with_an_unknown_code_is_refused_naming_the_field(field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_row(import_row(**{field: "Somewhere Else"}), today=date(2025, 10, 1), min_age=18)
    assert refused.value.field == field
