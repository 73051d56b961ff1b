"""`PostgresUnitOfWork`: the service's unit of work (service.ports.UnitOfWork) on one shared
transaction. Its repositories use the transaction's connection; `publish` writes to its outbox
and `audit` to its audit log, in the same transaction."""

from __future__ import annotations

from jenjang_shared.db.unit_of_work import PostgresUnitOfWorkBase
from jenjang_shared.db.unit_of_work import UnitOfWork as Transaction
from personnel.adapters.postgres.employees import PgEmployees
from personnel.adapters.postgres.imports import PgImports
from personnel.adapters.postgres.proposals import PgProposals
from personnel.adapters.postgres.queries import PgPersonnelQueries
from personnel.adapters.postgres.timeline import PgTimeline


class PostgresUnitOfWork(PostgresUnitOfWorkBase):
    """The stores of one transaction, its outbox and the event it applies (if any)."""

    def __init__(self, transaction: Transaction) -> None:
        super().__init__(transaction)
        conn = transaction.conn
        self.employees = PgEmployees(conn)
        self.proposals = PgProposals(conn)
        self.timeline = PgTimeline(conn)
        self.imports = PgImports(conn)
        self.queries = PgPersonnelQueries(conn)
