"""Career timeline entries in PostgreSQL (explicit SQL)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from jenjang_shared.db.types import Connection
from personnel.domain.timeline import TimelineEntry

# (event_id, nip) is unique: a redelivered or self-recorded event adds nothing twice.
ADD = """
INSERT INTO timeline_entries (nip, occurred_on, event_time, kind, summary, source, event_id)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (event_id, nip) DO NOTHING
"""


class PgTimeline:
    """TimelineRepository over the unit of work's connection."""

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
