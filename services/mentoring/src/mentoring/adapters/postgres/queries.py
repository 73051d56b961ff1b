"""Read models of the API: lists with filters and pagination, one mentorship in full.

Everything personal is filtered by the caller's scope in the SQL itself (adapters.postgres.scope):
employees by their row, mentorships by either party, unmatched requests by their mentee. The
mentor pool is reference data, open to every caller.
"""

from __future__ import annotations

from typing import Any

from jenjang_shared.access import Visibility
from jenjang_shared.db.types import Connection
from mentoring.adapters.postgres.mentorships import MENTORSHIP_COLUMNS
from mentoring.adapters.postgres.pending import PENDING_COLUMNS
from mentoring.adapters.postgres.scope import employee_visible, parties_visible, scope_args

_MENTOR_ROWS = """
SELECT m.nip, e.name, e.golongan, e.unit_code, e.job_family, e.status, m.expertise, m.capacity,
       m.paused, m.pause_reason, m.created_at,
       (SELECT count(*) FROM mentorships s WHERE s.mentor_nip = m.nip AND s.status = 'ACTIVE')
         AS active_mentees
FROM mentors m JOIN employees e ON e.nip = m.nip
"""
_MENTOR_FILTER = """
WHERE ($1::text IS NULL OR $1 = ANY (m.expertise) OR e.job_family = $1)
  AND ($2::text IS NULL OR e.unit_code = $2)
  AND ($3::boolean IS NULL OR $3 = (NOT m.paused AND e.status = 'ACTIVE' AND m.capacity >
       (SELECT count(*) FROM mentorships s WHERE s.mentor_nip = m.nip AND s.status = 'ACTIVE')))
"""
LIST_MENTORS = _MENTOR_ROWS + _MENTOR_FILTER + " ORDER BY m.nip LIMIT $4 OFFSET $5"
COUNT_MENTORS = "SELECT count(*) FROM mentors m JOIN employees e ON e.nip = m.nip" + _MENTOR_FILTER
GET_MENTOR = _MENTOR_ROWS + " WHERE m.nip = $1"

_MENTORSHIP_FILTER = f"""
WHERE ($1::text IS NULL OR s.mentor_nip = $1) AND ($2::text IS NULL OR s.mentee_nip = $2)
  AND ($3::text IS NULL OR s.program = $3) AND ($4::text IS NULL OR s.status = $4)
  AND {parties_visible("s.mentor_nip, s.mentee_nip", 5)}
"""
LIST_MENTORSHIPS = (
    f"SELECT {MENTORSHIP_COLUMNS} FROM mentorships s"
    + _MENTORSHIP_FILTER
    + " ORDER BY s.created_at, s.id LIMIT $9 OFFSET $10"
)
COUNT_MENTORSHIPS = "SELECT count(*) FROM mentorships s" + _MENTORSHIP_FILTER
GET_MENTORSHIP = (
    f"SELECT {MENTORSHIP_COLUMNS} FROM mentorships s WHERE s.id = $1::uuid"
    f" AND {parties_visible('s.mentor_nip, s.mentee_nip', 2)}"
)
SESSIONS_OF = """
SELECT id::text AS id, mentorship_id::text AS mentorship_id, held_on, duration_minutes, notes FROM mentoring_sessions
WHERE mentorship_id = $1::uuid ORDER BY held_on, created_at
"""
FEEDBACK_OF = """
SELECT from_role, rating, text, created_at FROM feedback WHERE mentorship_id = $1::uuid
ORDER BY from_role
"""
MENTORSHIPS_AS = f"""
SELECT {MENTORSHIP_COLUMNS} FROM mentorships s
WHERE (s.mentee_nip = $1 OR s.mentor_nip = $1) AND {parties_visible("s.mentor_nip, s.mentee_nip", 2)}
ORDER BY s.created_at, s.id
"""
_PENDING_FILTER = f"""
WHERE ($1::text IS NULL OR u.status = $1) AND ($2::text IS NULL OR u.mentee_nip = $2)
  AND {parties_visible("u.mentee_nip", 3)}
"""
LIST_PENDING = (
    f"SELECT {PENDING_COLUMNS} FROM unmatched_requests u"
    + _PENDING_FILTER
    + " ORDER BY u.created_at LIMIT $7 OFFSET $8"
)
COUNT_PENDING = "SELECT count(*) FROM unmatched_requests u" + _PENDING_FILTER
GET_EMPLOYEE = f"""
SELECT nip, name, employment_type, golongan, golongan_tmt, unit_code, unit_name, job_family,
       supervisor_nip, status, retired_on, registered
FROM employees e WHERE e.nip = $1 AND {employee_visible("e", 2)}
"""


def _dicts(rows: Any) -> list[dict[str, Any]]:
    return [dict(r) for r in rows]


class PostgresQueries:
    """Implements service.ports.MentoringQueries on the connection of one transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def list_mentors(
        self,
        *,
        job_family: str | None,
        unit_code: str | None,
        available: bool | None,
        limit: int,
        offset: int,
    ) -> tuple[list[dict[str, Any]], int]:
        args = (job_family, unit_code, available)
        rows = await self.conn.fetch(LIST_MENTORS, *args, limit, offset)
        return _dicts(rows), int(await self.conn.fetchval(COUNT_MENTORS, *args))

    async def get_mentor(self, nip: str) -> dict[str, Any] | None:
        row = await self.conn.fetchrow(GET_MENTOR, nip)
        return dict(row) if row else None

    async def list_mentorships(
        self,
        *,
        mentor_nip: str | None,
        mentee_nip: str | None,
        program: str | None,
        status: str | None,
        limit: int,
        offset: int,
        visibility: Visibility,
    ) -> tuple[list[dict[str, Any]], int]:
        args = (mentor_nip, mentee_nip, program, status, *scope_args(visibility))
        rows = await self.conn.fetch(LIST_MENTORSHIPS, *args, limit, offset)
        return _dicts(rows), int(await self.conn.fetchval(COUNT_MENTORSHIPS, *args))

    async def get_mentorship(
        self, mentorship_id: str, *, visibility: Visibility
    ) -> dict[str, Any] | None:
        row = await self.conn.fetchrow(GET_MENTORSHIP, mentorship_id, *scope_args(visibility))
        if row is None:
            return None
        found = dict(row)
        found["sessions"] = _dicts(await self.conn.fetch(SESSIONS_OF, mentorship_id))
        found["feedback"] = _dicts(await self.conn.fetch(FEEDBACK_OF, mentorship_id))
        found["total_minutes"] = sum(s["duration_minutes"] for s in found["sessions"])
        return found

    async def mentorships_of(self, nip: str, *, visibility: Visibility) -> list[dict[str, Any]]:
        return _dicts(await self.conn.fetch(MENTORSHIPS_AS, nip, *scope_args(visibility)))

    async def list_pending(
        self,
        *,
        status: str | None,
        mentee_nip: str | None,
        limit: int,
        offset: int,
        visibility: Visibility,
    ) -> tuple[list[dict[str, Any]], int]:
        args = (status, mentee_nip, *scope_args(visibility))
        rows = await self.conn.fetch(LIST_PENDING, *args, limit, offset)
        return _dicts(rows), int(await self.conn.fetchval(COUNT_PENDING, *args))

    async def get_employee(self, nip: str, *, visibility: Visibility) -> dict[str, Any] | None:
        row = await self.conn.fetchrow(GET_EMPLOYEE, nip, *scope_args(visibility))
        return dict(row) if row else None
