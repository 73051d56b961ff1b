"""Every event the training service reacts to, and its handler: the whole message surface."""

from __future__ import annotations

from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
    MentorshipCompleted,
)
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.messaging.handlers import HandlerTable
from training.adapters.store import PgStore
from training.service import ledger, projection, recommendations


async def on_employee_registered(event: EmployeeRegistered, uow: UnitOfWork) -> None:
    await projection.on_registered(event, uow=uow, store=PgStore(uow.conn))


async def on_employee_updated(event: EmployeeUpdated, uow: UnitOfWork) -> None:
    await projection.on_updated(event, uow=uow, store=PgStore(uow.conn))


async def on_employee_transferred(event: EmployeeTransferred, uow: UnitOfWork) -> None:
    await projection.on_transferred(event, uow=uow, store=PgStore(uow.conn))


async def on_employee_promoted(event: EmployeePromoted, uow: UnitOfWork) -> None:
    await projection.on_promoted(event, uow=uow, store=PgStore(uow.conn))


async def on_employee_retired(event: EmployeeRetired, uow: UnitOfWork) -> None:
    await projection.on_retired(event, uow=uow, store=PgStore(uow.conn))


async def on_evaluation_recorded(event: EvaluationRecorded, uow: UnitOfWork) -> None:
    await recommendations.on_evaluation(event, uow=uow, store=PgStore(uow.conn))


async def on_mentorship_completed(event: MentorshipCompleted, uow: UnitOfWork) -> None:
    await ledger.credit_mentoring(event, uow=uow, store=PgStore(uow.conn))


HANDLERS: HandlerTable = {
    EmployeeRegistered: on_employee_registered,
    EmployeeUpdated: on_employee_updated,
    EmployeeTransferred: on_employee_transferred,
    EmployeePromoted: on_employee_promoted,
    EmployeeRetired: on_employee_retired,
    EvaluationRecorded: on_evaluation_recorded,
    MentorshipCompleted: on_mentorship_completed,
}
