"""Benefit claims: submit (idempotent with a key), decide once, publish the decision."""

from __future__ import annotations

from collections.abc import Mapping

from jenjang_shared.contracts import BenefitClaimDecided
from jenjang_shared.contracts.vocabulary import ClaimDecision
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.errors import Conflict, NotFound
from welfare.domain.claims import Claim, NewClaim, check_claim, decide
from welfare.service.ports import Repositories


async def submit_claim(
    claim: NewClaim,
    *,
    idempotency_key: str | None,
    caps: Mapping[str, int],
    repos: Repositories,
) -> tuple[Claim, bool]:
    """Record a claim; (claim, created). A repeated key returns the first claim when the body
    is the same, and is a 409 when it differs."""
    check_claim(claim, caps)
    timeline = (await repos.facts.timelines([claim.nip])).get(claim.nip)
    if timeline is None or not timeline.registered:
        raise NotFound(f"no employee {claim.nip} is known to welfare", field="nip")
    fingerprint = claim.fingerprint()
    stored, stored_fingerprint, created = await repos.claims.insert_once(
        claim, idempotency_key=idempotency_key, fingerprint=fingerprint
    )
    if not created and stored_fingerprint != fingerprint:
        raise Conflict(
            f"Idempotency-Key {idempotency_key!r} was used for a different claim ({stored.id})"
        )
    return stored, created


async def decide_claim(
    claim_id: str,
    decision: ClaimDecision,
    reason: str,
    *,
    uow: UnitOfWork,
    repos: Repositories,
) -> Claim:
    """Approve or reject a pending claim (409 when already decided); publish the decision."""
    claim = await repos.claims.get(claim_id, for_update=True)
    if claim is None:
        raise NotFound(f"no claim {claim_id}")
    status = decide(claim, decision)
    decided = await repos.claims.set_decision(claim_id, status, reason)
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


async def get_claim(claim_id: str, *, repos: Repositories) -> Claim:
    claim = await repos.claims.get(claim_id)
    if claim is None:
        raise NotFound(f"no claim {claim_id}")
    return claim
