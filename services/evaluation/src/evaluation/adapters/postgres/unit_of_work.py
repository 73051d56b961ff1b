"""`PostgresUnitOfWork`: the service's unit of work on one shared PostgreSQL transaction."""

from __future__ import annotations

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
from jenjang_shared.db.unit_of_work import PostgresUnitOfWorkBase
from jenjang_shared.db.unit_of_work import UnitOfWork as Transaction


class PostgresUnitOfWork(PostgresUnitOfWorkBase):
    """`evaluation.service.ports.UnitOfWork` on a transaction: every repository on its
    connection, events into its outbox, and the event its consumer applies (if any)."""

    def __init__(self, transaction: Transaction) -> None:
        # Typed as the ports: a Protocol's attributes are invariant, so the port must match.
        super().__init__(transaction)
        conn = transaction.conn
        self.employees: EmployeeRepository = PostgresEmployees(conn)
        self.evaluations: EvaluationRepository = PostgresEvaluations(conn)
        self.potentials: PotentialRepository = PostgresPotentials(conn)
        self.recommendations: RecommendationRepository = PostgresRecommendations(conn)
        self.sweeps: SweepRepository = PostgresSweeps(conn)
