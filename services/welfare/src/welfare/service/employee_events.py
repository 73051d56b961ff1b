"""Event handlers: each consumed event becomes dated facts, then entitlements follow."""

from __future__ import annotations

from typing import TypeAlias

from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
)
from jenjang_shared.db.unit_of_work import UnitOfWork
from welfare.domain import projection
from welfare.domain.ranks import RankRules
from welfare.service.entitlements import record_employee_facts
from welfare.service.ports import Repositories

EmployeeEvent: TypeAlias = (
    EmployeeRegistered
    | EmployeeUpdated
    | EmployeePromoted
    | EmployeeTransferred
    | EmployeeRetired
    | EvaluationRecorded
)


async def on_employee_event(
    event: EmployeeEvent, uow: UnitOfWork, *, repos: Repositories, ranks: RankRules
) -> None:
    """Apply any consumed event: its facts (projection.py says which dates), then recompute."""
    if isinstance(event, EmployeeRegistered):
        facts = projection.facts_of_registration(event)
    elif isinstance(event, EmployeeUpdated):
        facts = projection.facts_of_update(event)
    elif isinstance(event, EmployeePromoted):
        facts = projection.facts_of_promotion(event)
    elif isinstance(event, EmployeeTransferred):
        facts = projection.facts_of_transfer(event)
    elif isinstance(event, EmployeeRetired):
        facts = projection.facts_of_retirement(event)
    else:
        facts = projection.facts_of_evaluation(event)
    await record_employee_facts(
        event.nip, facts, event_type=event.event_name, uow=uow, repos=repos, ranks=ranks
    )
