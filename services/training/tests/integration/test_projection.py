"""The employee projection from personnel's events, through the real database: an update
applies the fields training keeps, whatever else it carries."""

from __future__ import annotations

import uuid

from jenjang_shared.contracts import TrainingRecommended
from jenjang_testing import builders
from jenjang_testing.harness import ServiceHarness
from jenjang_testing.outbox import published_payloads

from .support import TODAY, apply, make_course


async def jp_year(svc: ServiceHarness, nip: str) -> dict[str, object]:
    response = await svc.client.get(f"/v1/employees/{nip}/jp", params={"year": TODAY.year})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


async def test_an_update_applies_the_projected_fields_and_ignores_the_rest(
    svc: ServiceHarness,
) -> None:
    nip = builders.new_nip()
    await apply(svc, builders.employee_registered(nip, unit_code="BKD"))
    update = builders.employee_updated(
        nip,
        changes={
            "employment_type": "PPPK",
            "golongan": "IX",
            "unit_code": "DINKES",
            "position_title": "Perawat Ahli Pertama",
            "functional_level": None,
            "job_class": None,
        },
    )

    assert await apply(svc, update)

    ledger = await jp_year(svc, nip)
    assert ledger["employment_type"] == "PPPK"
    assert ledger["target"] == {"kind": "MAXIMUM", "jp": 24}
    report = (
        await svc.client.get(
            "/v1/reports/jp-shortfall", params={"year": TODAY.year, "unit_code": "DINKES"}
        )
    ).json()
    assert nip not in [line["nip"] for line in report["items"]]  # a PPPK has no minimum


async def test_an_update_of_an_unknown_employee_starts_the_projection(
    svc: ServiceHarness,
) -> None:
    nip = builders.new_nip()
    assert await apply(svc, builders.employee_updated(nip, changes={"employment_type": "PNS"}))
    ledger = await jp_year(svc, nip)
    assert ledger["employment_type"] == "PNS" and ledger["shortfall_jp"] == 20


async def test_an_update_giving_the_job_family_sends_the_recommendation_that_waited(
    svc: ServiceHarness,
) -> None:
    family = f"FAM_{uuid.uuid4().hex[:8].upper()}"
    course = await make_course(svc, job_families=[family])
    nip = builders.new_nip()
    await apply(svc, builders.evaluation_recorded(nip, predikat="KURANG"))
    assert await published_payloads(svc.runtime, TrainingRecommended, nip) == []

    await apply(svc, builders.employee_updated(nip, changes={"job_family": family}))

    [sent] = await published_payloads(svc.runtime, TrainingRecommended, nip)
    assert sent == {"nip": nip, "course_codes": [course["code"]], "reason": "WEAK_PREDIKAT:2025"}
