"""Policy versions: validation, history kept, future versions take effect on their date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from jenjang_shared.contracts import AllowanceEntitlementChanged
from jenjang_testing import builders
from jenjang_testing.harness import ServiceHarness, deliver
from jenjang_testing.outbox import published_payloads

HOUSING = {"by_rank_group": {"I": 400_000, "II": 600_000, "III": 1_000_000, "IV": 1_500_000}}
TRANSPORT = {"zones": {"KOTA_BANDUNG": 1_100_000}, "default_amount_idr": 750_000}
TPP = {
    "base_by_job_class": {str(c): 1_000_000 * c for c in range(1, 18)},
    "factor_percent_by_predikat": {
        "SANGAT_BAIK": 100,
        "BAIK": 94,
        "BUTUH_PERBAIKAN": 82,
        "KURANG": 70,
        "SANGAT_KURANG": 55,
    },
}


async def housing(svc: ServiceHarness, nip: str, as_of: date) -> int:
    body = (
        await svc.client.get(
            f"/v1/employees/{nip}/entitlements", params={"as_of": as_of.isoformat()}
        )
    ).json()
    return {e["allowance"]: e["amount_idr"] for e in body["entitlements"]}["HOUSING"]


async def test_the_seeded_example_policies_are_in_force(svc):
    for allowance in ("TRANSPORT", "HOUSING", "TPP"):
        body = (await svc.client.get(f"/v1/policies/{allowance}")).json()
        assert body["in_force"]["version"] == f"{allowance}-v1"
        assert "Example" in body["in_force"]["note"]
    tpp = (await svc.client.get("/v1/policies/TPP")).json()["in_force"]["rules"][
        "base_by_job_class"
    ]
    assert (tpp["1"], tpp["17"]) == (748_000, 44_920_000)


@pytest.mark.parametrize(
    ("allowance", "rules", "field"),
    [
        ("TRANSPORT", {**TRANSPORT, "zones": {"kota bandung": 1}}, "rules.zones.kota bandung"),
        ("TRANSPORT", {**TRANSPORT, "zones": {"KOTA_BANDUNG": -5}}, "rules.zones.KOTA_BANDUNG"),
        ("TRANSPORT", {"zones": {"KOTA_BANDUNG": 1}}, "rules.default_amount_idr"),
        (
            "TRANSPORT",
            {**TRANSPORT, "rank_group_overrides": {"KAB_GARUT": {"IV": 1}}},
            "rules.rank_group_overrides.KAB_GARUT",
        ),
        (
            "TRANSPORT",
            {**TRANSPORT, "rank_group_overrides": {"KOTA_BANDUNG": {"V": 1}}},
            "rules.rank_group_overrides.KOTA_BANDUNG",
        ),
        ("HOUSING", {"by_rank_group": {"I": 1, "II": 2, "III": 3}}, "rules.by_rank_group"),
        (
            "HOUSING",
            {"by_rank_group": {**HOUSING["by_rank_group"], "IV": 1.5}},
            "rules.by_rank_group.IV",
        ),
        ("HOUSING", {**HOUSING, "extra": 1}, "rules"),
        ("TPP", {**TPP, "base_by_job_class": {"1": 1}}, "rules.base_by_job_class"),
        (
            "TPP",
            {**TPP, "base_by_job_class": {**TPP["base_by_job_class"], "18": 1}},
            "rules.base_by_job_class.18",
        ),
        (
            "TPP",
            {**TPP, "factor_percent_by_predikat": {"BAIK": 94}},
            "rules.factor_percent_by_predikat.SANGAT_BAIK",
        ),
        ("TPP", {**TPP, "default_predikat": "LUAR_BIASA"}, "rules.default_predikat"),
    ],
)
async def test_a_bad_policy_is_a_422_naming_the_field_and_adds_no_version(
    svc, allowance, rules, field
):
    before = (await svc.client.get(f"/v1/policies/{allowance}")).json()["versions"]
    response = await svc.client.put(
        f"/v1/policies/{allowance}", json={"effective_from": "2030-01-01", "rules": rules}
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == field
    assert (await svc.client.get(f"/v1/policies/{allowance}")).json()["versions"] == before


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/policies/PENSION", {"effective_from": "2030-01-01", "rules": HOUSING}),
        ("/v1/policies/HOUSING", {"effective_from": "2030-02-30", "rules": HOUSING}),
        ("/v1/policies/HOUSING", {"rules": HOUSING}),
        ("/v1/policies/HOUSING", {"effective_from": "2030-01-01", "rules": []}),
    ],
)
async def test_a_malformed_policy_request_is_a_422(svc, path, body):
    assert (await svc.client.put(path, json=body)).status_code == 422


async def test_a_future_version_takes_effect_on_its_date_and_keeps_history(svc, today):
    nip = builders.new_nip()
    await deliver(svc.runtime, svc.app.state.handlers, builders.employee_registered(nip))
    starts = today + timedelta(days=40)
    response = await svc.client.put(
        "/v1/policies/HOUSING",
        json={"effective_from": starts.isoformat(), "rules": HOUSING, "note": "Pergub baru"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["version"] == "HOUSING-v2"
    assert response.json()["entitlement_changes"] >= 1
    assert await housing(svc, nip, starts - timedelta(days=1)) == 900_000
    assert await housing(svc, nip, starts) == 1_000_000
    assert await housing(svc, nip, date(2024, 6, 1)) == 900_000  # the past is not rewritten
    policy = (await svc.client.get("/v1/policies/HOUSING")).json()
    assert policy["in_force"]["version"] == "HOUSING-v1"
    assert [v["version"] for v in policy["versions"]] == ["HOUSING-v1", "HOUSING-v2"]
    later = (
        await svc.client.get("/v1/policies/HOUSING", params={"as_of": starts.isoformat()})
    ).json()
    assert later["in_force"]["version"] == "HOUSING-v2"
    changed = [
        c
        for c in await published_payloads(svc.runtime, AllowanceEntitlementChanged, nip)
        if c["policy_version"] == "HOUSING-v2"
    ]
    assert changed == [
        {
            "nip": nip,
            "allowance": "HOUSING",
            "amount_idr": 1_000_000,
            "previous_amount_idr": 900_000,
            "effective_from": starts.isoformat(),
            "reason": "POLICY HOUSING-v2",
            "policy_version": "HOUSING-v2",
        }
    ]
    # An employee registered after the PUT gets the future change too.
    late = builders.new_nip()
    await deliver(svc.runtime, svc.app.state.handlers, builders.employee_registered(late))
    assert await housing(svc, late, starts) == 1_000_000


async def test_a_version_in_force_today_recomputes_at_once(svc, today):
    nip = builders.new_nip()
    await deliver(
        svc.runtime,
        svc.app.state.handlers,
        builders.employee_registered(nip, work_location="KAB_GARUT"),
    )
    rules = {
        "zones": {"KAB_GARUT": 900_000},
        "default_amount_idr": 800_000,
        "rank_group_overrides": {"KAB_GARUT": {"III": 950_000}},
    }
    response = await svc.client.put(
        "/v1/policies/TRANSPORT", json={"effective_from": today.isoformat(), "rules": rules}
    )
    assert response.status_code == 201
    body = (await svc.client.get(f"/v1/employees/{nip}/entitlements")).json()
    transport = next(e for e in body["entitlements"] if e["allowance"] == "TRANSPORT")
    assert (transport["amount_idr"], transport["previous_amount_idr"]) == (950_000, 850_000)
    assert transport["policy_version"] == response.json()["version"]


async def test_the_openapi_document_lists_every_welfare_path(svc):
    paths = (await svc.client.get("/openapi.json")).json()["paths"]
    for path in (
        "/v1/policies/{allowance}",
        "/v1/employees/{nip}/entitlements",
        "/v1/statements",
        "/v1/claims",
        "/v1/claims/{claim_id}/decision",
    ):
        assert path in paths
