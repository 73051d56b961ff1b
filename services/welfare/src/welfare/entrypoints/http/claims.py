"""Routes: benefit claims and their decisions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response

from jenjang_shared.access import Visibility
from jenjang_shared.web.params import Limit, NipQuery, Offset, Page
from welfare.domain.claims import ClaimStatus
from welfare.entrypoints.http.deps import Caller, ClaimDecider, NewUnitOfWork, Settings
from welfare.entrypoints.http.schemas import ClaimCreate, ClaimDecisionCreate, ClaimPublic
from welfare.service import claims

router = APIRouter(tags=["claims"])

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        description="Retry-safe key: the same key and body return the first claim again",
    ),
]


@router.post("/claims", status_code=201, summary="Submit a benefit claim")
async def submit_claim(
    body: ClaimCreate,
    caller: Caller,
    response: Response,
    new_uow: NewUnitOfWork,
    settings: Settings,
    idempotency_key: IdempotencyKey = None,
) -> ClaimPublic:
    """201 when created; 200 with the same claim when the key was seen with the same body;
    409 when the key was used for another body; 422 above the kind's cap; 404 unknown NIP or
    one the caller may not file for. An employee (or supervisor) files their own claims."""
    async with new_uow() as uow:
        claim, created = await claims.submit_claim(
            uow,
            claim=body.to_domain(own_nip=caller.nip),
            idempotency_key=idempotency_key,
            caps=settings.claim_caps_idr,
            visibility=Visibility.of(caller),
            submitted_by=caller.actor,
        )
    if not created:
        response.status_code = 200
    return ClaimPublic.model_validate(claim, from_attributes=True)


@router.get("/claims", summary="List claims")
async def list_claims(
    caller: Caller,
    new_uow: NewUnitOfWork,
    nip: NipQuery = None,
    status: ClaimStatus | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ClaimPublic]:
    """The claims the caller may see, newest first."""
    async with new_uow() as uow:
        found, total = await claims.list_claims(
            uow,
            nip=nip,
            status=status,
            limit=limit,
            offset=offset,
            visibility=Visibility.of(caller),
            reader_nip=caller.nip,
        )
    return Page[ClaimPublic].model_validate(
        {"items": found, "total": total, "limit": limit, "offset": offset}, from_attributes=True
    )


@router.get("/claims/{claim_id}", summary="One claim")
async def get_claim(claim_id: str, caller: Caller, new_uow: NewUnitOfWork) -> ClaimPublic:
    """404 when unknown or outside the caller's visibility."""
    async with new_uow() as uow:
        claim = await claims.get_claim(
            uow, claim_id=claim_id, visibility=Visibility.of(caller), reader_nip=caller.nip
        )
    return ClaimPublic.model_validate(claim, from_attributes=True)


@router.post("/claims/{claim_id}/decision", summary="Approve or reject a claim (once)")
async def decide_claim(
    claim_id: str, body: ClaimDecisionCreate, caller: ClaimDecider, new_uow: NewUnitOfWork
) -> ClaimPublic:
    """Admin, or hr of the employee's unit (404 for a claim outside it); never one's own claim
    (403, four eyes). Publishes BenefitClaimDecided and records the decider from the token;
    deciding a decided claim is 409."""
    async with new_uow() as uow:
        claim = await claims.decide_claim(
            uow,
            claim_id=claim_id,
            decision=body.decision,
            reason=body.reason,
            visibility=Visibility.of(caller),
            decider_nip=caller.nip,
            decided_by=caller.actor,
        )
    return ClaimPublic.model_validate(claim, from_attributes=True)
