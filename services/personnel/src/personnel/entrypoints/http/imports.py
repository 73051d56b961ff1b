"""Bulk import of employees from a CSV upload."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, UploadFile

from personnel.entrypoints.csv_rows import CsvRows
from personnel.entrypoints.http.deps import AdminOnly, NewUnitOfWork, Settings, Today
from personnel.entrypoints.http.schemas import ImportReportPublic
from personnel.service.imports import Importer, ImportMode, check_columns

router = APIRouter(prefix="/imports", tags=["imports"])


@router.post("/employees", summary="Import employees from a CSV file")
async def import_employees(
    file: UploadFile,
    new_uow: NewUnitOfWork,
    settings: Settings,
    today: Today,
    caller: AdminOnly,
    mode: Annotated[
        ImportMode,
        Query(description="all_or_nothing: any bad row imports nothing; valid_rows: keep the good"),
    ] = ImportMode.ALL_OR_NOTHING,
) -> ImportReportPublic:
    """Multipart upload (`file`): a UTF-8 CSV whose header names the registration fields
    (`nip,name,gender,birth_date,...`; optional columns may be left out or empty). Each row
    is validated as a registration; rows are written in batches (one transaction for
    all_or_nothing, one per batch for valid_rows), each imported employee publishing
    EmployeeRegistered through the outbox. The report lists each rejected row (row number,
    the header being row 1; field; reason), capped, with the count of the rest. Admin only;
    each transaction that imported rows is audited under the report's `job_id`."""
    rows = CsvRows(file.file)
    check_columns(rows.columns)
    importer = Importer(
        mode=mode,
        new_uow=new_uow,
        today=today,
        min_age=settings.min_appointment_age,
        batch_size=settings.import_batch_size,
        max_listed=settings.import_max_listed_rejections,
    )
    try:
        report = await importer.run(iter(rows))
    finally:
        rows.detach()
    return ImportReportPublic.model_validate(report, from_attributes=True)
