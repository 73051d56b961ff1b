"""The projection of employees and their passed exams, in PostgreSQL (explicit SQL)."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any, TypeVar

import asyncpg

from evaluation.adapters.postgres.scope import visible
from evaluation.domain.credit_points import CreditStart
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
    " functional_level, retirement_date, supervisor_nip, birth_date, pension_date, pension_rule,"
    " functional_position, credit_start, credit_start_as_of, credit_start_source"
)
GET = f"SELECT {_COLUMNS} FROM employees WHERE nip = $1 AND {visible(2)}"
BATCH_AFTER = f"SELECT {_COLUMNS} FROM employees WHERE nip > $1 ORDER BY nip LIMIT $2"
COUNT = "SELECT count(*) FROM employees"
IN_UNIT = f"SELECT {_COLUMNS} FROM employees WHERE unit_code = $1 AND {visible(2)} ORDER BY nip"

CHANGE_ORDER: tuple[ProjectedField, ...] = (
    "employment_type",
    "golongan",
    "golongan_tmt",
    "education",
    "unit_code",
    "position_kind",
    "functional_level",
    "supervisor_nip",
    "birth_date",
    "pension_date",
    "pension_rule",
    "functional_position",
)
_CREDIT = ("credit_start", "credit_start_as_of", "credit_start_source")
_ALL = (*CHANGE_ORDER, *_CREDIT)
_INSERT_COLUMNS = ", ".join(("nip", *_ALL))

# Registration is the first fact about an employee; if an out-of-order event already set a
# column, that later fact wins (COALESCE keeps it).
REGISTER = (
    f"INSERT INTO employees ({_INSERT_COLUMNS}, registered) VALUES ("
    + ", ".join(f"${i}" for i in range(1, len(_ALL) + 2))
    + ", true) ON CONFLICT (nip) DO UPDATE SET "
    + ", ".join(f"{c} = COALESCE(employees.{c}, EXCLUDED.{c})" for c in _ALL)
    + ", registered = true, updated_at = now()"
)

# Only the columns named in the last parameter change; a row is created if the employee is not
# known yet. The parameters $2.. follow CHANGE_ORDER.
_NAMES = f"${len(CHANGE_ORDER) + 2}::text[]"
APPLY_CHANGES = (
    f"INSERT INTO employees (nip, {', '.join(CHANGE_ORDER)}) VALUES ("
    + ", ".join(f"${i}" for i in range(1, len(CHANGE_ORDER) + 2))
    + ") ON CONFLICT (nip) DO UPDATE SET "
    + ", ".join(
        f"{c} = CASE WHEN '{c}' = ANY({_NAMES}) THEN EXCLUDED.{c} ELSE employees.{c} END"
        for c in CHANGE_ORDER
    )
    + ", updated_at = now()"
)

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
        birth_date=row["birth_date"],
        pension_date=row["pension_date"],
        pension_rule=row["pension_rule"],
        functional_position=row["functional_position"],
        credit_start=CreditStart(
            row["credit_start"], row["credit_start_as_of"], row["credit_start_source"]
        )
        if row["credit_start"] is not None
        else None,
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
        start = facts.credit_start
        credit = (start.amount, start.as_of, start.source_document) if start else (None,) * 3
        values = [_column(getattr(facts, name)) for name in CHANGE_ORDER]
        await self.conn.execute(REGISTER, facts.nip, *values, *credit)

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
