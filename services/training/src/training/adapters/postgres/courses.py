"""The catalogue in SQL."""

from __future__ import annotations

from collections.abc import Sequence

import asyncpg

from jenjang_shared.contracts.vocabulary import TrainingCategory
from jenjang_shared.db.types import Connection
from jenjang_shared.errors import Conflict
from training.adapters.postgres import rows
from training.domain.model import Course

GET = "SELECT * FROM courses WHERE code = $1"
EXISTING = "SELECT code FROM courses WHERE code = ANY($1::text[])"
ALL = "SELECT * FROM courses ORDER BY code"
INSERT = """
INSERT INTO courses (code, title, training_category, training_method, jp, provider,
                     job_families, mandatory, prerequisites)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
"""
_FILTER = """
FROM courses
WHERE ($1::text IS NULL OR training_category = $1)
  AND ($2::text IS NULL OR $2 = ANY(job_families))
"""
SEARCH = f"SELECT * {_FILTER} ORDER BY code LIMIT $3 OFFSET $4"
COUNT = f"SELECT count(*) {_FILTER}"


class PostgresCourses:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def get(self, code: str) -> Course | None:
        row = await self.conn.fetchrow(GET, code)
        return rows.course(row) if row else None

    async def existing(self, codes: Sequence[str]) -> list[str]:
        return [r["code"] for r in await self.conn.fetch(EXISTING, list(codes))]

    async def add(self, course: Course) -> None:
        try:
            await self.conn.execute(
                INSERT,
                course.code,
                course.title,
                course.training_category.value,
                course.training_method.value,
                course.jp,
                course.provider,
                list(course.job_families),
                course.mandatory,
                list(course.prerequisites),
            )
        except asyncpg.UniqueViolationError as exc:
            raise Conflict(
                f"a course with code {course.code} already exists", field="code"
            ) from exc

    async def all(self) -> list[Course]:
        return [rows.course(r) for r in await self.conn.fetch(ALL)]

    async def search(
        self, *, category: TrainingCategory | None, job_family: str | None, limit: int, offset: int
    ) -> tuple[list[Course], int]:
        category_value = category.value if category else None
        found = await self.conn.fetch(SEARCH, category_value, job_family, limit, offset)
        total: int = await self.conn.fetchval(COUNT, category_value, job_family)
        return [rows.course(r) for r in found], total
