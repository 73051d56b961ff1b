"""The employee projection in PostgreSQL: dated facts, and locks on employees."""

from __future__ import annotations

from collections.abc import Sequence

from jenjang_shared.db.types import Connection
from welfare.domain.employee import Attribute, EmployeeTimeline, Fact, timelines_of

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

SELECT_FACTS = """
SELECT seq, nip, attribute, effective_from, value, version
FROM employee_facts WHERE nip = ANY($1::text[]) ORDER BY seq
"""

SELECT_REGISTERED = (
    "SELECT DISTINCT nip FROM employee_facts WHERE attribute = 'status' ORDER BY nip"
)

SELECT_EVER_IN_UNIT = """
SELECT DISTINCT nip FROM employee_facts WHERE attribute = 'unit_code' AND value = $1 ORDER BY nip
"""


class PgLocks:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def employee(self, nip: str) -> None:
        await self._conn.execute(LOCK_ALL_SHARED, _ALL_EMPLOYEES_LOCK)
        await self._conn.execute(LOCK_EMPLOYEE, nip)

    async def all_employees(self) -> None:
        await self._conn.execute(LOCK_ALL_EXCLUSIVE, _ALL_EMPLOYEES_LOCK)


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

    async def timelines(self, nips: Sequence[str]) -> dict[str, EmployeeTimeline]:
        rows = await self._conn.fetch(SELECT_FACTS, list(nips))
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

    async def registered_nips(self) -> list[str]:
        return [r["nip"] for r in await self._conn.fetch(SELECT_REGISTERED)]

    async def nips_ever_in_unit(self, unit_code: str) -> list[str]:
        return [r["nip"] for r in await self._conn.fetch(SELECT_EVER_IN_UNIT, unit_code)]
