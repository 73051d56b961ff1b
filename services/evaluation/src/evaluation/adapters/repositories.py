"""Every store bound to one connection: what the use cases receive as `repos`."""

from __future__ import annotations

from evaluation.adapters.employees import PgEmployeeStore
from evaluation.adapters.evaluations import PgEvaluationStore, PgPotentialStore
from evaluation.adapters.promotions import PgPromotionStore, PgSweepStore
from jenjang_shared.db.types import Connection


class PgRepositories:
    def __init__(self, conn: Connection) -> None:
        self.employees = PgEmployeeStore(conn)
        self.evaluations = PgEvaluationStore(conn)
        self.potentials = PgPotentialStore(conn)
        self.promotions = PgPromotionStore(conn)
        self.sweeps = PgSweepStore(conn)
