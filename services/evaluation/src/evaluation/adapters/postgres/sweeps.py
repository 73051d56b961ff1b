"""Promotion sweeps and their progress, in PostgreSQL (explicit SQL)."""

from __future__ import annotations

from datetime import date

from evaluation.adapters.postgres.recommendations import is_uuid
from evaluation.service.ports import Sweep, SweepStatus
from jenjang_shared.db.types import Connection

CREATE = "INSERT INTO promotion_sweeps (sweep_id, kp_period, total) VALUES ($1, $2, $3)"
PROGRESS = """
UPDATE promotion_sweeps SET processed = processed + $2, recommended = recommended + $3
WHERE sweep_id = $1
"""
FINISH = """
UPDATE promotion_sweeps SET status = $2, error = $3, finished_at = now() WHERE sweep_id = $1
"""
GET = """
SELECT sweep_id::text AS sweep_id, kp_period, status, total, processed, recommended, error,
       started_at, finished_at
FROM promotion_sweeps WHERE sweep_id = $1::uuid
"""


class PostgresSweeps:
    """`SweepRepository` on one connection."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    async def create(self, sweep_id: str, kp_period: date, total: int) -> None:
        await self.conn.execute(CREATE, sweep_id, kp_period, total)

    async def progress(self, sweep_id: str, processed: int, recommended: int) -> None:
        await self.conn.execute(PROGRESS, sweep_id, processed, recommended)

    async def finish(self, sweep_id: str, status: SweepStatus, error: str | None) -> None:
        await self.conn.execute(FINISH, sweep_id, status, error)

    async def get(self, sweep_id: str) -> Sweep | None:
        if not is_uuid(sweep_id):
            return None
        row = await self.conn.fetchrow(GET, sweep_id)
        return Sweep(**dict(row)) if row else None
