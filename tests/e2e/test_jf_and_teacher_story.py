"""Two stories of the people a provincial BKD mostly manages, by events alone: a functional
official (JF) promoted by angka kredit, and a teacher whose retirement date is the one the
teachers' law gives (docs/domain.md, "Promotion tracks", "Retirement (BUP)")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from jenjang_shared.ports import SystemClock
from jenjang_testing.harness import wait_for

from .people import registration
from .promotion_story import ACTOR, _ok, _years_looked_at


async def _supervisor(personnel: Any) -> dict[str, Any]:
    body = registration(name="Kepala Bidang JF", golongan="IV/a", golongan_tmt="2019-04-01",
                        position_kind="ADMINISTRATOR", position_title="Kepala Bidang",
                        education="S2", birth_date=date(1975, 5, 5), tmt_cpns=date(2000, 3, 1))  # fmt: skip
    await _ok(await personnel.post("/v1/employees", json=body), 201)
    return body


async def test_a_jf_holder_is_promoted_by_credit_points_from_two_annual_predikat(stack):
    personnel, evaluation = stack.client("personnel"), stack.client("evaluation")
    first, last = _years_looked_at(SystemClock().today())
    boss = await _supervisor(personnel)
    # Analis Kebijakan Ahli Pertama at III/a since 1 January of the year before the two
    # evaluated years, with 20 AK from a PAK at its end; then two SANGAT_BAIK years:
    # 20 + 12.5 x 150 % x 2 = 57.5 >= 50, the minimum for III/b (PermenPANRB 1/2023).
    start_year = int(first) - 1
    analyst = registration(
        name="Analis Kebijakan", golongan="III/a", golongan_tmt=f"{start_year}-01-01",
        position_kind="FUNGSIONAL", position_title="Analis Kebijakan Ahli Pertama",
        functional_position="ANALIS_KEBIJAKAN", functional_level="AHLI_PERTAMA",
        supervisor_nip=boss["nip"], birth_date=date(1990, 3, 14), tmt_cpns=date(2015, 3, 1),
        credit_points_start={"amount": "20", "as_of": f"{start_year}-12-31",
                             "source_document": f"PAK 800/{start_year}/BKD"},
    )  # fmt: skip
    nip = analyst["nip"]
    await _ok(await personnel.post("/v1/employees", json=analyst), 201)
    for year in (first, last):
        await _ok(await evaluation.post("/v1/evaluations", json={
            "nip": nip, "evaluator_nip": boss["nip"], "period_type": "ANNUAL", "period": year,
            "hasil_kerja": "DI_ATAS", "perilaku_kerja": "DI_ATAS"}), 201)  # fmt: skip

    found = await wait_for(lambda: personnel.get("/v1/promotion-proposals", params={"nip": nip}),
                           until=lambda r: r.json()["total"] == 1, what="a JF proposal")  # fmt: skip
    proposal = found.json()["items"][0]
    assert (proposal["kind"], proposal["from_golongan"], proposal["to_golongan"]) == (
        "ANGKA_KREDIT", "III/a", "III/b",
    )  # fmt: skip
    credit = proposal["evidence"]["credit_points"]
    amounts = [Decimal(credit[k]) for k in ("start", "cumulative", "required")]
    assert amounts == [Decimal(20), Decimal("57.5"), Decimal(50)]
    assert {y: Decimal(v) for y, v in credit["per_year"].items()} == {
        first: Decimal("18.75"), last: Decimal("18.75"),
    }  # fmt: skip
    assert proposal["evidence"]["rank_range"] == ["III/a", "III/b"]
    assert proposal["evidence"]["rule_versions"]["angka_kredit"] == "AK-PERMENPANRB-1-2023"
    assert {c["name"] for c in proposal["evidence"]["criteria"]} == {
        "pns_not_retired", "grade_ceiling", "angka_kredit",
    }  # fmt: skip

    await _ok(await personnel.post(f"/v1/promotion-proposals/{proposal['id']}/approve",
                                   headers=ACTOR, json={"sk_number": "800/KP.JF/2026",
                                                        "sk_date": SystemClock().today().isoformat()}))  # fmt: skip
    # At III/b, the grade's ceiling: the next rank needs kenaikan jenjang to Ahli Muda.
    after = await wait_for(
        lambda: evaluation.get(f"/v1/employees/{nip}/promotion-eligibility",
                               params={"as_of": proposal["kp_period"]}),
        until=lambda r: r.json()["from_golongan"] == "III/b", what="evaluation at III/b")  # fmt: skip
    ceiling = next(c for c in after.json()["criteria"] if c["name"] == "grade_ceiling")
    assert ceiling["met"] is False and "kenaikan jenjang to AHLI_MUDA" in ceiling["missing"]


async def test_a_teacher_retires_at_sixty_everywhere(stack):
    personnel, evaluation = stack.client("personnel"), stack.client("evaluation")
    today = SystemClock().today()
    # Born 59 years ago: past the general 58, before a teacher's 60 (UU 14/2005 art. 30(4)).
    birth = date(today.year - 59, 3, 14)
    teacher = registration(
        name="Guru SMA", golongan="III/b", golongan_tmt="2020-04-01", position_kind="FUNGSIONAL",
        position_title="Guru Ahli Pertama", functional_position="GURU",
        functional_level="AHLI_PERTAMA", unit_code="DISDIK", unit_name="Dinas Pendidikan",
        job_family="PENDIDIKAN", birth_date=birth, tmt_cpns=date(birth.year + 25, 3, 1),
    )  # fmt: skip
    record = await _ok(await personnel.post("/v1/employees", json=teacher), 201)
    retires_on = date(birth.year + 60, 4, 1)
    assert (record["retirement_age"], record["retirement_date"]) == (60, retires_on.isoformat())
    assert record["retirement_rule"] == "BUP-2017+GURU"

    # The same person as a pelaksana would already be retired: refused (422).
    clerk = registration(name="Pelaksana Pensiun", birth_date=birth,
                         tmt_cpns=date(birth.year + 25, 3, 1))  # fmt: skip
    refused = await personnel.post("/v1/employees", json=clerk)
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == "birth_date"

    # Evaluation knows the teacher's pension date from the event, not the general 58.
    eligibility = await wait_for(
        lambda: evaluation.get(f"/v1/employees/{teacher['nip']}/promotion-eligibility"),
        until=lambda r: r.status_code == 200, what="evaluation projecting the teacher")  # fmt: skip
    found = eligibility.json()
    assert (found["pension_date"], found["rule_versions"]["retirement"]) == (
        retires_on.isoformat(), "BUP-2017+GURU",
    )  # fmt: skip
    assert found["track"] == "ANGKA_KREDIT"
