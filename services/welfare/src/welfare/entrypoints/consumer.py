"""Every event the welfare service reacts to, and its handler: the whole message surface."""

from __future__ import annotations

from typing import Any

from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
)
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.messaging.handlers import HandlerTable
from welfare.adapters.repositories import PgRepositories
from welfare.domain.ranks import RankRules
from welfare.service.employee_events import on_employee_event

CONSUMED = (
    EmployeeRegistered,
    EmployeeUpdated,
    EmployeePromoted,
    EmployeeTransferred,
    EmployeeRetired,
    EvaluationRecorded,
)


def handlers_for(ranks: RankRules) -> HandlerTable:
    """The handler table with the configured rank rules (bootstrap passes the settings')."""

    async def handle(event: Any, uow: UnitOfWork) -> None:
        await on_employee_event(event, uow, repos=PgRepositories(uow.conn), ranks=ranks)

    return dict.fromkeys(CONSUMED, handle)


HANDLERS: HandlerTable = handlers_for(RankRules())
"""With the default rank rules; the running app uses `handlers_for(settings.rank_rules())`."""
