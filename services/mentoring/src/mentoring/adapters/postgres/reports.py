"""Reports: mentor load, mentorships per programme and status, average feedback per mentor.

Scoped in the SQL: mentors by their own employee row (HR sees the mentors of its units),
mentorships by either party (adapters.postgres.scope)."""

from __future__ import annotations

from typing import Any

from jenjang_shared.access import Visibility
from jenjang_shared.db.types import Connection
from mentoring.adapters.postgres.scope import employee_visible, parties_visible, scope_args

# Pool mentors, and implicit mentors (superiors not in the pool) who have active mentees.
MENTOR_LOAD = f"""
WITH load AS (
    SELECT mentor_nip AS nip, count(*) AS active_mentees FROM mentorships
    WHERE status = 'ACTIVE' GROUP BY mentor_nip
)
SELECT e.nip, e.name, e.unit_code, m.nip IS NOT NULL AS in_pool,
       COALESCE(m.capacity, $1::int) AS capacity, COALESCE(m.paused, false) AS paused,
       COALESCE(l.active_mentees, 0) AS active_mentees
FROM employees e LEFT JOIN mentors m ON m.nip = e.nip LEFT JOIN load l ON l.nip = e.nip
WHERE (m.nip IS NOT NULL OR l.nip IS NOT NULL) AND ($2::text IS NULL OR e.unit_code = $2)
  AND {employee_visible("e", 3)}
ORDER BY COALESCE(l.active_mentees, 0) DESC, e.nip
"""
MENTORSHIP_COUNTS = f"""
SELECT s.program, s.status, count(*) AS count FROM mentorships s
WHERE {parties_visible("s.mentor_nip, s.mentee_nip", 1)}
GROUP BY s.program, s.status
ORDER BY s.program, s.status
"""
FEEDBACK_PER_MENTOR = f"""
SELECT s.mentor_nip AS nip, e.name,
       avg(f.rating) FILTER (WHERE f.from_role = 'MENTEE')::float AS average_from_mentees,
       count(*) FILTER (WHERE f.from_role = 'MENTEE') AS ratings_from_mentees,
       avg(f.rating) FILTER (WHERE f.from_role = 'MENTOR')::float AS average_from_mentor,
       count(*) FILTER (WHERE f.from_role = 'MENTOR') AS ratings_from_mentor
FROM feedback f JOIN mentorships s ON s.id = f.mentorship_id
LEFT JOIN employees e ON e.nip = s.mentor_nip
WHERE {parties_visible("s.mentor_nip", 1)}
GROUP BY s.mentor_nip, e.name
ORDER BY s.mentor_nip
"""


class PostgresReports:
    """Implements service.ports.MentoringReports on the connection of one transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def mentor_load(
        self, *, default_capacity: int, unit_code: str | None, visibility: Visibility
    ) -> list[dict[str, Any]]:
        args = (default_capacity, unit_code, *scope_args(visibility))
        return [dict(r) for r in await self.conn.fetch(MENTOR_LOAD, *args)]

    async def mentorship_counts(self, *, visibility: Visibility) -> list[dict[str, Any]]:
        return [dict(r) for r in await self.conn.fetch(MENTORSHIP_COUNTS, *scope_args(visibility))]

    async def feedback_per_mentor(self, *, visibility: Visibility) -> list[dict[str, Any]]:
        rows = await self.conn.fetch(FEEDBACK_PER_MENTOR, *scope_args(visibility))
        return [dict(r) for r in rows]
