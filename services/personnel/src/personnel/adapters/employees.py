"""Employees, their change history and rank history in PostgreSQL (explicit SQL)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import asyncpg

from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    FunctionalLevel,
    Gender,
    PositionKind,
)
from jenjang_shared.db.types import Connection
from jenjang_shared.errors import Conflict
from personnel.domain.employee import Employee, EmployeeStatus, FieldChange
from personnel.domain.ranks import rank_index
from personnel.service.ports import EmployeeFilter
from personnel.service.registration import to_json_value

COLUMNS = (
    "nip", "name", "gender", "birth_date", "employment_type", "golongan", "golongan_rank",
    "golongan_tmt", "tmt_cpns", "position_title", "position_kind", "functional_level",
    "unit_code", "unit_name", "job_family", "education", "work_location", "supervisor_nip",
    "job_class", "status", "retired_on", "retirement_reason", "retirement_age", "retirement_date",
)  # fmt: skip
_COLS = ", ".join(COLUMNS)
_PARAMS = ", ".join(f"${i}" for i in range(1, len(COLUMNS) + 1))

INSERT = f"INSERT INTO employees ({_COLS}) VALUES ({_PARAMS})"
UPDATE = (
    "UPDATE employees SET "
    + ", ".join(f"{c} = ${i}" for i, c in enumerate(COLUMNS, start=1) if c != "nip")
    + ", updated_at = now() WHERE nip = $1"
)
SELECT_ONE = f"SELECT {_COLS} FROM employees WHERE nip = $1"
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
# Filters: a NULL parameter means "any". The name query matches name (case-insensitive) or
# the start of the NIP.
_WHERE = """
WHERE ($1::text IS NULL OR unit_code = $1)
  AND ($2::text IS NULL OR golongan = $2)
  AND ($3::text IS NULL OR employment_type = $3)
  AND ($4::text IS NULL OR position_kind = $4)
  AND ($5::text IS NULL OR status = $5)
  AND ($6::text IS NULL OR lower(name) LIKE '%' || lower($6) || '%' OR nip LIKE $6 || '%')
"""
COUNT_SEARCH = "SELECT count(*) FROM employees " + _WHERE
SEARCH = f"SELECT {_COLS} FROM employees {_WHERE} ORDER BY {{order}} LIMIT $7 OFFSET $8"
# The only sort keys: never build ORDER BY from user text.
SORTS: dict[str, str] = {
    "nip": "nip",
    "name": "lower(name), nip",
    "golongan": "golongan_rank, nip",
    "unit_code": "unit_code, nip",
    "golongan_tmt": "golongan_tmt, nip",
    "retirement_date": "retirement_date, nip",
    "registered_at": "registered_at, nip",
}
RETIRING_WHERE = "WHERE status = 'ACTIVE' AND retirement_date <= $1"
COUNT_RETIRING = "SELECT count(*) FROM employees " + RETIRING_WHERE
RETIRING = (
    f"SELECT {_COLS} FROM employees {RETIRING_WHERE} ORDER BY retirement_date, nip"
    " LIMIT $2 OFFSET $3"
)
CHANGES_OF = """
SELECT id, field, old_value, new_value, effective_date, changed_by, reason, kind, recorded_at
FROM employee_changes WHERE nip = $1 ORDER BY id DESC LIMIT $2 OFFSET $3
"""
COUNT_CHANGES_OF = "SELECT count(*) FROM employee_changes WHERE nip = $1"
RANKS_OF = """
SELECT golongan, golongan_tmt, source, proposal_id::text AS proposal_id, sk_number, sk_date,
       recorded_at
FROM rank_history WHERE nip = $1 ORDER BY golongan_tmt DESC, id DESC
"""


def row_values(e: Employee) -> tuple[Any, ...]:
    """The column values of a record, in COLUMNS order."""
    return (
        e.nip, e.name, e.gender.value, e.birth_date, e.employment_type.value, e.golongan,
        rank_index(e.golongan), e.golongan_tmt, e.tmt_cpns, e.position_title,
        e.position_kind.value, e.functional_level.value if e.functional_level else None,
        e.unit_code, e.unit_name, e.job_family, e.education.value, e.work_location,
        e.supervisor_nip, e.job_class, e.status.value, e.retired_on, e.retirement_reason,
        e.retirement_age, e.retirement_date,
    )  # fmt: skip


def to_employee(row: asyncpg.Record) -> Employee:
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
    )


class PgEmployees:
    """EmployeeStore over one connection (the unit of work's, or a read connection)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def get(self, nip: str, *, for_update: bool = False) -> Employee | None:
        row = await self.conn.fetchrow(SELECT_ONE_FOR_UPDATE if for_update else SELECT_ONE, nip)
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

    async def search(
        self, f: EmployeeFilter, *, sort: str, limit: int, offset: int
    ) -> tuple[list[Employee], int]:
        """Filtered page; `sort` is a key of SORTS, with a leading '-' for descending."""
        descending = sort.startswith("-")
        order = SORTS[sort.lstrip("-")]
        if descending:
            order = ", ".join(f"{part.strip()} DESC" for part in order.split(","))
        # LIKE wildcards in the query are matched literally.
        q = f.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") if f.q else None
        args = (f.unit_code, f.golongan, f.employment_type, f.position_kind, f.status, q)
        total = await self.conn.fetchval(COUNT_SEARCH, *args)
        rows = await self.conn.fetch(SEARCH.format(order=order), *args, limit, offset)
        return [to_employee(r) for r in rows], total

    async def retiring(self, until: date, *, limit: int, offset: int) -> tuple[list[Employee], int]:
        """Active employees whose computed retirement date is on or before `until`."""
        total = await self.conn.fetchval(COUNT_RETIRING, until)
        rows = await self.conn.fetch(RETIRING, until, limit, offset)
        return [to_employee(r) for r in rows], total

    async def changes_of(
        self, nip: str, *, limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        total = await self.conn.fetchval(COUNT_CHANGES_OF, nip)
        rows = await self.conn.fetch(CHANGES_OF, nip, limit, offset)
        return [dict(r) for r in rows], total

    async def ranks_of(self, nip: str) -> list[dict[str, Any]]:
        return [dict(r) for r in await self.conn.fetch(RANKS_OF, nip)]
