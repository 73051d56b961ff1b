"""`PostgresUnitOfWork`: the service's unit of work (service.ports.UnitOfWork) on one shared
transaction. Its repositories use the transaction's connection; `publish` writes to its outbox
and `audit` to its audit log, in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jenjang_shared.contracts.base import Event
from jenjang_shared.db.unit_of_work import UnitOfWork as Transaction
from jenjang_shared.ports import HandledEvent
from personnel.adapters.postgres.employees import PgEmployees
from personnel.adapters.postgres.imports import PgImports
from personnel.adapters.postgres.proposals import PgProposals
from personnel.adapters.postgres.queries import PgPersonnelQueries
from personnel.adapters.postgres.timeline import PgTimeline


@dataclass
class PostgresUnitOfWork:
    """The stores of one transaction, its outbox and the event it applies (if any)."""

    transaction: Transaction
    employees: PgEmployees = field(init=False)
    proposals: PgProposals = field(init=False)
    timeline: PgTimeline = field(init=False)
    imports: PgImports = field(init=False)
    queries: PgPersonnelQueries = field(init=False)

    def __post_init__(self) -> None:
        conn = self.transaction.conn
        self.employees = PgEmployees(conn)
        self.proposals = PgProposals(conn)
        self.timeline = PgTimeline(conn)
        self.imports = PgImports(conn)
        self.queries = PgPersonnelQueries(conn)

    @property
    def handled(self) -> HandledEvent | None:
        return self.transaction.handled

    async def publish(self, event: Event) -> str:
        return await self.transaction.publish(event)

    async def publish_many(self, events: list[Event]) -> list[str]:
        """Many events in one outbox statement (the bulk import)."""
        return await self.transaction.publish_many(events)

    async def audit(
        self,
        *,
        operation: str,
        record_type: str,
        record_id: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        """One audit row naming the request's caller (or "system" when applying an event)."""
        await self.transaction.audit(
            operation=operation,
            record_type=record_type,
            record_id=record_id,
            before=before,
            after=after,
        )
