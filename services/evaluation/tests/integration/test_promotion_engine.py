"""The promotion engine through events and HTTP: once per target, rejection, promotion, sweeps."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from jenjang_shared.contracts import (
    EmployeeTransferred,
    PromotionRecommendationWithdrawn,
    PromotionRecommended,
)
from jenjang_testing import builders
from jenjang_testing.builders import new_nip
from jenjang_testing.harness import ServiceHarness, deliver, wait_for
from jenjang_testing.outbox import published_payloads

from .helpers import KP, TODAY, evaluation_body, handlers_on, registered

HANDLERS = handlers_on(TODAY)


async def recommended_of(svc: ServiceHarness, nip: str) -> list[dict[str, Any]]:
    return await published_payloads(svc.runtime, PromotionRecommended, nip)


async def withdrawn_of(svc: ServiceHarness, nip: str) -> list[dict[str, Any]]:
    return await published_payloads(svc.runtime, PromotionRecommendationWithdrawn, nip)


async def eligible_employee(svc: ServiceHarness, **overrides: Any) -> str:
    """Registered PNS III/a with exactly 4 years on the KP date and BAIK/SANGAT_BAIK 2024-2025."""
    nip = new_nip()
    await deliver(svc.runtime, HANDLERS, registered(nip, **overrides))
    for period, rating in (("2024", "SESUAI"), ("2025", "DI_ATAS")):
        response = await svc.client.post(
            "/v1/evaluations", json=evaluation_body(nip, period, rating, rating)
        )
        assert response.status_code == 201, response.text
    return nip


def transfer(nip: str) -> EmployeeTransferred:
    return builders.employee_transferred(nip, effective_date=TODAY)


async def test_an_eligible_employee_is_recommended_once_with_evidence_even_on_redelivery(svc):
    nip = await eligible_employee(svc)
    (event,) = await recommended_of(svc, nip)
    assert event["from_golongan"] == "III/a" and event["to_golongan"] == "III/b"
    assert event["kp_period"] == KP.isoformat()
    assert event["rules_version"] == "KP-REGULER-2025-10-01"
    assert event["evidence"]["predikat_per_year"] == {"2024": "BAIK", "2025": "SANGAT_BAIK"}
    assert event["evidence"]["education_cap"] == "III/d"

    update = builders.employee_updated(nip, changes={"unit_code": "DINKES"}, effective_date=TODAY)
    event_id = str(uuid.uuid4())
    assert await deliver(svc.runtime, HANDLERS, update, event_id=event_id)
    assert not await deliver(svc.runtime, HANDLERS, update, event_id=event_id)
    await deliver(svc.runtime, HANDLERS, registered(nip))  # the same fact, a new message
    await deliver(svc.runtime, HANDLERS, transfer(nip))
    assert len(await recommended_of(svc, nip)) == 1

    eligibility = await svc.client.get(f"/v1/employees/{nip}/promotion-eligibility")
    assert (
        eligibility.json()["eligible"] is True and eligibility.json()["kp_period"] == "2026-12-01"
    )
    listed = (await svc.client.get(f"/v1/employees/{nip}/promotion-recommendations")).json()
    assert [r["status"] for r in listed["items"]] == ["OPEN"]


async def test_one_day_short_in_rank_is_not_recommended_and_the_explanation_says_when(svc):
    nip = await eligible_employee(svc, golongan_tmt=date(2022, 12, 2))
    assert await recommended_of(svc, nip) == []
    body = (await svc.client.get(f"/v1/employees/{nip}/promotion-eligibility")).json()
    rank = next(c for c in body["criteria"] if c["name"] == "years_in_rank")
    assert rank["met"] is False and rank["next_possible_kp"] == "2027-01-01"
    later = await svc.client.get(
        f"/v1/employees/{nip}/promotion-eligibility", params={"as_of": "2026-12-02"}
    )
    assert later.json()["eligible"] is False  # 2027 looks at 2025 and 2026: 2026 not rated yet
    unknown = await svc.client.get(f"/v1/employees/{new_nip()}/promotion-eligibility")
    assert unknown.status_code == 404


async def test_the_exam_requirement_is_met_by_a_training_arriving_before_registration(svc):
    nip = new_nip()
    exam = builders.training_completed(
        nip,
        course_code="UJIAN-DINAS-I",
        title="Ujian Dinas Tingkat I",
        training_category="UJIAN_DINAS_I",
        completed_on=date(2025, 3, 1),
    )
    await deliver(svc.runtime, HANDLERS, exam)  # out of order: before EmployeeRegistered
    without = await eligible_employee(svc, golongan="II/d", education="SLTA")
    assert await recommended_of(svc, without) == []
    await deliver(svc.runtime, HANDLERS, registered(nip, golongan="II/d", education="SLTA"))
    for period in ("2024", "2025"):
        await svc.client.post("/v1/evaluations", json=evaluation_body(nip, period))
    (event,) = await recommended_of(svc, nip)
    assert event["to_golongan"] == "III/a" and event["evidence"]["exams"] == ["UJIAN_DINAS_I"]


async def test_a_rejection_blocks_that_kp_period_but_not_a_later_one(svc):
    nip = await eligible_employee(svc)
    (first,) = await recommended_of(svc, nip)
    rejected = builders.promotion_proposal_rejected(
        nip, recommendation_id=first["recommendation_id"]
    )
    await deliver(svc.runtime, HANDLERS, rejected)
    await deliver(svc.runtime, HANDLERS, transfer(nip))  # same KP period: still blocked
    assert len(await recommended_of(svc, nip)) == 1

    # A month later (KP 2027-01-01 looks at 2025 and 2026) the target may be recommended again.
    await svc.client.post("/v1/evaluations", json=evaluation_body(nip, "2026"))
    later = handlers_on(date(2026, 12, 2))
    await deliver(svc.runtime, later, transfer(nip))
    events = await recommended_of(svc, nip)
    assert [e["kp_period"] for e in events] == ["2026-12-01", "2027-01-01"]
    listed = (await svc.client.get(f"/v1/employees/{nip}/promotion-recommendations")).json()
    assert sorted(r["status"] for r in listed["items"]) == ["OPEN", "REJECTED"]


async def test_a_promotion_closes_the_recommendation_and_restarts_time_in_rank(svc):
    nip = await eligible_employee(svc)
    promoted = builders.employee_promoted(
        nip, from_golongan="III/a", to_golongan="III/b", tmt=KP, sk_date=TODAY
    )
    await deliver(svc.runtime, HANDLERS, promoted)
    listed = (await svc.client.get(f"/v1/employees/{nip}/promotion-recommendations")).json()
    assert [r["status"] for r in listed["items"]] == ["PROMOTED"]
    body = (await svc.client.get(f"/v1/employees/{nip}/promotion-eligibility")).json()
    assert body["from_golongan"] == "III/b" and body["to_golongan"] == "III/c"
    rank = next(c for c in body["criteria"] if c["name"] == "years_in_rank")
    assert rank["met"] is False and rank["next_possible_kp"] == "2030-12-01"
    assert len(await recommended_of(svc, nip)) == 1


async def test_a_sweep_reevaluates_everyone_in_batches_and_reports_progress(svc):
    # Employees who become eligible only at the 2027-01-01 period (time in rank grows).
    nips = []
    for _ in range(3):
        nip = new_nip()
        await deliver(svc.runtime, HANDLERS, registered(nip, golongan_tmt=date(2023, 1, 1)))
        for period in ("2025", "2026"):
            await svc.client.post("/v1/evaluations", json=evaluation_body(nip, period))
        nips.append(nip)
    bad = await svc.client.post("/v1/promotion-sweeps", json={"kp_period": "2027-01-02"})
    assert bad.status_code == 422
    started = await svc.client.post("/v1/promotion-sweeps", json={"kp_period": "2027-01-01"})
    assert started.status_code == 202, started.text
    sweep_id = started.json()["sweep_id"]

    async def status():
        return (await svc.client.get(f"/v1/promotion-sweeps/{sweep_id}")).json()

    done = await wait_for(status, until=lambda s: s["status"] != "RUNNING", what="sweep end")
    assert done["status"] == "COMPLETED" and done["processed"] == done["total"] >= 3
    assert done["recommended"] >= 3
    for nip in nips:
        (event,) = await recommended_of(svc, nip)
        assert event["kp_period"] == "2027-01-01"
    assert (await svc.client.get(f"/v1/promotion-sweeps/{uuid.uuid4()}")).status_code == 404


async def test_a_correction_below_baik_withdraws_the_open_recommendation_exactly_once(svc):
    nip = await eligible_employee(svc)
    (recommended,) = await recommended_of(svc, nip)

    corrected = await svc.client.post(
        "/v1/evaluations",
        json=evaluation_body(
            nip, "2025", "DI_BAWAH", "SESUAI", correction_reason="Keberatan pejabat penilai"
        ),
    )
    assert corrected.status_code == 201, corrected.text
    (withdrawn,) = await withdrawn_of(svc, nip)
    assert withdrawn["recommendation_id"] == recommended["recommendation_id"]
    assert (withdrawn["nip"], withdrawn["to_golongan"]) == (nip, "III/b")
    assert withdrawn["kp_period"] == KP.isoformat()
    assert withdrawn["rules_version"] == "KP-REGULER-2025-10-01"
    assert "annual_predikat" in withdrawn["reason"] and "2025" in withdrawn["reason"]
    listed = (await svc.client.get(f"/v1/employees/{nip}/promotion-recommendations")).json()
    [closed] = listed["items"]
    assert closed["status"] == "WITHDRAWN" and "2025" in closed["status_reason"]

    # Re-evaluation on the same event twice (and on a redelivery) withdraws nothing more.
    update = builders.employee_updated(nip, changes={"unit_code": "DINKES"}, effective_date=TODAY)
    event_id = str(uuid.uuid4())
    assert await deliver(svc.runtime, HANDLERS, update, event_id=event_id)
    assert not await deliver(svc.runtime, HANDLERS, update, event_id=event_id)
    assert await deliver(svc.runtime, HANDLERS, update)  # the same fact, a new message
    await deliver(svc.runtime, HANDLERS, transfer(nip))
    assert len(await withdrawn_of(svc, nip)) == 1
    assert len(await recommended_of(svc, nip)) == 1

    # Eligible again (a second correction): the target may be recommended again.
    again = await svc.client.post(
        "/v1/evaluations",
        json=evaluation_body(nip, "2025", "DI_ATAS", "DI_ATAS", correction_reason="Banding"),
    )
    assert again.status_code == 201, again.text
    first, second = await recommended_of(svc, nip)
    assert second["recommendation_id"] != first["recommendation_id"]
    listed = (await svc.client.get(f"/v1/employees/{nip}/promotion-recommendations")).json()
    assert sorted(r["status"] for r in listed["items"]) == ["OPEN", "WITHDRAWN"]
    assert len(await withdrawn_of(svc, nip)) == 1


async def test_an_education_change_withdraws_through_the_event_handler(svc):
    nip = await eligible_employee(svc, golongan="II/c", education="D3")
    (recommended,) = await recommended_of(svc, nip)
    assert recommended["to_golongan"] == "II/d"
    downgrade = builders.employee_updated(nip, changes={"education": "SLTP"}, effective_date=TODAY)
    await deliver(svc.runtime, HANDLERS, downgrade)
    await deliver(svc.runtime, HANDLERS, downgrade)  # a new message with the same fact
    (withdrawn,) = await withdrawn_of(svc, nip)
    assert withdrawn["recommendation_id"] == recommended["recommendation_id"]
    assert "education_cap" in withdrawn["reason"]


async def test_a_sweep_withdraws_open_recommendations_that_no_longer_hold(svc):
    nip = await eligible_employee(svc)
    # A correction written behind the engine's back (no re-evaluation) is found by the sweep.
    await svc.runtime.pool.execute(
        "UPDATE evaluations SET predikat = 'KURANG' WHERE nip = $1 AND period = '2025'", nip
    )
    started = await svc.client.post("/v1/promotion-sweeps", json={"kp_period": KP.isoformat()})
    sweep_id = started.json()["sweep_id"]

    async def status():
        return (await svc.client.get(f"/v1/promotion-sweeps/{sweep_id}")).json()

    done = await wait_for(status, until=lambda s: s["status"] != "RUNNING", what="sweep end")
    assert done["status"] == "COMPLETED"
    (withdrawn,) = await withdrawn_of(svc, nip)
    assert "2025" in withdrawn["reason"]
