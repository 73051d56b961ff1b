"""Enrolments, attendance and completion in SQL."""

from __future__ import annotations

import uuid
from datetime import date

import asyncpg

from jenjang_shared.access import Visibility
from jenjang_shared.db.types import Connection
from jenjang_shared.errors import Conflict
from training.adapters.postgres import rows, scope
from training.domain.model import Enrollment, EnrollmentStatus, Session
from training.service.ports import UNRESTRICTED

_SELECT = """
SELECT e.*,
    CASE WHEN e.status = 'WAITLISTED' THEN (
        SELECT count(*) FROM enrollments w
        WHERE w.session_id = e.session_id AND w.status = 'WAITLISTED' AND w.seq <= e.seq
    )::int END AS waitlist_position,
    (SELECT jsonb_object_agg(a.day::text, a.present) FROM attendance a
        WHERE a.enrollment_id = e.id) AS attendance
FROM enrollments e
"""
# Whose enrolment it is decides who sees it: the employee's unit and superior, or themselves.
_OF_EMPLOYEE = "LEFT JOIN employees p ON p.nip = e.nip"
_IN_SCOPE = scope.predicate(2, nip="e.nip")
GET = f"{_SELECT} {_OF_EMPLOYEE} WHERE e.id = $1 AND {_IN_SCOPE}"
LOCK = (
    f"SELECT e.id FROM enrollments e {_OF_EMPLOYEE} WHERE e.id = $1 AND {_IN_SCOPE} FOR UPDATE OF e"
)
LIVE_IN_SESSION = f"{_SELECT} WHERE e.session_id = $1 AND e.nip = $2 AND e.status <> 'CANCELLED'"
INSERT = """
INSERT INTO enrollments (id, session_id, nip, course_code, status, confirmed_at)
VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 = 'CONFIRMED' THEN clock_timestamp() END)
"""
# A place is taken by a confirmed enrolment and stays taken once completed.
COUNT_CONFIRMED = """
SELECT count(*) FROM enrollments
WHERE session_id = $1 AND status IN ('CONFIRMED', 'PASSED', 'FAILED')
"""
# The waitlist moves up in arrival order, passing over employees retired since.
FIRST_WAITLISTED = """
SELECT e.id FROM enrollments e LEFT JOIN employees p ON p.nip = e.nip
WHERE e.session_id = $1 AND e.status = 'WAITLISTED' AND coalesce(p.status, 'ACTIVE') = 'ACTIVE'
ORDER BY e.seq LIMIT 1
"""
SET_STATUS = """
UPDATE enrollments SET status = $2,
    confirmed_at = CASE WHEN $2 = 'CONFIRMED' THEN clock_timestamp() ELSE confirmed_at END,
    cancelled_at = CASE WHEN $2 = 'CANCELLED' THEN clock_timestamp() ELSE cancelled_at END
WHERE id = $1
"""
PASSED_COURSES = "SELECT DISTINCT course_code FROM enrollments WHERE nip = $1 AND status = 'PASSED'"
# JP enrolled for but not yet completed, in sessions starting in the year.
COMMITTED_JP = """
SELECT coalesce(sum(c.jp), 0)::int
FROM enrollments e JOIN sessions s ON s.id = e.session_id JOIN courses c ON c.code = e.course_code
WHERE e.nip = $1 AND e.status IN ('CONFIRMED', 'WAITLISTED')
  AND s.starts_on >= make_date($2, 1, 1) AND s.starts_on < make_date($2 + 1, 1, 1)
"""
COMMITTED_JP_BETWEEN = """
SELECT coalesce(sum(c.jp), 0)::int
FROM enrollments e JOIN sessions s ON s.id = e.session_id JOIN courses c ON c.code = e.course_code
WHERE e.nip = $1 AND e.status IN ('CONFIRMED', 'WAITLISTED')
  AND s.starts_on >= $2 AND s.starts_on <= $3
"""
CERTIFICATE_TAKEN = "SELECT EXISTS (SELECT 1 FROM enrollments WHERE certificate_number = $1)"
COMPLETE = """
UPDATE enrollments SET status = $2, score = $3, certificate_number = $4, completed_on = $5,
                       jp_earned = $6
WHERE id = $1
"""
RECORD_ATTENDANCE = """
INSERT INTO attendance (enrollment_id, day, present) VALUES ($1, $2, $3)
ON CONFLICT (enrollment_id, day) DO UPDATE SET present = EXCLUDED.present, recorded_at = now()
"""
LIVE_FROM = f"""
{_SELECT} JOIN sessions s ON s.id = e.session_id
WHERE e.nip = $1 AND e.status IN ('CONFIRMED', 'WAITLISTED') AND s.starts_on >= $2
ORDER BY e.seq
"""
FOR_SESSION = (
    f"{_SELECT} {_OF_EMPLOYEE} WHERE e.session_id = $1 AND {_IN_SCOPE}"
    " ORDER BY e.seq LIMIT $6 OFFSET $7"
)
COUNT_FOR_SESSION = (
    f"SELECT count(*) FROM enrollments e {_OF_EMPLOYEE} WHERE e.session_id = $1 AND {_IN_SCOPE}"
)


class PostgresEnrollments:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def add(self, *, session: Session, nip: str, status: EnrollmentStatus) -> Enrollment:
        enrollment_id = uuid.uuid4()
        try:
            await self.conn.execute(
                INSERT, enrollment_id, session.id, nip, session.course_code, status.value
            )
        except asyncpg.UniqueViolationError as exc:
            raise Conflict(
                f"employee {nip} is already enrolled in this session", field="nip"
            ) from exc
        created = await self.get(enrollment_id)
        assert created is not None
        return created

    async def get(
        self,
        enrollment_id: uuid.UUID,
        *,
        for_update: bool = False,
        scope: Visibility = UNRESTRICTED,
    ) -> Enrollment | None:
        arguments = scope.sql_arguments()
        if for_update and await self.conn.fetchval(LOCK, enrollment_id, *arguments) is None:
            return None
        row = await self.conn.fetchrow(GET, enrollment_id, *arguments)
        return rows.enrollment(row) if row else None

    async def live_in_session(self, session_id: uuid.UUID, nip: str) -> Enrollment | None:
        row = await self.conn.fetchrow(LIVE_IN_SESSION, session_id, nip)
        return rows.enrollment(row) if row else None

    async def count_confirmed(self, session_id: uuid.UUID) -> int:
        count: int = await self.conn.fetchval(COUNT_CONFIRMED, session_id)
        return count

    async def first_waitlisted(self, session_id: uuid.UUID) -> Enrollment | None:
        found = await self.conn.fetchval(FIRST_WAITLISTED, session_id)
        return await self.get(found) if found else None

    async def set_status(self, enrollment_id: uuid.UUID, status: EnrollmentStatus) -> None:
        await self.conn.execute(SET_STATUS, enrollment_id, status.value)

    async def passed_course_codes(self, nip: str) -> list[str]:
        return [r["course_code"] for r in await self.conn.fetch(PASSED_COURSES, nip)]

    async def committed_jp(self, nip: str, year: int) -> int:
        jp: int = await self.conn.fetchval(COMMITTED_JP, nip, year)
        return jp

    async def committed_jp_between(self, nip: str, first: date, last: date) -> int:
        jp: int = await self.conn.fetchval(COMMITTED_JP_BETWEEN, nip, first, last)
        return jp

    async def certificate_taken(self, certificate_number: str) -> bool:
        taken: bool = await self.conn.fetchval(CERTIFICATE_TAKEN, certificate_number)
        return taken

    async def complete(
        self,
        enrollment_id: uuid.UUID,
        *,
        status: EnrollmentStatus,
        score: float | None,
        certificate_number: str | None,
        completed_on: date,
        jp_earned: int,
    ) -> None:
        try:
            await self.conn.execute(
                COMPLETE,
                enrollment_id,
                status.value,
                score,
                certificate_number,
                completed_on,
                jp_earned,
            )
        except asyncpg.UniqueViolationError as exc:
            raise Conflict(
                f"certificate number {certificate_number} is already recorded",
                field="certificate_number",
            ) from exc

    async def record_attendance(self, enrollment_id: uuid.UUID, day: date, present: bool) -> None:
        await self.conn.execute(RECORD_ATTENDANCE, enrollment_id, day, present)

    async def live_from(self, nip: str, starts_on_or_after: date) -> list[Enrollment]:
        return [
            rows.enrollment(r) for r in await self.conn.fetch(LIVE_FROM, nip, starts_on_or_after)
        ]

    async def for_session(
        self, session_id: uuid.UUID, *, scope: Visibility, limit: int, offset: int
    ) -> tuple[list[Enrollment], int]:
        arguments = scope.sql_arguments()
        found = await self.conn.fetch(FOR_SESSION, session_id, *arguments, limit, offset)
        total: int = await self.conn.fetchval(COUNT_FOR_SESSION, session_id, *arguments)
        return [rows.enrollment(r) for r in found], total
