"""Potential assessments (one per employee and year), in PostgreSQL (explicit SQL)."""

from __future__ import annotations

from evaluation.service.ports import PotentialAssessment
from jenjang_shared.db.types import Connection

UPSERT_POTENTIAL = """
INSERT INTO potential_assessments (nip, year, potential, assessor_nip, notes)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (nip, year) DO UPDATE SET potential = EXCLUDED.potential,
    assessor_nip = EXCLUDED.assessor_nip, notes = EXCLUDED.notes, recorded_at = now()
RETURNING (xmax = 0) AS inserted
"""
GET_POTENTIAL = """
SELECT nip, year, potential, assessor_nip, notes FROM potential_assessments
WHERE nip = $1 AND year = $2
"""
POTENTIALS = """
SELECT nip, potential FROM potential_assessments WHERE nip = ANY($1::text[]) AND year = $2
"""


class PostgresPotentials:
    """`PotentialRepository` on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def upsert(
        self, nip: str, year: int, potential: str, assessor_nip: str | None, notes: str | None
    ) -> bool:
        return bool(
            await self.conn.fetchval(UPSERT_POTENTIAL, nip, year, potential, assessor_nip, notes)
        )

    async def get(self, nip: str, year: int) -> PotentialAssessment | None:
        row = await self.conn.fetchrow(GET_POTENTIAL, nip, year)
        return PotentialAssessment(**dict(row)) if row else None

    async def for_nips(self, nips: list[str], year: int) -> dict[str, str]:
        rows = await self.conn.fetch(POTENTIALS, nips, year)
        return {r["nip"]: r["potential"] for r in rows}
