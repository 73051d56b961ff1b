"""Recommendations in SQL: unique per employee and reason key."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from jenjang_shared.access import Visibility
from jenjang_shared.db.types import Connection
from training.adapters.postgres import rows, scope
from training.domain.model import Recommendation
from training.domain.recommending import Suggestion

# A second recommendation with the same (nip, reason_key) inserts nothing: returns no row.
ADD = """
INSERT INTO recommendations (id, nip, reason_key, reason, rule, course_codes, published_at)
VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7 THEN now() END)
ON CONFLICT (nip, reason_key) DO NOTHING
RETURNING *
"""
FOR_EMPLOYEE = f"""
SELECT r.* FROM recommendations r LEFT JOIN employees p ON p.nip = r.nip
WHERE r.nip = $1 AND {scope.predicate(2, nip="r.nip")}
ORDER BY r.created_at, r.reason_key
"""
UNPUBLISHED = """
SELECT * FROM recommendations WHERE nip = $1 AND published_at IS NULL ORDER BY created_at
FOR UPDATE
"""
MARK_PUBLISHED = """
UPDATE recommendations SET course_codes = $2, published_at = now() WHERE id = $1
"""


class PostgresRecommendations:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def add(
        self, nip: str, suggestion: Suggestion, *, published: bool
    ) -> Recommendation | None:
        row = await self.conn.fetchrow(
            ADD,
            uuid.uuid4(),
            nip,
            suggestion.reason_key,
            suggestion.reason,
            suggestion.rule,
            list(suggestion.course_codes),
            published,
        )
        return rows.recommendation(row) if row else None

    async def for_employee(self, nip: str, *, scope: Visibility) -> list[Recommendation]:
        found = await self.conn.fetch(FOR_EMPLOYEE, nip, *scope.sql_arguments())
        return [rows.recommendation(r) for r in found]

    async def unpublished(self, nip: str) -> list[Recommendation]:
        return [rows.recommendation(r) for r in await self.conn.fetch(UNPUBLISHED, nip)]

    async def mark_published(self, rec_id: uuid.UUID, course_codes: Sequence[str]) -> None:
        await self.conn.execute(MARK_PUBLISHED, rec_id, list(course_codes))
