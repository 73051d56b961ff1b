"""Promotion proposals: list, approve with the SK, reject with a reason."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from jenjang_shared.web.params import Limit, NipQuery, Offset, Page
from personnel.domain.proposals import ProposalStatus
from personnel.entrypoints.http.deps import ActorHeader, NewUnitOfWork, Now, who
from personnel.entrypoints.http.schemas import ApprovalCreate, ProposalPublic, RejectionCreate
from personnel.service import proposals
from personnel.service.reads import proposal_of

router = APIRouter(prefix="/promotion-proposals", tags=["promotion proposals"])


@router.get("", summary="Promotion proposals, oldest first")
async def list_proposals(
    new_uow: NewUnitOfWork,
    status: ProposalStatus | None = None,
    nip: NipQuery = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ProposalPublic]:
    """One proposal per PromotionRecommended (recommendation_id), PENDING until decided."""
    async with new_uow() as uow:
        found, total = await uow.queries.proposals(
            status=status, nip=nip, limit=limit, offset=offset
        )
    items = [ProposalPublic.model_validate(p, from_attributes=True) for p in found]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/{proposal_id}", summary="One promotion proposal")
async def get_proposal(proposal_id: uuid.UUID, new_uow: NewUnitOfWork) -> ProposalPublic:
    async with new_uow() as uow:
        proposal = await proposal_of(uow, proposal_id=str(proposal_id))
    return ProposalPublic.model_validate(proposal, from_attributes=True)


@router.post("/{proposal_id}/approve", summary="Approve a proposal with its SK")
async def approve(
    proposal_id: uuid.UUID,
    body: ApprovalCreate,
    new_uow: NewUnitOfWork,
    now: Now,
    x_actor: ActorHeader = None,
) -> ProposalPublic:
    """Sets golongan = to_golongan with golongan_tmt = kp_period, records the rank history,
    publishes EmployeePromoted. 409 when already decided, when the employee's golongan is no
    longer from_golongan (stale), or when the employee retired."""
    decided_by = who(body.decided_by, x_actor, field="decided_by")
    async with new_uow() as uow:
        decided = await proposals.approve_promotion(
            uow,
            proposal_id=str(proposal_id),
            sk_number=body.sk_number,
            sk_date=body.sk_date,
            decided_by=decided_by,
            now=now,
        )
    return ProposalPublic.model_validate(decided, from_attributes=True)


@router.post("/{proposal_id}/reject", summary="Reject a proposal with a reason")
async def reject(
    proposal_id: uuid.UUID,
    body: RejectionCreate,
    new_uow: NewUnitOfWork,
    now: Now,
    x_actor: ActorHeader = None,
) -> ProposalPublic:
    """Publishes PromotionProposalRejected (with kp_period and to_golongan). 409 when already
    decided."""
    decided_by = who(body.decided_by, x_actor, field="decided_by")
    async with new_uow() as uow:
        decided = await proposals.reject_promotion(
            uow, proposal_id=str(proposal_id), reason=body.reason, decided_by=decided_by, now=now
        )
    return ProposalPublic.model_validate(decided, from_attributes=True)
