"""Binds the stores to a unit of work's connection."""

from __future__ import annotations

from jenjang_shared.db.unit_of_work import UnitOfWork
from personnel.adapters.employees import PgEmployees
from personnel.adapters.proposals import PgProposals
from personnel.adapters.timeline import PgTimeline
from personnel.service.ports import Work


def work_for(uow: UnitOfWork) -> Work:
    """The stores of one transaction."""
    return Work(
        uow=uow,
        employees=PgEmployees(uow.conn),
        proposals=PgProposals(uow.conn),
        timeline=PgTimeline(uow.conn),
    )
