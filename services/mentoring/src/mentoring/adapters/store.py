"""Binds the service's ports to PostgreSQL on the connection of one unit of work."""

from __future__ import annotations

from jenjang_shared.db.unit_of_work import UnitOfWork
from mentoring.adapters.employees import PostgresEmployees
from mentoring.adapters.mentors import PostgresMentors
from mentoring.adapters.mentorships import PostgresMentorships
from mentoring.adapters.pending import PostgresCoachingTriggers, PostgresPending
from mentoring.service.ports import Store


def postgres_store(uow: UnitOfWork) -> Store:
    conn = uow.conn
    return Store(
        employees=PostgresEmployees(conn),
        mentors=PostgresMentors(conn),
        mentorships=PostgresMentorships(conn),
        pending=PostgresPending(conn),
        triggers=PostgresCoachingTriggers(conn),
        publish=uow.publish,
        event_id=uow.message.id if uow.message else None,
    )
