"""The JP ledger in SQL, and the report of who is below the yearly minimum."""

from __future__ import annotations

from datetime import date

from jenjang_shared.access import Visibility
from jenjang_shared.db.types import Connection
from training.adapters.postgres import rows, scope
from training.domain.model import LedgerEntry
from training.service.ports import ShortfallRow

ADD = """
INSERT INTO jp_entries (nip, source, source_ref, course_code, title, training_category,
                        training_method, jp, earned_on, certificate_number)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (source, source_ref) DO NOTHING
RETURNING id
"""
FOR_YEAR = """
SELECT * FROM jp_entries
WHERE nip = $1 AND earned_on >= make_date($2, 1, 1) AND earned_on < make_date($2 + 1, 1, 1)
ORDER BY earned_on, id
"""
BETWEEN = """
SELECT * FROM jp_entries WHERE nip = $1 AND earned_on >= $2 AND earned_on <= $3
ORDER BY earned_on, id
"""
# Active PNS and CPNS with their JP of the year, below the minimum ($2), that the caller sees
# ($4-$7).
_BELOW = """
WITH totals AS (
    SELECT nip, sum(jp)::int AS total_jp FROM jp_entries
    WHERE earned_on >= make_date($1, 1, 1) AND earned_on < make_date($1 + 1, 1, 1)
    GROUP BY nip
)
SELECT {columns}
FROM employees p LEFT JOIN totals t ON t.nip = p.nip
WHERE p.status = 'ACTIVE' AND p.employment_type IN ('PNS', 'CPNS')
  AND coalesce(t.total_jp, 0) < $2
  AND ($3::text IS NULL OR p.unit_code = $3)
  AND {scope}
"""
BELOW_MINIMUM = (
    _BELOW.format(columns="p.*, coalesce(t.total_jp, 0) AS total_jp", scope=scope.predicate(4))
    + " ORDER BY coalesce(t.total_jp, 0), p.nip LIMIT $8 OFFSET $9"
)
COUNT_BELOW_MINIMUM = _BELOW.format(columns="count(*)", scope=scope.predicate(4))


class PostgresLedger:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def add(self, entry: LedgerEntry) -> bool:
        """False when the same source was credited before (a redelivered credit)."""
        added = await self.conn.fetchval(
            ADD,
            entry.nip,
            entry.source,
            entry.source_ref,
            entry.course_code,
            entry.title,
            entry.training_category.value,
            entry.training_method.value,
            entry.jp,
            entry.earned_on,
            entry.certificate_number,
        )
        return added is not None

    async def for_year(self, nip: str, year: int) -> list[LedgerEntry]:
        return [rows.ledger_entry(r) for r in await self.conn.fetch(FOR_YEAR, nip, year)]

    async def between(self, nip: str, first: date, last: date) -> list[LedgerEntry]:
        return [rows.ledger_entry(r) for r in await self.conn.fetch(BETWEEN, nip, first, last)]

    async def below_minimum(
        self,
        *,
        year: int,
        minimum: int,
        unit_code: str | None,
        scope: Visibility,
        limit: int | None,
        offset: int,
    ) -> tuple[list[ShortfallRow], int]:
        filters = (year, minimum, unit_code, *scope.sql_arguments())
        found = await self.conn.fetch(BELOW_MINIMUM, *filters, limit, offset)
        total: int = await self.conn.fetchval(COUNT_BELOW_MINIMUM, *filters)
        return [
            ShortfallRow(employee=rows.employee(r), total_jp=r["total_jp"]) for r in found
        ], total
