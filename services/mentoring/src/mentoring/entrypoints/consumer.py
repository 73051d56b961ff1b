"""Every event the mentoring service reacts to, and its handler: the whole message surface."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
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
from jenjang_shared.messaging.handlers import EventHandler, HandlerTable
from mentoring.adapters.store import postgres_store
from mentoring.domain.policy import MentoringPolicy
from mentoring.service import reactions
from mentoring.service.ports import Store

Reaction = Callable[[Any, Store, MentoringPolicy, date], Awaitable[None]]


def _bind(reaction: Reaction, policy: MentoringPolicy) -> EventHandler:
    async def handle(event: Any, uow: UnitOfWork) -> None:
        await reaction(event, postgres_store(uow), policy, date.today())

    handle.__name__ = reaction.__name__
    return handle


def handlers_for(policy: MentoringPolicy) -> HandlerTable:
    """The handler table with the agency's policy (bootstrap passes the settings' one)."""
    return {
        EmployeeRegistered: _bind(reactions.on_registered, policy),
        EmployeeUpdated: _bind(reactions.on_updated, policy),
        EmployeePromoted: _bind(reactions.on_promoted, policy),
        EmployeeTransferred: _bind(reactions.on_transferred, policy),
        EmployeeRetired: _bind(reactions.on_retired, policy),
        EvaluationRecorded: _bind(reactions.on_evaluation, policy),
    }


HANDLERS: HandlerTable = handlers_for(MentoringPolicy())
"""The table with the default policy (tests and tools that do not configure one)."""
