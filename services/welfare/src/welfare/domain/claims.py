"""Benefit claims: an employee asks for a reimbursement; HR approves or rejects it once."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from jenjang_shared.contracts.vocabulary import ClaimDecision
from jenjang_shared.errors import Conflict, InvalidInput, NotAllowed

DEFAULT_CLAIM_CAPS_IDR: dict[str, int] = {
    "MEDICAL": 5_000_000,
    "GLASSES": 1_500_000,
    "EDUCATION": 10_000_000,
    "BEREAVEMENT": 3_000_000,
    "DUTY_TRAVEL": 7_500_000,
}
_KIND = re.compile(r"^[A-Z][A-Z0-9_]{0,39}$")


class ClaimStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


@dataclass(frozen=True)
class NewClaim:
    nip: str
    kind: str
    amount_idr: int
    evidence_ref: str
    period: str

    def fingerprint(self) -> str:
        """What identifies the request body for the idempotency key."""
        body: dict[str, Any] = {
            "nip": self.nip,
            "kind": self.kind,
            "amount_idr": self.amount_idr,
            "evidence_ref": self.evidence_ref,
            "period": self.period,
        }
        return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


@dataclass(frozen=True)
class Claim:
    id: str
    nip: str
    kind: str
    amount_idr: int
    evidence_ref: str
    period: str
    status: ClaimStatus
    decision_reason: str | None
    created_at: datetime
    decided_at: datetime | None
    submitted_by: str | None = None  # the token that filed it (NIP or subject)
    decided_by: str | None = None  # the token that decided it


class OwnClaim(NotAllowed):
    """Four eyes: nobody decides a claim of their own (403)."""


def check_claim(claim: NewClaim, caps: Mapping[str, int]) -> None:
    """Refuse an unknown kind or an amount above the cap of its kind (422)."""
    if not _KIND.match(claim.kind) or claim.kind not in caps:
        raise InvalidInput(
            f"unknown claim kind {claim.kind!r}: one of {sorted(caps)}", field="kind"
        )
    cap = caps[claim.kind]
    if claim.amount_idr > cap:
        raise InvalidInput(
            f"{claim.amount_idr} is above the cap of {cap} for {claim.kind} claims",
            field="amount_idr",
        )


def decide(claim: Claim, decision: ClaimDecision, *, decider_nip: str | None) -> ClaimStatus:
    """The new status; a claim is decided once (409 when already decided), never by the
    employee it pays (403)."""
    if decider_nip is not None and decider_nip == claim.nip:
        raise OwnClaim("four eyes: a claim cannot be decided by the employee who claims it")
    if claim.status is not ClaimStatus.PENDING:
        raise Conflict(f"claim {claim.id} is already {claim.status.value}")
    return ClaimStatus(decision.value)
