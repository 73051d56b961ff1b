"""The mentoring service's unit of work on PostgreSQL: its repositories and read models on the
connection of one shared transaction, with that transaction's outbox and handled event."""

from __future__ import annotations

from typing import Any

from jenjang_shared.contracts.base import Event
from jenjang_shared.db.unit_of_work import UnitOfWork as Transaction
from mentoring.adapters.postgres.employees import PostgresEmployees
from mentoring.adapters.postgres.mentors import PostgresMentors
from mentoring.adapters.postgres.mentorships import PostgresMentorships
from mentoring.adapters.postgres.pending import PostgresCoachingTriggers, PostgresPending
from mentoring.adapters.postgres.queries import PostgresQueries
from mentoring.adapters.postgres.reports import PostgresReports
from mentoring.domain.policy import MentoringPolicy
from mentoring.service.ports import (
    CoachingTriggerRepository,
    EmployeeRepository,
    MentoringQueries,
    MentoringReports,
    MentorRepository,
    MentorshipRepository,
    PendingRepository,
)


class PostgresUnitOfWork:
    """Implements service.ports.UnitOfWork on a shared transaction.

    `policy` is the agency's configured MentoringPolicy; bootstrap binds it
    (`functools.partial(PostgresUnitOfWork, policy=settings.policy())`).
    """

    def __init__(self, transaction: Transaction, *, policy: MentoringPolicy) -> None:
        conn = transaction.conn
        # Typed as the ports: the service's UnitOfWork protocol declares them as attributes.
        self.employees: EmployeeRepository = PostgresEmployees(conn)
        self.mentors: MentorRepository = PostgresMentors(conn)
        self.mentorships: MentorshipRepository = PostgresMentorships(conn)
        self.pending: PendingRepository = PostgresPending(conn)
        self.triggers: CoachingTriggerRepository = PostgresCoachingTriggers(conn)
        self.queries: MentoringQueries = PostgresQueries(conn)
        self.reports: MentoringReports = PostgresReports(conn)
        self.policy = policy
        self.handled = transaction.handled
        self._transaction = transaction

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
