"""training's unit of work on PostgreSQL: every repository on the connection of one shared
transaction, its outbox, its audit log, and the event it applies."""

from __future__ import annotations

from typing import Any

from jenjang_shared.contracts.base import Event
from jenjang_shared.db.unit_of_work import UnitOfWork as Transaction
from jenjang_shared.ports import HandledEvent
from training.adapters.postgres.courses import PostgresCourses
from training.adapters.postgres.employees import PostgresEmployees
from training.adapters.postgres.enrollments import PostgresEnrollments
from training.adapters.postgres.ledger import PostgresLedger
from training.adapters.postgres.recommendations import PostgresRecommendations
from training.adapters.postgres.sessions import PostgresSessions


class PostgresUnitOfWork:
    """Implements `training.service.ports.UnitOfWork` on the shared transaction (the consumer's
    or a request's): built once per transaction by bootstrap's adapter."""

    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction
        conn = transaction.conn
        self.employees = PostgresEmployees(conn)
        self.courses = PostgresCourses(conn)
        self.sessions = PostgresSessions(conn)
        self.enrollments = PostgresEnrollments(conn)
        self.ledger = PostgresLedger(conn)
        self.recommendations = PostgresRecommendations(conn)

    @property
    def handled(self) -> HandledEvent | None:
        return self._transaction.handled

    async def publish(self, event: Event) -> str:
        return await self._transaction.publish(event)

    async def audit(
        self,
        *,
        operation: str,
        record_type: str,
        record_id: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        await self._transaction.audit(
            operation=operation,
            record_type=record_type,
            record_id=record_id,
            before=before,
            after=after,
        )
