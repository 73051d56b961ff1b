"""Benefit claim use cases on the fakes: submit, decide once, read, list."""

from __future__ import annotations

from typing import Any

import pytest

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import BenefitClaimDecided
from jenjang_shared.contracts.vocabulary import ClaimDecision
from jenjang_shared.errors import Conflict, InvalidInput, NotFound
from jenjang_testing import builders
from jenjang_testing.fakes import handled_on
from welfare.domain.claims import DEFAULT_CLAIM_CAPS_IDR, ClaimStatus, NewClaim
from welfare.service import claims, handlers

from .fakes import SEED_DAY, FakeUnitOfWork

EVERYONE = Visibility.unrestricted()
AS_ADMIN_FILING = {"visibility": EVERYONE, "submitted_by": "admin-bkd"}
AS_ADMIN_DECIDING = {"visibility": EVERYONE, "decider_nip": None, "decided_by": "admin-bkd"}
AS_ADMIN_READING = {"visibility": EVERYONE, "reader_nip": None}


@pytest.fixture
async def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


async def a_registered_employee(uow: FakeUnitOfWork) -> str:
    event = builders.employee_registered()
    uow.handled = handled_on(SEED_DAY)
    await handlers.on_employee_registered(event, uow)
    uow.handled, uow.published = None, []  # what follows is an HTTP command
    return event.nip


def new_claim(nip: str, **overrides: Any) -> NewClaim:
    fields: dict[str, Any] = {
        "nip": nip,
        "kind": "MEDICAL",
        "amount_idr": 750_000,
        "evidence_ref": "DMS-1",
        "period": "2025-10",
    }
    return NewClaim(**{**fields, **overrides})


async def submit(uow: FakeUnitOfWork, claim: NewClaim, key: str | None = None) -> Any:
    return await claims.submit_claim(
        uow, claim=claim, idempotency_key=key, caps=DEFAULT_CLAIM_CAPS_IDR, **AS_ADMIN_FILING
    )


async def test_a_claim_at_the_cap_is_recorded_pending(uow):
    nip = await a_registered_employee(uow)
    claim, created = await submit(uow, new_claim(nip, amount_idr=5_000_000))
    assert created and claim.status is ClaimStatus.PENDING
    assert (claim.nip, claim.amount_idr) == (nip, 5_000_000)
    assert uow.published == []


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"amount_idr": 5_000_001}, "amount_idr"), ({"kind": "YACHT"}, "kind")],
)
async def test_a_claim_above_the_cap_or_of_an_unknown_kind_is_refused(uow, overrides, field):
    nip = await a_registered_employee(uow)
    with pytest.raises(InvalidInput) as refused:
        await submit(uow, new_claim(nip, **overrides))
    assert refused.value.field == field
    assert uow.claims.by_id == {}


async def test_a_claim_of_an_employee_welfare_does_not_know_is_a_404(uow):
    with pytest.raises(NotFound) as refused:
        await submit(uow, new_claim(builders.new_nip()))
    assert refused.value.field == "nip"


async def test_the_same_key_and_body_return_the_first_claim_and_another_body_is_a_conflict(uow):
    nip = await a_registered_employee(uow)
    first, created = await submit(uow, new_claim(nip), key="k-1")
    again, created_again = await submit(uow, new_claim(nip), key="k-1")
    assert (created, created_again) == (True, False)
    assert again == first
    with pytest.raises(Conflict):
        await submit(uow, new_claim(nip, amount_idr=1_000_000), key="k-1")
    assert len(uow.claims.by_id) == 1


async def test_a_decision_is_recorded_and_published(uow):
    nip = await a_registered_employee(uow)
    claim, _ = await submit(uow, new_claim(nip))
    decided = await claims.decide_claim(
        uow,
        claim_id=claim.id,
        decision=ClaimDecision.APPROVED,
        reason="Kuitansi lengkap",
        **AS_ADMIN_DECIDING,
    )
    assert (decided.status, decided.decision_reason) == (ClaimStatus.APPROVED, "Kuitansi lengkap")
    assert decided.decided_at is not None
    assert uow.published == [
        BenefitClaimDecided(
            claim_id=claim.id,
            nip=nip,
            kind="MEDICAL",
            amount_idr=750_000,
            decision=ClaimDecision.APPROVED,
            reason="Kuitansi lengkap",
        )
    ]


async def test_a_claim_is_decided_once(uow):
    nip = await a_registered_employee(uow)
    claim, _ = await submit(uow, new_claim(nip))
    await claims.decide_claim(
        uow, claim_id=claim.id, decision=ClaimDecision.REJECTED, reason="x", **AS_ADMIN_DECIDING
    )
    with pytest.raises(Conflict):
        await claims.decide_claim(
            uow, claim_id=claim.id, decision=ClaimDecision.APPROVED, reason="y", **AS_ADMIN_DECIDING
        )
    assert (
        await claims.get_claim(uow, claim_id=claim.id, **AS_ADMIN_READING)
    ).status is ClaimStatus.REJECTED
    assert len(uow.published) == 1


async def test_deciding_or_reading_an_unknown_claim_is_a_404(uow):
    with pytest.raises(NotFound):
        await claims.decide_claim(
            uow,
            claim_id="no-such-claim",
            decision=ClaimDecision.APPROVED,
            reason="ok",
            **AS_ADMIN_DECIDING,
        )
    with pytest.raises(NotFound):
        await claims.get_claim(uow, claim_id="no-such-claim", **AS_ADMIN_READING)
    assert uow.published == []


async def test_claims_are_listed_newest_first_by_employee_and_status(uow):
    nip = await a_registered_employee(uow)
    other = await a_registered_employee(uow)
    older, _ = await submit(uow, new_claim(nip))
    newer, _ = await submit(uow, new_claim(nip, kind="GLASSES", amount_idr=100_000))
    await submit(uow, new_claim(other))
    await claims.decide_claim(
        uow, claim_id=older.id, decision=ClaimDecision.APPROVED, reason="ok", **AS_ADMIN_DECIDING
    )
    found, total = await claims.list_claims(
        uow, nip=nip, status=None, limit=50, offset=0, **AS_ADMIN_READING
    )
    assert ([c.id for c in found], total) == ([newer.id, older.id], 2)
    approved, total = await claims.list_claims(
        uow, nip=None, status=ClaimStatus.APPROVED, limit=50, offset=0, **AS_ADMIN_READING
    )
    assert ([c.id for c in approved], total) == ([older.id], 1)
    page, total = await claims.list_claims(
        uow, nip=None, status=None, limit=1, offset=1, **AS_ADMIN_READING
    )
    assert (len(page), total) == (1, 3)
