"""Entitlements follow each kind of event, answer for any date, and survive redelivery."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from jenjang_shared.contracts import AllowanceEntitlementChanged
from jenjang_testing import builders
from jenjang_testing.harness import ServiceHarness, deliver
from jenjang_testing.outbox import published_payloads

SEED = "2024-01-01"  # the example policies' effective date
TPP_CLASS_9_BAIK = 4_042_000  # 4,300,000 × 94 %
HOUSING_III, HOUSING_IV = 900_000, 1_300_000
BANDUNG, BANDUNG_IV, GARUT = 1_100_000, 1_400_000, 850_000


async def apply(svc: ServiceHarness, event: Any, event_id: str | None = None) -> bool:
    return await deliver(svc.runtime, svc.app.state.handlers, event, event_id=event_id)


async def amounts(svc: ServiceHarness, nip: str, as_of: str) -> dict[str, int]:
    response = await svc.client.get(f"/v1/employees/{nip}/entitlements", params={"as_of": as_of})
    assert response.status_code == 200, response.text
    return {e["allowance"]: e["amount_idr"] for e in response.json()["entitlements"]}


async def test_registration_grants_every_allowance_from_the_first_policy(svc):
    nip = builders.new_nip()
    await apply(svc, builders.employee_registered(nip))
    assert await amounts(svc, nip, "2023-12-31") == {}
    assert await amounts(svc, nip, SEED) == {
        "TPP": TPP_CLASS_9_BAIK,
        "HOUSING": HOUSING_III,
        "TRANSPORT": BANDUNG,
    }
    body = (await svc.client.get(f"/v1/employees/{nip}/entitlements")).json()
    assert body["employee"]["rank_group"] == "III"
    assert body["total_idr"] == TPP_CLASS_9_BAIK + HOUSING_III + BANDUNG
    assert {h["reason"] for h in body["history"]} == {"EmployeeRegistered"}
    assert all(h["caused_by_event_id"] for h in body["history"])
    changed = await published_payloads(svc.runtime, AllowanceEntitlementChanged, nip)
    assert sorted((c["allowance"], c["previous_amount_idr"], c["amount_idr"]) for c in changed) == [
        ("HOUSING", 0, HOUSING_III),
        ("TPP", 0, TPP_CLASS_9_BAIK),
        ("TRANSPORT", 0, BANDUNG),
    ]
    assert {c["policy_version"] for c in changed} == {"TPP-v1", "HOUSING-v1", "TRANSPORT-v1"}


async def test_promotion_into_group_iv_raises_housing_and_transport_from_its_tmt(svc):
    nip = builders.new_nip()
    await apply(svc, builders.employee_registered(nip, golongan="III/d"))
    await apply(
        svc,
        builders.employee_promoted(
            nip, from_golongan="III/d", to_golongan="IV/a", tmt=date(2025, 4, 1)
        ),
    )
    before = await amounts(svc, nip, "2025-03-31")
    after = await amounts(svc, nip, "2025-04-01")
    assert (before["HOUSING"], after["HOUSING"]) == (HOUSING_III, HOUSING_IV)
    assert (before["TRANSPORT"], after["TRANSPORT"]) == (BANDUNG, BANDUNG_IV)
    assert before["TPP"] == after["TPP"] == TPP_CLASS_9_BAIK
    changes = [
        c
        for c in await published_payloads(svc.runtime, AllowanceEntitlementChanged, nip)
        if c["reason"] == "EmployeePromoted"
    ]
    assert sorted(
        (c["allowance"], c["previous_amount_idr"], c["amount_idr"], c["effective_from"])
        for c in changes
    ) == [
        ("HOUSING", HOUSING_III, HOUSING_IV, "2025-04-01"),
        ("TRANSPORT", BANDUNG, BANDUNG_IV, "2025-04-01"),
    ]


async def test_promotion_within_a_group_changes_no_amount_and_publishes_nothing(svc):
    nip = builders.new_nip()
    await apply(svc, builders.employee_registered(nip, golongan="III/a"))
    before = len(await published_payloads(svc.runtime, AllowanceEntitlementChanged, nip))
    await apply(
        svc,
        builders.employee_promoted(
            nip, from_golongan="III/a", to_golongan="III/b", tmt=date(2025, 4, 1)
        ),
    )
    assert len(await published_payloads(svc.runtime, AllowanceEntitlementChanged, nip)) == before
    body = (
        await svc.client.get(f"/v1/employees/{nip}/entitlements", params={"as_of": "2025-05-01"})
    ).json()
    assert body["employee"]["golongan"] == "III/b"


async def test_transfer_changes_transport_by_zone_from_its_date(svc):
    nip = builders.new_nip()
    await apply(svc, builders.employee_registered(nip))
    await apply(
        svc,
        builders.employee_transferred(
            nip, to_unit_code="DINKES", work_location="KAB_GARUT", effective_date=date(2025, 11, 1)
        ),
    )
    assert (await amounts(svc, nip, "2025-10-31"))["TRANSPORT"] == BANDUNG
    assert (await amounts(svc, nip, "2025-11-01"))["TRANSPORT"] == GARUT
    await apply(
        svc,
        builders.employee_transferred(
            nip,
            to_unit_code="DISHUB",
            work_location="ZONA_TAK_DIKENAL",
            effective_date=date(2026, 2, 1),
        ),
    )
    assert (await amounts(svc, nip, "2026-02-01"))["TRANSPORT"] == 750_000  # default amount


async def test_update_of_job_class_changes_tpp_and_clearing_it_uses_the_fallback(svc):
    nip = builders.new_nip()
    await apply(svc, builders.employee_registered(nip))
    await apply(
        svc,
        builders.employee_updated(
            nip, {"job_class": 12, "education": "S2"}, effective_date=date(2025, 7, 1)
        ),
    )
    await apply(
        svc, builders.employee_updated(nip, {"job_class": None}, effective_date=date(2025, 9, 1))
    )
    assert (await amounts(svc, nip, "2025-06-30"))["TPP"] == TPP_CLASS_9_BAIK
    assert (await amounts(svc, nip, "2025-07-01"))["TPP"] == 7_708_000  # 8,200,000 × 94 %
    assert (await amounts(svc, nip, "2025-09-01"))[
        "TPP"
    ] == 2_679_000  # III -> class 7: 2,850,000 × 94 %


async def test_annual_evaluation_sets_the_tpp_factor_from_january_of_the_next_year(svc):
    nip = builders.new_nip()
    await apply(svc, builders.employee_registered(nip))
    await apply(
        svc,
        builders.evaluation_recorded(
            nip, predikat="SANGAT_BAIK", period="2025-07", period_type="PERIODIC"
        ),
    )
    assert (await amounts(svc, nip, "2026-06-01"))["TPP"] == TPP_CLASS_9_BAIK
    await apply(svc, builders.evaluation_recorded(nip, predikat="SANGAT_BAIK", period="2025"))
    assert (await amounts(svc, nip, "2025-12-31"))["TPP"] == TPP_CLASS_9_BAIK
    assert (await amounts(svc, nip, "2026-01-01"))["TPP"] == 4_300_000
    await apply(
        svc, builders.evaluation_recorded(nip, predikat="KURANG", period="2025", version=2)
    )  # a correction
    assert (await amounts(svc, nip, "2026-01-01"))["TPP"] == 3_010_000  # 70 %
    await apply(
        svc, builders.evaluation_recorded(nip, predikat="BAIK", period="2025", version=1)
    )  # stale version
    assert (await amounts(svc, nip, "2026-01-01"))["TPP"] == 3_010_000


async def test_evaluation_before_registration_is_kept_and_used(svc):
    nip = builders.new_nip()
    await apply(svc, builders.evaluation_recorded(nip, predikat="SANGAT_BAIK", period="2024"))
    response = await svc.client.get(f"/v1/employees/{nip}/entitlements")
    assert response.status_code == 404
    await apply(svc, builders.employee_registered(nip))
    assert (await amounts(svc, nip, "2024-06-01"))["TPP"] == TPP_CLASS_9_BAIK
    assert (await amounts(svc, nip, "2025-01-01"))["TPP"] == 4_300_000


async def test_retirement_stops_every_allowance_from_its_date(svc):
    nip = builders.new_nip()
    await apply(svc, builders.employee_registered(nip))
    await apply(svc, builders.employee_retired(nip, retirement_date=date(2026, 3, 1)))
    assert (await amounts(svc, nip, "2026-02-28"))["HOUSING"] == HOUSING_III
    assert await amounts(svc, nip, "2026-03-01") == {"TPP": 0, "HOUSING": 0, "TRANSPORT": 0}
    stops = [
        c
        for c in await published_payloads(svc.runtime, AllowanceEntitlementChanged, nip)
        if c["reason"] == "EmployeeRetired"
    ]
    assert len(stops) == 3 and all(c["amount_idr"] == 0 for c in stops)


async def test_as_of_answers_across_several_changes(svc):
    nip = builders.new_nip()
    await apply(svc, builders.employee_registered(nip, golongan="III/d"))
    await apply(
        svc,
        builders.employee_transferred(
            nip, to_unit_code="DINKES", work_location="KAB_GARUT", effective_date=date(2025, 2, 1)
        ),
    )
    await apply(
        svc,
        builders.employee_promoted(
            nip, from_golongan="III/d", to_golongan="IV/a", tmt=date(2025, 6, 1)
        ),
    )
    # A late, backdated correction of the job class still lands on its own date.
    await apply(
        svc, builders.employee_updated(nip, {"job_class": 8}, effective_date=date(2024, 7, 1))
    )
    expected = {
        "2024-03-01": (TPP_CLASS_9_BAIK, HOUSING_III, BANDUNG),
        "2024-07-01": (3_290_000, HOUSING_III, BANDUNG),
        "2025-02-01": (3_290_000, HOUSING_III, GARUT),
        "2025-06-01": (3_290_000, HOUSING_IV, GARUT),
    }
    for as_of, (tpp, housing, transport) in expected.items():
        assert await amounts(svc, nip, as_of) == {
            "TPP": tpp,
            "HOUSING": housing,
            "TRANSPORT": transport,
        }, as_of


async def test_an_event_delivered_twice_changes_nothing_the_second_time(svc):
    nip = builders.new_nip()
    await apply(svc, builders.employee_registered(nip, golongan="III/d"))
    promotion = builders.employee_promoted(
        nip, from_golongan="III/d", to_golongan="IV/a", tmt=date(2025, 4, 1)
    )
    assert await apply(svc, promotion, event_id="c0ffee00-0000-4000-8000-" + nip[-12:]) is True
    history = (await svc.client.get(f"/v1/employees/{nip}/entitlements")).json()["history"]
    published = await published_payloads(svc.runtime, AllowanceEntitlementChanged, nip)
    assert await apply(svc, promotion, event_id="c0ffee00-0000-4000-8000-" + nip[-12:]) is False
    # The same fact under a new id (a producer retry) is absorbed too: no amount changes.
    assert await apply(svc, promotion) is True
    assert (await svc.client.get(f"/v1/employees/{nip}/entitlements")).json()["history"] == history
    assert await published_payloads(svc.runtime, AllowanceEntitlementChanged, nip) == published
    housing = [
        c for c in published if c["allowance"] == "HOUSING" and c["reason"] == "EmployeePromoted"
    ]
    assert len(housing) == 1


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/v1/employees/123/entitlements", {}, 422),
        ("/v1/employees/199001012020011999/entitlements", {}, 404),
        ("/v1/employees/199001012020011999/entitlements", {"as_of": "2025-13-01"}, 422),
    ],
)
async def test_bad_entitlement_queries_get_a_clear_4xx(svc, path, params, status):
    response = await svc.client.get(path, params=params)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["detail"]
