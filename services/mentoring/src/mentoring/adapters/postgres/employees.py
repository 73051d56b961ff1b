"""The employee projection table."""

from __future__ import annotations

from typing import Any

from jenjang_shared.access import Visibility
from jenjang_shared.db.types import Connection
from mentoring.adapters.postgres.scope import employee_visible, scope_args
from mentoring.domain.employee import Employee, EmployeeStatus
from mentoring.service.ports import EVERYONE

_COLUMNS = (
    "nip, name, employment_type, golongan, golongan_tmt, unit_code, unit_name, unit_since,"
    " job_family, supervisor_nip, status, retired_on, registered"
)
SELECT_EMPLOYEE = (
    f"SELECT {_COLUMNS} FROM employees e WHERE e.nip = $1 AND {employee_visible('e', 2)}"
)
SELECT_EMPLOYEE_FOR_UPDATE = SELECT_EMPLOYEE + " FOR UPDATE"
UPSERT_EMPLOYEE = f"""
INSERT INTO employees ({_COLUMNS})
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT (nip) DO UPDATE SET
    name = EXCLUDED.name, employment_type = EXCLUDED.employment_type,
    golongan = EXCLUDED.golongan, golongan_tmt = EXCLUDED.golongan_tmt,
    unit_code = EXCLUDED.unit_code, unit_name = EXCLUDED.unit_name,
    unit_since = EXCLUDED.unit_since, job_family = EXCLUDED.job_family,
    supervisor_nip = EXCLUDED.supervisor_nip, status = EXCLUDED.status,
    retired_on = EXCLUDED.retired_on, registered = EXCLUDED.registered, updated_at = now()
"""


def employee_from(row: Any) -> Employee:
    return Employee(
        nip=row["nip"],
        name=row["name"],
        employment_type=row["employment_type"],
        golongan=row["golongan"],
        golongan_tmt=row["golongan_tmt"],
        unit_code=row["unit_code"],
        unit_name=row["unit_name"],
        unit_since=row["unit_since"],
        job_family=row["job_family"],
        supervisor_nip=row["supervisor_nip"],
        status=EmployeeStatus(row["status"]),
        retired_on=row["retired_on"],
        registered=row["registered"],
    )


class PostgresEmployees:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def get(
        self, nip: str, *, lock: bool = False, visibility: Visibility = EVERYONE
    ) -> Employee | None:
        query = SELECT_EMPLOYEE_FOR_UPDATE if lock else SELECT_EMPLOYEE
        row = await self.conn.fetchrow(query, nip, *scope_args(visibility))
        return employee_from(row) if row else None

    async def save(self, employee: Employee) -> None:
        e = employee
        await self.conn.execute(
            UPSERT_EMPLOYEE,
            e.nip,
            e.name,
            e.employment_type,
            e.golongan,
            e.golongan_tmt,
            e.unit_code,
            e.unit_name,
            e.unit_since,
            e.job_family,
            e.supervisor_nip,
            e.status.value,
            e.retired_on,
            e.registered,
        )
