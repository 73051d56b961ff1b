"""Reactions to events, each applied exactly once (the same event id delivered twice)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from jenjang_shared.contracts import EmployeeRetired, EmployeeTransferred, MentorshipStarted
from jenjang_shared.contracts.base import Event
from jenjang_shared.contracts.vocabulary import PositionKind
from jenjang_testing.builders import evaluation_recorded, new_nip
from jenjang_testing.harness import ServiceHarness
from jenjang_testing.outbox import published_payloads

from .support import apply, pool_mentor, registered


async def twice(svc: ServiceHarness, event: Event) -> None:
    """Deliver the same event (same id) twice: the second must change nothing."""
    event_id = str(uuid.uuid4())
    assert await apply(svc, event, event_id=event_id) is True
    assert await apply(svc, event, event_id=event_id) is False


async def of(svc: ServiceHarness, nip: str) -> dict[str, Any]:
    response = await svc.client.get(f"/v1/employees/{nip}/mentorships")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def transferred(nip: str, to_unit: str = "DINKES") -> EmployeeTransferred:
    return EmployeeTransferred(
        nip=nip,
        from_unit_code="DPUPR",
        to_unit_code=to_unit,
        to_unit_name="Dinas",
        position_title="Kepala Seksi",
        position_kind=PositionKind.PENGAWAS,
        work_location="KAB_GARUT",
        effective_date=date(2025, 11, 1),
    )


async def test_a_new_cpns_gets_their_superior_as_latsar_mentor_once(svc: ServiceHarness) -> None:
    superior = registered(golongan="III/c", unit_code="LATSAR1")  # PNS, not in the pool
    await apply(svc, superior)
    await pool_mentor(svc, golongan="IV/a", unit_code="LATSAR1", expertise=["PEKERJAAN_UMUM"])
    cpns = registered(
        employment_type="CPNS", golongan="III/a", unit_code="LATSAR1", supervisor_nip=superior.nip
    )
    await twice(svc, cpns)
    mine = (await of(svc, cpns.nip))["as_mentee"]
    assert [(m["mentor_nip"], m["program"], m["origin"]) for m in mine] == [
        (superior.nip, "LATSAR", "NEW_CPNS")
    ]
    started = await published_payloads(svc.runtime, MentorshipStarted, cpns.nip)
    assert [(s["mentor_nip"], s["program"]) for s in started] == [(superior.nip, "LATSAR")]


async def test_a_cpns_whose_superior_is_not_eligible_gets_the_best_match(
    svc: ServiceHarness,
) -> None:
    superior = registered(
        golongan="III/a", unit_code="LATSAR2", job_family="LATSAR2"
    )  # same rank as the CPNS
    await apply(svc, superior)
    best = await pool_mentor(
        svc,
        golongan="III/d",
        unit_code="LATSAR2",
        job_family="LATSAR2",
        expertise=["PEKERJAAN_UMUM"],
    )
    cpns = registered(
        employment_type="CPNS",
        golongan="III/a",
        unit_code="LATSAR2",
        job_family="LATSAR2",
        supervisor_nip=superior.nip,
    )
    await apply(svc, cpns)
    assert [m["mentor_nip"] for m in (await of(svc, cpns.nip))["as_mentee"]] == [best]


async def test_a_cpns_nobody_can_mentor_is_kept_as_unmatched_then_matched(
    svc: ServiceHarness,
) -> None:
    cpns = registered(
        employment_type="CPNS", golongan="IV/d", unit_code="LATSAR3", job_family="LATSAR3"
    )
    await twice(svc, cpns)
    body = await of(svc, cpns.nip)
    assert body["as_mentee"] == []
    [waiting] = body["unmatched"]
    assert waiting["program"] == "LATSAR" and "no eligible mentor" in waiting["reason"]
    listed = (await svc.client.get("/v1/unmatched", params={"mentee_nip": cpns.nip})).json()
    assert listed["total"] == 1
    senior = await pool_mentor(svc, golongan="IV/e", unit_code="LATSAR3", job_family="LATSAR3")
    body = await of(svc, cpns.nip)
    assert [m["mentor_nip"] for m in body["as_mentee"]] == [senior] and body["unmatched"] == []
    resolved = (
        await svc.client.get("/v1/unmatched", params={"mentee_nip": cpns.nip, "status": "RESOLVED"})
    ).json()
    assert resolved["items"][0]["mentorship_id"] == body["as_mentee"][0]["id"]


async def test_a_weak_annual_predikat_gets_coaching_once_per_period(svc: ServiceHarness) -> None:
    coach = await pool_mentor(svc, golongan="IV/b", unit_code="COACH1", job_family="COACH1")
    weak = registered(golongan="III/a", unit_code="COACH1", job_family="COACH1")
    await apply(svc, weak)
    await twice(svc, evaluation_recorded(weak.nip, predikat="KURANG", period="2025"))
    await apply(
        svc, evaluation_recorded(weak.nip, predikat="SANGAT_KURANG", period="2025", version=2)
    )
    mine = (await of(svc, weak.nip))["as_mentee"]
    assert [(m["mentor_nip"], m["program"], m["origin"]) for m in mine] == [
        (coach, "COACHING", "WEAK_EVALUATION")
    ]
    assert len(await published_payloads(svc.runtime, MentorshipStarted, weak.nip)) == 1


async def test_good_or_periodic_evaluations_need_no_coaching(svc: ServiceHarness) -> None:
    await pool_mentor(svc, golongan="IV/b", unit_code="COACH2")
    fine = registered(golongan="III/a", unit_code="COACH2")
    await apply(svc, fine)
    await apply(svc, evaluation_recorded(fine.nip, predikat="BAIK"))
    await apply(svc, evaluation_recorded(fine.nip, predikat="SANGAT_BAIK", period="2024"))
    await apply(
        svc,
        evaluation_recorded(fine.nip, predikat="KURANG", period="2025-Q3", period_type="PERIODIC"),
    )
    assert (await of(svc, fine.nip))["as_mentee"] == []


async def test_an_evaluation_before_the_registration_is_kept_and_acted_on_later(
    svc: ServiceHarness,
) -> None:
    coach = await pool_mentor(svc, golongan="IV/b", unit_code="COACH3", job_family="COACH3")
    nip = new_nip()
    await apply(svc, evaluation_recorded(nip, predikat="BUTUH_PERBAIKAN"))
    assert len((await of(svc, nip))["unmatched"]) == 1
    await apply(
        svc,
        registered(nip, golongan="III/a", unit_code="COACH3", job_family="COACH3"),
    )
    body = await of(svc, nip)
    assert [(m["mentor_nip"], m["program"]) for m in body["as_mentee"]] == [(coach, "COACHING")]
    assert body["unmatched"] == []


async def test_a_transferred_mentor_has_their_mentees_rematched_once(svc: ServiceHarness) -> None:
    unit = "MOVE1"
    leaving = await pool_mentor(svc, golongan="IV/c", unit_code=unit, job_family=unit)
    staying = await pool_mentor(svc, golongan="IV/a", unit_code=unit, job_family=unit)
    mentees = []
    for _ in range(2):
        m = registered(golongan="III/a", unit_code=unit, job_family=unit)
        await apply(svc, m)
        r = await svc.client.post(
            "/v1/mentorships",
            json={
                "mentor_nip": leaving,
                "mentee_nip": m.nip,
                "program": "DEVELOPMENT",
                "goals": ["G"],
            },
        )
        assert r.status_code == 201
        mentees.append((m.nip, r.json()["id"]))
    await twice(svc, transferred(leaving))
    for nip, old_id in mentees:
        mine = {m["id"]: m for m in (await of(svc, nip))["as_mentee"]}
        assert (
            mine[old_id]["status"] == "CANCELLED" and "transferred" in mine[old_id]["cancel_reason"]
        )
        [new] = [m for m in mine.values() if m["status"] == "ACTIVE"]
        assert (new["mentor_nip"], new["replaces_id"], new["goals"]) == (staying, old_id, ["G"])
        started = await published_payloads(svc.runtime, MentorshipStarted, nip)
        assert [s["mentor_nip"] for s in started] == [leaving, staying]
    assert (await of(svc, leaving))["as_mentor"][0]["status"] == "CANCELLED"


async def test_a_retired_mentor_with_no_replacement_leaves_an_unmatched_request(
    svc: ServiceHarness,
) -> None:
    unit = "RETIRE1"
    mentor = await pool_mentor(svc, golongan="IV/e", unit_code=unit, job_family=unit)
    top = registered(golongan="IV/d", unit_code=unit, job_family=unit)
    await apply(svc, top)
    await svc.client.post(
        "/v1/mentorships",
        json={"mentor_nip": mentor, "mentee_nip": top.nip, "program": "DEVELOPMENT"},
    )
    # Nobody else may outrank IV/d: pause any other IV/e mentor other tests of this module added.
    pool = (await svc.client.get("/v1/mentors", params={"limit": 500})).json()["items"]
    for other in pool:
        if other["golongan"] == "IV/e" and other["nip"] != mentor:
            await svc.client.post(f"/v1/mentors/{other['nip']}/pause")
    await twice(svc, EmployeeRetired(nip=mentor, retirement_date=date(2025, 10, 1), reason="BUP"))
    body = await of(svc, top.nip)
    assert [m["status"] for m in body["as_mentee"]] == ["CANCELLED"]
    assert [u["origin"] for u in body["unmatched"]] == ["REMATCH"]


async def test_a_retired_mentee_has_their_mentorships_closed(svc: ServiceHarness) -> None:
    mentor = await pool_mentor(svc, golongan="IV/a", unit_code="RETIRE2", capacity=1)
    leaving = registered(golongan="III/a", unit_code="RETIRE2")
    await apply(svc, leaving)
    r = await svc.client.post(
        "/v1/mentorships",
        json={"mentor_nip": mentor, "mentee_nip": leaving.nip, "program": "COACHING"},
    )
    assert r.status_code == 201
    await twice(
        svc, EmployeeRetired(nip=leaving.nip, retirement_date=date(2025, 10, 1), reason="APS")
    )
    [closed] = (await of(svc, leaving.nip))["as_mentee"]
    assert closed["status"] == "CANCELLED" and "mentee retired" in closed["cancel_reason"]
    assert (await svc.client.get(f"/v1/mentors/{mentor}")).json()["free_slots"] == 1


async def test_events_that_do_not_apply_change_nothing_and_do_not_fail(svc: ServiceHarness) -> None:
    stranger = new_nip()
    await apply(svc, transferred(stranger))
    await apply(
        svc,
        EmployeeRetired(nip=new_nip(), retirement_date=date(2025, 1, 1), reason="BUP"),
    )
    body = await of(svc, stranger)
    assert body["as_mentee"] == [] and body["as_mentor"] == [] and body["unmatched"] == []


async def test_a_superior_registered_after_the_cpns_still_becomes_the_latsar_mentor(
    svc: ServiceHarness,
) -> None:
    superior_nip = new_nip()
    cpns = registered(
        employment_type="CPNS",
        golongan="IV/d",
        unit_code="LATE",
        job_family="LATE",
        supervisor_nip=superior_nip,
    )
    await apply(svc, cpns)  # events of two NIPs may come in any order
    assert len((await of(svc, cpns.nip))["unmatched"]) == 1
    await apply(svc, registered(superior_nip, golongan="IV/e", unit_code="LATE"))
    body = await of(svc, cpns.nip)
    assert [(m["mentor_nip"], m["origin"]) for m in body["as_mentee"]] == [
        (superior_nip, "PENDING_RESOLVED")
    ]


async def test_a_freed_slot_is_given_to_a_waiting_mentee(svc: ServiceHarness) -> None:
    unit = "SLOT1"
    mentor = await pool_mentor(svc, golongan="IV/e", unit_code=unit, job_family=unit, capacity=1)
    # Joining the pool may already have given it a request left waiting by an earlier test.
    load = (await svc.client.get(f"/v1/mentors/{mentor}")).json()["active_mentees"]
    await svc.client.patch(f"/v1/mentors/{mentor}", json={"capacity": load + 1})
    first = registered(golongan="IV/d", unit_code=unit, job_family=unit)
    await apply(svc, first)
    started = await svc.client.post(
        "/v1/mentorships",
        json={"mentor_nip": mentor, "mentee_nip": first.nip, "program": "COACHING"},
    )
    # Every other IV/e mentor of this module is paused (see the retired-mentor test) or full.
    pool = (await svc.client.get("/v1/mentors", params={"limit": 500})).json()["items"]
    for other in pool:
        if other["golongan"] == "IV/e" and other["nip"] != mentor and not other["paused"]:
            await svc.client.post(f"/v1/mentors/{other['nip']}/pause")
    waiting = registered(golongan="IV/d", unit_code=unit, job_family=unit)
    await apply(svc, waiting)
    await apply(svc, evaluation_recorded(waiting.nip, predikat="KURANG"))
    assert len((await of(svc, waiting.nip))["unmatched"]) == 1
    await svc.client.post(
        f"/v1/mentorships/{started.json()['id']}/cancel", json={"reason": "Moved on"}
    )
    body = await of(svc, waiting.nip)
    assert [(m["mentor_nip"], m["program"]) for m in body["as_mentee"]] == [(mentor, "COACHING")]
