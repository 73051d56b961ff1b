"""Recommendations, rejection blocks and sweeps (explicit SQL)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from jenjang_shared.contracts import PromotionRecommendationWithdrawn, PromotionRecommended
from jenjang_shared.db.types import Connection
from jenjang_shared.messaging.outbox import OutboxWriter

OPEN_TARGETS = """
SELECT nip, to_golongan FROM recommendations WHERE status = 'OPEN' AND nip = ANY($1::text[])
"""
BLOCKED = """
SELECT nip, to_golongan FROM promotion_blocks WHERE nip = ANY($1::text[]) AND kp_period = $2
"""
# The partial unique index makes a second open recommendation for the same target a no-op;
# RETURNING names the ones actually inserted (a whole batch in one statement).
ADD_MANY = """
INSERT INTO recommendations (recommendation_id, nip, from_golongan, to_golongan, kp_period,
                             rules_version, evidence)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[],
                     $7::jsonb[])
ON CONFLICT (nip, to_golongan) WHERE status = 'OPEN' DO NOTHING
RETURNING recommendation_id::text
"""
_REC_COLUMNS = (
    "recommendation_id::text AS recommendation_id, nip, from_golongan, to_golongan, kp_period,"
    " rules_version, evidence, status, status_reason, created_at, closed_at"
)
GET = f"SELECT {_REC_COLUMNS} FROM recommendations WHERE recommendation_id = $1::uuid"
OF_EMPLOYEE = f"SELECT {_REC_COLUMNS} FROM recommendations WHERE nip = $1 ORDER BY created_at DESC"
OPEN_OF = f"""
SELECT {_REC_COLUMNS} FROM recommendations WHERE status = 'OPEN' AND nip = ANY($1::text[])
ORDER BY nip, created_at
"""
# Only rows still OPEN are closed; RETURNING names them, so a repeat withdraws (publishes) nothing.
WITHDRAW = """
UPDATE recommendations r SET status = 'WITHDRAWN', status_reason = w.reason, closed_at = now()
FROM unnest($1::uuid[], $2::text[]) AS w(recommendation_id, reason)
WHERE r.recommendation_id = w.recommendation_id AND r.status = 'OPEN'
RETURNING r.recommendation_id::text
"""
CLOSE_OPEN = """
UPDATE recommendations SET status = $2, status_reason = $3, closed_at = now()
WHERE nip = $1 AND status = 'OPEN'
"""
REJECT = """
UPDATE recommendations SET status = 'REJECTED', status_reason = $2, closed_at = now()
WHERE recommendation_id = $1::uuid
"""
BLOCK = """
INSERT INTO promotion_blocks (nip, to_golongan, kp_period, reason) VALUES ($1, $2, $3, $4)
ON CONFLICT DO NOTHING
"""

CREATE_SWEEP = "INSERT INTO promotion_sweeps (sweep_id, kp_period, total) VALUES ($1, $2, $3)"
SWEEP_PROGRESS = """
UPDATE promotion_sweeps SET processed = processed + $2, recommended = recommended + $3
WHERE sweep_id = $1
"""
FINISH_SWEEP = """
UPDATE promotion_sweeps SET status = $2, error = $3, finished_at = now() WHERE sweep_id = $1
"""
GET_SWEEP = """
SELECT sweep_id::text AS sweep_id, kp_period, status, total, processed, recommended, error,
       started_at, finished_at
FROM promotion_sweeps WHERE sweep_id = $1::uuid
"""


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


class PgPromotionStore:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def open_targets(self, nips: list[str]) -> set[tuple[str, str]]:
        return {(r["nip"], r["to_golongan"]) for r in await self.conn.fetch(OPEN_TARGETS, nips)}

    async def blocked(self, nips: list[str], kp_period: date) -> set[tuple[str, str]]:
        rows = await self.conn.fetch(BLOCKED, nips, kp_period)
        return {(r["nip"], r["to_golongan"]) for r in rows}

    async def add_recommendations(
        self, events: list[PromotionRecommended], outbox: OutboxWriter
    ) -> int:
        """Insert the recommendations no open one already covers, and publish exactly those
        (outbox rows in the same transaction). Returns how many were published."""
        if not events:
            return 0
        rows = await self.conn.fetch(
            ADD_MANY,
            [e.recommendation_id for e in events],
            [e.nip for e in events],
            [e.from_golongan for e in events],
            [e.to_golongan for e in events],
            [e.kp_period for e in events],
            [e.rules_version for e in events],
            [e.evidence.model_dump(mode="json") for e in events],
        )
        inserted = {r["recommendation_id"] for r in rows}
        await outbox.add_many([e for e in events if e.recommendation_id in inserted])
        return len(inserted)

    async def get_recommendation(self, recommendation_id: str) -> dict[str, Any] | None:
        if not _is_uuid(recommendation_id):
            return None
        row = await self.conn.fetchrow(GET, recommendation_id)
        return dict(row) if row else None

    async def open_recommendations(self, nips: list[str]) -> list[dict[str, Any]]:
        return [dict(r) for r in await self.conn.fetch(OPEN_OF, nips)]

    async def withdraw(
        self, events: list[PromotionRecommendationWithdrawn], outbox: OutboxWriter
    ) -> int:
        """Close the still-open recommendations as WITHDRAWN and publish exactly those (outbox
        rows in the same transaction). Returns how many were withdrawn."""
        if not events:
            return 0
        rows = await self.conn.fetch(
            WITHDRAW, [e.recommendation_id for e in events], [e.reason for e in events]
        )
        withdrawn = {r["recommendation_id"] for r in rows}
        await outbox.add_many([e for e in events if e.recommendation_id in withdrawn])
        return len(withdrawn)

    async def close_open(self, nip: str, status: str, reason: str) -> int:
        result = await self.conn.execute(CLOSE_OPEN, nip, status, reason)
        return int(result.split()[-1])

    async def reject(self, recommendation_id: str, reason: str) -> None:
        await self.conn.execute(REJECT, recommendation_id, reason)

    async def block(self, nip: str, to_golongan: str, kp_period: date, reason: str) -> None:
        await self.conn.execute(BLOCK, nip, to_golongan, kp_period, reason)

    async def of_employee(self, nip: str) -> list[dict[str, Any]]:
        return [dict(r) for r in await self.conn.fetch(OF_EMPLOYEE, nip)]


class PgSweepStore:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def create(self, sweep_id: str, kp_period: date, total: int) -> None:
        await self.conn.execute(CREATE_SWEEP, sweep_id, kp_period, total)

    async def progress(self, sweep_id: str, processed: int, recommended: int) -> None:
        await self.conn.execute(SWEEP_PROGRESS, sweep_id, processed, recommended)

    async def finish(self, sweep_id: str, status: str, error: str | None) -> None:
        await self.conn.execute(FINISH_SWEEP, sweep_id, status, error)

    async def get(self, sweep_id: str) -> dict[str, Any] | None:
        if not _is_uuid(sweep_id):
            return None
        row = await self.conn.fetchrow(GET_SWEEP, sweep_id)
        return dict(row) if row else None
