"""approve_promotion and reject_promotion on the in-memory unit of work."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import EmployeePromoted, PromotionProposalRejected
from jenjang_shared.errors import Conflict, DomainError, NotFound
from jenjang_testing import builders
from jenjang_testing.fakes import handled_on
from personnel.domain.employee import EmployeeStatus
from personnel.domain.proposals import Proposal, ProposalStatus
from personnel.service.proposals import (
    Decider,
    approve_promotion,
    open_proposal,
    reject_promotion,
)

from .fakes import FakeUnitOfWork, with_employee

NOW = datetime(2026, 11, 28, 3, tzinfo=UTC)
SK_NUMBER, SK_DATE = "800/KP.01/2025", date(2025, 11, 20)
HR = Decider("hr.kp", None, Visibility.unrestricted())


async def approve(uow: FakeUnitOfWork, proposal_id: str, decider: Decider = HR) -> Proposal:
    """HR (hr.kp) approves with the SK."""
    return await approve_promotion(
        uow,
        proposal_id=proposal_id,
        sk_number=SK_NUMBER,
        sk_date=SK_DATE,
        decider=decider,
        now=NOW,
    )


async def proposed(uow: FakeUnitOfWork, nip: str, **overrides: object) -> Proposal:
    """A PENDING proposal III/c -> III/d for the December 2025 period."""
    event = builders.promotion_recommended(
        nip, from_golongan="III/c", to_golongan="III/d", kp_period=date(2025, 12, 1), **overrides
    )
    uow.handled = handled_on(date(2025, 10, 1))
    assert await open_proposal(uow, event)
    uow.handled = None
    [proposal] = [
        p for p in uow.proposals.rows.values() if p.recommendation_id == event.recommendation_id
    ]
    return proposal


async def test_approval_promotes_with_the_sk_and_publishes_employee_promoted() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow, golongan="III/c")
    proposal = await proposed(uow, employee.nip)
    decided = await approve(uow, proposal.id)
    assert (decided.status, decided.decided_by, decided.decided_at) == (
        ProposalStatus.APPROVED,
        "hr.kp",
        NOW,
    )
    promoted = uow.employees.rows[employee.nip]
    assert (promoted.golongan, promoted.golongan_tmt) == ("III/d", date(2025, 12, 1))
    [rank] = uow.employees.ranks
    assert (rank["source"], rank["proposal_id"], rank["sk_number"]) == (
        "PROMOTION",
        proposal.id,
        "800/KP.01/2025",
    )
    assert {(c["field"], c["kind"]) for c in uow.employees.changes} == {
        ("golongan", "PROMOTION"), ("golongan_tmt", "PROMOTION"),
    }  # fmt: skip
    assert uow.published == [
        EmployeePromoted(
            nip=employee.nip,
            proposal_id=proposal.id,
            from_golongan="III/c",
            to_golongan="III/d",
            tmt=date(2025, 12, 1),
            sk_number=SK_NUMBER,
            sk_date=SK_DATE,
        )
    ]
    assert uow.proposals.rows[proposal.id] == decided
    assert [(a["operation"], a["record_id"]) for a in uow.audited] == [
        ("promotion_proposal.approve", proposal.id),
        ("employee.promote", employee.nip),
    ]
    assert uow.audited[0]["before"]["status"] == "PENDING"
    assert uow.audited[0]["after"]["decided_by"] == "hr.kp"
    assert uow.audited[1]["after"]["golongan"] == "III/d"


async def test_hr_decides_proposals_of_its_units_only() -> None:
    """A proposal of another unit's employee is not found (404) for hr; of its unit, decided."""
    uow = FakeUnitOfWork()
    ours = await with_employee(uow, golongan="III/c", unit_code="BKD")
    theirs = await with_employee(uow, golongan="III/c", unit_code="DINKES")
    hr_bkd = Decider("198001012005011001", "198001012005011001",
                     Visibility(units=frozenset({"BKD"}), nip="198001012005011001"))  # fmt: skip
    other = await proposed(uow, theirs.nip)
    with pytest.raises(NotFound):
        await approve(uow, other.id, hr_bkd)
    with pytest.raises(NotFound):
        await reject_promotion(uow, proposal_id=other.id, reason="x", decider=hr_bkd, now=NOW)
    # A supervisor's view (their reports) gives no right to decide.
    boss_view = Decider("b", "b", Visibility(reports_of=theirs.supervisor_nip or "x", nip="b"))
    with pytest.raises(NotFound):
        await approve(uow, other.id, boss_view)
    mine = await proposed(uow, ours.nip)
    assert (await approve(uow, mine.id, hr_bkd)).decided_by == "198001012005011001"
    assert uow.proposals.rows[other.id].status is ProposalStatus.PENDING


async def test_nobody_decides_their_own_proposal() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow, golongan="III/c", unit_code="BKD")
    proposal = await proposed(uow, employee.nip)
    for myself in (
        Decider(employee.nip, employee.nip, Visibility(units=frozenset({"BKD"}), nip=employee.nip)),
        Decider(employee.nip, employee.nip, Visibility.unrestricted()),  # even as admin
    ):
        with pytest.raises(DomainError, match="four eyes") as refused:
            await approve(uow, proposal.id, myself)
        assert refused.value.status == 403
        with pytest.raises(DomainError, match="four eyes"):
            await reject_promotion(
                uow, proposal_id=proposal.id, reason="x", decider=myself, now=NOW
            )
    assert (uow.proposals.rows[proposal.id].status, uow.published, uow.audited) == (
        ProposalStatus.PENDING, [], [],
    )  # fmt: skip


async def test_an_unknown_proposal_is_not_found() -> None:
    with pytest.raises(NotFound, match="no promotion proposal"):
        await approve(FakeUnitOfWork(), "nope")
    with pytest.raises(NotFound, match="no promotion proposal"):
        await reject_promotion(
            FakeUnitOfWork(), proposal_id="nope", reason="x", decider=HR, now=NOW
        )


async def test_a_stale_proposal_is_refused_and_changes_nothing() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow, golongan="III/d")
    proposal = await proposed(uow, employee.nip)
    with pytest.raises(Conflict, match="stale proposal"):
        await approve(uow, proposal.id)
    assert uow.employees.rows[employee.nip] == employee
    assert uow.published == []


async def test_an_unregistered_or_retired_employee_cannot_be_promoted() -> None:
    uow = FakeUnitOfWork()
    unknown = await proposed(uow, builders.new_nip())
    with pytest.raises(Conflict, match="not registered"):
        await approve(uow, unknown.id)
    retired = await with_employee(
        uow, golongan="III/c", status=EmployeeStatus.RETIRED, retired_on=date(2025, 11, 1)
    )
    proposal = await proposed(uow, retired.nip)
    with pytest.raises(Conflict, match="retired on 2025-11-01"):
        await approve(uow, proposal.id)
    assert uow.published == []


async def test_a_decided_or_withdrawn_proposal_cannot_be_decided_again() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow, golongan="III/c")
    proposal = await proposed(uow, employee.nip)
    await approve(uow, proposal.id)
    with pytest.raises(Conflict, match="already decided: APPROVED"):
        await reject_promotion(uow, proposal_id=proposal.id, reason="x", decider=HR, now=NOW)
    withdrawn = replace(
        await proposed(uow, employee.nip), status=ProposalStatus.WITHDRAWN, reason="predikat"
    )
    uow.proposals.rows[withdrawn.id] = withdrawn
    with pytest.raises(Conflict, match="withdrawn"):
        await approve(uow, withdrawn.id)
    assert len(uow.published) == 1


async def test_a_rejection_records_the_reason_and_publishes_it() -> None:
    uow = FakeUnitOfWork()
    employee = await with_employee(uow, golongan="III/c")
    proposal = await proposed(uow, employee.nip)
    decided = await reject_promotion(
        uow, proposal_id=proposal.id, reason="Hukuman disiplin", decider=HR, now=NOW
    )
    assert (decided.status, decided.reason, decided.decided_at) == (
        ProposalStatus.REJECTED,
        "Hukuman disiplin",
        NOW,
    )
    assert uow.published == [
        PromotionProposalRejected(
            nip=employee.nip,
            proposal_id=proposal.id,
            recommendation_id=proposal.recommendation_id,
            reason="Hukuman disiplin",
            kp_period=date(2025, 12, 1),
            to_golongan="III/d",
        )
    ]
    assert uow.employees.rows[employee.nip] == employee
    [stored] = uow.timeline.rows.values()
    assert (stored.entry.kind, stored.event_time) == ("PromotionProposalRejected", NOW)
