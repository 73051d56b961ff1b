"""Benefit claims: submit (idempotent with a key), decide once and publish the decision, read.

Access: the route passes the caller's `Visibility`. A claim is filed for an employee the filer
may file for (their own; hr: employees of their units; admin or a service with the write
scope: anyone), decided by hr of the employee's unit or admin and never by the employee it
pays (four eyes), and read within the reader's visibility; anything outside is a 404. Every
write is audited, and so is a read of another person's claims.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import BenefitClaimDecided
from jenjang_shared.contracts.vocabulary import ClaimDecision
from jenjang_shared.errors import Conflict, NotFound
from welfare.domain.claims import Claim, ClaimStatus, NewClaim, check_claim, decide
from welfare.service.ports import UnitOfWork


def acting_scope(visibility: Visibility) -> Visibility:
    """Whose claims a caller may file or decide: a reader's visibility without the direct
    reports (a supervisor files their own claims and decides none). Admin: everyone; hr: its
    units; and the caller's own, so that deciding it is refused by name (four eyes)."""
    return replace(visibility, reports_of=None)


async def submit_claim(
    uow: UnitOfWork,
    *,
    claim: NewClaim,
    idempotency_key: str | None,
    caps: Mapping[str, int],
    visibility: Visibility,
    submitted_by: str,
) -> tuple[Claim, bool]:
    """Record a claim; (claim, created). A repeated key returns the first claim when the body
    is the same, and is a 409 when it differs. An employee outside the filer's scope is a 404,
    as an unknown one."""
    check_claim(claim, caps)
    scope = acting_scope(visibility)
    timeline = (await uow.facts.timelines([claim.nip], visibility=scope)).get(claim.nip)
    if timeline is None or not timeline.registered:
        raise NotFound(f"no employee {claim.nip} is known to welfare", field="nip")
    fingerprint = claim.fingerprint()
    stored, stored_fingerprint, created = await uow.claims.insert_once(
        claim, idempotency_key=idempotency_key, fingerprint=fingerprint, submitted_by=submitted_by
    )
    if not created and stored_fingerprint != fingerprint:
        # Never the other claim's id: it may be someone else's.
        raise Conflict(f"Idempotency-Key {idempotency_key!r} was used for a different claim")
    if created:
        await uow.audit(
            operation="claim.submit",
            record_type="claim",
            record_id=stored.id,
            after={
                "nip": stored.nip,
                "kind": stored.kind,
                "amount_idr": stored.amount_idr,
                "evidence_ref": stored.evidence_ref,
                "period": stored.period,
                "status": stored.status.value,
            },
        )
    return stored, created


async def decide_claim(
    uow: UnitOfWork,
    *,
    claim_id: str,
    decision: ClaimDecision,
    reason: str,
    visibility: Visibility,
    decider_nip: str | None,
    decided_by: str,
) -> Claim:
    """Approve or reject a pending claim (409 when already decided, 403 when it is the
    decider's own, 404 outside their scope); publish the decision; record the decider."""
    claim = await uow.claims.get(claim_id, visibility=acting_scope(visibility), for_update=True)
    if claim is None:
        raise NotFound(f"no claim {claim_id}")
    status = decide(claim, decision, decider_nip=decider_nip)
    decided = await uow.claims.set_decision(claim_id, status, reason, decided_by=decided_by)
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
    await uow.audit(
        operation="claim.decide",
        record_type="claim",
        record_id=decided.id,
        before={"status": claim.status.value, "decision_reason": claim.decision_reason},
        after={
            "status": decided.status.value,
            "decision_reason": decided.decision_reason,
            "decided_by": decided.decided_by,
        },
    )
    return decided


async def get_claim(
    uow: UnitOfWork, *, claim_id: str, visibility: Visibility, reader_nip: str | None
) -> Claim:
    """One claim within the reader's visibility (404 outside); another person's is audited."""
    claim = await uow.claims.get(claim_id, visibility=visibility)
    if claim is None:
        raise NotFound(f"no claim {claim_id}")
    if claim.nip != reader_nip:
        await uow.audit(operation="claim.read", record_type="claim", record_id=claim.id)
    return claim


async def list_claims(
    uow: UnitOfWork,
    *,
    nip: str | None,
    status: ClaimStatus | None,
    limit: int,
    offset: int,
    visibility: Visibility,
    reader_nip: str | None,
) -> tuple[list[Claim], int]:
    """One page of visible claims (newest first), by employee and/or status, and the total.
    A page holding other people's claims is audited once, naming those claims."""
    found, total = await uow.claims.search(
        nip=nip, status=status, limit=limit, offset=offset, visibility=visibility
    )
    others = [c for c in found if c.nip != reader_nip]
    if others:
        await uow.audit(
            operation="claim.read",
            record_type="claim",
            record_id=f"list:{nip or '*'}",
            after={
                "status": status.value if status else None,
                "claims": [c.id for c in others],
                "nips": sorted({c.nip for c in others}),
            },
        )
    return found, total
