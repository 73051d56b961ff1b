"""Every event the evaluation service reacts to, and its handler: the whole message surface.

Each handler binds the repositories to the unit of work's connection and calls the use case.
`handlers_for(clock)` lets the app (and tests) inject "today"; `HANDLERS` uses the system date.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from evaluation.adapters.repositories import PgRepositories
from evaluation.service import projection
from evaluation.service.projection import Clock
from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    PromotionProposalRejected,
    TrainingCompleted,
)
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.messaging.handlers import HandlerTable


def handlers_for(today: Clock = date.today) -> HandlerTable:
    """The handler table with `today` as the clock of promotion re-evaluation."""

    def with_clock(use_case: Any) -> Any:
        async def handle(event: Any, uow: UnitOfWork) -> None:
            await use_case(event, uow=uow, repos=PgRepositories(uow.conn), today=today)

        return handle

    async def on_employee_retired(event: EmployeeRetired, uow: UnitOfWork) -> None:
        await projection.employee_retired(event, repos=PgRepositories(uow.conn))

    async def on_proposal_rejected(event: PromotionProposalRejected, uow: UnitOfWork) -> None:
        await projection.proposal_rejected(event, repos=PgRepositories(uow.conn))

    return {
        EmployeeRegistered: with_clock(projection.employee_registered),
        EmployeeUpdated: with_clock(projection.employee_updated),
        EmployeeTransferred: with_clock(projection.employee_transferred),
        EmployeePromoted: with_clock(projection.employee_promoted),
        EmployeeRetired: on_employee_retired,
        TrainingCompleted: with_clock(projection.training_completed),
        PromotionProposalRejected: on_proposal_rejected,
    }


HANDLERS: HandlerTable = handlers_for()
