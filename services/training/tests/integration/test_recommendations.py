"""Recommendations: each rule, and that each fires once per employee and reason."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from jenjang_shared.contracts import EvaluationRecorded, TrainingRecommended
from jenjang_shared.contracts.vocabulary import EmploymentType, PeriodType, Predikat, Rating
from jenjang_testing import builders
from jenjang_testing.builders import new_nip
from jenjang_testing.harness import ServiceHarness
from jenjang_testing.outbox import published_payloads

from .support import TODAY, apply, make_course, new_code


def family() -> str:
    return f"FAM_{uuid.uuid4().hex[:8].upper()}"


async def recommendations(svc: ServiceHarness, nip: str) -> list[dict[str, Any]]:
    response = await svc.client.get(f"/v1/employees/{nip}/recommendations")
    assert response.status_code == 200
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def evaluation(
    nip: str,
    predikat: Predikat,
    *,
    period: str = "2025",
    kind: PeriodType = PeriodType.ANNUAL,
    version: int = 1,
) -> EvaluationRecorded:
    return builders.evaluation_recorded(
        nip,
        evaluation_id=f"ev-{nip}-{period}",
        period_type=kind,
        period=period,
        hasil_kerja=Rating.DI_BAWAH,
        predikat=predikat,
        version=version,
    )


async def test_a_new_cpns_gets_latsar_once_even_when_registered_twice(svc: ServiceHarness) -> None:
    latsar = await make_course(svc, code=new_code("LATSAR"), training_category="LATSAR", jp=40)
    nip = new_nip()
    event = builders.employee_registered(nip, employment_type=EmploymentType.CPNS)

    assert await apply(svc, event, event_id="reg-" + nip)
    assert not await apply(svc, event, event_id="reg-" + nip)
    assert await apply(svc, event)  # another event, same reason

    [rec] = await recommendations(svc, nip)
    assert (rec["reason_key"], rec["rule"], rec["published"]) == ("NEW_CPNS", "NEW_CPNS", True)
    assert latsar["code"] in rec["course_codes"]
    [published] = await published_payloads(svc.runtime, TrainingRecommended, nip)
    assert published["reason"] == "NEW_CPNS" and latsar["code"] in published["course_codes"]


async def test_a_new_pns_or_pppk_gets_no_latsar(svc: ServiceHarness) -> None:
    for kind in (EmploymentType.PNS, EmploymentType.PPPK):
        nip = new_nip()
        await apply(svc, builders.employee_registered(nip, employment_type=kind))
        assert await recommendations(svc, nip) == []
        assert await published_payloads(svc.runtime, TrainingRecommended, nip) == []


async def test_a_weak_annual_predikat_gets_job_family_courses_once_per_period(
    svc: ServiceHarness,
) -> None:
    fam = family()
    mandatory = await make_course(svc, code=new_code("Z"), job_families=[fam], mandatory=True)
    optional = await make_course(svc, code=new_code("A"), job_families=[fam])
    await make_course(svc, job_families=[family()])  # another family: not recommended
    nip = new_nip()
    await apply(svc, builders.employee_registered(nip, job_family=fam))

    await apply(svc, evaluation(nip, Predikat.KURANG), event_id=f"e1-{nip}")
    await apply(svc, evaluation(nip, Predikat.KURANG), event_id=f"e1-{nip}")
    await apply(svc, evaluation(nip, Predikat.SANGAT_KURANG, version=2))

    [rec] = await recommendations(svc, nip)
    assert rec["reason_key"] == "WEAK_PREDIKAT:2025" and rec["rule"] == "WEAK_PREDIKAT"
    assert rec["course_codes"] == [mandatory["code"], optional["code"]]  # mandatory first
    assert len(await published_payloads(svc.runtime, TrainingRecommended, nip)) == 1

    await apply(svc, evaluation(nip, Predikat.BUTUH_PERBAIKAN, period="2026"))
    assert [r["reason_key"] for r in await recommendations(svc, nip)] == [
        "WEAK_PREDIKAT:2025",
        "WEAK_PREDIKAT:2026",
    ]
    assert len(await published_payloads(svc.runtime, TrainingRecommended, nip)) == 2


async def test_a_good_or_periodic_predikat_recommends_nothing(svc: ServiceHarness) -> None:
    nip = new_nip()
    await apply(svc, builders.employee_registered(nip))
    for event in (
        evaluation(nip, Predikat.BAIK),
        evaluation(nip, Predikat.SANGAT_BAIK, period="2024"),
        evaluation(nip, Predikat.KURANG, period="2025-Q3", kind=PeriodType.PERIODIC),
    ):
        await apply(svc, event)
    assert await recommendations(svc, nip) == []


async def test_an_evaluation_before_registration_waits_for_the_job_family(
    svc: ServiceHarness,
) -> None:
    fam = family()
    course = await make_course(svc, job_families=[fam])
    nip = new_nip()
    await apply(svc, evaluation(nip, Predikat.KURANG))
    [waiting] = await recommendations(svc, nip)
    assert waiting["published"] is False and waiting["course_codes"] == []
    assert await published_payloads(svc.runtime, TrainingRecommended, nip) == []

    await apply(svc, builders.employee_registered(nip, job_family=fam))

    [rec] = await recommendations(svc, nip)
    assert rec["published"] is True and rec["course_codes"] == [course["code"]]
    [published] = await published_payloads(svc.runtime, TrainingRecommended, nip)
    assert published == {
        "nip": nip,
        "course_codes": [course["code"]],
        "reason": "WEAK_PREDIKAT:2025",
    }


async def _credit(svc: ServiceHarness, nip: str, jp: int) -> None:
    await apply(
        svc, builders.mentorship_completed(nip, completed_on=date(TODAY.year, 2, 1), jp_credit=jp)
    )


async def test_the_last_quarter_sweep_recommends_courses_fitting_the_gap_once_a_year(
    svc: ServiceHarness,
) -> None:
    fam, unit = family(), f"UNIT-{uuid.uuid4().hex[:6]}"
    await make_course(svc, job_families=[fam], jp=20)
    fits = await make_course(svc, job_families=[fam], jp=16)
    await make_course(svc, job_families=[fam], jp=8)
    short, enough, pppk = new_nip(), new_nip(), new_nip()
    for nip, kind in (
        (short, EmploymentType.PNS),
        (enough, EmploymentType.PNS),
        (pppk, EmploymentType.PPPK),
    ):
        await apply(
            svc,
            builders.employee_registered(nip, employment_type=kind, job_family=fam, unit_code=unit),
        )
    await _credit(svc, short, 5)  # 15 JP short
    await _credit(svc, enough, 20)

    report = (
        await svc.client.get(
            "/v1/reports/jp-shortfall", params={"year": TODAY.year, "unit_code": unit}
        )
    ).json()
    assert report["total"] == 1
    assert report["items"][0] | {"name": None} == {
        "nip": short,
        "name": None,
        "employment_type": "PNS",
        "unit_code": unit,
        "total_jp": 5,
        "shortfall_jp": 15,
    }

    as_of = date(TODAY.year, 12, 1).isoformat()
    swept = await svc.client.post(
        "/v1/recommendation-sweeps", json={"year": TODAY.year, "as_of": as_of}
    )
    assert swept.status_code == 200, swept.text
    assert swept.json()["recommended"] >= 1
    [rec] = await recommendations(svc, short)
    assert rec["reason_key"] == f"JP_SHORTFALL:{TODAY.year}"
    assert rec["course_codes"] == [fits["code"]]
    assert await recommendations(svc, enough) == [] and await recommendations(svc, pppk) == []

    again = await svc.client.post(
        "/v1/recommendation-sweeps", json={"year": TODAY.year, "as_of": as_of}
    )
    assert again.status_code == 200
    assert len(await published_payloads(svc.runtime, TrainingRecommended, short)) == 1


async def test_the_sweep_outside_the_last_quarter_is_422_and_recommends_nothing(
    svc: ServiceHarness,
) -> None:
    nip = new_nip()
    await apply(svc, builders.employee_registered(nip))
    response = await svc.client.post(
        "/v1/recommendation-sweeps", json={"year": 2026, "as_of": "2026-09-30"}
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "as_of"
    assert await recommendations(svc, nip) == []


async def test_a_sweep_as_of_a_day_after_today_is_422_and_recommends_nothing(
    svc: ServiceHarness,
) -> None:
    # The service's today is pinned to Dec 31 (conftest): the next year's last quarter is ahead.
    fam = family()
    await make_course(svc, job_families=[fam], jp=20)
    nip = new_nip()
    await apply(svc, builders.employee_registered(nip, job_family=fam))  # 0 JP next year
    ahead = TODAY.year + 1
    response = await svc.client.post(
        "/v1/recommendation-sweeps", json={"year": ahead, "as_of": f"{ahead}-10-01"}
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "as_of"
    assert "in the future" in response.json()["detail"]
    assert await recommendations(svc, nip) == []
    assert await published_payloads(svc.runtime, TrainingRecommended, nip) == []
