"""Recording evaluations over HTTP: computed predikat, versions, bad input, credit points."""

from __future__ import annotations

from jenjang_shared.contracts import EvaluationRecorded
from jenjang_testing.builders import new_nip
from jenjang_testing.harness import deliver
from jenjang_testing.outbox import published_payloads

from .helpers import TODAY, evaluation_body, handlers_on, registered

HANDLERS = handlers_on(TODAY)


async def test_an_evaluation_gets_its_predikat_from_the_matrix_and_is_published(svc):
    nip = new_nip()
    response = await svc.client.post(
        "/v1/evaluations", json=evaluation_body(nip, "2025", "DI_ATAS", "DI_ATAS")
    )
    assert response.status_code == 201, response.text
    assert response.json()["predikat"] == "SANGAT_BAIK" and response.json()["version"] == 1
    (event,) = await published_payloads(svc.runtime, EvaluationRecorded, nip)
    assert event["predikat"] == "SANGAT_BAIK" and event["period"] == "2025"


async def test_a_second_evaluation_of_a_period_is_refused_unless_it_is_a_correction(svc):
    nip = new_nip()
    body = evaluation_body(nip, "2026-Q3", "SESUAI", "DI_BAWAH")
    assert (await svc.client.post("/v1/evaluations", json=body)).status_code == 201
    again = await svc.client.post("/v1/evaluations", json=body)
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")
    corrected = await svc.client.post(
        "/v1/evaluations",
        json={**body, "perilaku_kerja": "SESUAI", "correction_reason": "wrong row in the form"},
    )
    assert corrected.status_code == 201 and corrected.json()["version"] == 2
    history = (await svc.client.get(f"/v1/employees/{nip}/evaluations")).json()
    (period,) = history["items"]
    assert period["current"]["predikat"] == "BAIK"
    assert [v["predikat"] for v in period["versions"]] == ["KURANG", "BAIK"]
    events = await published_payloads(svc.runtime, EvaluationRecorded, nip)
    assert [e["version"] for e in events] == [1, 2]


async def test_bad_input_gets_a_clear_422_and_changes_nothing(svc):
    nip = new_nip()
    cases = {
        "predikat": evaluation_body(nip, "2025", predikat="SANGAT_BAIK"),
        "hasil_kerja": evaluation_body(nip, "2025", hasil="LUAR_BIASA"),
        "period_type": {**evaluation_body(nip, "2025"), "period_type": "WEEKLY"},
        "period": evaluation_body(nip, str(TODAY.year + 1)),
        "evaluator_nip": {**evaluation_body(nip, "2025"), "evaluator_nip": nip},
    }
    for field, body in cases.items():
        response = await svc.client.post("/v1/evaluations", json=body)
        assert response.status_code == 422, (field, response.text)
        problem = response.json()
        assert any(e["field"] == field for e in problem["errors"]), (field, problem)
    mismatched = {**evaluation_body(nip, "2025-07"), "period_type": "ANNUAL"}
    assert (await svc.client.post("/v1/evaluations", json=mismatched)).status_code == 422
    future_month = evaluation_body(nip, f"{TODAY.year}-{TODAY.month + 1:02d}")
    assert (await svc.client.post("/v1/evaluations", json=future_month)).status_code == 422
    assert (await svc.client.get(f"/v1/employees/{nip}/evaluations")).json()["total"] == 0
    assert await published_payloads(svc.runtime, EvaluationRecorded, nip) == []


async def test_a_functional_employee_sees_the_annual_angka_kredit(svc):
    nip = new_nip()
    event = registered(nip, position_kind="FUNGSIONAL", functional_level="AHLI_PERTAMA")
    await deliver(svc.runtime, HANDLERS, event)
    await svc.client.post(
        "/v1/evaluations", json=evaluation_body(nip, "2025", "DI_ATAS", "DI_ATAS")
    )
    await svc.client.post("/v1/evaluations", json=evaluation_body(nip, "2026-10"))
    items = (await svc.client.get(f"/v1/employees/{nip}/evaluations")).json()["items"]
    by_period = {i["period"]: i for i in items}
    assert by_period["2025"]["angka_kredit"] == 18.75
    assert by_period["2025"]["functional_level"] == "AHLI_PERTAMA"
    assert by_period["2026-10"]["angka_kredit"] is None


async def test_unit_distribution_flags_too_many_baik_and_the_talent_box_places_people(svc):
    unit = "DISKOMINFO"
    nips = [new_nip() for _ in range(4)]
    ratings = [
        ("SESUAI", "SESUAI"),
        ("SESUAI", "DI_ATAS"),
        ("DI_ATAS", "SESUAI"),
        ("DI_ATAS", "DI_ATAS"),
    ]
    for nip, (hasil, perilaku) in zip(nips, ratings, strict=True):
        await deliver(svc.runtime, HANDLERS, registered(nip, unit_code=unit, golongan_tmt=TODAY))
        await svc.client.post("/v1/evaluations", json=evaluation_body(nip, "2025", hasil, perilaku))
    response = await svc.client.get(f"/v1/units/{unit}/distribution", params={"period": "2025"})
    result = response.json()
    assert result["counts"]["BAIK"] == 3 and result["shares"]["BAIK"] == 0.75
    assert result["breach"] is True
    bad = await svc.client.get(f"/v1/units/{unit}/distribution", params={"period": "2025-13"})
    assert bad.status_code == 422

    for nip, potential in zip(nips[:3], ["HIGH", "LOW", "MEDIUM"], strict=True):
        created = await svc.client.post(
            "/v1/potential-assessments", json={"nip": nip, "year": 2025, "potential": potential}
        )
        assert created.status_code == 201, created.text
    unknown = await svc.client.post(
        "/v1/potential-assessments", json={"nip": nips[3], "year": 2025, "potential": "HUGE"}
    )
    assert unknown.status_code == 422
    box = (await svc.client.get(f"/v1/units/{unit}/talent-box", params={"year": 2025})).json()
    placed = {i["nip"]: i for i in box["items"]}
    assert placed[nips[0]]["box"] == 8 and "succession pool" in placed[nips[0]]["actions"]
    assert placed[nips[1]]["box"] == 2
    assert placed[nips[2]]["box"] == 5
    assert placed[nips[3]]["box"] is None and "potential" in placed[nips[3]]["missing"]


async def test_the_openapi_document_describes_every_evaluation_route(svc):
    paths = (await svc.client.get("/openapi.json")).json()["paths"]
    for path in (
        "/v1/evaluations",
        "/v1/employees/{nip}/evaluations",
        "/v1/employees/{nip}/promotion-eligibility",
        "/v1/promotion-sweeps",
        "/v1/promotion-sweeps/{sweep_id}",
        "/v1/units/{code}/distribution",
        "/v1/units/{code}/talent-box",
        "/v1/potential-assessments",
    ):
        assert path in paths, path
