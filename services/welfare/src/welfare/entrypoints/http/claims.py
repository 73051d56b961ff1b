"""Routes: benefit claims and their decisions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response

from jenjang_shared.web.params import Limit, NipQuery, Offset, Page
from welfare.domain.claims import ClaimStatus
from welfare.entrypoints.http.deps import NewUnitOfWork, Settings
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
    response: Response,
    new_uow: NewUnitOfWork,
    settings: Settings,
    idempotency_key: IdempotencyKey = None,
) -> ClaimPublic:
    """201 when created; 200 with the same claim when the key was seen with the same body;
    409 when the key was used for another body; 422 above the kind's cap; 404 unknown NIP."""
    async with new_uow() as uow:
        claim, created = await claims.submit_claim(
            uow,
            claim=body.to_domain(),
            idempotency_key=idempotency_key,
            caps=settings.claim_caps_idr,
        )
    if not created:
        response.status_code = 200
    return ClaimPublic.model_validate(claim, from_attributes=True)


@router.get("/claims", summary="List claims")
async def list_claims(
    new_uow: NewUnitOfWork,
    nip: NipQuery = None,
    status: ClaimStatus | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ClaimPublic]:
    async with new_uow() as uow:
        found, total = await claims.list_claims(
            uow, nip=nip, status=status, limit=limit, offset=offset
        )
    return Page[ClaimPublic].model_validate(
        {"items": found, "total": total, "limit": limit, "offset": offset}, from_attributes=True
    )


@router.get("/claims/{claim_id}", summary="One claim")
async def get_claim(claim_id: str, new_uow: NewUnitOfWork) -> ClaimPublic:
    async with new_uow() as uow:
        claim = await claims.get_claim(uow, claim_id=claim_id)
    return ClaimPublic.model_validate(claim, from_attributes=True)


@router.post("/claims/{claim_id}/decision", summary="Approve or reject a claim (once)")
async def decide_claim(
    claim_id: str, body: ClaimDecisionCreate, new_uow: NewUnitOfWork
) -> ClaimPublic:
    """Publishes BenefitClaimDecided; deciding a decided claim is 409."""
    async with new_uow() as uow:
        claim = await claims.decide_claim(
            uow, claim_id=claim_id, decision=body.decision, reason=body.reason
        )
    return ClaimPublic.model_validate(claim, from_attributes=True)
