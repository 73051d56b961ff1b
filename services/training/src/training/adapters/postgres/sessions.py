"""Sessions in SQL, with their counts of places taken and waitlisted."""

from __future__ import annotations

import uuid
from datetime import date

from jenjang_shared.db.types import Connection
from training.adapters.postgres import rows
from training.domain.model import Session

_COUNTS = """
    (SELECT count(*) FROM enrollments e WHERE e.session_id = s.id
        AND e.status IN ('CONFIRMED', 'PASSED', 'FAILED'))::int AS confirmed,
    (SELECT count(*) FROM enrollments e WHERE e.session_id = s.id
        AND e.status = 'WAITLISTED')::int AS waitlisted
"""
GET = f"SELECT s.*, {_COUNTS} FROM sessions s WHERE s.id = $1"
# The lock every change of a session's places takes first: they take turns.
LOCK = "SELECT id FROM sessions WHERE id = $1 FOR UPDATE"
INSERT = """
INSERT INTO sessions (id, course_code, starts_on, ends_on, location, online, capacity)
VALUES ($1, $2, $3, $4, $5, $6, $7)
"""
_FILTER = """
FROM sessions s
WHERE ($1::text IS NULL OR s.course_code = $1) AND ($2::date IS NULL OR s.starts_on >= $2)
"""
SEARCH = f"SELECT s.*, {_COUNTS} {_FILTER} ORDER BY s.starts_on, s.id LIMIT $3 OFFSET $4"
COUNT = f"SELECT count(*) {_FILTER}"


class PostgresSessions:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def add(self, session: Session) -> None:
        await self.conn.execute(
            INSERT,
            session.id,
            session.course_code,
            session.starts_on,
            session.ends_on,
            session.location,
            session.online,
            session.capacity,
        )

    async def get(self, session_id: uuid.UUID, *, for_update: bool = False) -> Session | None:
        if for_update and await self.conn.fetchval(LOCK, session_id) is None:
            return None
        row = await self.conn.fetchrow(GET, session_id)
        return rows.session(row) if row else None

    async def search(
        self, *, course_code: str | None, starts_from: date | None, limit: int, offset: int
    ) -> tuple[list[Session], int]:
        found = await self.conn.fetch(SEARCH, course_code, starts_from, limit, offset)
        total: int = await self.conn.fetchval(COUNT, course_code, starts_from)
        return [rows.session(r) for r in found], total
