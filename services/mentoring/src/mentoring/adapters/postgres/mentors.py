"""The mentor pool, and mentor candidates with their current load and past feedback."""

from __future__ import annotations

from typing import Any

import asyncpg

from jenjang_shared.db.types import Connection
from jenjang_shared.errors import Conflict
from mentoring.domain.employee import EmployeeStatus
from mentoring.domain.matching import Candidate
from mentoring.domain.mentor import MentorEntry

SELECT_MENTOR = "SELECT nip, expertise, capacity, paused, pause_reason FROM mentors WHERE nip = $1"
INSERT_MENTOR = """
INSERT INTO mentors (nip, expertise, capacity, paused, pause_reason) VALUES ($1, $2, $3, $4, $5)
"""
UPDATE_MENTOR = """
UPDATE mentors SET expertise = $2, capacity = $3, paused = $4, pause_reason = $5,
                   updated_at = now()
WHERE nip = $1
"""
# Locks the mentor's employee row: every pool change and every new mentorship of this mentor
# takes this lock first, so the load counted afterwards stays true until commit.
LOCK_MENTOR = "SELECT nip FROM employees WHERE nip = $1 FOR UPDATE"

# A candidate: the employee, their pool entry (if any), active mentees, mentees' average rating.
_CANDIDATE = """
SELECT e.nip, e.name, e.employment_type, e.golongan, e.unit_code, e.job_family, e.status,
       m.nip IS NOT NULL AS in_pool, COALESCE(m.capacity, $1::int) AS capacity,
       COALESCE(m.paused, false) AS paused, COALESCE(m.expertise, '{}') AS expertise,
       (SELECT count(*) FROM mentorships s
         WHERE s.mentor_nip = e.nip AND s.status = 'ACTIVE') AS active_mentees,
       (SELECT avg(f.rating)::float FROM feedback f JOIN mentorships s ON s.id = f.mentorship_id
         WHERE s.mentor_nip = e.nip AND f.from_role = 'MENTEE') AS average_feedback
FROM employees e LEFT JOIN mentors m ON m.nip = e.nip
"""
SELECT_CANDIDATE = _CANDIDATE + " WHERE e.nip = $2 AND e.registered"
SELECT_POOL_CANDIDATES = (
    _CANDIDATE + " WHERE e.registered AND (m.nip IS NOT NULL OR e.nip = $2) ORDER BY e.nip"
)


def candidate_from(row: Any) -> Candidate:
    return Candidate(
        nip=row["nip"],
        name=row["name"],
        employment_type=row["employment_type"],
        golongan=row["golongan"],
        unit_code=row["unit_code"],
        job_family=row["job_family"],
        capacity=row["capacity"],
        active_mentees=row["active_mentees"],
        retired=row["status"] == EmployeeStatus.RETIRED,
        paused=row["paused"],
        in_pool=row["in_pool"],
        expertise=tuple(row["expertise"]),
        average_feedback=row["average_feedback"],
    )


def entry_from(row: Any) -> MentorEntry:
    return MentorEntry(
        nip=row["nip"],
        expertise=tuple(row["expertise"]),
        capacity=row["capacity"],
        paused=row["paused"],
        pause_reason=row["pause_reason"],
    )


class PostgresMentors:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def get(self, nip: str) -> MentorEntry | None:
        row = await self.conn.fetchrow(SELECT_MENTOR, nip)
        return entry_from(row) if row else None

    async def add(self, entry: MentorEntry) -> None:
        try:
            async with self.conn.transaction():  # a savepoint: the caller's work survives
                await self.conn.execute(
                    INSERT_MENTOR,
                    entry.nip,
                    list(entry.expertise),
                    entry.capacity,
                    entry.paused,
                    entry.pause_reason,
                )
        except asyncpg.UniqueViolationError:
            raise Conflict(f"{entry.nip} is already in the mentor pool") from None

    async def save(self, entry: MentorEntry) -> None:
        await self.conn.execute(
            UPDATE_MENTOR,
            entry.nip,
            list(entry.expertise),
            entry.capacity,
            entry.paused,
            entry.pause_reason,
        )

    async def candidate(
        self, nip: str, *, default_capacity: int, lock: bool = False
    ) -> Candidate | None:
        if lock:
            await self.conn.execute(LOCK_MENTOR, nip)
        row = await self.conn.fetchrow(SELECT_CANDIDATE, default_capacity, nip)
        return candidate_from(row) if row else None

    async def pool_candidates(self, *, also: str | None, default_capacity: int) -> list[Candidate]:
        rows = await self.conn.fetch(SELECT_POOL_CANDIDATES, default_capacity, also)
        return [candidate_from(r) for r in rows]
