"""All repositories on one connection: what the use cases get as `repos`."""

from __future__ import annotations

from jenjang_shared.db.types import Connection
from welfare.adapters.claims import PgClaimRepository
from welfare.adapters.employees import PgFactRepository, PgLocks
from welfare.adapters.policies import PgEntitlementRepository, PgPolicyRepository


class PgRepositories:
    def __init__(self, conn: Connection) -> None:
        self.locks = PgLocks(conn)
        self.facts = PgFactRepository(conn)
        self.policies = PgPolicyRepository(conn)
        self.entitlements = PgEntitlementRepository(conn)
        self.claims = PgClaimRepository(conn)
