"""Writing and reading the audit log (migration 0004): one row per audited change or read."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from jenjang_shared.db.types import Connection
from jenjang_shared.messaging.tracing import current_correlation_id

_INSERT = """
INSERT INTO audit_log (actor, roles, operation, record_type, record_id, before, after, request_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
"""

_SELECT = """
SELECT seq, at, actor, roles, operation, record_type, record_id, before, after, request_id,
       count(*) OVER () AS total
FROM audit_log
WHERE ($1::text IS NULL OR record_type = $1)
  AND ($2::text IS NULL OR record_id = $2)
  AND ($3::text IS NULL OR actor = $3)
  AND ($4::timestamptz IS NULL OR at >= $4)
  AND ($5::timestamptz IS NULL OR at < $5)
ORDER BY seq DESC
LIMIT $6 OFFSET $7
"""


@dataclass(frozen=True)
class Actor:
    """Who the audit log names: the token's NIP or subject and its roles ("system" for the
    service's own work, such as applying an event)."""

    name: str
    roles: tuple[str, ...] = ()


SYSTEM = Actor("system")


async def write_audit(
    conn: Connection,
    actor: Actor,
    *,
    operation: str,
    record_type: str,
    record_id: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    await conn.execute(
        _INSERT,
        actor.name,
        list(actor.roles),
        operation,
        record_type,
        record_id,
        _json(before),
        _json(after),
        current_correlation_id.get(),
    )


def _json(value: dict[str, Any] | None) -> dict[str, Any] | None:
    # JSON-safe (dates as ISO strings); the pool's jsonb codec does the encoding.
    return None if value is None else json.loads(json.dumps(value, default=str))


@dataclass(frozen=True)
class AuditQuery:
    record_type: str | None = None
    record_id: str | None = None
    actor: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 50
    offset: int = 0


async def read_audit(conn: Connection, query: AuditQuery) -> tuple[list[dict[str, Any]], int]:
    """Newest first, with the total that matched."""
    rows = await conn.fetch(
        _SELECT,
        query.record_type,
        query.record_id,
        query.actor,
        query.since,
        query.until,
        query.limit,
        query.offset,
    )
    total = int(rows[0]["total"]) if rows else 0
    return [{k: v for k, v in dict(r).items() if k != "total"} for r in rows], total
