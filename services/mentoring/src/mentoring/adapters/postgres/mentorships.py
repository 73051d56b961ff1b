"""Mentorships, their sessions and feedback."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import asyncpg

from jenjang_shared.access import Visibility
from jenjang_shared.db.types import Connection
from jenjang_shared.errors import Conflict
from mentoring.adapters.postgres.scope import parties_visible, scope_args
from mentoring.domain.mentorship import Mentorship, MentorshipStatus, Origin
from mentoring.service.ports import EVERYONE

MENTORSHIP_COLUMNS = (
    "id::text AS id, mentor_nip, mentee_nip, program, goals, status, started_on, origin,"
    " completed_on, outcome, jp_credit, ended_on, cancel_reason, replaces_id::text AS replaces_id"
)
SELECT_MENTORSHIP = (
    f"SELECT {MENTORSHIP_COLUMNS} FROM mentorships s WHERE s.id = $1::uuid"
    f" AND {parties_visible('s.mentor_nip, s.mentee_nip', 2)}"
)
SELECT_MENTORSHIP_FOR_UPDATE = SELECT_MENTORSHIP + " FOR UPDATE OF s"
SELECT_ACTIVE_FOR = f"""
SELECT {MENTORSHIP_COLUMNS} FROM mentorships
WHERE mentee_nip = $1 AND program = $2 AND status = 'ACTIVE'
"""
SELECT_ACTIVE_OF_MENTOR = f"""
SELECT {MENTORSHIP_COLUMNS} FROM mentorships WHERE mentor_nip = $1 AND status = 'ACTIVE'
ORDER BY created_at FOR UPDATE
"""
SELECT_ACTIVE_OF_MENTEE = f"""
SELECT {MENTORSHIP_COLUMNS} FROM mentorships WHERE mentee_nip = $1 AND status = 'ACTIVE'
ORDER BY created_at FOR UPDATE
"""
COUNT_ACTIVE_OF_MENTOR = (
    "SELECT count(*) FROM mentorships WHERE mentor_nip = $1 AND status = 'ACTIVE'"
)
INSERT_MENTORSHIP = """
INSERT INTO mentorships (id, mentor_nip, mentee_nip, program, goals, status, started_on, origin,
                         replaces_id)
VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9::uuid)
"""
UPDATE_MENTORSHIP = """
UPDATE mentorships SET status = $2, completed_on = $3, outcome = $4, jp_credit = $5,
       ended_on = $6, cancel_reason = $7, updated_at = now()
WHERE id = $1::uuid
"""
INSERT_SESSION = """
INSERT INTO mentoring_sessions (id, mentorship_id, held_on, duration_minutes, notes)
VALUES ($1::uuid, $2::uuid, $3, $4, $5)
"""
SESSION_SUMMARY = """
SELECT COALESCE(sum(duration_minutes), 0)::int AS minutes, max(held_on) AS last_held_on
FROM mentoring_sessions WHERE mentorship_id = $1::uuid
"""
INSERT_FEEDBACK = """
INSERT INTO feedback (mentorship_id, from_role, rating, text) VALUES ($1::uuid, $2, $3, $4)
"""


def mentorship_from(row: Any) -> Mentorship:
    return Mentorship(
        id=row["id"],
        mentor_nip=row["mentor_nip"],
        mentee_nip=row["mentee_nip"],
        program=row["program"],
        goals=tuple(row["goals"]),
        status=MentorshipStatus(row["status"]),
        started_on=row["started_on"],
        origin=Origin(row["origin"]),
        completed_on=row["completed_on"],
        outcome=row["outcome"],
        jp_credit=row["jp_credit"],
        ended_on=row["ended_on"],
        cancel_reason=row["cancel_reason"],
        replaces_id=row["replaces_id"],
    )


class PostgresMentorships:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def get(
        self, mentorship_id: str, *, lock: bool = False, visibility: Visibility = EVERYONE
    ) -> Mentorship | None:
        try:
            uuid.UUID(mentorship_id)
        except ValueError:
            return None
        query = SELECT_MENTORSHIP_FOR_UPDATE if lock else SELECT_MENTORSHIP
        row = await self.conn.fetchrow(query, mentorship_id, *scope_args(visibility))
        return mentorship_from(row) if row else None

    async def add(self, mentorship: Mentorship) -> None:
        m = mentorship
        try:
            async with self.conn.transaction():  # a savepoint: a race loses cleanly
                await self.conn.execute(
                    INSERT_MENTORSHIP,
                    m.id,
                    m.mentor_nip,
                    m.mentee_nip,
                    m.program,
                    list(m.goals),
                    m.status.value,
                    m.started_on,
                    m.origin.value,
                    m.replaces_id,
                )
        except asyncpg.UniqueViolationError:
            raise Conflict(f"{m.mentee_nip} already has an active {m.program} mentorship") from None

    async def save(self, mentorship: Mentorship) -> None:
        m = mentorship
        await self.conn.execute(
            UPDATE_MENTORSHIP,
            m.id,
            m.status.value,
            m.completed_on,
            m.outcome,
            m.jp_credit,
            m.ended_on,
            m.cancel_reason,
        )

    async def active_for(self, mentee_nip: str, program: str) -> Mentorship | None:
        row = await self.conn.fetchrow(SELECT_ACTIVE_FOR, mentee_nip, program)
        return mentorship_from(row) if row else None

    async def active_of_mentor(self, mentor_nip: str) -> list[Mentorship]:
        return [
            mentorship_from(r) for r in await self.conn.fetch(SELECT_ACTIVE_OF_MENTOR, mentor_nip)
        ]

    async def active_of_mentee(self, mentee_nip: str) -> list[Mentorship]:
        return [
            mentorship_from(r) for r in await self.conn.fetch(SELECT_ACTIVE_OF_MENTEE, mentee_nip)
        ]

    async def active_load(self, mentor_nip: str) -> int:
        return int(await self.conn.fetchval(COUNT_ACTIVE_OF_MENTOR, mentor_nip))

    async def add_session(
        self, mentorship_id: str, *, held_on: date, duration_minutes: int, notes: str | None
    ) -> str:
        session_id = str(uuid.uuid4())
        await self.conn.execute(
            INSERT_SESSION, session_id, mentorship_id, held_on, duration_minutes, notes
        )
        return session_id

    async def session_summary(self, mentorship_id: str) -> tuple[int, date | None]:
        row = await self.conn.fetchrow(SESSION_SUMMARY, mentorship_id)
        assert row is not None  # an aggregate always returns a row
        return int(row["minutes"]), row["last_held_on"]

    async def add_feedback(
        self, mentorship_id: str, *, from_role: str, rating: int, text: str | None
    ) -> None:
        try:
            async with self.conn.transaction():
                await self.conn.execute(INSERT_FEEDBACK, mentorship_id, from_role, rating, text)
        except asyncpg.UniqueViolationError:
            raise Conflict(
                f"the {from_role} has already given feedback on mentorship {mentorship_id}"
            ) from None
