"""The employee projection in PostgreSQL: dated facts, where each employee stands for access
(`employee_scope`), and locks on employees.

Every read filters by the caller's `Visibility` in SQL with the shared predicate
`($1 OR unit_code = ANY($2) OR supervisor_nip = $3 OR nip = $4)` on `employee_scope` (a LEFT
JOIN: an employee without a scope row is visible only to everyone-callers and to themself).
"""

from __future__ import annotations

from collections.abc import Sequence

from jenjang_shared.access import Visibility
from jenjang_shared.db.types import Connection
from welfare.domain.employee import Attribute, EmployeeTimeline, Fact, timelines_of
from welfare.domain.projection import Placement

# One key for "all employees" (taken exclusively by a policy recomputation, shared by each
# employee change), and one per NIP: two changes of the same employee never interleave.
_ALL_EMPLOYEES_LOCK = 0x77656C66  # "welf"

LOCK_ALL_SHARED = "SELECT pg_advisory_xact_lock_shared($1)"
LOCK_ALL_EXCLUSIVE = "SELECT pg_advisory_xact_lock($1)"
LOCK_EMPLOYEE = "SELECT pg_advisory_xact_lock(hashtext('welfare-employee:' || $1))"

INSERT_FACT = """
INSERT INTO employee_facts (nip, attribute, effective_from, value, version, event_id, event_type)
VALUES ($1, $2, $3, $4, $5, $6, $7)
"""

# The caller's Visibility as $1..$4 (Visibility.sql_arguments()), on f (facts) and s (scope).
VISIBLE = """($1::boolean OR s.unit_code = ANY($2::text[]) OR s.supervisor_nip = $3::text
     OR f.nip = $4::text)"""

SELECT_FACTS = f"""
SELECT f.seq, f.nip, f.attribute, f.effective_from, f.value, f.version
FROM employee_facts f LEFT JOIN employee_scope s ON s.nip = f.nip
WHERE f.nip = ANY($5::text[]) AND {VISIBLE}
ORDER BY f.seq
"""

SELECT_REGISTERED = f"""
SELECT DISTINCT f.nip
FROM employee_facts f LEFT JOIN employee_scope s ON s.nip = f.nip
WHERE f.attribute = 'status' AND {VISIBLE}
ORDER BY f.nip
"""

SELECT_EVER_IN_UNIT = f"""
SELECT DISTINCT f.nip
FROM employee_facts f LEFT JOIN employee_scope s ON s.nip = f.nip
WHERE f.attribute = 'unit_code' AND f.value = $5 AND {VISIBLE}
ORDER BY f.nip
"""

# Only the fields a placement names change ($4, $5 say which).
PLACE = """
INSERT INTO employee_scope AS s (nip, unit_code, supervisor_nip, event_id)
VALUES ($1, $2, $3, $6)
ON CONFLICT (nip) DO UPDATE SET
    unit_code = CASE WHEN $4::boolean THEN EXCLUDED.unit_code ELSE s.unit_code END,
    supervisor_nip = CASE WHEN $5::boolean THEN EXCLUDED.supervisor_nip ELSE s.supervisor_nip END,
    event_id = EXCLUDED.event_id,
    updated_at = now()
"""


class PgLocks:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def employee(self, nip: str) -> None:
        await self._conn.execute(LOCK_ALL_SHARED, _ALL_EMPLOYEES_LOCK)
        await self._conn.execute(LOCK_EMPLOYEE, nip)

    async def all_employees(self) -> None:
        await self._conn.execute(LOCK_ALL_EXCLUSIVE, _ALL_EMPLOYEES_LOCK)


class PgScopeRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def place(self, nip: str, placement: Placement, *, event_id: str | None) -> None:
        if not placement:
            return
        await self._conn.execute(
            PLACE,
            nip,
            placement.get("unit_code"),
            placement.get("supervisor_nip"),
            "unit_code" in placement,
            "supervisor_nip" in placement,
            event_id,
        )


class PgFactRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def add(
        self, nip: str, facts: Sequence[Fact], *, event_id: str | None, event_type: str
    ) -> None:
        await self._conn.executemany(
            INSERT_FACT,
            [
                (nip, f.attribute.value, f.effective_from, f.value, f.version, event_id, event_type)
                for f in facts
            ],
        )

    async def timelines(
        self, nips: Sequence[str], *, visibility: Visibility
    ) -> dict[str, EmployeeTimeline]:
        rows = await self._conn.fetch(SELECT_FACTS, *visibility.sql_arguments(), list(nips))
        return timelines_of(
            [],
            (
                (
                    r["nip"],
                    Fact(
                        Attribute(r["attribute"]),
                        r["effective_from"],
                        r["value"],
                        r["version"],
                        r["seq"],
                    ),
                )
                for r in rows
            ),
        )

    async def registered_nips(self, *, visibility: Visibility) -> list[str]:
        rows = await self._conn.fetch(SELECT_REGISTERED, *visibility.sql_arguments())
        return [r["nip"] for r in rows]

    async def nips_ever_in_unit(self, unit_code: str, *, visibility: Visibility) -> list[str]:
        rows = await self._conn.fetch(SELECT_EVER_IN_UNIT, *visibility.sql_arguments(), unit_code)
        return [r["nip"] for r in rows]
