"""The projection of employees and passed exams (explicit SQL)."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import asyncpg

from evaluation.domain.eligibility import EmployeeFacts, PassedExam
from jenjang_shared.contracts import EmployeeRegistered, EmployeeTransferred
from jenjang_shared.contracts.vocabulary import (
    ALL_GOLONGAN,
    Education,
    EmploymentType,
    FunctionalLevel,
    PositionKind,
    TrainingCategory,
)
from jenjang_shared.db.types import Connection

log = logging.getLogger(__name__)

_COLUMNS = (
    "nip, employment_type, golongan, golongan_tmt, education, unit_code, position_kind,"
    " functional_level, retirement_date"
)
GET = f"SELECT {_COLUMNS} FROM employees WHERE nip = $1"
GET_MANY = f"SELECT {_COLUMNS} FROM employees WHERE nip = ANY($1::text[]) ORDER BY nip"
BATCH_AFTER = f"SELECT {_COLUMNS} FROM employees WHERE nip > $1 ORDER BY nip LIMIT $2"
COUNT = "SELECT count(*) FROM employees"
IN_UNIT = f"SELECT {_COLUMNS} FROM employees WHERE unit_code = $1 ORDER BY nip"

# Registration is the first fact about an employee; if an out-of-order event already set a
# column, that later fact wins (COALESCE keeps it).
REGISTER = """
INSERT INTO employees (nip, employment_type, golongan, golongan_tmt, education, unit_code,
                       position_kind, functional_level, registered)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)
ON CONFLICT (nip) DO UPDATE SET
    employment_type  = COALESCE(employees.employment_type, EXCLUDED.employment_type),
    golongan         = COALESCE(employees.golongan, EXCLUDED.golongan),
    golongan_tmt     = COALESCE(employees.golongan_tmt, EXCLUDED.golongan_tmt),
    education        = COALESCE(employees.education, EXCLUDED.education),
    unit_code        = COALESCE(employees.unit_code, EXCLUDED.unit_code),
    position_kind    = COALESCE(employees.position_kind, EXCLUDED.position_kind),
    functional_level = COALESCE(employees.functional_level, EXCLUDED.functional_level),
    registered       = true,
    updated_at       = now()
"""

# Only the columns named in $9 change; a row is created if the employee is not known yet.
APPLY_CHANGES = """
INSERT INTO employees (nip, employment_type, golongan, golongan_tmt, education, unit_code,
                       position_kind, functional_level)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (nip) DO UPDATE SET
    employment_type  = CASE WHEN 'employment_type' = ANY($9::text[])
                            THEN EXCLUDED.employment_type ELSE employees.employment_type END,
    golongan         = CASE WHEN 'golongan' = ANY($9::text[])
                            THEN EXCLUDED.golongan ELSE employees.golongan END,
    golongan_tmt     = CASE WHEN 'golongan_tmt' = ANY($9::text[])
                            THEN EXCLUDED.golongan_tmt ELSE employees.golongan_tmt END,
    education        = CASE WHEN 'education' = ANY($9::text[])
                            THEN EXCLUDED.education ELSE employees.education END,
    unit_code        = CASE WHEN 'unit_code' = ANY($9::text[])
                            THEN EXCLUDED.unit_code ELSE employees.unit_code END,
    position_kind    = CASE WHEN 'position_kind' = ANY($9::text[])
                            THEN EXCLUDED.position_kind ELSE employees.position_kind END,
    functional_level = CASE WHEN 'functional_level' = ANY($9::text[])
                            THEN EXCLUDED.functional_level ELSE employees.functional_level END,
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

# EmployeeUpdated.changes keys this projection knows, and how to read their JSON values.
_PARSERS: dict[str, Any] = {
    "employment_type": EmploymentType,
    "golongan": lambda v: v if v in ALL_GOLONGAN else _bad("golongan", v),
    "golongan_tmt": date.fromisoformat,
    "education": Education,
    "unit_code": str,
    "position_kind": PositionKind,
    "functional_level": FunctionalLevel,
}
_ORDER = tuple(_PARSERS)


def _bad(name: str, value: Any) -> Any:
    raise ValueError(f"unknown {name} {value!r}")


def _enum(kind: Any, value: Any) -> Any:
    return kind(value) if value is not None else None


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
    )


class PgEmployeeStore:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def get(self, nip: str) -> EmployeeFacts | None:
        row = await self.conn.fetchrow(GET, nip)
        return to_facts(row) if row else None

    async def get_many(self, nips: list[str]) -> list[EmployeeFacts]:
        return [to_facts(r) for r in await self.conn.fetch(GET_MANY, nips)]

    async def batch_after(self, after_nip: str, limit: int) -> list[EmployeeFacts]:
        return [to_facts(r) for r in await self.conn.fetch(BATCH_AFTER, after_nip, limit)]

    async def count(self) -> int:
        return int(await self.conn.fetchval(COUNT))

    async def in_unit(self, unit_code: str) -> list[EmployeeFacts]:
        return [to_facts(r) for r in await self.conn.fetch(IN_UNIT, unit_code)]

    async def register(self, event: EmployeeRegistered) -> None:
        await self.conn.execute(
            REGISTER,
            event.nip,
            event.employment_type.value,
            event.golongan,
            event.golongan_tmt,
            event.education.value,
            event.unit_code,
            event.position_kind.value,
            event.functional_level.value if event.functional_level else None,
        )

    async def apply_changes(self, nip: str, changes: dict[str, Any]) -> None:
        values: dict[str, Any] = {}
        for key, parse in _PARSERS.items():
            if key not in changes:
                continue
            try:
                parsed = parse(changes[key]) if changes[key] is not None else None
            except ValueError:
                log.warning("ignoring %s=%r in EmployeeUpdated of %s", key, changes[key], nip)
                continue
            values[key] = getattr(parsed, "value", parsed)
        # Leaving a functional position leaves its level behind.
        kind = values.get("position_kind")
        if (
            kind is not None
            and kind != PositionKind.FUNGSIONAL
            and "functional_level" not in values
        ):
            values["functional_level"] = None
        if values:
            row = [values.get(k) for k in _ORDER]
            await self.conn.execute(APPLY_CHANGES, nip, *row, list(values))

    async def transfer(self, event: EmployeeTransferred) -> None:
        changes: dict[str, Any] = {
            "unit_code": event.to_unit_code,
            "position_kind": event.position_kind.value,
            "functional_level": event.functional_level.value if event.functional_level else None,
        }
        await self.apply_changes(event.nip, changes)

    async def promote(self, nip: str, golongan: str, tmt: date) -> None:
        await self.conn.execute(PROMOTE, nip, golongan, tmt)

    async def retire(self, nip: str, retirement_date: date) -> None:
        await self.conn.execute(RETIRE, nip, retirement_date)

    async def add_exam(
        self, nip: str, enrollment_id: str, category: str, completed_on: date
    ) -> None:
        await self.conn.execute(ADD_EXAM, nip, enrollment_id, category, completed_on)

    async def exams_of(self, nips: list[str]) -> dict[str, list[PassedExam]]:
        exams: dict[str, list[PassedExam]] = {}
        for row in await self.conn.fetch(EXAMS_OF, nips):
            exams.setdefault(row["nip"], []).append(
                PassedExam(TrainingCategory(row["category"]), row["completed_on"])
            )
        return exams
