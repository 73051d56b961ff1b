"""Employees, their change history and rank history in PostgreSQL (explicit SQL). The API's
searches over them are in `queries.py`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import asyncpg

from jenjang_shared.access import Visibility
from jenjang_shared.contracts.personnel import CreditPointsStart
from jenjang_shared.contracts.ranks import rank_index
from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    FunctionalLevel,
    Gender,
    PositionKind,
)
from jenjang_shared.db.types import Connection
from jenjang_shared.errors import Conflict
from personnel.adapters.postgres.scope import arguments, visible
from personnel.domain.employee import Employee, EmployeeStatus, FieldChange
from personnel.service.scope import to_json_value

COLUMNS = (
    "nip", "name", "gender", "birth_date", "employment_type", "golongan", "golongan_rank",
    "golongan_tmt", "tmt_cpns", "position_title", "position_kind", "functional_level",
    "unit_code", "unit_name", "job_family", "education", "work_location", "supervisor_nip",
    "job_class", "status", "retired_on", "retirement_reason", "retirement_age", "retirement_date",
    "functional_position", "credit_points_start", "credit_points_as_of", "credit_points_source",
    "retirement_rule", "contract_start",
)  # fmt: skip
_COLS = ", ".join(COLUMNS)
_PARAMS = ", ".join(f"${i}" for i in range(1, len(COLUMNS) + 1))

INSERT = f"INSERT INTO employees ({_COLS}) VALUES ({_PARAMS})"
UPDATE = (
    "UPDATE employees SET "
    + ", ".join(f"{c} = ${i}" for i, c in enumerate(COLUMNS, start=1) if c != "nip")
    + ", updated_at = now() WHERE nip = $1"
)
# Only a record the caller may see: out of scope reads as unknown.
SELECT_ONE = f"SELECT {_COLS} FROM employees WHERE nip = $1 AND {visible(2)}"
SELECT_ONE_FOR_UPDATE = SELECT_ONE + " FOR UPDATE"
SELECT_EXISTING = "SELECT nip FROM employees WHERE nip = ANY($1::text[])"
INSERT_CHANGE = """
INSERT INTO employee_changes (nip, field, old_value, new_value, effective_date, changed_by,
                              reason, kind)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
"""
INSERT_RANK = """
INSERT INTO rank_history (nip, golongan, golongan_tmt, source, proposal_id, sk_number, sk_date)
VALUES ($1, $2, $3, $4, $5, $6, $7)
"""


def row_values(e: Employee) -> tuple[Any, ...]:
    """The column values of a record, in COLUMNS order (golongan_rank: the shared rank order,
    for sorting by rank)."""
    start = e.credit_points_start
    return (
        e.nip, e.name, e.gender.value, e.birth_date, e.employment_type.value, e.golongan,
        rank_index(e.golongan), e.golongan_tmt, e.tmt_cpns, e.position_title,
        e.position_kind.value, e.functional_level.value if e.functional_level else None,
        e.unit_code, e.unit_name, e.job_family, e.education.value, e.work_location,
        e.supervisor_nip, e.job_class, e.status.value, e.retired_on, e.retirement_reason,
        e.retirement_age, e.retirement_date, e.functional_position,
        start.amount if start else None, start.as_of if start else None,
        start.source_document if start else None, e.retirement_rule, e.contract_start,
    )  # fmt: skip


def to_employee(row: asyncpg.Record) -> Employee:
    """A record from its row (COLUMNS)."""
    return Employee(
        nip=row["nip"],
        name=row["name"],
        gender=Gender(row["gender"]),
        birth_date=row["birth_date"],
        employment_type=EmploymentType(row["employment_type"]),
        golongan=row["golongan"],
        golongan_tmt=row["golongan_tmt"],
        tmt_cpns=row["tmt_cpns"],
        position_title=row["position_title"],
        position_kind=PositionKind(row["position_kind"]),
        functional_level=FunctionalLevel(row["functional_level"])
        if row["functional_level"]
        else None,
        unit_code=row["unit_code"],
        unit_name=row["unit_name"],
        job_family=row["job_family"],
        education=Education(row["education"]),
        work_location=row["work_location"],
        supervisor_nip=row["supervisor_nip"],
        job_class=row["job_class"],
        status=EmployeeStatus(row["status"]),
        retired_on=row["retired_on"],
        retirement_reason=row["retirement_reason"],
        functional_position=row["functional_position"],
        contract_start=row["contract_start"],
        credit_points_start=CreditPointsStart(
            amount=row["credit_points_start"],
            as_of=row["credit_points_as_of"],
            source_document=row["credit_points_source"],
        )
        if row["credit_points_start"] is not None
        else None,
    )


class PgEmployees:
    """EmployeeRepository over the unit of work's connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def get(
        self, nip: str, *, visibility: Visibility, for_update: bool = False
    ) -> Employee | None:
        row = await self.conn.fetchrow(
            SELECT_ONE_FOR_UPDATE if for_update else SELECT_ONE, nip, *arguments(visibility)
        )
        return to_employee(row) if row else None

    async def insert(self, employee: Employee) -> None:
        try:
            await self.conn.execute(INSERT, *row_values(employee))
        except asyncpg.UniqueViolationError:
            raise Conflict(f"an employee with NIP {employee.nip} is already registered") from None

    async def update(self, employee: Employee) -> None:
        await self.conn.execute(UPDATE, *row_values(employee))

    async def existing(self, nips: Sequence[str]) -> set[str]:
        return {r["nip"] for r in await self.conn.fetch(SELECT_EXISTING, list(nips))}

    async def add_changes(
        self,
        nip: str,
        changes: Sequence[FieldChange],
        *,
        effective_date: date,
        changed_by: str,
        reason: str | None,
        kind: str,
    ) -> None:
        await self.conn.executemany(
            INSERT_CHANGE,
            [
                (
                    nip,
                    c.field,
                    to_json_value(c.old),
                    to_json_value(c.new),
                    effective_date,
                    changed_by,
                    reason,
                    kind,
                )
                for c in changes
            ],
        )

    async def add_rank(
        self,
        nip: str,
        golongan: str,
        golongan_tmt: date,
        *,
        source: str,
        proposal_id: str | None = None,
        sk_number: str | None = None,
        sk_date: date | None = None,
    ) -> None:
        await self.conn.execute(
            INSERT_RANK, nip, golongan, golongan_tmt, source, proposal_id, sk_number, sk_date
        )
