"""Promotion proposals: list, approve with the SK, reject with a reason."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from jenjang_shared.access import Principal, Visibility
from jenjang_shared.web.params import Limit, NipQuery, Offset, Page
from personnel.domain.proposals import ProposalStatus
from personnel.entrypoints.http.deps import HrOrAdmin, NewUnitOfWork, Now, Reader
from personnel.entrypoints.http.schemas import ApprovalCreate, ProposalPublic, RejectionCreate
from personnel.service import proposals, reads

router = APIRouter(prefix="/promotion-proposals", tags=["promotion proposals"])


def decider(caller: Principal) -> proposals.Decider:
    return proposals.Decider(caller.actor, caller.nip, Visibility.of(caller))


@router.get("", summary="Promotion proposals, oldest first")
async def list_proposals(
    new_uow: NewUnitOfWork,
    caller: Reader,
    status: ProposalStatus | None = None,
    nip: NipQuery = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ProposalPublic]:
    """One proposal per PromotionRecommended (recommendation_id), PENDING until decided;
    only those of employees in the caller's scope."""
    async with new_uow() as uow:
        found, total = await reads.proposals(
            uow,
            visibility=Visibility.of(caller),
            status=status,
            nip=nip,
            limit=limit,
            offset=offset,
        )
    items = [ProposalPublic.model_validate(p, from_attributes=True) for p in found]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/{proposal_id}", summary="One promotion proposal")
async def get_proposal(
    proposal_id: uuid.UUID, new_uow: NewUnitOfWork, caller: Reader
) -> ProposalPublic:
    """404 when there is none or its employee is out of the caller's scope."""
    async with new_uow() as uow:
        proposal = await reads.proposal_of(
            uow, proposal_id=str(proposal_id), visibility=Visibility.of(caller)
        )
    return ProposalPublic.model_validate(proposal, from_attributes=True)


@router.post("/{proposal_id}/approve", summary="Approve a proposal with its SK")
async def approve(
    proposal_id: uuid.UUID,
    body: ApprovalCreate,
    new_uow: NewUnitOfWork,
    now: Now,
    caller: HrOrAdmin,
) -> ProposalPublic:
    """hr of the employee's unit or BKD; `decided_by` is the caller. Sets golongan =
    to_golongan with golongan_tmt = kp_period, records the rank history, audits, publishes
    EmployeePromoted. 404 out of scope; 403 for one's own proposal (four eyes); 409 when
    already decided, when the employee's golongan is no longer from_golongan (stale), or when
    the employee retired."""
    async with new_uow() as uow:
        decided = await proposals.approve_promotion(
            uow,
            proposal_id=str(proposal_id),
            sk_number=body.sk_number,
            sk_date=body.sk_date,
            decider=decider(caller),
            now=now,
        )
    return ProposalPublic.model_validate(decided, from_attributes=True)


@router.post("/{proposal_id}/reject", summary="Reject a proposal with a reason")
async def reject(
    proposal_id: uuid.UUID,
    body: RejectionCreate,
    new_uow: NewUnitOfWork,
    now: Now,
    caller: HrOrAdmin,
) -> ProposalPublic:
    """hr of the employee's unit or BKD; `decided_by` is the caller. Audited; publishes
    PromotionProposalRejected (with kp_period and to_golongan). 404 out of scope; 403 for
    one's own proposal (four eyes); 409 when already decided."""
    async with new_uow() as uow:
        decided = await proposals.reject_promotion(
            uow,
            proposal_id=str(proposal_id),
            reason=body.reason,
            decider=decider(caller),
            now=now,
        )
    return ProposalPublic.model_validate(decided, from_attributes=True)
