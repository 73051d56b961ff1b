"""Promotion recommendations and rejection blocks, in PostgreSQL (explicit SQL).

At most one OPEN recommendation per (nip, to_golongan): a partial unique index decides races
between transactions, and the writes report which rows they actually changed, so that only
those are published.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

import asyncpg

from evaluation.adapters.postgres.scope import visible
from evaluation.service.ports import (
    NewRecommendation,
    Recommendation,
    RecommendationStatus,
    Withdrawal,
)
from jenjang_shared.access import Visibility
from jenjang_shared.db.types import Connection

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
_COLUMNS = (
    "recommendation_id::text AS recommendation_id, nip, from_golongan, to_golongan, kp_period,"
    " rules_version, evidence, status, status_reason, created_at, closed_at"
)
GET = f"SELECT {_COLUMNS} FROM recommendations WHERE recommendation_id = $1::uuid"
_QUALIFIED = (
    "r.recommendation_id::text AS recommendation_id, r.nip, r.from_golongan, r.to_golongan,"
    " r.kp_period, r.rules_version, r.evidence, r.status, r.status_reason, r.created_at,"
    " r.closed_at"
)
# Only an employee the caller may see (their own even before the projection knows them).
OF_EMPLOYEE = f"""
SELECT {_QUALIFIED}
FROM recommendations r LEFT JOIN employees em ON em.nip = r.nip
WHERE r.nip = $1 AND {visible(2, "em", nip="r.nip")}
ORDER BY r.created_at DESC
"""
OPEN_OF = f"""
SELECT {_COLUMNS} FROM recommendations WHERE status = 'OPEN' AND nip = ANY($1::text[])
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


def is_uuid(text: str) -> bool:
    """Ids come from events and URLs: anything else cannot name a row (and would not cast)."""
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def to_recommendation(row: asyncpg.Record) -> Recommendation:
    return Recommendation(**dict(row))


class PostgresRecommendations:
    """`RecommendationRepository` on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def open_targets(self, nips: list[str]) -> set[tuple[str, str]]:
        return {(r["nip"], r["to_golongan"]) for r in await self.conn.fetch(OPEN_TARGETS, nips)}

    async def blocked(self, nips: list[str], kp_period: date) -> set[tuple[str, str]]:
        rows = await self.conn.fetch(BLOCKED, nips, kp_period)
        return {(r["nip"], r["to_golongan"]) for r in rows}

    async def add(self, recommendations: Sequence[NewRecommendation]) -> set[str]:
        if not recommendations:
            return set()
        columns: list[list[Any]] = [
            [r.recommendation_id for r in recommendations],
            [r.nip for r in recommendations],
            [r.from_golongan for r in recommendations],
            [r.to_golongan for r in recommendations],
            [r.kp_period for r in recommendations],
            [r.rules_version for r in recommendations],
            [r.evidence for r in recommendations],
        ]
        return {r["recommendation_id"] for r in await self.conn.fetch(ADD_MANY, *columns)}

    async def get(self, recommendation_id: str) -> Recommendation | None:
        if not is_uuid(recommendation_id):
            return None
        row = await self.conn.fetchrow(GET, recommendation_id)
        return to_recommendation(row) if row else None

    async def open_of(self, nips: list[str]) -> list[Recommendation]:
        return [to_recommendation(r) for r in await self.conn.fetch(OPEN_OF, nips)]

    async def withdraw(self, withdrawals: Sequence[Withdrawal]) -> set[str]:
        if not withdrawals:
            return set()
        rows = await self.conn.fetch(
            WITHDRAW,
            [w.recommendation_id for w in withdrawals],
            [w.reason for w in withdrawals],
        )
        return {r["recommendation_id"] for r in rows}

    async def close_open(self, nip: str, status: RecommendationStatus, reason: str) -> int:
        result = await self.conn.execute(CLOSE_OPEN, nip, status, reason)
        return int(result.split()[-1])

    async def reject(self, recommendation_id: str, reason: str) -> None:
        await self.conn.execute(REJECT, recommendation_id, reason)

    async def block(self, nip: str, to_golongan: str, kp_period: date, reason: str) -> None:
        await self.conn.execute(BLOCK, nip, to_golongan, kp_period, reason)

    async def of_employee(self, nip: str, *, visible_to: Visibility) -> list[Recommendation]:
        rows = await self.conn.fetch(OF_EMPLOYEE, nip, *visible_to.sql_arguments())
        return [to_recommendation(r) for r in rows]
