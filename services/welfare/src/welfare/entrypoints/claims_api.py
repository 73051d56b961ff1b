"""Routes: benefit claims and their decisions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Response

from jenjang_shared.web.app import Runtime
from jenjang_shared.web.params import Limit, NipQuery, Offset, Page
from welfare.adapters.repositories import PgRepositories
from welfare.config import WelfareSettings
from welfare.domain.claims import ClaimStatus
from welfare.entrypoints.schemas import ClaimCreate, ClaimDecisionCreate, ClaimPublic
from welfare.service import claims

router = APIRouter(prefix="/v1", tags=["claims"])

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
    body: ClaimCreate, response: Response, runtime: Runtime, idempotency_key: IdempotencyKey = None
) -> ClaimPublic:
    """201 when created; 200 with the same claim when the key was seen with the same body;
    409 when the key was used for another body; 422 above the kind's cap; 404 unknown NIP."""
    settings = runtime.settings
    assert isinstance(settings, WelfareSettings)
    async with runtime.unit_of_work() as uow:
        claim, created = await claims.submit_claim(
            body.to_domain(),
            idempotency_key=idempotency_key,
            caps=settings.claim_caps_idr,
            repos=PgRepositories(uow.conn),
        )
    if not created:
        response.status_code = 200
    return ClaimPublic.from_domain(claim)


@router.get("/claims", summary="List claims")
async def list_claims(
    runtime: Runtime,
    nip: NipQuery = None,
    status: ClaimStatus | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ClaimPublic]:
    async with runtime.connection() as conn:
        found, total = await PgRepositories(conn).claims.search(
            nip=nip, status=status, limit=limit, offset=offset
        )
    return Page(
        items=[ClaimPublic.from_domain(c) for c in found], total=total, limit=limit, offset=offset
    )


@router.get("/claims/{claim_id}", summary="One claim")
async def get_claim(claim_id: str, runtime: Runtime) -> ClaimPublic:
    async with runtime.connection() as conn:
        return ClaimPublic.from_domain(await claims.get_claim(claim_id, repos=PgRepositories(conn)))


@router.post("/claims/{claim_id}/decision", summary="Approve or reject a claim (once)")
async def decide_claim(claim_id: str, body: ClaimDecisionCreate, runtime: Runtime) -> ClaimPublic:
    """Publishes BenefitClaimDecided; deciding a decided claim is 409."""
    async with runtime.unit_of_work() as uow:
        claim = await claims.decide_claim(
            claim_id, body.decision, body.reason, uow=uow, repos=PgRepositories(uow.conn)
        )
    return ClaimPublic.from_domain(claim)
