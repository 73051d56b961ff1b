"""Bulk import of employees from a CSV upload."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, UploadFile

from jenjang_shared.web.app import Runtime
from personnel.adapters.csv_rows import CsvRows
from personnel.adapters.imports import PgImports
from personnel.config import PersonnelSettings
from personnel.entrypoints.schemas import ImportReportPublic, RejectedRowPublic
from personnel.service.imports import Importer, ImportMode, ImportReport, check_columns

router = APIRouter(prefix="/imports", tags=["imports"])


def report_public(report: ImportReport) -> ImportReportPublic:
    return ImportReportPublic(
        mode=report.mode.value,
        rows=report.rows,
        imported=report.imported,
        rejected=report.rejected,
        committed=report.committed,
        rejected_rows=[RejectedRowPublic(**r.__dict__) for r in report.rejections],
        rejected_rows_not_listed=report.rejections_not_listed,
    )


@router.post("/employees", summary="Import employees from a CSV file")
async def import_employees(
    file: UploadFile,
    runtime: Runtime,
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
    the header being row 1; field; reason), capped, with the count of the rest."""
    settings = runtime.settings
    assert isinstance(settings, PersonnelSettings)
    rows = CsvRows(file.file)
    check_columns(rows.columns)
    importer = Importer(
        mode=mode,
        uow_factory=runtime.unit_of_work,
        store_factory=PgImports,
        today=date.today(),
        min_age=settings.min_appointment_age,
        batch_size=settings.import_batch_size,
        max_listed=settings.import_max_listed_rejections,
    )
    try:
        report = await importer.run(iter(rows))
    finally:
        rows.detach()
    return report_public(report)
