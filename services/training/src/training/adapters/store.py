"""Every repository on one connection: what the entrypoints hand to the use cases."""

from __future__ import annotations

from jenjang_shared.db.types import Connection
from training.adapters.courses import PgCourses
from training.adapters.employees import PgEmployees
from training.adapters.enrollments import PgEnrollments
from training.adapters.ledger import PgLedger
from training.adapters.recommendations import PgRecommendations
from training.adapters.sessions import PgSessions


class PgStore:
    def __init__(self, conn: Connection) -> None:
        self.employees = PgEmployees(conn)
        self.courses = PgCourses(conn)
        self.sessions = PgSessions(conn)
        self.enrollments = PgEnrollments(conn)
        self.ledger = PgLedger(conn)
        self.recommendations = PgRecommendations(conn)
