"""training's unit of work on PostgreSQL: every repository on the connection of one shared
transaction, its outbox, its audit log, and the event it applies."""

from __future__ import annotations

from jenjang_shared.db.unit_of_work import PostgresUnitOfWorkBase
from jenjang_shared.db.unit_of_work import UnitOfWork as Transaction
from training.adapters.postgres.courses import PostgresCourses
from training.adapters.postgres.employees import PostgresEmployees
from training.adapters.postgres.enrollments import PostgresEnrollments
from training.adapters.postgres.ledger import PostgresLedger
from training.adapters.postgres.recommendations import PostgresRecommendations
from training.adapters.postgres.sessions import PostgresSessions


class PostgresUnitOfWork(PostgresUnitOfWorkBase):
    """Implements `training.service.ports.UnitOfWork` on the shared transaction (the consumer's
    or a request's): built once per transaction by bootstrap's adapter."""

    def __init__(self, transaction: Transaction) -> None:
        super().__init__(transaction)
        conn = transaction.conn
        self.employees = PostgresEmployees(conn)
        self.courses = PostgresCourses(conn)
        self.sessions = PostgresSessions(conn)
        self.enrollments = PostgresEnrollments(conn)
        self.ledger = PostgresLedger(conn)
        self.recommendations = PostgresRecommendations(conn)
