"""`PostgresUnitOfWork`: the service's unit of work on one shared PostgreSQL transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from evaluation.adapters.postgres.employees import PostgresEmployees
from evaluation.adapters.postgres.evaluations import PostgresEvaluations
from evaluation.adapters.postgres.potentials import PostgresPotentials
from evaluation.adapters.postgres.recommendations import PostgresRecommendations
from evaluation.adapters.postgres.sweeps import PostgresSweeps
from evaluation.service.ports import (
    EmployeeRepository,
    EvaluationRepository,
    PotentialRepository,
    RecommendationRepository,
    SweepRepository,
)
from jenjang_shared.contracts.base import Event
from jenjang_shared.db.unit_of_work import UnitOfWork as Transaction
from jenjang_shared.ports import HandledEvent


class PostgresUnitOfWork:
    """`evaluation.service.ports.UnitOfWork` on a transaction: every repository on its
    connection, events into its outbox, and the event its consumer applies (if any)."""

    def __init__(self, transaction: Transaction) -> None:
        # Typed as the ports: a Protocol's attributes are invariant, so the port must match.
        self._transaction = transaction
        conn = transaction.conn
        self.employees: EmployeeRepository = PostgresEmployees(conn)
        self.evaluations: EvaluationRepository = PostgresEvaluations(conn)
        self.potentials: PotentialRepository = PostgresPotentials(conn)
        self.recommendations: RecommendationRepository = PostgresRecommendations(conn)
        self.sweeps: SweepRepository = PostgresSweeps(conn)

    @property
    def handled(self) -> HandledEvent | None:
        return self._transaction.handled

    async def publish(self, event: Event) -> str:
        return await self._transaction.publish(event)

    async def publish_many(self, events: Sequence[Event]) -> list[str]:
        return await self._transaction.publish_many(list(events))

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
