"""The projection of employees and their passed exams, in PostgreSQL (explicit SQL)."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any, TypeVar

import asyncpg

from evaluation.adapters.postgres.scope import visible
from evaluation.domain.eligibility import EmployeeFacts, PassedExam
from evaluation.service.ports import FactChanges, ProjectedField
from jenjang_shared.access import Visibility
from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    FunctionalLevel,
    PositionKind,
    TrainingCategory,
)
from jenjang_shared.db.types import Connection

E = TypeVar("E", bound=Enum)


_COLUMNS = (
    "nip, employment_type, golongan, golongan_tmt, education, unit_code, position_kind,"
    " functional_level, retirement_date, supervisor_nip"
)
GET = f"SELECT {_COLUMNS} FROM employees WHERE nip = $1 AND {visible(2)}"
BATCH_AFTER = f"SELECT {_COLUMNS} FROM employees WHERE nip > $1 ORDER BY nip LIMIT $2"
COUNT = "SELECT count(*) FROM employees"
IN_UNIT = f"SELECT {_COLUMNS} FROM employees WHERE unit_code = $1 AND {visible(2)} ORDER BY nip"

# Registration is the first fact about an employee; if an out-of-order event already set a
# column, that later fact wins (COALESCE keeps it).
REGISTER = """
INSERT INTO employees (nip, employment_type, golongan, golongan_tmt, education, unit_code,
                       position_kind, functional_level, supervisor_nip, registered)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true)
ON CONFLICT (nip) DO UPDATE SET
    employment_type  = COALESCE(employees.employment_type, EXCLUDED.employment_type),
    golongan         = COALESCE(employees.golongan, EXCLUDED.golongan),
    golongan_tmt     = COALESCE(employees.golongan_tmt, EXCLUDED.golongan_tmt),
    education        = COALESCE(employees.education, EXCLUDED.education),
    unit_code        = COALESCE(employees.unit_code, EXCLUDED.unit_code),
    position_kind    = COALESCE(employees.position_kind, EXCLUDED.position_kind),
    functional_level = COALESCE(employees.functional_level, EXCLUDED.functional_level),
    supervisor_nip   = COALESCE(employees.supervisor_nip, EXCLUDED.supervisor_nip),
    registered       = true,
    updated_at       = now()
"""

# Only the columns named in $10 change; a row is created if the employee is not known yet.
# The parameters $2..$9 follow CHANGE_ORDER.
APPLY_CHANGES = """
INSERT INTO employees (nip, employment_type, golongan, golongan_tmt, education, unit_code,
                       position_kind, functional_level, supervisor_nip)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (nip) DO UPDATE SET
    employment_type  = CASE WHEN 'employment_type' = ANY($10::text[])
                            THEN EXCLUDED.employment_type ELSE employees.employment_type END,
    golongan         = CASE WHEN 'golongan' = ANY($10::text[])
                            THEN EXCLUDED.golongan ELSE employees.golongan END,
    golongan_tmt     = CASE WHEN 'golongan_tmt' = ANY($10::text[])
                            THEN EXCLUDED.golongan_tmt ELSE employees.golongan_tmt END,
    education        = CASE WHEN 'education' = ANY($10::text[])
                            THEN EXCLUDED.education ELSE employees.education END,
    unit_code        = CASE WHEN 'unit_code' = ANY($10::text[])
                            THEN EXCLUDED.unit_code ELSE employees.unit_code END,
    position_kind    = CASE WHEN 'position_kind' = ANY($10::text[])
                            THEN EXCLUDED.position_kind ELSE employees.position_kind END,
    functional_level = CASE WHEN 'functional_level' = ANY($10::text[])
                            THEN EXCLUDED.functional_level ELSE employees.functional_level END,
    supervisor_nip   = CASE WHEN 'supervisor_nip' = ANY($10::text[])
                            THEN EXCLUDED.supervisor_nip ELSE employees.supervisor_nip END,
    updated_at       = now()
"""

# A promotion older than the rank already known (a late, out-of-order event) changes nothing.
PROMOTE = """
INSERT INTO employees (nip, golongan, golongan_tmt) VALUES ($1, $2, $3)
ON CONFLICT (nip) DO UPDATE SET golongan = EXCLUDED.golongan,
    golongan_tmt = EXCLUDED.golongan_tmt, updated_at = now()
WHERE employees.golongan_tmt IS NULL OR employees.golongan_tmt <= EXCLUDED.golongan_tmt
"""
RETIRE = """
INSERT INTO employees (nip, status, retirement_date) VALUES ($1, 'RETIRED', $2)
ON CONFLICT (nip) DO UPDATE SET status = 'RETIRED', retirement_date = EXCLUDED.retirement_date,
    updated_at = now()
"""
ADD_EXAM = """
INSERT INTO passed_exams (nip, enrollment_id, category, completed_on) VALUES ($1, $2, $3, $4)
ON CONFLICT (nip, enrollment_id) DO UPDATE SET category = EXCLUDED.category,
    completed_on = EXCLUDED.completed_on
"""
EXAMS_OF = """
SELECT nip, category, completed_on FROM passed_exams WHERE nip = ANY($1::text[])
"""

CHANGE_ORDER: tuple[ProjectedField, ...] = (
    "employment_type",
    "golongan",
    "golongan_tmt",
    "education",
    "unit_code",
    "position_kind",
    "functional_level",
    "supervisor_nip",
)


def _enum(kind: type[E], value: str | None) -> E | None:
    return kind(value) if value is not None else None


def _column(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def to_facts(row: asyncpg.Record) -> EmployeeFacts:
    return EmployeeFacts(
        nip=row["nip"],
        employment_type=_enum(EmploymentType, row["employment_type"]),
        golongan=row["golongan"],
        golongan_tmt=row["golongan_tmt"],
        education=_enum(Education, row["education"]),
        retirement_date=row["retirement_date"],
        unit_code=row["unit_code"],
        position_kind=_enum(PositionKind, row["position_kind"]),
        functional_level=_enum(FunctionalLevel, row["functional_level"]),
        supervisor_nip=row["supervisor_nip"],
    )


class PostgresEmployees:
    """`EmployeeRepository` on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def get(self, nip: str, *, visible_to: Visibility) -> EmployeeFacts | None:
        row = await self.conn.fetchrow(GET, nip, *visible_to.sql_arguments())
        return to_facts(row) if row else None

    async def batch_after(self, after_nip: str, limit: int) -> list[EmployeeFacts]:
        return [to_facts(r) for r in await self.conn.fetch(BATCH_AFTER, after_nip, limit)]

    async def count(self) -> int:
        return int(await self.conn.fetchval(COUNT))

    async def in_unit(self, unit_code: str, *, visible_to: Visibility) -> list[EmployeeFacts]:
        rows = await self.conn.fetch(IN_UNIT, unit_code, *visible_to.sql_arguments())
        return [to_facts(r) for r in rows]

    async def register(self, facts: EmployeeFacts) -> None:
        await self.conn.execute(
            REGISTER,
            facts.nip,
            _column(facts.employment_type),
            facts.golongan,
            facts.golongan_tmt,
            _column(facts.education),
            facts.unit_code,
            _column(facts.position_kind),
            _column(facts.functional_level),
            facts.supervisor_nip,
        )

    async def apply_changes(self, nip: str, changes: FactChanges) -> None:
        if not changes.values:
            return
        row = [_column(changes.values.get(name)) for name in CHANGE_ORDER]
        await self.conn.execute(APPLY_CHANGES, nip, *row, list(changes.values))

    async def promote(self, nip: str, golongan: str, tmt: date) -> None:
        await self.conn.execute(PROMOTE, nip, golongan, tmt)

    async def retire(self, nip: str, retirement_date: date) -> None:
        await self.conn.execute(RETIRE, nip, retirement_date)

    async def add_exam(
        self, nip: str, enrollment_id: str, category: TrainingCategory, completed_on: date
    ) -> None:
        await self.conn.execute(ADD_EXAM, nip, enrollment_id, category.value, completed_on)

    async def exams_of(self, nips: list[str]) -> dict[str, list[PassedExam]]:
        exams: dict[str, list[PassedExam]] = {}
        for row in await self.conn.fetch(EXAMS_OF, nips):
            exams.setdefault(row["nip"], []).append(
                PassedExam(TrainingCategory(row["category"]), row["completed_on"])
            )
        return exams
