"""Benefit claims in PostgreSQL.

Reads filter by the caller's `Visibility` in SQL: the claim's employee, through
`employee_scope`, must pass `($1 OR unit_code = ANY($2) OR supervisor_nip = $3 OR nip = $4)`.
"""

from __future__ import annotations

import uuid
from typing import Any

from jenjang_shared.access import Visibility
from jenjang_shared.db.types import Connection
from welfare.domain.claims import Claim, ClaimStatus, NewClaim

_COLUMNS = """id, nip, kind, amount_idr, evidence_ref, period, status, decision_reason,
              created_at, decided_at, request_hash, submitted_by, decided_by"""
_C_COLUMNS = """c.id, c.nip, c.kind, c.amount_idr, c.evidence_ref, c.period, c.status,
                c.decision_reason, c.created_at, c.decided_at, c.request_hash, c.submitted_by,
                c.decided_by"""

# The caller's Visibility as $1..$4 (Visibility.sql_arguments()), on c (claims) and s (scope).
_FROM_VISIBLE = """
FROM claims c LEFT JOIN employee_scope s ON s.nip = c.nip
WHERE ($1::boolean OR s.unit_code = ANY($2::text[]) OR s.supervisor_nip = $3::text
       OR c.nip = $4::text)"""

INSERT_CLAIM = f"""
INSERT INTO claims (id, nip, kind, amount_idr, evidence_ref, period, status,
                    idempotency_key, request_hash, submitted_by)
VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', $7, $8, $9)
ON CONFLICT (idempotency_key) DO NOTHING
RETURNING {_COLUMNS}
"""

SELECT_BY_KEY = f"SELECT {_COLUMNS} FROM claims WHERE idempotency_key = $1"
SELECT_BY_ID = f"SELECT {_C_COLUMNS} {_FROM_VISIBLE} AND c.id = $5"
SELECT_BY_ID_FOR_UPDATE = f"{SELECT_BY_ID} FOR UPDATE OF c"

UPDATE_DECISION = f"""
UPDATE claims SET status = $2, decision_reason = $3, decided_by = $4, decided_at = now()
WHERE id = $1 RETURNING {_COLUMNS}
"""

_MATCHING = "AND ($5::text IS NULL OR c.nip = $5) AND ($6::text IS NULL OR c.status = $6)"

SELECT_LIST = f"""
SELECT {_C_COLUMNS}, count(*) OVER () AS total {_FROM_VISIBLE} {_MATCHING}
ORDER BY c.created_at DESC, c.id LIMIT $7 OFFSET $8
"""

COUNT_LIST = f"SELECT count(*) {_FROM_VISIBLE} {_MATCHING}"


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
        submitted_by=row["submitted_by"],
        decided_by=row["decided_by"],
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
        self,
        claim: NewClaim,
        *,
        idempotency_key: str | None,
        fingerprint: str,
        submitted_by: str,
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
            submitted_by,
        )
        if row is not None:
            return _claim(row), row["request_hash"], True
        # Only a repeated idempotency key skips the insert (NULL keys never conflict).
        row = await self._conn.fetchrow(SELECT_BY_KEY, idempotency_key)
        assert row is not None
        return _claim(row), row["request_hash"], False

    async def get(
        self, claim_id: str, *, visibility: Visibility, for_update: bool = False
    ) -> Claim | None:
        key = _uuid(claim_id)
        if key is None:
            return None
        row = await self._conn.fetchrow(
            SELECT_BY_ID_FOR_UPDATE if for_update else SELECT_BY_ID,
            *visibility.sql_arguments(),
            key,
        )
        return _claim(row) if row else None

    async def set_decision(
        self, claim_id: str, status: ClaimStatus, reason: str, *, decided_by: str
    ) -> Claim:
        row = await self._conn.fetchrow(
            UPDATE_DECISION, uuid.UUID(claim_id), status.value, reason, decided_by
        )
        assert row is not None
        return _claim(row)

    async def search(
        self,
        *,
        nip: str | None,
        status: ClaimStatus | None,
        limit: int,
        offset: int,
        visibility: Visibility,
    ) -> tuple[list[Claim], int]:
        status_value = status.value if status else None
        scope = visibility.sql_arguments()
        rows = await self._conn.fetch(SELECT_LIST, *scope, nip, status_value, limit, offset)
        if rows:
            return [_claim(r) for r in rows], rows[0]["total"]
        return [], await self._conn.fetchval(COUNT_LIST, *scope, nip, status_value)
