"""The promotion story, step by step through the public APIs; shared by the test and the
benchmark (`benchmarks/promotion_story.py`), which times it."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from jenjang_shared.ports import SystemClock  # the agency date (WIB), as the services use
from jenjang_testing.harness import wait_for

from .people import registration
from .stack import RunningStack

ACTOR = {"X-Actor": "e2e-hr"}


@dataclass
class StoryResult:
    nip: str
    supervisor_nip: str
    proposal: dict[str, Any]
    timeline: list[dict[str, Any]]
    seconds_from_last_evaluation_to_proposal: float
    seconds_from_approval_to_allowance: float
    seconds_from_last_evaluation_to_allowance: float

    @property
    def seconds_automatic(self) -> float:
        """Event time only: last evaluation -> proposal, plus approval -> changed allowance."""
        return (
            self.seconds_from_last_evaluation_to_proposal + self.seconds_from_approval_to_allowance
        )


async def _ok(response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, (
        f"{response.request.method} {response.request.url}: {response.status_code} {response.text}"
    )
    return response.json()


def _years_looked_at(today: date) -> tuple[str, str]:
    """The two calendar years before the year of the next KP period (since 1 October 2025 the
    1st of every month: docs/domain.md, "Promotion (KP reguler)")."""
    if today.day == 1:
        kp = today
    else:
        kp = (
            date(today.year + 1, 1, 1)
            if today.month == 12
            else date(today.year, today.month + 1, 1)
        )
    return str(kp.year - 2), str(kp.year - 1)


async def run_promotion_story(stack: RunningStack) -> StoryResult:
    personnel, training = stack.client("personnel"), stack.client("training")
    mentoring, evaluation = stack.client("mentoring"), stack.client("evaluation")
    welfare = stack.client("welfare")
    today = SystemClock().today()

    # A supervisor (an administrator: IV/a is within III/d-IV/b, PP 13/2002), then a CPNS (S2,
    # III/d since 2022-10-01) reporting to them.
    supervisor = registration(name="Ibu Kepala Bidang", golongan="IV/a", golongan_tmt="2019-04-01",
                              position_kind="ADMINISTRATOR", position_title="Kepala Bidang",
                              education="S2", birth_date=date(1975, 5, 5), tmt_cpns=date(2000, 3, 1))  # fmt: skip
    await _ok(await personnel.post("/v1/employees", json=supervisor), 201)
    cpns = registration(name="Budi Calon", employment_type="CPNS", golongan="III/d",
                        golongan_tmt="2022-10-01", tmt_cpns=date(2022, 10, 1), education="S2",
                        birth_date=date(1993, 7, 1), supervisor_nip=supervisor["nip"])  # fmt: skip
    nip = cpns["nip"]
    await _ok(await personnel.post("/v1/employees", json=cpns), 201)

    # Training recommends Latsar; mentoring makes the supervisor the Latsar mentor.
    await wait_for(lambda: training.get(f"/v1/employees/{nip}/recommendations"),
                     until=lambda r: any(i["rule"] == "NEW_CPNS" for i in r.json()["items"]),
                     what="Latsar recommended")  # fmt: skip
    mentorships = await wait_for(lambda: mentoring.get(f"/v1/employees/{nip}/mentorships"),
                                   until=lambda r: r.status_code == 200 and r.json()["as_mentee"],
                                   what="a Latsar mentor")  # fmt: skip
    latsar = mentorships.json()["as_mentee"][0]
    assert latsar["program"] == "LATSAR" and latsar["mentor_nip"] == supervisor["nip"]

    # Appointed PNS.
    await _ok(await personnel.patch(f"/v1/employees/{nip}", headers=ACTOR, json={
        "employment_type": "PNS", "effective_date": "2023-10-01", "reason": "Pengangkatan PNS"}))  # fmt: skip

    # Trainings completed: the JP ledger grows.
    code = f"RS-{uuid.uuid4().hex[:6].upper()}"
    await _ok(await training.post("/v1/courses", json={
        "code": code, "title": "Manajemen Rumah Sakit", "training_category": "TEKNIS",
        "training_method": "KLASIKAL", "jp": 24, "provider": "BPSDM Jawa Barat",
        "job_families": ["KESEHATAN"]}), 201)  # fmt: skip
    session = await _ok(await training.post("/v1/sessions", json={
        "course_code": code, "starts_on": today.isoformat(), "ends_on": today.isoformat(),
        "location": "Bandung", "capacity": 10}), 201)  # fmt: skip
    enrolment = await _ok(
        await training.post(f"/v1/sessions/{session['id']}/enrollments", json={"nip": nip}), 201
    )
    await _ok(await training.post(f"/v1/enrollments/{enrolment['id']}/completion", json={
        "passed": True, "score": 88, "certificate_number": f"SERT-{code}",
        "completed_on": today.isoformat()}))  # fmt: skip
    ledger = await _ok(await training.get(f"/v1/employees/{nip}/jp", params={"year": today.year}))
    assert ledger["classroom_jp"] >= 24

    # Two annual evaluations, BAIK, by the supervisor, for the two years the next KP period looks
    # at: the last one starts the clock.
    for year in _years_looked_at(today):
        await _ok(await evaluation.post("/v1/evaluations", json={
            "nip": nip, "evaluator_nip": supervisor["nip"], "period_type": "ANNUAL",
            "period": year, "hasil_kerja": "SESUAI", "perilaku_kerja": "SESUAI"}), 201)  # fmt: skip
    last_evaluation = time.monotonic()

    # PromotionRecommended -> a pending proposal in personnel.
    found = await wait_for(lambda: personnel.get("/v1/promotion-proposals", params={"nip": nip}),
                             until=lambda r: r.json()["total"] == 1, what="a pending proposal")  # fmt: skip
    proposal_seen = time.monotonic()
    proposal = found.json()["items"][0]
    assert proposal["status"] == "PENDING"
    assert (proposal["from_golongan"], proposal["to_golongan"]) == ("III/d", "IV/a")

    before = await _ok(await welfare.get(f"/v1/employees/{nip}/entitlements",
                                         params={"as_of": proposal["kp_period"]}))  # fmt: skip

    # HR approves with an SK: EmployeePromoted -> welfare raises housing and TPP.
    approved_at = time.monotonic()
    await _ok(await personnel.post(f"/v1/promotion-proposals/{proposal['id']}/approve", headers=ACTOR,
                                   json={"sk_number": "800/KP.01/BKD/2026", "sk_date": today.isoformat()}))  # fmt: skip
    after = await wait_for(
        lambda: welfare.get(f"/v1/employees/{nip}/entitlements", params={"as_of": proposal["kp_period"]}),
        until=lambda r: r.json()["employee"]["golongan"] == "IV/a",
        what="welfare following the promotion")  # fmt: skip
    allowance_changed = time.monotonic()
    amounts_before = {e["allowance"]: e["amount_idr"] for e in before["entitlements"]}
    amounts_after = {e["allowance"]: e["amount_idr"] for e in after.json()["entitlements"]}
    assert amounts_after["HOUSING"] > amounts_before["HOUSING"]
    assert amounts_after["TPP"] > amounts_before["TPP"]

    # Evaluation restarts the time in rank from the new TMT.
    eligibility = await wait_for(
        lambda: evaluation.get(f"/v1/employees/{nip}/promotion-eligibility", params={"as_of": proposal["kp_period"]}),
        until=lambda r: r.json()["from_golongan"] == "IV/a", what="evaluation seeing the new rank")  # fmt: skip
    assert eligibility.json()["eligible"] is False
    assert eligibility.json()["years_in_rank"] == 0

    # The timeline shows every step.
    expected = {"EmployeeRegistered", "TrainingRecommended", "MentorshipStarted", "EmployeeUpdated",
                "TrainingEnrolled", "TrainingCompleted", "EvaluationRecorded", "PromotionRecommended",
                "EmployeePromoted", "AllowanceEntitlementChanged"}  # fmt: skip
    timeline = await wait_for(lambda: personnel.get(f"/v1/employees/{nip}/timeline", params={"limit": 200}),
                                until=lambda r: expected <= {e["kind"] for e in r.json()["items"]},
                                what="every step on the timeline")  # fmt: skip
    return StoryResult(
        nip=nip, supervisor_nip=supervisor["nip"], proposal=proposal,
        timeline=timeline.json()["items"],
        seconds_from_last_evaluation_to_proposal=proposal_seen - last_evaluation,
        seconds_from_approval_to_allowance=allowance_changed - approved_at,
        seconds_from_last_evaluation_to_allowance=allowance_changed - last_evaluation,
    )  # fmt: skip
