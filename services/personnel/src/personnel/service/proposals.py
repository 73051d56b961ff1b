"""Promotion proposals: opened by PromotionRecommended, withdrawn by
PromotionRecommendationWithdrawn, approved or rejected once by HR."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime

from jenjang_shared.contracts import (
    EmployeePromoted,
    PromotionProposalRejected,
    PromotionRecommendationWithdrawn,
    PromotionRecommended,
)
from jenjang_shared.errors import NotFound
from personnel.domain import proposals as rules
from personnel.domain.employee import FieldChange
from personnel.domain.proposals import Proposal
from personnel.service.ports import UnitOfWork
from personnel.service.timeline import record_own_event

PROPOSAL_IDS = uuid.UUID("6a1f0b52-1d0e-4c1a-9d59-0f3a8f2c7b11")  # the namespace of proposal ids


def proposal_id_of(recommendation_id: str) -> str:
    """Derived from the recommendation, so that a rebuild from the topics gives the same id."""
    return str(uuid.uuid5(PROPOSAL_IDS, recommendation_id))


async def open_proposal(uow: UnitOfWork, event: PromotionRecommended) -> bool:
    """Open one PENDING proposal per recommendation_id; True when opened. A repeat, even under
    a new event id, opens nothing: the unique recommendation_id decides."""
    proposal = Proposal(
        id=proposal_id_of(event.recommendation_id),
        recommendation_id=event.recommendation_id,
        nip=event.nip,
        kind=event.kind.value,
        from_golongan=event.from_golongan,
        to_golongan=event.to_golongan,
        kp_period=event.kp_period,
        rules_version=event.rules_version,
        evidence=event.evidence.model_dump(mode="json"),
    )
    handled = uow.handled
    return await uow.proposals.open(proposal, source_event_id=handled.id if handled else None)


async def withdraw_proposal(uow: UnitOfWork, event: PromotionRecommendationWithdrawn) -> bool:
    """The recommendation no longer holds: its PENDING proposal becomes WITHDRAWN with the
    reason, as of the event's time (a replay gives the same record); True when one was. An
    APPROVED or REJECTED one stays as HR decided it."""
    handled = uow.handled
    if handled is None:
        raise RuntimeError("a withdrawal is applied from its event")
    return await uow.proposals.withdraw(event.recommendation_id, event.reason, at=handled.time)


async def _load(uow: UnitOfWork, proposal_id: str) -> Proposal:
    proposal = await uow.proposals.get(proposal_id, for_update=True)
    if proposal is None:
        raise NotFound(f"no promotion proposal {proposal_id}")
    return proposal


async def approve_promotion(
    uow: UnitOfWork,
    *,
    proposal_id: str,
    sk_number: str,
    sk_date: date,
    decided_by: str,
    now: datetime,
) -> Proposal:
    """Set golongan = to_golongan with TMT = kp_period, record the rank history and the
    change history, publish EmployeePromoted. 409 when decided, stale or retired."""
    proposal = await _load(uow, proposal_id)
    employee = await uow.employees.get(proposal.nip, for_update=True)
    decided = rules.approve(
        proposal,
        employee,
        sk_number=sk_number,
        sk_date=sk_date,
        decided_by=decided_by,
        now=now,
    )
    assert employee is not None  # rules.approve refuses an unknown employee
    promoted = replace(employee, golongan=decided.to_golongan, golongan_tmt=decided.kp_period)
    await uow.employees.update(promoted)
    await uow.employees.add_rank(
        promoted.nip,
        promoted.golongan,
        promoted.golongan_tmt,
        source="PROMOTION",
        proposal_id=decided.id,
        sk_number=decided.sk_number,
        sk_date=decided.sk_date,
    )
    await uow.employees.add_changes(
        promoted.nip,
        [
            FieldChange("golongan", employee.golongan, promoted.golongan),
            FieldChange("golongan_tmt", employee.golongan_tmt, promoted.golongan_tmt),
        ],
        effective_date=decided.kp_period,
        changed_by=decided_by,
        reason=f"KP {decided.kind}, SK {sk_number} of {sk_date.isoformat()}",
        kind="PROMOTION",
    )
    await uow.proposals.save_decision(decided)
    await record_own_event(
        uow,
        EmployeePromoted(
            nip=promoted.nip,
            proposal_id=decided.id,
            from_golongan=decided.from_golongan,
            to_golongan=decided.to_golongan,
            tmt=decided.kp_period,
            sk_number=sk_number,
            sk_date=sk_date,
        ),
        now=now,
    )
    return decided


async def reject_promotion(
    uow: UnitOfWork, *, proposal_id: str, reason: str, decided_by: str, now: datetime
) -> Proposal:
    """Reject a PENDING proposal with a reason; publish PromotionProposalRejected."""
    proposal = await _load(uow, proposal_id)
    decided = rules.reject(proposal, reason=reason, decided_by=decided_by, now=now)
    await uow.proposals.save_decision(decided)
    await record_own_event(
        uow,
        PromotionProposalRejected(
            nip=decided.nip,
            proposal_id=decided.id,
            recommendation_id=decided.recommendation_id,
            reason=reason,
            kp_period=decided.kp_period,
            to_golongan=decided.to_golongan,
        ),
        now=now,
    )
    return decided
