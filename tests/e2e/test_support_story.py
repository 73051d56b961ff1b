"""The support story: a weak annual predikat brings courses and a coach; coaching credits JP."""

from __future__ import annotations

import uuid
from datetime import date

from jenjang_shared.ports import SystemClock  # the agency date (WIB), as the services use
from jenjang_testing.harness import wait_for

from .people import registration
from .promotion_story import ACTOR


async def test_a_weak_predikat_brings_courses_and_a_coach_whose_sessions_count_as_jp(stack):
    personnel, training = stack.client("personnel"), stack.client("training")
    mentoring, evaluation = stack.client("mentoring"), stack.client("evaluation")
    family = f"GIZI_{uuid.uuid4().hex[:4].upper()}"  # a job family of this test alone
    coach = registration(name="Dr. Pembina", golongan="IV/a", golongan_tmt="2018-04-01",
                         position_kind="ADMINISTRATOR", education="S2", job_family=family,
                         birth_date=date(1972, 2, 2), tmt_cpns=date(1998, 3, 1))  # fmt: skip
    staff = registration(name="Staf Gizi", golongan="III/b", job_family=family,
                         supervisor_nip=coach["nip"])  # fmt: skip
    for person in (coach, staff):
        assert (
            await personnel.post("/v1/employees", json=person, headers=ACTOR)
        ).status_code == 201
    code = f"GZ-{uuid.uuid4().hex[:6].upper()}"
    created = await training.post("/v1/courses", json={
        "code": code, "title": "Gizi Klinik", "training_category": "TEKNIS",
        "training_method": "KLASIKAL", "jp": 16, "provider": "BPSDM", "job_families": [family]})  # fmt: skip
    assert created.status_code == 201
    await wait_for(lambda: mentoring.get(f"/v1/employees/{coach['nip']}"),
                     until=lambda r: r.status_code == 200, what="mentoring to know the coach")  # fmt: skip
    assert (
        await mentoring.post("/v1/mentors", json={"nip": coach["nip"], "expertise": [family]})
    ).status_code == 201

    weak = await evaluation.post("/v1/evaluations", json={
        "nip": staff["nip"], "evaluator_nip": coach["nip"], "period_type": "ANNUAL", "period": "2025",
        "hasil_kerja": "DI_BAWAH", "perilaku_kerja": "SESUAI"})  # fmt: skip
    assert weak.status_code == 201 and weak.json()["predikat"] == "BUTUH_PERBAIKAN"

    recommendations = await wait_for(
        lambda: training.get(f"/v1/employees/{staff['nip']}/recommendations"),
        until=lambda r: any(i["rule"] == "WEAK_PREDIKAT" for i in r.json()["items"]),
        what="courses recommended")  # fmt: skip
    weak_rec = next(i for i in recommendations.json()["items"] if i["rule"] == "WEAK_PREDIKAT")
    assert weak_rec["course_codes"] == [code]

    coaching = await wait_for(
        lambda: mentoring.get("/v1/mentorships", params={"mentee_nip": staff["nip"], "program": "COACHING"}),
        until=lambda r: r.json()["total"] == 1, what="a coaching mentorship")  # fmt: skip
    mentorship = coaching.json()["items"][0]
    assert mentorship["mentor_nip"] == coach["nip"] and mentorship["status"] == "ACTIVE"

    today = SystemClock().today().isoformat()
    for held_on, minutes in ((today, 90), (today, 90)):
        logged = await mentoring.post(f"/v1/mentorships/{mentorship['id']}/sessions",
                                      json={"held_on": held_on, "duration_minutes": minutes,
                                            "notes": "dialog kinerja"})  # fmt: skip
        assert logged.status_code == 201
    done = await mentoring.post(f"/v1/mentorships/{mentorship['id']}/completion",
                                json={"outcome": "Target SKP tercapai", "completed_on": today})  # fmt: skip
    assert done.status_code == 200 and done.json()["jp_credit"] == 4  # 180 minutes at 45 per JP

    ledger = await wait_for(
        lambda: training.get(f"/v1/employees/{staff['nip']}/jp", params={"year": SystemClock().today().year}),
        until=lambda r: r.json()["non_classroom_jp"] == 4, what="the mentoring credit in the ledger")  # fmt: skip
    assert ledger.json()["classroom_jp"] == 0
    assert ledger.json()["entries"][0]["source"] == "MENTORING"
