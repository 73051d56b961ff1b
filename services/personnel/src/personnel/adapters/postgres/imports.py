"""Batch writes of the bulk import: one statement per batch for the records and their first
rank (the unit of work writes their outbox rows in one more)."""

from __future__ import annotations

from collections.abc import Sequence

from jenjang_shared.db.types import Connection
from personnel.adapters.postgres.employees import COLUMNS, SELECT_EXISTING, row_values
from personnel.domain.employee import Employee

_TYPES = {
    "birth_date": "date", "golongan_tmt": "date", "tmt_cpns": "date", "retired_on": "date",
    "retirement_date": "date", "golongan_rank": "smallint", "job_class": "smallint",
    "retirement_age": "smallint", "credit_points_start": "numeric", "credit_points_as_of": "date",
    "contract_start": "date",
}  # fmt: skip
_ARRAYS = ", ".join(f"${i}::{_TYPES.get(c, 'text')}[]" for i, c in enumerate(COLUMNS, start=1))

# New records only (an existing NIP is skipped and reported by the caller), with their first
# rank in the rank history, in one statement.
INSERT_NEW = f"""
WITH inserted AS (
    INSERT INTO employees ({", ".join(COLUMNS)})
    SELECT * FROM unnest({_ARRAYS})
    ON CONFLICT (nip) DO NOTHING
    RETURNING nip, golongan, golongan_tmt
), ranks AS (
    INSERT INTO rank_history (nip, golongan, golongan_tmt, source)
    SELECT nip, golongan, golongan_tmt, 'REGISTRATION' FROM inserted
)
SELECT nip FROM inserted
"""


class PgImports:
    """ImportRepository over the unit of work's connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def existing(self, nips: Sequence[str]) -> set[str]:
        return {r["nip"] for r in await self.conn.fetch(SELECT_EXISTING, list(nips))}

    async def insert_new(self, employees: Sequence[Employee]) -> set[str]:
        """Insert the records whose NIP is new; return the NIPs inserted."""
        columns = list(zip(*(row_values(e) for e in employees), strict=True))
        rows = await self.conn.fetch(INSERT_NEW, *(list(c) for c in columns))
        return {r["nip"] for r in rows}
