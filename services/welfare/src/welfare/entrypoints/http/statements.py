"""Route: the monthly statement of a unit, as JSON or as CSV for payroll."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from jenjang_shared.access import Visibility
from jenjang_shared.contracts.vocabulary import Allowance
from welfare.domain.statements import Month, Statement
from welfare.entrypoints.http.deps import Caller, NewUnitOfWork
from welfare.entrypoints.http.schemas import MONTH_PATTERN, StatementPublic
from welfare.service.queries import monthly_statement

router = APIRouter(tags=["statements"])


@router.get(
    "/statements",
    summary="Allowances due for a month, pro-rated by days",
    response_model=StatementPublic,
    responses={200: {"content": {"text/csv": {}}}},
)
async def get_statement(
    request: Request,
    caller: Caller,
    new_uow: NewUnitOfWork,
    month: Annotated[str, Query(pattern=MONTH_PATTERN, description="YYYY-MM")],
    unit_code: Annotated[
        str | None,
        Query(max_length=64, description="The unit (employees in it on the month's last day)"),
    ] = None,
    format: Annotated[str | None, Query(pattern="^(json|csv)$", description="json or csv")] = None,
) -> StatementPublic | Response:
    """Each employee's due per allowance (segment = monthly × days / days in month, rounded
    half up), per-employee and grand totals. CSV with `?format=csv` or `Accept: text/csv`.

    Every role, listing only the employees it may see: hr those of its units, a supervisor
    their reports and themself, an employee themself, admin and services everyone. Lines of
    other people are audited."""
    async with new_uow() as uow:
        statement = await monthly_statement(
            uow,
            month=Month.parse(month),
            unit_code=unit_code,
            visibility=Visibility.of(caller),
            reader_nip=caller.nip,
        )
    wants_csv = format == "csv" or (
        format is None and "text/csv" in request.headers.get("accept", "")
    )
    if wants_csv:
        return Response(
            _csv(statement),
            media_type="text/csv",
            headers={"Content-Disposition": f'attachment; filename="statement-{month}.csv"'},
        )
    return _public(statement)


def _public(statement: Statement) -> StatementPublic:
    return StatementPublic.model_validate(
        {
            "month": str(statement.month),
            "unit_code": statement.unit_code,
            "days_in_month": statement.month.days,
            "employees": statement.employees,
            "totals_by_allowance": {
                allowance.value: total
                for allowance, total in statement.total_by_allowance().items()
            },
            "total_idr": statement.total_idr,
        },
        from_attributes=True,
    )


# A cell a spreadsheet would run as a formula (CSV injection): =, +, -, @, and tab or carriage
# return before one of them. Such a cell gets a leading apostrophe, so it is shown as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """The value as a spreadsheet may show it: text that would start a formula is quoted with
    a leading apostrophe; numbers and other text stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _SafeWriter:
    """csv.writer whose rows go through `safe_cell` (every cell, whatever its column)."""

    def __init__(self, out: io.StringIO) -> None:
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])


def _csv(statement: Statement) -> str:
    out = io.StringIO()
    writer = _SafeWriter(out)
    allowances = list(Allowance)
    writer.writerow(
        ["month", "unit_code", "nip", "golongan", *[a.value for a in allowances], "total_idr"]
    )
    for e in statement.employees:
        due = {a.allowance: a.amount_idr for a in e.allowances}
        writer.writerow(
            [
                statement.month,
                e.unit_code,
                e.nip,
                e.golongan,
                *[due[a] for a in allowances],
                e.total_idr,
            ]
        )
    totals = statement.total_by_allowance()
    writer.writerow(
        [
            statement.month,
            statement.unit_code or "",
            "TOTAL",
            "",
            *[totals[a] for a in allowances],
            statement.total_idr,
        ]
    )
    return out.getvalue()
