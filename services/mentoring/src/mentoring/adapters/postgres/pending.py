"""Unmatched requests (waiting for a mentor) and the coaching triggers already handled."""

from __future__ import annotations

from typing import Any

from jenjang_shared.db.types import Connection
from mentoring.domain.mentor import PendingStatus, UnmatchedRequest

PENDING_COLUMNS = (
    "id::text AS id, mentee_nip, program, origin, reason, rejections, source_event_id,"
    " excluded_nips, replaces_id::text AS replaces_id, status, mentorship_id::text AS"
    " mentorship_id, created_at"
)
INSERT_PENDING = """
INSERT INTO unmatched_requests (id, mentee_nip, program, origin, reason, rejections,
                                source_event_id, excluded_nips, replaces_id)
VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9::uuid)
ON CONFLICT (mentee_nip, program) WHERE status = 'PENDING'
DO UPDATE SET reason = EXCLUDED.reason, rejections = EXCLUDED.rejections
RETURNING (xmax = 0) AS inserted
"""
CLAIM_PENDING = f"""
SELECT {PENDING_COLUMNS} FROM unmatched_requests
WHERE status = 'PENDING' AND ($2::text IS NULL OR mentee_nip = $2)
  AND ($3::text IS NULL OR mentee_nip IN (SELECT nip FROM employees WHERE supervisor_nip = $3))
ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED
"""
NOTE_PENDING = "UPDATE unmatched_requests SET reason = $2, rejections = $3 WHERE id = $1::uuid"
FINISH_PENDING = """
UPDATE unmatched_requests SET status = $2, mentorship_id = $3::uuid, resolved_at = now()
WHERE id = $1::uuid
"""
INSERT_TRIGGER = """
INSERT INTO coaching_triggers (nip, period, evaluation_id, predikat, event_id)
VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING true
"""


def pending_from(row: Any) -> UnmatchedRequest:
    return UnmatchedRequest(
        id=row["id"],
        mentee_nip=row["mentee_nip"],
        program=row["program"],
        origin=row["origin"],
        reason=row["reason"],
        rejections=dict(row["rejections"]),
        source_event_id=row["source_event_id"],
        excluded_nips=tuple(row["excluded_nips"]),
        replaces_id=row["replaces_id"],
        status=PendingStatus(row["status"]),
        mentorship_id=row["mentorship_id"],
        created_at=row["created_at"],
    )


class PostgresPending:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def add(self, request: UnmatchedRequest) -> bool:
        r = request
        return bool(
            await self.conn.fetchval(
                INSERT_PENDING,
                r.id,
                r.mentee_nip,
                r.program,
                r.origin,
                r.reason,
                r.rejections,
                r.source_event_id,
                list(r.excluded_nips),
                r.replaces_id,
            )
        )

    async def claim(
        self, *, limit: int, mentee_nip: str | None = None, supervisor_nip: str | None = None
    ) -> list[UnmatchedRequest]:
        rows = await self.conn.fetch(CLAIM_PENDING, limit, mentee_nip, supervisor_nip)
        return [pending_from(r) for r in rows]

    async def note(self, request_id: str, *, reason: str, rejections: dict[str, int]) -> None:
        await self.conn.execute(NOTE_PENDING, request_id, reason, rejections)

    async def finish(self, request_id: str, *, status: str, mentorship_id: str | None) -> None:
        await self.conn.execute(FINISH_PENDING, request_id, status, mentorship_id)


class PostgresCoachingTriggers:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def record(
        self, *, nip: str, period: str, evaluation_id: str, predikat: str, event_id: str | None
    ) -> bool:
        return bool(
            await self.conn.fetchval(INSERT_TRIGGER, nip, period, evaluation_id, predikat, event_id)
        )
