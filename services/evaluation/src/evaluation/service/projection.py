"""Event handlers that keep the projection of employees and exams, then re-evaluate promotion.

Each runs inside the consumer's unit of work (exactly once per event id). `today` is injected.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from evaluation.service.ports import Repositories
from evaluation.service.promotion import record_rejection, reevaluate
from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    PromotionProposalRejected,
    TrainingCompleted,
)
from jenjang_shared.contracts.vocabulary import TrainingCategory
from jenjang_shared.db.unit_of_work import UnitOfWork

Clock = Callable[[], date]
EXAM_CATEGORIES = frozenset({TrainingCategory.UJIAN_DINAS_I, TrainingCategory.UJIAN_DINAS_II})


async def employee_registered(
    event: EmployeeRegistered, *, uow: UnitOfWork, repos: Repositories, today: Clock
) -> None:
    await repos.employees.register(event)
    await reevaluate(event.nip, today(), uow=uow, repos=repos)


async def employee_updated(
    event: EmployeeUpdated, *, uow: UnitOfWork, repos: Repositories, today: Clock
) -> None:
    await repos.employees.apply_changes(event.nip, event.changes)
    await reevaluate(event.nip, today(), uow=uow, repos=repos)


async def employee_transferred(
    event: EmployeeTransferred, *, uow: UnitOfWork, repos: Repositories, today: Clock
) -> None:
    await repos.employees.transfer(event)
    await reevaluate(event.nip, today(), uow=uow, repos=repos)


async def employee_promoted(
    event: EmployeePromoted, *, uow: UnitOfWork, repos: Repositories, today: Clock
) -> None:
    """The new golongan and TMT restart the time in rank; open recommendations are closed."""
    await repos.employees.promote(event.nip, event.to_golongan, event.tmt)
    await repos.promotions.close_open(event.nip, "PROMOTED", f"promoted to {event.to_golongan}")
    await reevaluate(event.nip, today(), uow=uow, repos=repos)


async def employee_retired(event: EmployeeRetired, *, repos: Repositories) -> None:
    await repos.employees.retire(event.nip, event.retirement_date)
    await repos.promotions.close_open(event.nip, "WITHDRAWN", f"retired: {event.reason}")


async def training_completed(
    event: TrainingCompleted, *, uow: UnitOfWork, repos: Repositories, today: Clock
) -> None:
    """Only passed ujian dinas matter to promotion; other trainings are not projected."""
    if event.training_category not in EXAM_CATEGORIES:
        return
    await repos.employees.add_exam(
        event.nip, event.enrollment_id, event.training_category.value, event.completed_on
    )
    await reevaluate(event.nip, today(), uow=uow, repos=repos)


async def proposal_rejected(event: PromotionProposalRejected, *, repos: Repositories) -> None:
    await record_rejection(
        nip=event.nip,
        recommendation_id=event.recommendation_id,
        reason=event.reason,
        kp_period=event.kp_period,
        to_golongan=event.to_golongan,
        repos=repos,
    )
