"""Promotion proposals: opened by PromotionRecommended, withdrawn by
PromotionRecommendationWithdrawn, approved or rejected once by HR of the employee's unit (or
BKD), never by the employee it promotes (four eyes)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime

from jenjang_shared.access import Visibility
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
from personnel.service.scope import audit_employee_change, for_writes, to_json_value
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
        # The track when evaluation names it (REGULER, ANGKA_KREDIT, PILIHAN), else the .v1 kind.
        kind=(event.track or event.kind).value,
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


@dataclass(frozen=True)
class Decider:
    """Who decides: the caller's actor (recorded as `decided_by`), their NIP (four eyes) and
    their visibility (hr decides proposals of its units' employees)."""

    actor: str
    nip: str | None
    visibility: Visibility


async def _load(uow: UnitOfWork, proposal_id: str, decider: Decider) -> Proposal:
    """The proposal, locked; 404 when there is none or its employee is out of the decider's
    scope; 403 when it is the decider's own."""
    proposal = await uow.proposals.get(
        proposal_id, visibility=for_writes(decider.visibility), for_update=True
    )
    if proposal is None:
        raise NotFound(f"no promotion proposal {proposal_id}")
    rules.ensure_not_own(proposal, decider.nip)
    return proposal


async def _audit_decision(uow: UnitOfWork, before: Proposal, after: Proposal, verb: str) -> None:
    fields = ("status", "decided_at", "decided_by", "sk_number", "sk_date", "reason")
    await uow.audit(
        operation=f"promotion_proposal.{verb}",
        record_type="promotion_proposal",
        record_id=after.id,
        before={f: to_json_value(getattr(before, f)) for f in fields},
        after={"nip": after.nip, **{f: to_json_value(getattr(after, f)) for f in fields}},
    )


async def approve_promotion(
    uow: UnitOfWork,
    *,
    proposal_id: str,
    sk_number: str,
    sk_date: date,
    decider: Decider,
    now: datetime,
) -> Proposal:
    """Set golongan = to_golongan with TMT = kp_period, record the rank history and the
    change history, audit the decision and the employee's new rank, publish
    EmployeePromoted. 404 out of scope, 403 for one's own, 409 when decided, stale or
    retired."""
    proposal = await _load(uow, proposal_id, decider)
    employee = await uow.employees.get(
        proposal.nip, visibility=Visibility.unrestricted(), for_update=True
    )
    decided = rules.approve(
        proposal,
        employee,
        sk_number=sk_number,
        sk_date=sk_date,
        decided_by=decider.actor,
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
    rank = [
        FieldChange("golongan", employee.golongan, promoted.golongan),
        FieldChange("golongan_tmt", employee.golongan_tmt, promoted.golongan_tmt),
    ]
    reason = f"KP {decided.kind}, SK {sk_number} of {sk_date.isoformat()}"
    await uow.employees.add_changes(
        promoted.nip,
        rank,
        effective_date=decided.kp_period,
        changed_by=decider.actor,
        reason=reason,
        kind="PROMOTION",
    )
    await uow.proposals.save_decision(decided)
    await _audit_decision(uow, proposal, decided, "approve")
    await audit_employee_change(
        uow, "employee.promote", promoted.nip, rank, proposal_id=decided.id, reason=reason
    )
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
    uow: UnitOfWork, *, proposal_id: str, reason: str, decider: Decider, now: datetime
) -> Proposal:
    """Reject a PENDING proposal with a reason; audit it; publish PromotionProposalRejected.
    404 out of scope, 403 for one's own, 409 when decided."""
    proposal = await _load(uow, proposal_id, decider)
    decided = rules.reject(proposal, reason=reason, decided_by=decider.actor, now=now)
    await uow.proposals.save_decision(decided)
    await _audit_decision(uow, proposal, decided, "reject")
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
