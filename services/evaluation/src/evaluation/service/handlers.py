"""Every event the evaluation service reacts to: keep the projection, then re-evaluate promotion.

Each handler runs in the consumer's unit of work (exactly once per event id). The KP period a
re-evaluation targets is the next one on or after the event's own day (`day_of(uow.handled)`),
so that a replay on another day gives the same answers.
"""

from __future__ import annotations

import logging
from typing import Any

from evaluation.domain.credit_points import CreditStart
from evaluation.domain.eligibility import EmployeeFacts
from evaluation.service.ports import FactChanges, ProjectedField, UnitOfWork
from evaluation.service.promotion import record_rejection, reevaluate
from jenjang_shared.contracts import (
    EmployeeChanges,
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    PromotionProposalRejected,
    TrainingCompleted,
)
from jenjang_shared.contracts.vocabulary import PositionKind, TrainingCategory
from jenjang_shared.ports import day_of

log = logging.getLogger(__name__)

EXAM_CATEGORIES = frozenset({TrainingCategory.UJIAN_DINAS_I, TrainingCategory.UJIAN_DINAS_II})
"""The only trainings promotion looks at (docs/domain.md, "Who is eligible")."""

PROJECTED_FIELDS: tuple[ProjectedField, ...] = (
    "employment_type",
    "golongan",
    "golongan_tmt",
    "education",
    "unit_code",
    "position_kind",
    "functional_level",
    "supervisor_nip",
    "functional_position",
)
CLEARABLE_FIELDS: frozenset[ProjectedField] = frozenset(
    {"functional_level", "supervisor_nip", "functional_position"}
)
"""Of the projected fields, those EmployeeChanges may clear with null."""


async def on_employee_registered(event: EmployeeRegistered, uow: UnitOfWork) -> None:
    await uow.employees.register(
        EmployeeFacts(
            nip=event.nip,
            employment_type=event.employment_type,
            golongan=event.golongan,
            golongan_tmt=event.golongan_tmt,
            education=event.education,
            unit_code=event.unit_code,
            position_kind=event.position_kind,
            functional_level=event.functional_level,
            supervisor_nip=event.supervisor_nip,
            birth_date=event.birth_date,
            pension_date=event.retirement_date,
            pension_rule=event.retirement_rule,
            functional_position=event.functional_position,
            credit_start=_credit_start(event),
        )
    )
    await reevaluate(uow, nip=event.nip, today=day_of(uow.handled))


def _credit_start(event: EmployeeRegistered) -> CreditStart | None:
    start = event.credit_points_start
    if start is None:
        return None
    return CreditStart(start.amount, start.as_of, start.source_document)


async def on_employee_updated(event: EmployeeUpdated, uow: UnitOfWork) -> None:
    """Only the projected fields that were sent change; the others are not this service's."""
    changes = projected_changes(event.changes, event_id=_event_id(uow))
    if changes.values:
        await uow.employees.apply_changes(event.nip, changes)
    await reevaluate(uow, nip=event.nip, today=day_of(uow.handled))


def _event_id(uow: UnitOfWork) -> str | None:
    return uow.handled.id if uow.handled is not None else None


def projected_changes(changes: EmployeeChanges, *, event_id: str | None = None) -> FactChanges:
    """The projected fields an EmployeeUpdated changes. A null for a field that cannot be
    empty is no value to apply: it is ignored (and logged with the event's id, never the
    employee's NIP), never a dead letter."""
    sent = changes.changed()
    values: dict[ProjectedField, Any] = {}
    for name in PROJECTED_FIELDS:
        if name not in sent:
            continue
        value = getattr(changes, name)
        if value is None and name not in CLEARABLE_FIELDS:
            log.warning("ignoring %s=null in EmployeeUpdated (event %s)", name, event_id)
            continue
        values[name] = value
    # A change of post that moves the projected pension date carries it (and its rule).
    if "retirement_date" in sent and changes.retirement_date is not None:
        values["pension_date"] = changes.retirement_date
        values["pension_rule"] = changes.retirement_rule
    return FactChanges(_without_stale_level(values))


def _without_stale_level(values: dict[ProjectedField, Any]) -> dict[ProjectedField, Any]:
    # Leaving a functional position leaves its level behind.
    kind = values.get("position_kind")
    if (
        kind is not None
        and kind is not PositionKind.FUNGSIONAL
        and "functional_level" not in values
    ):
        return {"functional_level": None, "functional_position": None, **values}
    return values


async def on_employee_transferred(event: EmployeeTransferred, uow: UnitOfWork) -> None:
    """The new unit, position and superior; the level is the new position's (none outside
    FUNGSIONAL)."""
    moved: dict[ProjectedField, Any] = {
        "unit_code": event.to_unit_code,
        "position_kind": event.position_kind,
        "functional_level": event.functional_level,
        "supervisor_nip": event.supervisor_nip,
        "functional_position": event.functional_position,
    }
    if event.retirement_date is not None:
        moved |= {"pension_date": event.retirement_date, "pension_rule": event.retirement_rule}
    changes = FactChanges(moved)
    await uow.employees.apply_changes(event.nip, changes)
    await reevaluate(uow, nip=event.nip, today=day_of(uow.handled))


async def on_employee_promoted(event: EmployeePromoted, uow: UnitOfWork) -> None:
    """The new golongan and TMT restart the time in rank; open recommendations are closed."""
    await uow.employees.promote(event.nip, event.to_golongan, event.tmt)
    await uow.recommendations.close_open(event.nip, "PROMOTED", f"promoted to {event.to_golongan}")
    await reevaluate(uow, nip=event.nip, today=day_of(uow.handled))


async def on_employee_retired(event: EmployeeRetired, uow: UnitOfWork) -> None:
    """Open recommendations are closed without PromotionRecommendationWithdrawn: personnel
    retires the employee itself."""
    await uow.employees.retire(event.nip, event.retirement_date)
    await uow.recommendations.close_open(event.nip, "WITHDRAWN", f"retired: {event.reason}")


async def on_training_completed(event: TrainingCompleted, uow: UnitOfWork) -> None:
    """Only passed ujian dinas matter to promotion; other trainings are not projected."""
    if event.training_category not in EXAM_CATEGORIES:
        return
    await uow.employees.add_exam(
        event.nip, event.enrollment_id, event.training_category, event.completed_on
    )
    await reevaluate(uow, nip=event.nip, today=day_of(uow.handled))


async def on_promotion_proposal_rejected(event: PromotionProposalRejected, uow: UnitOfWork) -> None:
    await record_rejection(
        uow,
        nip=event.nip,
        recommendation_id=event.recommendation_id,
        reason=event.reason,
        kp_period=event.kp_period,
        to_golongan=event.to_golongan,
    )
