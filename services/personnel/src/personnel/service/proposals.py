"""Promotion proposals: opened by PromotionRecommended, approved or rejected by HR."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

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
from personnel.service.ports import Work
from personnel.service.timeline import add_to_timeline, record_own_event

PROPOSAL_IDS = uuid.UUID("6a1f0b52-1d0e-4c1a-9d59-0f3a8f2c7b11")  # the namespace of proposal ids


async def on_promotion_recommended(event: PromotionRecommended, work: Work) -> None:
    """Open one PENDING proposal per recommendation_id (a repeat, even under a new event id,
    opens nothing: the unique recommendation_id decides), and add the timeline entry."""
    proposal = Proposal(
        # Derived from the recommendation: a rebuild from the topics gives the same id.
        id=str(uuid.uuid5(PROPOSAL_IDS, event.recommendation_id)),
        recommendation_id=event.recommendation_id,
        nip=event.nip,
        kind=event.kind.value,
        from_golongan=event.from_golongan,
        to_golongan=event.to_golongan,
        kp_period=event.kp_period,
        rules_version=event.rules_version,
        evidence=event.evidence.model_dump(mode="json"),
    )
    meta = work.uow.message
    await work.proposals.open(proposal, source_event_id=meta.id if meta else None)
    await add_to_timeline(event, work)


async def on_recommendation_withdrawn(event: PromotionRecommendationWithdrawn, work: Work) -> None:
    """The recommendation no longer holds: its PENDING proposal becomes WITHDRAWN with the
    reason (an APPROVED or REJECTED one stays as decided), and the timeline entry is added."""
    await work.proposals.withdraw(event.recommendation_id, event.reason)
    await add_to_timeline(event, work)


async def _load(work: Work, proposal_id: str) -> Proposal:
    proposal = await work.proposals.get(proposal_id, for_update=True)
    if proposal is None:
        raise NotFound(f"no promotion proposal {proposal_id}")
    return proposal


@dataclass(frozen=True)
class ApprovePromotion:
    proposal_id: str
    sk_number: str
    sk_date: date
    decided_by: str


async def approve_promotion(cmd: ApprovePromotion, work: Work) -> Proposal:
    """Set golongan = to_golongan with TMT = kp_period, record the rank history and the
    change history, publish EmployeePromoted. 409 when decided, stale or retired."""
    proposal = await _load(work, cmd.proposal_id)
    employee = await work.employees.get(proposal.nip, for_update=True)
    decided = rules.approve(
        proposal,
        employee,
        sk_number=cmd.sk_number,
        sk_date=cmd.sk_date,
        decided_by=cmd.decided_by,
        now=datetime.now(UTC),
    )
    assert employee is not None  # rules.approve refuses an unknown employee
    promoted = replace(employee, golongan=decided.to_golongan, golongan_tmt=decided.kp_period)
    await work.employees.update(promoted)
    await work.employees.add_rank(
        promoted.nip,
        promoted.golongan,
        promoted.golongan_tmt,
        source="PROMOTION",
        proposal_id=decided.id,
        sk_number=decided.sk_number,
        sk_date=decided.sk_date,
    )
    await work.employees.add_changes(
        promoted.nip,
        [
            FieldChange("golongan", employee.golongan, promoted.golongan),
            FieldChange("golongan_tmt", employee.golongan_tmt, promoted.golongan_tmt),
        ],
        effective_date=decided.kp_period,
        changed_by=cmd.decided_by,
        reason=f"KP {decided.kind}, SK {cmd.sk_number} of {cmd.sk_date.isoformat()}",
        kind="PROMOTION",
    )
    await work.proposals.save_decision(decided)
    await record_own_event(
        work,
        EmployeePromoted(
            nip=promoted.nip,
            proposal_id=decided.id,
            from_golongan=decided.from_golongan,
            to_golongan=decided.to_golongan,
            tmt=decided.kp_period,
            sk_number=cmd.sk_number,
            sk_date=cmd.sk_date,
        ),
    )
    return decided


async def reject_promotion(proposal_id: str, reason: str, decided_by: str, work: Work) -> Proposal:
    """Reject a PENDING proposal with a reason; publish PromotionProposalRejected."""
    proposal = await _load(work, proposal_id)
    decided = rules.reject(proposal, reason=reason, decided_by=decided_by, now=datetime.now(UTC))
    await work.proposals.save_decision(decided)
    await record_own_event(
        work,
        PromotionProposalRejected(
            nip=decided.nip,
            proposal_id=decided.id,
            recommendation_id=decided.recommendation_id,
            reason=reason,
            kp_period=decided.kp_period,
            to_golongan=decided.to_golongan,
        ),
    )
    return decided
