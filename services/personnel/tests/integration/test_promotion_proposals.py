"""The proposal lifecycle: opened once per recommendation, approved or rejected once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from jenjang_shared.contracts import (
    EmployeePromoted,
    Event,
    PromotionProposalRejected,
    PromotionRecommendationWithdrawn,
    PromotionRecommended,
)
from jenjang_testing import builders, harness
from jenjang_testing.harness import ServiceHarness
from jenjang_testing.issuer import TestIssuer
from jenjang_testing.outbox import published_payloads

Make = Callable[..., dict[str, Any]]
Recommend = Callable[..., PromotionRecommended]
HR_NIP = "198001012005011001"  # an HR officer of BKD (the registrations' unit)
HR: dict[str, str] = {}  # their bearer token, set for each test (see below)
ADMIN: dict[str, str] = {}  # the client's default token


@pytest.fixture(autouse=True)
def hr_of_bkd(test_issuer: TestIssuer) -> None:
    HR.update(test_issuer.headers(test_issuer.token("hr", units=["BKD"], nip=HR_NIP)))


async def register(svc: ServiceHarness, body: dict[str, Any]) -> str:
    response = await svc.client.post("/v1/employees", json=body)
    assert response.status_code == 201, response.text
    return str(body["nip"])


async def proposals_of(
    svc: ServiceHarness, nip: str, status: str | None = None
) -> list[dict[str, Any]]:
    params = {"nip": nip} | ({"status": status} if status else {})
    response = await svc.client.get("/v1/promotion-proposals", params=params)
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def deliver(svc: ServiceHarness, event: Event, *, event_id: str | None = None) -> bool:
    """As the consumer would: through the app's bound handler table."""
    return await harness.deliver(svc.runtime, svc.app.state.handlers, event, event_id=event_id)


async def test_a_recommendation_opens_one_proposal_even_when_delivered_again(
    svc: ServiceHarness, make_registration: Make, make_recommendation: Recommend
) -> None:
    nip = await register(svc, make_registration(golongan="III/a"))
    event = make_recommendation(nip, "III/a", "III/b")
    assert await deliver(svc, event, event_id="rec-event-1") is True
    assert await deliver(svc, event, event_id="rec-event-1") is False
    # The same recommendation under a new event id (a producer retry) opens nothing either.
    assert await deliver(svc, event, event_id="rec-event-2") is True
    [proposal] = await proposals_of(svc, nip)
    assert proposal["status"] == "PENDING"
    assert (proposal["recommendation_id"], proposal["to_golongan"], proposal["kp_period"]) == (
        event.recommendation_id,
        "III/b",
        "2025-12-01",
    )
    assert proposal["evidence"]["education_cap"] == "III/d"


async def test_approval_promotes_records_the_rank_and_publishes_employee_promoted(
    svc: ServiceHarness, make_registration: Make, make_recommendation: Recommend
) -> None:
    nip = await register(svc, make_registration(golongan="III/a"))
    await deliver(svc, make_recommendation(nip, "III/a", "III/b"))
    [proposal] = await proposals_of(svc, nip, "PENDING")
    response = await svc.client.post(
        f"/v1/promotion-proposals/{proposal['id']}/approve",
        json={"sk_number": "800/KP.01/2025", "sk_date": "2025-11-20"},
        headers=HR,
    )
    assert response.status_code == 200, response.text
    assert (response.json()["status"], response.json()["decided_by"]) == ("APPROVED", HR_NIP)

    employee = (await svc.client.get(f"/v1/employees/{nip}")).json()
    assert (employee["golongan"], employee["golongan_tmt"]) == ("III/b", "2025-12-01")
    ranks = (await svc.client.get(f"/v1/employees/{nip}/ranks")).json()
    assert (ranks[0]["golongan"], ranks[0]["source"], ranks[0]["sk_number"]) == (
        "III/b",
        "PROMOTION",
        "800/KP.01/2025",
    )
    assert ranks[0]["proposal_id"] == proposal["id"]
    [event] = await published_payloads(svc.runtime, EmployeePromoted, nip)
    assert event == {
        "nip": nip,
        "proposal_id": proposal["id"],
        "from_golongan": "III/a",
        "to_golongan": "III/b",
        "tmt": "2025-12-01",
        "sk_number": "800/KP.01/2025",
        "sk_date": "2025-11-20",
    }
    assert await proposals_of(svc, nip, "APPROVED") != []

    twice = await svc.client.post(
        f"/v1/promotion-proposals/{proposal['id']}/approve",
        json={"sk_number": "800/KP.01/2025", "sk_date": "2025-11-20"},
        headers=HR,
    )
    assert twice.status_code == 409
    assert "already decided: APPROVED" in twice.json()["detail"]
    reject_after = await svc.client.post(
        f"/v1/promotion-proposals/{proposal['id']}/reject", json={"reason": "x"}, headers=HR
    )
    assert reject_after.status_code == 409
    assert len(await published_payloads(svc.runtime, EmployeePromoted, nip)) == 1


async def test_a_stale_proposal_cannot_be_approved_but_can_be_rejected(
    svc: ServiceHarness, make_registration: Make, make_recommendation: Recommend
) -> None:
    nip = await register(svc, make_registration(golongan="III/a"))
    await deliver(svc, make_recommendation(nip, "III/a", "III/b"))
    await deliver(svc, make_recommendation(nip, "III/a", "III/b"))
    first, second = await proposals_of(svc, nip)
    approved = await svc.client.post(
        f"/v1/promotion-proposals/{first['id']}/approve",
        json={"sk_number": "SK-1", "sk_date": "2025-11-20"},
        headers=HR,
    )
    assert approved.status_code == 200
    stale = await svc.client.post(
        f"/v1/promotion-proposals/{second['id']}/approve",
        json={"sk_number": "SK-2", "sk_date": "2025-11-21"},
        headers=HR,
    )
    assert stale.status_code == 409
    assert "stale proposal" in stale.json()["detail"]
    assert "now III/b" in stale.json()["detail"]
    rejected = await svc.client.post(
        f"/v1/promotion-proposals/{second['id']}/reject",
        json={"reason": "Sudah naik pangkat"},
        headers=HR,
    )
    assert rejected.status_code == 200
    [event] = await published_payloads(svc.runtime, PromotionProposalRejected, nip)
    assert event == {
        "nip": nip,
        "proposal_id": second["id"],
        "recommendation_id": second["recommendation_id"],
        "reason": "Sudah naik pangkat",
        "kp_period": "2025-12-01",
        "to_golongan": "III/b",
    }
    assert (await svc.client.get(f"/v1/employees/{nip}")).json()["golongan"] == "III/b"


async def test_a_retired_employee_cannot_be_promoted(
    svc: ServiceHarness, make_registration: Make, make_recommendation: Recommend
) -> None:
    nip = await register(svc, make_registration(golongan="III/a"))
    await deliver(svc, make_recommendation(nip, "III/a", "III/b"))
    await svc.client.post(
        f"/v1/employees/{nip}/retirement", json={"retirement_date": "2026-11-01"}, headers=HR
    )
    [proposal] = await proposals_of(svc, nip)
    response = await svc.client.post(
        f"/v1/promotion-proposals/{proposal['id']}/approve",
        json={"sk_number": "SK", "sk_date": "2025-11-20"},
        headers=HR,
    )
    assert response.status_code == 409
    assert "retired on 2026-11-01" in response.json()["detail"]
    assert (await svc.client.get(f"/v1/employees/{nip}")).json()["golongan"] == "III/a"
    assert await published_payloads(svc.runtime, EmployeePromoted, nip) == []


async def test_a_proposal_for_an_unknown_employee_is_kept_but_cannot_be_approved(
    svc: ServiceHarness, make_recommendation: Recommend
) -> None:
    nip = "197001012000011994"
    await deliver(svc, make_recommendation(nip, "III/a", "III/b"))
    [proposal] = await proposals_of(svc, nip)
    approval = {"sk_number": "SK", "sk_date": "2025-11-20"}
    url = f"/v1/promotion-proposals/{proposal['id']}"
    # No unit, so in no HR officer's scope: not found for them; BKD's admin is told why not.
    assert (await svc.client.post(f"{url}/approve", json=approval, headers=HR)).status_code == 404
    response = await svc.client.post(f"{url}/approve", json=approval, headers=ADMIN)
    assert response.status_code == 409
    assert "not registered" in response.json()["detail"]


async def test_bad_decisions_are_4xx_and_change_nothing(
    svc: ServiceHarness, make_registration: Make, make_recommendation: Recommend
) -> None:
    nip = await register(svc, make_registration(golongan="III/a"))
    await deliver(svc, make_recommendation(nip, "III/a", "III/b"))
    [proposal] = await proposals_of(svc, nip)
    url = f"/v1/promotion-proposals/{proposal['id']}"
    cases = [
        (f"{url}/approve", {"sk_number": "SK"}, HR, 422),
        (f"{url}/approve", {"sk_number": "SK", "sk_date": "2025-11-20", "decided_by": "x"}, HR, 422),
        (f"{url}/approve", {"sk_number": "", "sk_date": "2025-11-20"}, HR, 422),
        (f"{url}/reject", {}, HR, 422),
        ("/v1/promotion-proposals/not-a-uuid/approve", {"sk_number": "SK", "sk_date": "2025-11-20"}, HR, 422),
        ("/v1/promotion-proposals/00000000-0000-0000-0000-000000000000/reject", {"reason": "x"}, HR, 404),
    ]  # fmt: skip
    for path, body, headers, status in cases:
        response = await svc.client.post(path, json=body, headers=headers)
        assert response.status_code == status, (path, body, response.text)
    assert (await svc.client.get(url)).json()["status"] == "PENDING"
    assert (
        await svc.client.get("/v1/promotion-proposals", params={"status": "NOPE"})
    ).status_code == 422


def withdrawal(recommendation: PromotionRecommended) -> PromotionRecommendationWithdrawn:
    """Evaluation withdrawing `recommendation` (predikat below BAIK in 2025)."""
    return builders.promotion_recommendation_withdrawn(
        recommendation.nip,
        recommendation_id=recommendation.recommendation_id,
        to_golongan=recommendation.to_golongan,
        kp_period=recommendation.kp_period,
        rules_version=recommendation.rules_version,
    )


async def test_a_withdrawn_recommendation_withdraws_the_pending_proposal(
    svc: ServiceHarness, make_registration: Make, make_recommendation: Recommend
) -> None:
    nip = await register(svc, make_registration(golongan="III/a"))
    recommended = make_recommendation(nip, "III/a", "III/b")
    await deliver(svc, recommended)
    assert await deliver(svc, withdrawal(recommended), event_id="wd-1") is True
    assert await deliver(svc, withdrawal(recommended), event_id="wd-1") is False
    await deliver(svc, withdrawal(recommended))  # a new message: no change
    [proposal] = await proposals_of(svc, nip, "WITHDRAWN")
    assert proposal["reason"] == "annual_predikat: predikat below BAIK in 2025"

    for action, body in (
        ("approve", {"sk_number": "800/KP.01/2025", "sk_date": "2025-11-20"}),
        ("reject", {"reason": "x"}),
    ):
        response = await svc.client.post(
            f"/v1/promotion-proposals/{proposal['id']}/{action}", json=body, headers=HR
        )
        assert response.status_code == 409, response.text
        assert "withdrawn" in response.json()["detail"]
    employee = (await svc.client.get(f"/v1/employees/{nip}")).json()
    assert employee["golongan"] == "III/a"
    assert await published_payloads(svc.runtime, EmployeePromoted, nip) == []
    assert await published_payloads(svc.runtime, PromotionProposalRejected, nip) == []

    timeline = (await svc.client.get(f"/v1/employees/{nip}/timeline")).json()["items"]
    entries = [e for e in timeline if e["kind"] == "PromotionRecommendationWithdrawn"]
    assert len(entries) == 2  # one per message (event id), like every event
    entry = entries[0]
    assert "III/b" in entry["summary"] and "withdrawn" in entry["summary"]
    assert "below BAIK in 2025" in entry["summary"]


async def test_a_withdrawal_after_the_decision_leaves_the_proposal_as_decided(
    svc: ServiceHarness, make_registration: Make, make_recommendation: Recommend
) -> None:
    nip = await register(svc, make_registration(golongan="III/a"))
    recommended = make_recommendation(nip, "III/a", "III/b")
    await deliver(svc, recommended)
    [proposal] = await proposals_of(svc, nip, "PENDING")
    approved = await svc.client.post(
        f"/v1/promotion-proposals/{proposal['id']}/approve",
        json={"sk_number": "800/KP.01/2025", "sk_date": "2025-11-20"},
        headers=HR,
    )
    assert approved.status_code == 200, approved.text
    await deliver(svc, withdrawal(recommended))
    [after] = await proposals_of(svc, nip)
    assert (after["status"], after["sk_number"]) == ("APPROVED", "800/KP.01/2025")
    assert (await svc.client.get(f"/v1/employees/{nip}")).json()["golongan"] == "III/b"
