"""Monthly statements (pro-rating, totals, CSV) and benefit claims (caps, idempotency, decisions)."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date
from typing import Any

import pytest
import pytest_asyncio

from jenjang_shared.contracts import BenefitClaimDecided
from jenjang_testing import builders
from jenjang_testing.harness import ServiceHarness, deliver
from jenjang_testing.outbox import published_payloads


async def apply(svc: ServiceHarness, event: Any) -> None:
    assert await deliver(svc.runtime, svc.app.state.handlers, event)


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def unit(svc: ServiceHarness) -> dict[str, str]:
    """A unit with one employee promoted on 10 May 2025 and one without changes."""
    code = f"UNIT_{uuid.uuid4().hex[:8].upper()}"
    promoted, steady, left = builders.new_nip(), builders.new_nip(), builders.new_nip()
    await apply(svc, builders.employee_registered(promoted, golongan="III/d", unit_code=code))
    await apply(
        svc,
        builders.employee_promoted(
            promoted, from_golongan="III/d", to_golongan="IV/a", tmt=date(2025, 5, 10)
        ),
    )
    await apply(
        svc,
        builders.employee_registered(
            steady, golongan="II/c", unit_code=code, work_location="KAB_GARUT", job_class=None
        ),
    )
    # Transferred out before the month ends: belongs to the other unit's statement.
    await apply(svc, builders.employee_registered(left, unit_code=code))
    await apply(
        svc,
        builders.employee_transferred(
            left,
            to_unit_code="ELSEWHERE",
            work_location="KOTA_BANDUNG",
            effective_date=date(2025, 5, 20),
        ),
    )
    return {"code": code, "promoted": promoted, "steady": steady, "left": left}


async def test_a_mid_month_promotion_is_pro_rated_by_days_with_exact_totals(svc, unit):
    response = await svc.client.get(
        "/v1/statements", params={"unit_code": unit["code"], "month": "2025-05"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["days_in_month"] == 31
    by_nip = {e["nip"]: e for e in body["employees"]}
    assert set(by_nip) == {unit["promoted"], unit["steady"]}
    promoted = {a["allowance"]: a for a in by_nip[unit["promoted"]]["allowances"]}
    # 1-9 May at the old amount, 10-31 May at the new: each segment × days / 31, half up.
    housing = promoted["HOUSING"]
    assert [(s["start"], s["end"], s["days"], s["amount_idr"]) for s in housing["segments"]] == [
        ("2025-05-01", "2025-05-09", 9, 261_290),  # 900,000 × 9 / 31 = 261,290.32
        ("2025-05-10", "2025-05-31", 22, 922_581),  # 1,300,000 × 22 / 31 = 922,580.65
    ]
    assert housing["amount_idr"] == 1_183_871
    assert promoted["TRANSPORT"]["amount_idr"] == 319_355 + 993_548
    assert promoted["TPP"]["amount_idr"] == 4_042_000
    assert by_nip[unit["promoted"]]["total_idr"] == 6_538_774
    assert by_nip[unit["steady"]]["total_idr"] == 1_739_000 + 600_000 + 850_000
    assert body["totals_by_allowance"] == {
        "TRANSPORT": 1_312_903 + 850_000,
        "HOUSING": 1_183_871 + 600_000,
        "TPP": 4_042_000 + 1_739_000,
    }
    assert body["total_idr"] == 9_727_774


async def test_the_statement_comes_as_csv_for_payroll(svc, unit):
    for kwargs in ({"params": {"format": "csv"}}, {"headers": {"Accept": "text/csv"}}):
        params = {"unit_code": unit["code"], "month": "2025-05", **kwargs.get("params", {})}
        response = await svc.client.get(
            "/v1/statements", params=params, headers=kwargs.get("headers")
        )
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert [r["nip"] for r in rows] == [*sorted([unit["promoted"], unit["steady"]]), "TOTAL"]
        assert rows[-1]["total_idr"] == "9727774"
        assert rows[-1]["HOUSING"] == str(1_183_871 + 600_000)


@pytest.mark.parametrize(
    "params", [{"month": "2025-13"}, {"month": "May"}, {}, {"month": "2025-05", "format": "xml"}]
)
async def test_a_bad_statement_query_is_a_422(svc, params):
    response = await svc.client.get("/v1/statements", params=params)
    assert response.status_code == 422
    assert response.json()["errors"]


def claim(nip: str, **overrides: Any) -> dict[str, Any]:
    return {
        "nip": nip,
        "kind": "MEDICAL",
        "amount_idr": 750_000,
        "evidence_ref": "DMS-1",
        "period": "2025-10",
        **overrides,
    }


async def test_a_claim_is_decided_once_and_the_decision_is_published(svc, unit):
    nip = unit["steady"]
    created = await svc.client.post(
        "/v1/claims", json=claim(nip, amount_idr=5_000_000)
    )  # at the cap
    assert created.status_code == 201, created.text
    claim_id = created.json()["id"]
    assert created.json()["status"] == "PENDING"
    decided = await svc.client.post(
        f"/v1/claims/{claim_id}/decision",
        json={"decision": "APPROVED", "reason": "Kuitansi lengkap"},
    )
    assert decided.status_code == 200
    assert decided.json()["status"] == "APPROVED"
    again = await svc.client.post(
        f"/v1/claims/{claim_id}/decision", json={"decision": "REJECTED", "reason": "x"}
    )
    assert again.status_code == 409
    assert (await svc.client.get(f"/v1/claims/{claim_id}")).json()["status"] == "APPROVED"
    published = [
        p
        for p in await published_payloads(svc.runtime, BenefitClaimDecided, nip)
        if p["claim_id"] == claim_id
    ]
    assert published == [
        {
            "claim_id": claim_id,
            "nip": nip,
            "kind": "MEDICAL",
            "amount_idr": 5_000_000,
            "decision": "APPROVED",
            "reason": "Kuitansi lengkap",
        }
    ]
    listed = (await svc.client.get("/v1/claims", params={"nip": nip, "status": "APPROVED"})).json()
    assert claim_id in [c["id"] for c in listed["items"]] and listed["total"] >= 1


async def test_the_same_idempotency_key_returns_the_same_claim_and_refuses_another_body(svc, unit):
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = claim(unit["steady"], kind="GLASSES", amount_idr=1_000_000)
    first = await svc.client.post("/v1/claims", json=body, headers=key)
    second = await svc.client.post("/v1/claims", json=body, headers=key)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == second.json()
    other = await svc.client.post("/v1/claims", json={**body, "amount_idr": 1_200_000}, headers=key)
    assert other.status_code == 409
    listed = (
        await svc.client.get("/v1/claims", params={"nip": unit["steady"], "limit": 500})
    ).json()
    assert [c["id"] for c in listed["items"]].count(first.json()["id"]) == 1
    assert all(c["amount_idr"] != 1_200_000 for c in listed["items"])


@pytest.mark.parametrize(
    ("overrides", "status", "field"),
    [
        ({"amount_idr": 5_000_001}, 422, "amount_idr"),  # above the MEDICAL cap
        ({"kind": "YACHT"}, 422, "kind"),
        ({"kind": "medical"}, 422, "kind"),
        ({"amount_idr": 0}, 422, "amount_idr"),
        ({"amount_idr": 1.5}, 422, "amount_idr"),
        ({"period": "2025-13"}, 422, "period"),
        ({"nip": "12345"}, 422, "nip"),
        ({"nip": "199001012020011999"}, 404, "nip"),
        ({"evidence_ref": ""}, 422, "evidence_ref"),
    ],
)
async def test_a_bad_claim_is_refused_and_nothing_is_stored(svc, unit, overrides, status, field):
    before = (await svc.client.get("/v1/claims")).json()["total"]
    response = await svc.client.post("/v1/claims", json={**claim(unit["promoted"]), **overrides})
    assert response.status_code == status, response.text
    assert field in [e["field"] for e in response.json()["errors"]]
    assert (await svc.client.get("/v1/claims")).json()["total"] == before


@pytest.mark.parametrize("claim_id", ["not-a-uuid", str(uuid.uuid4())])
async def test_deciding_an_unknown_claim_is_a_404(svc, claim_id):
    response = await svc.client.post(
        f"/v1/claims/{claim_id}/decision", json={"decision": "APPROVED", "reason": "ok"}
    )
    assert response.status_code == 404


async def test_a_bad_decision_is_a_422(svc, unit):
    created = (await svc.client.post("/v1/claims", json=claim(unit["steady"]))).json()
    for body in (
        {"decision": "MAYBE", "reason": "x"},
        {"decision": "APPROVED"},
        {"decision": "APPROVED", "reason": ""},
    ):
        response = await svc.client.post(f"/v1/claims/{created['id']}/decision", json=body)
        assert response.status_code == 422
    assert (await svc.client.get(f"/v1/claims/{created['id']}")).json()["status"] == "PENDING"
