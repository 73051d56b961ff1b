"""Promotion proposals: opened from a PromotionRecommended, decided once by HR."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from jenjang_shared.errors import Conflict, InvalidInput, NotAllowed
from personnel.domain.employee import Employee
from personnel.domain.ranks import check_golongan


class ProposalStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"  # by evaluation (PromotionRecommendationWithdrawn) before a decision


@dataclass(frozen=True)
class Proposal:
    id: str
    recommendation_id: str
    nip: str
    kind: str
    from_golongan: str
    to_golongan: str
    kp_period: date
    rules_version: str
    evidence: dict[str, Any]
    status: ProposalStatus = ProposalStatus.PENDING
    opened_at: datetime | None = None
    decided_at: datetime | None = None
    decided_by: str | None = None
    sk_number: str | None = None
    sk_date: date | None = None
    reason: str | None = None


class OwnProposal(NotAllowed):
    """Four eyes: the decider is the employee the proposal promotes (403)."""


def ensure_not_own(proposal: Proposal, decider_nip: str | None) -> None:
    """Nobody decides a promotion proposal of their own (four eyes)."""
    if decider_nip is not None and decider_nip == proposal.nip:
        raise OwnProposal(
            "four eyes: nobody decides their own promotion proposal; another HR officer of "
            "the unit or BKD must decide it"
        )


def _ensure_pending(proposal: Proposal) -> None:
    if proposal.status is ProposalStatus.WITHDRAWN:
        raise Conflict(
            f"proposal {proposal.id} was withdrawn: the employee no longer qualifies"
            + (f" ({proposal.reason})" if proposal.reason else "")
        )
    if proposal.status is not ProposalStatus.PENDING:
        raise Conflict(
            f"proposal {proposal.id} was already decided: {proposal.status.value}"
            + (f" by {proposal.decided_by}" if proposal.decided_by else "")
        )


def approve(
    proposal: Proposal,
    employee: Employee | None,
    *,
    sk_number: str,
    sk_date: date,
    decided_by: str,
    now: datetime,
) -> Proposal:
    """Approve with the SK. Refused (409) when already decided, when the employee is unknown or
    retired or reaches retirement age (BUP) by the KP period, when the employee's golongan is no
    longer the proposal's `from_golongan` (stale),
    or when the target rank is not valid for the employee (type, the post's range)."""
    _ensure_pending(proposal)
    if employee is None:
        raise Conflict(f"cannot approve: employee {proposal.nip} is not registered in personnel")
    if employee.is_retired:
        on = employee.retired_on.isoformat() if employee.retired_on else "?"
        raise Conflict(f"cannot approve: employee {employee.nip} retired on {on}")
    if proposal.kp_period >= employee.retirement_date:
        raise Conflict(
            f"cannot approve: the new rank would take effect on {proposal.kp_period}, but "
            f"{employee.nip} reaches retirement age (BUP) on {employee.retirement_date}"
        )
    if employee.golongan != proposal.from_golongan:
        raise Conflict(
            f"stale proposal: it promotes from {proposal.from_golongan} but the employee's "
            f"golongan is now {employee.golongan}"
        )
    try:
        check_golongan(
            proposal.to_golongan,
            employment_type=employee.employment_type,
            education=employee.education,
            position_kind=employee.position_kind,
            functional_level=employee.functional_level,
            functional_position=employee.functional_position,
        )
    except InvalidInput as exc:
        raise Conflict(f"cannot approve: {exc.detail}") from None
    return replace(
        proposal,
        status=ProposalStatus.APPROVED,
        decided_at=now,
        decided_by=decided_by,
        sk_number=sk_number,
        sk_date=sk_date,
    )


def reject(proposal: Proposal, *, reason: str, decided_by: str, now: datetime) -> Proposal:
    """Reject with a reason. Only a PENDING proposal can be decided."""
    _ensure_pending(proposal)
    return replace(
        proposal,
        status=ProposalStatus.REJECTED,
        decided_at=now,
        decided_by=decided_by,
        reason=reason,
    )
