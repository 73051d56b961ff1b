"""The mentoring service's unit of work on PostgreSQL: its repositories and read models on the
connection of one shared transaction, with that transaction's outbox and handled event."""

from __future__ import annotations

from jenjang_shared.db.unit_of_work import PostgresUnitOfWorkBase
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


class PostgresUnitOfWork(PostgresUnitOfWorkBase):
    """Implements service.ports.UnitOfWork on a shared transaction.

    `policy` is the agency's configured MentoringPolicy; bootstrap binds it
    (`functools.partial(PostgresUnitOfWork, policy=settings.policy())`).
    """

    def __init__(self, transaction: Transaction, *, policy: MentoringPolicy) -> None:
        super().__init__(transaction)
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
