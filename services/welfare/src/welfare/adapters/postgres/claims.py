"""Benefit claims in PostgreSQL."""

from __future__ import annotations

import uuid
from typing import Any

from jenjang_shared.db.types import Connection
from welfare.domain.claims import Claim, ClaimStatus, NewClaim

_COLUMNS = """id, nip, kind, amount_idr, evidence_ref, period, status, decision_reason,
              created_at, decided_at, request_hash"""

INSERT_CLAIM = f"""
INSERT INTO claims (id, nip, kind, amount_idr, evidence_ref, period, status,
                    idempotency_key, request_hash)
VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', $7, $8)
ON CONFLICT (idempotency_key) DO NOTHING
RETURNING {_COLUMNS}
"""

SELECT_BY_KEY = f"SELECT {_COLUMNS} FROM claims WHERE idempotency_key = $1"
SELECT_BY_ID = f"SELECT {_COLUMNS} FROM claims WHERE id = $1"
SELECT_BY_ID_FOR_UPDATE = f"SELECT {_COLUMNS} FROM claims WHERE id = $1 FOR UPDATE"

UPDATE_DECISION = f"""
UPDATE claims SET status = $2, decision_reason = $3, decided_at = now()
WHERE id = $1 RETURNING {_COLUMNS}
"""

SELECT_LIST = f"""
SELECT {_COLUMNS}, count(*) OVER () AS total FROM claims
WHERE ($1::text IS NULL OR nip = $1) AND ($2::text IS NULL OR status = $2)
ORDER BY created_at DESC, id LIMIT $3 OFFSET $4
"""

COUNT_LIST = """
SELECT count(*) FROM claims
WHERE ($1::text IS NULL OR nip = $1) AND ($2::text IS NULL OR status = $2)
"""


def _claim(row: Any) -> Claim:
    return Claim(
        id=str(row["id"]),
        nip=row["nip"],
        kind=row["kind"],
        amount_idr=row["amount_idr"],
        evidence_ref=row["evidence_ref"],
        period=row["period"],
        status=ClaimStatus(row["status"]),
        decision_reason=row["decision_reason"],
        created_at=row["created_at"],
        decided_at=row["decided_at"],
    )


def _uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


class PgClaimRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    async def insert_once(
        self, claim: NewClaim, *, idempotency_key: str | None, fingerprint: str
    ) -> tuple[Claim, str | None, bool]:
        row = await self._conn.fetchrow(
            INSERT_CLAIM,
            uuid.uuid4(),
            claim.nip,
            claim.kind,
            claim.amount_idr,
            claim.evidence_ref,
            claim.period,
            idempotency_key,
            fingerprint,
        )
        if row is not None:
            return _claim(row), row["request_hash"], True
        # Only a repeated idempotency key skips the insert (NULL keys never conflict).
        row = await self._conn.fetchrow(SELECT_BY_KEY, idempotency_key)
        assert row is not None
        return _claim(row), row["request_hash"], False

    async def get(self, claim_id: str, *, for_update: bool = False) -> Claim | None:
        key = _uuid(claim_id)
        if key is None:
            return None
        row = await self._conn.fetchrow(
            SELECT_BY_ID_FOR_UPDATE if for_update else SELECT_BY_ID, key
        )
        return _claim(row) if row else None

    async def set_decision(self, claim_id: str, status: ClaimStatus, reason: str) -> Claim:
        row = await self._conn.fetchrow(UPDATE_DECISION, uuid.UUID(claim_id), status.value, reason)
        assert row is not None
        return _claim(row)

    async def search(
        self, *, nip: str | None, status: ClaimStatus | None, limit: int, offset: int
    ) -> tuple[list[Claim], int]:
        status_value = status.value if status else None
        rows = await self._conn.fetch(SELECT_LIST, nip, status_value, limit, offset)
        if rows:
            return [_claim(r) for r in rows], rows[0]["total"]
        return [], await self._conn.fetchval(COUNT_LIST, nip, status_value)
