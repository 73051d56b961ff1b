"""Promotion proposals: list, approve with the SK, reject with a reason."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from jenjang_shared.errors import NotFound
from jenjang_shared.web.app import Runtime
from jenjang_shared.web.params import Limit, Offset, Page
from personnel.adapters.proposals import PgProposals
from personnel.domain.proposals import ProposalStatus
from personnel.entrypoints.deps import ActorHeader, nip_param, who, work
from personnel.entrypoints.schemas import ApprovalCreate, ProposalPublic, RejectionCreate
from personnel.service import proposals
from personnel.service.proposals import ApprovePromotion

router = APIRouter(prefix="/promotion-proposals", tags=["promotion proposals"])


@router.get("", summary="Promotion proposals, oldest first")
async def list_proposals(
    runtime: Runtime,
    status: ProposalStatus | None = None,
    nip: Annotated[str | None, Query(description="Only this employee's")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ProposalPublic]:
    """One proposal per PromotionRecommended (recommendation_id), PENDING until decided."""
    async with runtime.connection() as conn:
        found, total = await PgProposals(conn).list(
            status=status, nip=nip_param(nip) if nip else None, limit=limit, offset=offset
        )
    items = [ProposalPublic.from_domain(p) for p in found]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/{proposal_id}", summary="One promotion proposal")
async def get_proposal(proposal_id: uuid.UUID, runtime: Runtime) -> ProposalPublic:
    async with runtime.connection() as conn:
        proposal = await PgProposals(conn).get(str(proposal_id))
    if proposal is None:
        raise NotFound(f"no promotion proposal {proposal_id}")
    return ProposalPublic.from_domain(proposal)


@router.post("/{proposal_id}/approve", summary="Approve a proposal with its SK")
async def approve(
    proposal_id: uuid.UUID, body: ApprovalCreate, runtime: Runtime, x_actor: ActorHeader = None
) -> ProposalPublic:
    """Sets golongan = to_golongan with golongan_tmt = kp_period, records the rank history,
    publishes EmployeePromoted. 409 when already decided, when the employee's golongan is no
    longer from_golongan (stale), or when the employee retired."""
    cmd = ApprovePromotion(
        proposal_id=str(proposal_id),
        sk_number=body.sk_number,
        sk_date=body.sk_date,
        decided_by=who(body.decided_by, x_actor, field="decided_by"),
    )
    async with work(runtime) as w:
        decided = await proposals.approve_promotion(cmd, w)
    return ProposalPublic.from_domain(decided)


@router.post("/{proposal_id}/reject", summary="Reject a proposal with a reason")
async def reject(
    proposal_id: uuid.UUID, body: RejectionCreate, runtime: Runtime, x_actor: ActorHeader = None
) -> ProposalPublic:
    """Publishes PromotionProposalRejected (with kp_period and to_golongan). 409 when already
    decided."""
    decided_by = who(body.decided_by, x_actor, field="decided_by")
    async with work(runtime) as w:
        decided = await proposals.reject_promotion(str(proposal_id), body.reason, decided_by, w)
    return ProposalPublic.from_domain(decided)
