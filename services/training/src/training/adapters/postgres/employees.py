"""The employee projection in SQL."""

from __future__ import annotations

from datetime import date

from jenjang_shared.access import Visibility
from jenjang_shared.db.types import Connection
from training.adapters.postgres import rows, scope
from training.domain.model import Employee
from training.service.ports import UNRESTRICTED, EmployeeFacts

GET = f"SELECT * FROM employees p WHERE p.nip = $1 AND {scope.predicate(2)}"
GET_FOR_UPDATE = f"{GET} FOR UPDATE"
# One's own records are visible even before training knows the employee.
VISIBLE = f"""
SELECT $1::boolean OR $4::text = $5
    OR EXISTS (SELECT 1 FROM employees p WHERE p.nip = $5 AND {scope.predicate(1)})
"""

# What an event does not say (NULL) keeps the value known before; the superior only changes
# when the event says who it is ($10), and then NULL clears it.
UPSERT = """
INSERT INTO employees (nip, name, employment_type, job_family, unit_code, unit_name, golongan,
                       registered, supervisor_nip, contract_start, position_kind)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $11, $12)
ON CONFLICT (nip) DO UPDATE SET
    name            = COALESCE(EXCLUDED.name, employees.name),
    employment_type = COALESCE(EXCLUDED.employment_type, employees.employment_type),
    job_family      = COALESCE(EXCLUDED.job_family, employees.job_family),
    unit_code       = COALESCE(EXCLUDED.unit_code, employees.unit_code),
    unit_name       = COALESCE(EXCLUDED.unit_name, employees.unit_name),
    golongan        = COALESCE(EXCLUDED.golongan, employees.golongan),
    registered      = employees.registered OR EXCLUDED.registered,
    contract_start  = COALESCE(EXCLUDED.contract_start, employees.contract_start),
    position_kind   = COALESCE(EXCLUDED.position_kind, employees.position_kind),
    supervisor_nip  = CASE WHEN $10::boolean THEN EXCLUDED.supervisor_nip
                           ELSE employees.supervisor_nip END,
    updated_at      = now()
RETURNING *
"""

RETIRE = """
INSERT INTO employees (nip, status, retired_on) VALUES ($1, 'RETIRED', $2)
ON CONFLICT (nip) DO UPDATE SET status = 'RETIRED', retired_on = EXCLUDED.retired_on,
                                updated_at = now()
"""

COUNT_ACTIVE_WITH_MINIMUM = """
SELECT count(*) FROM employees WHERE status = 'ACTIVE' AND employment_type IN ('PNS', 'CPNS')
"""


class PostgresEmployees:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def get(
        self, nip: str, *, for_update: bool = False, scope: Visibility = UNRESTRICTED
    ) -> Employee | None:
        query = GET_FOR_UPDATE if for_update else GET
        row = await self.conn.fetchrow(query, nip, *scope.sql_arguments())
        return rows.employee(row) if row else None

    async def visible(self, nip: str, scope: Visibility) -> bool:
        seen: bool = await self.conn.fetchval(VISIBLE, *scope.sql_arguments(), nip)
        return seen

    async def upsert(self, nip: str, facts: EmployeeFacts) -> Employee:
        row = await self.conn.fetchrow(
            UPSERT,
            nip,
            facts.name,
            facts.employment_type.value if facts.employment_type else None,
            facts.job_family,
            facts.unit_code,
            facts.unit_name,
            facts.golongan,
            facts.registered,
            facts.supervisor_nip,
            facts.sets_supervisor,
            facts.contract_start,
            facts.position_kind.value if facts.position_kind else None,
        )
        assert row is not None
        return rows.employee(row)

    async def retire(self, nip: str, retired_on: date) -> None:
        await self.conn.execute(RETIRE, nip, retired_on)

    async def count_active_with_minimum(self) -> int:
        count: int = await self.conn.fetchval(COUNT_ACTIVE_WITH_MINIMUM)
        return count
