"""`PostgresUnitOfWork`: the service's unit of work on one shared PostgreSQL transaction."""

from __future__ import annotations

from jenjang_shared.db.unit_of_work import PostgresUnitOfWorkBase
from jenjang_shared.db.unit_of_work import UnitOfWork as Transaction
from welfare.adapters.postgres.claims import PgClaimRepository
from welfare.adapters.postgres.employees import PgFactRepository, PgLocks, PgScopeRepository
from welfare.adapters.postgres.entitlements import PgEntitlementRepository
from welfare.adapters.postgres.policies import PgPolicyRepository
from welfare.domain.ranks import RankRules


class PostgresUnitOfWork(PostgresUnitOfWorkBase):
    """Implements `welfare.service.ports.UnitOfWork`: every repository on the transaction's
    connection, `publish` into its outbox, `audit` into the audit log, the event it applies,
    and the configured rank rules (bootstrap binds them from the settings)."""

    def __init__(self, transaction: Transaction, *, rank_rules: RankRules) -> None:
        super().__init__(transaction)
        self.locks = PgLocks(transaction.conn)
        self.scope = PgScopeRepository(transaction.conn)
        self.facts = PgFactRepository(transaction.conn)
        self.policies = PgPolicyRepository(transaction.conn)
        self.entitlements = PgEntitlementRepository(transaction.conn)
        self.claims = PgClaimRepository(transaction.conn)
        self.rank_rules = rank_rules
