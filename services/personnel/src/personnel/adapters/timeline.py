"""Career timeline entries in PostgreSQL (explicit SQL)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from jenjang_shared.db.types import Connection
from personnel.domain.timeline import TimelineEntry

# (event_id, nip) is unique: a redelivered or self-recorded event adds nothing twice.
ADD = """
INSERT INTO timeline_entries (nip, occurred_on, event_time, kind, summary, source, event_id)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (event_id, nip) DO NOTHING
"""
COUNT_OF = "SELECT count(*) FROM timeline_entries WHERE nip = $1"
LIST_OF = """
SELECT occurred_on, event_time, kind, summary, source, event_id
FROM timeline_entries WHERE nip = $1
ORDER BY occurred_on DESC, event_time DESC, seq DESC
LIMIT $2 OFFSET $3
"""


class PgTimeline:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def add(
        self, entries: Sequence[TimelineEntry], *, event_id: str, event_time: datetime
    ) -> None:
        await self.conn.executemany(
            ADD,
            [
                (e.nip, e.occurred_on, event_time, e.kind, e.summary, e.source, event_id)
                for e in entries
            ],
        )

    async def of(self, nip: str, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        """Newest first: by business date, then event time."""
        total = await self.conn.fetchval(COUNT_OF, nip)
        rows = await self.conn.fetch(LIST_OF, nip, limit, offset)
        return [dict(r) for r in rows], total
