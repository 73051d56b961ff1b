"""Benefit claims: submit (idempotent with a key), decide once and publish the decision, read."""

from __future__ import annotations

from collections.abc import Mapping

from jenjang_shared.contracts import BenefitClaimDecided
from jenjang_shared.contracts.vocabulary import ClaimDecision
from jenjang_shared.errors import Conflict, NotFound
from welfare.domain.claims import Claim, ClaimStatus, NewClaim, check_claim, decide
from welfare.service.ports import UnitOfWork


async def submit_claim(
    uow: UnitOfWork,
    *,
    claim: NewClaim,
    idempotency_key: str | None,
    caps: Mapping[str, int],
) -> tuple[Claim, bool]:
    """Record a claim; (claim, created). A repeated key returns the first claim when the body
    is the same, and is a 409 when it differs."""
    check_claim(claim, caps)
    timeline = (await uow.facts.timelines([claim.nip])).get(claim.nip)
    if timeline is None or not timeline.registered:
        raise NotFound(f"no employee {claim.nip} is known to welfare", field="nip")
    fingerprint = claim.fingerprint()
    stored, stored_fingerprint, created = await uow.claims.insert_once(
        claim, idempotency_key=idempotency_key, fingerprint=fingerprint
    )
    if not created and stored_fingerprint != fingerprint:
        raise Conflict(
            f"Idempotency-Key {idempotency_key!r} was used for a different claim ({stored.id})"
        )
    return stored, created


async def decide_claim(
    uow: UnitOfWork, *, claim_id: str, decision: ClaimDecision, reason: str
) -> Claim:
    """Approve or reject a pending claim (409 when already decided); publish the decision."""
    claim = await uow.claims.get(claim_id, for_update=True)
    if claim is None:
        raise NotFound(f"no claim {claim_id}")
    status = decide(claim, decision)
    decided = await uow.claims.set_decision(claim_id, status, reason)
    await uow.publish(
        BenefitClaimDecided(
            claim_id=decided.id,
            nip=decided.nip,
            kind=decided.kind,
            amount_idr=decided.amount_idr,
            decision=decision,
            reason=reason,
        )
    )
    return decided


async def get_claim(uow: UnitOfWork, *, claim_id: str) -> Claim:
    claim = await uow.claims.get(claim_id)
    if claim is None:
        raise NotFound(f"no claim {claim_id}")
    return claim


async def list_claims(
    uow: UnitOfWork, *, nip: str | None, status: ClaimStatus | None, limit: int, offset: int
) -> tuple[list[Claim], int]:
    """One page of claims (newest first), by employee and/or status, and the total."""
    return await uow.claims.search(nip=nip, status=status, limit=limit, offset=offset)
