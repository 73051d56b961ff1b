"""Enrolment: capacity under concurrency, the waitlist, every refusal, attendance, completion."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import httpx

from jenjang_shared.contracts import TrainingCompleted, TrainingEnrolled
from jenjang_shared.contracts.vocabulary import EmploymentType, MentoringProgram
from jenjang_testing import builders
from jenjang_testing.harness import ServiceHarness
from jenjang_testing.outbox import published_payloads

from .support import TODAY, apply, make_course, make_session, table_count


async def employee(svc: ServiceHarness, **overrides: Any) -> str:
    nip = builders.new_nip()
    await apply(svc, builders.employee_registered(nip, **overrides))
    return nip


async def enroll(svc: ServiceHarness, session_id: str, nip: str) -> httpx.Response:
    return await svc.client.post(f"/v1/sessions/{session_id}/enrollments", json={"nip": nip})


async def test_twenty_parallel_enrolments_fill_five_places_and_waitlist_fifteen_in_order(
    svc: ServiceHarness,
) -> None:
    nips = list(await asyncio.gather(*(employee(svc) for _ in range(20))))
    course = await make_course(svc)
    session = await make_session(svc, course["code"], capacity=5)

    responses = await asyncio.gather(*(enroll(svc, session["id"], nip) for nip in nips))

    assert all(r.status_code == 201 for r in responses), [r.text for r in responses]
    bodies = [r.json() for r in responses]
    confirmed = [b for b in bodies if b["status"] == "CONFIRMED"]
    waitlisted = [b for b in bodies if b["status"] == "WAITLISTED"]
    assert len(confirmed) == 5 and len(waitlisted) == 15
    assert sorted(b["waitlist_position"] for b in waitlisted) == list(range(1, 16))
    published = [
        e
        for nip in nips
        for e in await published_payloads(svc.runtime, TrainingEnrolled, nip)
        if e["session_id"] == session["id"]
    ]
    assert sorted(e["nip"] for e in published) == sorted(b["nip"] for b in confirmed)
    shown = (await svc.client.get(f"/v1/sessions/{session['id']}")).json()
    assert (shown["confirmed"], shown["waitlisted"], shown["places_left"]) == (5, 15, 0)

    # Cancelling a place moves the first of the waitlist up, and announces it.
    first_waiting = min(waitlisted, key=lambda b: b["waitlist_position"])
    cancelled = await svc.client.delete(f"/v1/enrollments/{confirmed[0]['id']}")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "CANCELLED"
    moved = (await svc.client.get(f"/v1/enrollments/{first_waiting['id']}")).json()
    assert moved["status"] == "CONFIRMED" and moved["waitlist_position"] is None
    announced = await published_payloads(svc.runtime, TrainingEnrolled, first_waiting["nip"])
    assert [e["enrollment_id"] for e in announced] == [first_waiting["id"]]
    listing = (await svc.client.get(f"/v1/sessions/{session['id']}/enrollments")).json()
    positions = [e["waitlist_position"] for e in listing["items"] if e["status"] == "WAITLISTED"]
    assert positions == list(range(1, 15)) and listing["total"] == 20

    # Cancelling a waitlist entry frees no place: nobody else moves up.
    second = next(b for b in waitlisted if b["waitlist_position"] == 2)
    assert (await svc.client.delete(f"/v1/enrollments/{second['id']}")).status_code == 200
    shown = (await svc.client.get(f"/v1/sessions/{session['id']}")).json()
    assert (shown["confirmed"], shown["waitlisted"]) == (5, 13)
    again = await svc.client.delete(f"/v1/enrollments/{second['id']}")
    assert again.status_code == 409


async def test_an_unknown_employee_is_refused_with_404_naming_the_nip(svc: ServiceHarness) -> None:
    course = await make_course(svc)
    session = await make_session(svc, course["code"])
    nip = builders.new_nip()
    response = await enroll(svc, session["id"], nip)
    assert response.status_code == 404
    assert nip in response.json()["detail"] and "not known" in response.json()["detail"]


async def test_an_unknown_session_is_404(svc: ServiceHarness) -> None:
    nip = await employee(svc)
    response = await enroll(svc, "00000000-0000-0000-0000-000000000000", nip)
    assert response.status_code == 404


async def test_a_retired_employee_is_refused_with_409(svc: ServiceHarness) -> None:
    nip = await employee(svc)
    await apply(svc, builders.employee_retired(nip, retirement_date=TODAY))
    session = await make_session(svc, (await make_course(svc))["code"])
    response = await enroll(svc, session["id"], nip)
    assert response.status_code == 409 and "retired" in response.json()["detail"]


async def test_a_duplicate_enrolment_is_409_and_adds_nothing(svc: ServiceHarness) -> None:
    nip = await employee(svc)
    session = await make_session(svc, (await make_course(svc))["code"])
    assert (await enroll(svc, session["id"], nip)).status_code == 201
    before = await table_count(svc, "enrollments")
    response = await enroll(svc, session["id"], nip)
    assert response.status_code == 409 and "already enrolled" in response.json()["detail"]
    assert await table_count(svc, "enrollments") == before


async def test_a_missing_prerequisite_is_refused_naming_the_course_then_accepted_once_passed(
    svc: ServiceHarness,
) -> None:
    nip = await employee(svc)
    basic = await make_course(svc, jp=5)
    advanced = await make_course(svc, prerequisites=[basic["code"]])
    advanced_session = await make_session(svc, advanced["code"])
    refused = await enroll(svc, advanced_session["id"], nip)
    assert refused.status_code == 409 and basic["code"] in refused.json()["detail"]

    basic_session = await make_session(svc, basic["code"])
    enrolment = (await enroll(svc, basic_session["id"], nip)).json()
    failed = await svc.client.post(
        f"/v1/enrollments/{enrolment['id']}/completion",
        json={"passed": False, "score": 40, "completed_on": TODAY.isoformat()},
    )
    assert failed.status_code == 200 and failed.json()["status"] == "FAILED"
    assert (await enroll(svc, advanced_session["id"], nip)).status_code == 409

    retry = (await enroll(svc, (await make_session(svc, basic["code"]))["id"], nip)).json()
    await svc.client.post(
        f"/v1/enrollments/{retry['id']}/completion",
        json={"passed": True, "certificate_number": f"CERT-{nip}", "completed_on": str(TODAY)},
    )
    assert (await enroll(svc, advanced_session["id"], nip)).status_code == 201


async def test_a_pppk_is_refused_past_24_jp_in_the_year_counting_earned_and_enrolled(
    svc: ServiceHarness,
) -> None:
    nip = await employee(svc, employment_type=EmploymentType.PPPK)
    ten = await make_course(svc, jp=10)
    four = await make_course(svc, jp=4)
    five = await make_course(svc, jp=5)
    first = (await enroll(svc, (await make_session(svc, ten["code"]))["id"], nip)).json()
    await svc.client.post(
        f"/v1/enrollments/{first['id']}/completion",
        json={"passed": True, "certificate_number": f"P1-{nip}", "completed_on": str(TODAY)},
    )
    another_ten = await make_course(svc, jp=10)
    assert (
        await enroll(svc, (await make_session(svc, another_ten["code"]))["id"], nip)
    ).status_code == 201
    # 10 earned + 10 enrolled: 4 more makes exactly 24 (allowed), 5 more would make 25.
    refused = await enroll(svc, (await make_session(svc, five["code"]))["id"], nip)
    assert refused.status_code == 409 and "24 JP" in refused.json()["detail"]
    assert (
        await enroll(svc, (await make_session(svc, four["code"]))["id"], nip)
    ).status_code == 201
    ledger = (await svc.client.get(f"/v1/employees/{nip}/jp?year={TODAY.year}")).json()
    assert ledger["target"] == {"kind": "MAXIMUM", "jp": 24}
    assert (ledger["total_jp"], ledger["committed_jp"]) == (10, 14)
    assert ledger["remaining_allowance_jp"] == 0 and ledger["shortfall_jp"] is None


async def test_attendance_is_recorded_per_session_day_and_refused_outside_it(
    svc: ServiceHarness,
) -> None:
    nip = await employee(svc)
    session = await make_session(svc, (await make_course(svc))["code"])
    enrolment = (await enroll(svc, session["id"], nip)).json()
    url = f"/v1/enrollments/{enrolment['id']}/attendance"
    day2 = (TODAY + timedelta(days=1)).isoformat()
    assert (
        await svc.client.post(url, json={"day": str(TODAY), "present": True})
    ).status_code == 200
    response = await svc.client.post(url, json={"day": day2, "present": False})
    assert response.json()["attendance"] == [
        {"day": str(TODAY), "present": True},
        {"day": day2, "present": False},
    ]
    outside = await svc.client.post(
        url, json={"day": (TODAY + timedelta(days=3)).isoformat(), "present": True}
    )
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "day"


async def test_passing_publishes_training_completed_and_credits_the_ledger_once(
    svc: ServiceHarness,
) -> None:
    nip = await employee(svc)
    course = await make_course(svc, jp=12, title="Manajemen Rumah Sakit")
    enrolment = (await enroll(svc, (await make_session(svc, course["code"]))["id"], nip)).json()
    url = f"/v1/enrollments/{enrolment['id']}/completion"
    body = {
        "passed": True,
        "score": 88.5,
        "certificate_number": f"SERT-{nip}",
        "completed_on": str(TODAY),
    }

    done = await svc.client.post(url, json=body)

    assert done.status_code == 200, done.text
    assert (done.json()["status"], done.json()["jp_earned"]) == ("PASSED", 12)
    [event] = await published_payloads(svc.runtime, TrainingCompleted, nip)
    assert event["jp"] == 12 and event["course_code"] == course["code"]
    assert event["certificate_number"] == f"SERT-{nip}" and event["training_method"] == "KLASIKAL"
    ledger = (await svc.client.get(f"/v1/employees/{nip}/jp", params={"year": TODAY.year})).json()
    assert (ledger["classroom_jp"], ledger["non_classroom_jp"], ledger["total_jp"]) == (12, 0, 12)
    assert ledger["target"] == {"kind": "MINIMUM", "jp": 20} and ledger["shortfall_jp"] == 8
    assert ledger["entries"][0]["certificate_number"] == f"SERT-{nip}"

    twice = await svc.client.post(url, json=body)
    assert twice.status_code == 409
    assert len(await published_payloads(svc.runtime, TrainingCompleted, nip)) == 1


async def test_a_certificate_number_is_unique(svc: ServiceHarness) -> None:
    course = await make_course(svc)
    session = await make_session(svc, course["code"])
    a, b = await employee(svc), await employee(svc)
    first = (await enroll(svc, session["id"], a)).json()
    second = (await enroll(svc, session["id"], b)).json()
    body = {"passed": True, "certificate_number": f"DUP-{a}", "completed_on": str(TODAY)}
    assert (
        await svc.client.post(f"/v1/enrollments/{first['id']}/completion", json=body)
    ).status_code == 200
    clash = await svc.client.post(f"/v1/enrollments/{second['id']}/completion", json=body)
    assert clash.status_code == 409 and clash.json()["errors"][0]["field"] == "certificate_number"
    assert (await svc.client.get(f"/v1/enrollments/{second['id']}")).json()["status"] == "CONFIRMED"


async def test_completion_refuses_a_future_date_a_pass_without_certificate_and_a_waitlist_entry(
    svc: ServiceHarness,
) -> None:
    course = await make_course(svc)
    session = await make_session(svc, course["code"], capacity=1)
    a, b = await employee(svc), await employee(svc)
    placed = (await enroll(svc, session["id"], a)).json()
    waiting = (await enroll(svc, session["id"], b)).json()
    url = f"/v1/enrollments/{placed['id']}/completion"
    future = await svc.client.post(
        url, json={"passed": False, "completed_on": str(TODAY + timedelta(days=1))}
    )
    assert future.status_code == 422
    no_cert = await svc.client.post(url, json={"passed": True, "completed_on": str(TODAY)})
    assert (
        no_cert.status_code == 422 and no_cert.json()["errors"][0]["field"] == "certificate_number"
    )
    on_waitlist = await svc.client.post(
        f"/v1/enrollments/{waiting['id']}/completion",
        json={"passed": False, "completed_on": str(TODAY)},
    )
    assert on_waitlist.status_code == 409 and "WAITLISTED" in on_waitlist.json()["detail"]
    assert (await svc.client.get(f"/v1/enrollments/{placed['id']}")).json()["status"] == "CONFIRMED"


async def test_mentoring_credit_counts_as_non_classroom_jp_once(svc: ServiceHarness) -> None:
    nip = await employee(svc)
    event = builders.mentorship_completed(
        nip, completed_on=date(TODAY.year, 1, 15), jp_credit=6, program=MentoringProgram.COACHING
    )
    await apply(svc, event)
    await apply(svc, event)  # a second event id with the same mentorship

    ledger = (await svc.client.get(f"/v1/employees/{nip}/jp?year={TODAY.year}")).json()
    assert (ledger["classroom_jp"], ledger["non_classroom_jp"], ledger["total_jp"]) == (0, 6, 6)
    [entry] = ledger["entries"]
    assert (entry["source"], entry["training_category"], entry["training_method"]) == (
        "MENTORING",
        "MENTORING",
        "NONKLASIKAL",
    )
    last_year = (await svc.client.get(f"/v1/employees/{nip}/jp?year={TODAY.year - 1}")).json()
    assert last_year["total_jp"] == 0 and last_year["shortfall_jp"] == 20


async def test_retirement_releases_future_places_to_the_waitlist(svc: ServiceHarness) -> None:
    course = await make_course(svc)
    session = await make_session(svc, course["code"], capacity=1)
    leaving, waiting = await employee(svc), await employee(svc)
    await enroll(svc, session["id"], leaving)
    queued = (await enroll(svc, session["id"], waiting)).json()
    await apply(svc, builders.employee_retired(leaving, retirement_date=TODAY))
    assert (await svc.client.get(f"/v1/enrollments/{queued['id']}")).json()["status"] == "CONFIRMED"
    assert len(await published_payloads(svc.runtime, TrainingEnrolled, waiting)) == 1


async def test_a_place_in_a_session_that_has_ended_cannot_be_cancelled(
    svc: ServiceHarness,
) -> None:
    course = await make_course(svc)
    session = await make_session(svc, course["code"], capacity=1)
    holder, waiting = await employee(svc), await employee(svc)
    place = (await enroll(svc, session["id"], holder)).json()
    queued = (await enroll(svc, session["id"], waiting)).json()
    assert (place["status"], queued["status"]) == ("CONFIRMED", "WAITLISTED")
    # The API offers no session in the past: move this one back in the database.
    async with svc.runtime.pool.acquire() as conn:
        await conn.execute(
            "UPDATE sessions SET starts_on = $2, ends_on = $3 WHERE id = $1",
            session["id"],
            TODAY - timedelta(days=10),
            TODAY - timedelta(days=8),
        )

    refused = await svc.client.delete(f"/v1/enrollments/{place['id']}")
    assert refused.status_code == 409, refused.text
    assert "can no longer be cancelled" in refused.json()["detail"]
    assert (await svc.client.delete(f"/v1/enrollments/{queued['id']}")).status_code == 409

    assert (await svc.client.get(f"/v1/enrollments/{place['id']}")).json()["status"] == "CONFIRMED"
    still = (await svc.client.get(f"/v1/enrollments/{queued['id']}")).json()
    assert (still["status"], still["waitlist_position"]) == ("WAITLISTED", 1)
    shown = (await svc.client.get(f"/v1/sessions/{session['id']}")).json()
    assert (shown["confirmed"], shown["waitlisted"]) == (1, 1)
    assert await published_payloads(svc.runtime, TrainingEnrolled, waiting) == []
