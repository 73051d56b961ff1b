"""Matching, mentorships under concurrency, sessions, feedback, completion and JP credit."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
import pytest_asyncio

from jenjang_shared.contracts import (
    MentoringSessionRecorded,
    MentorshipCompleted,
    MentorshipStarted,
)
from jenjang_testing.builders import new_nip
from jenjang_testing.fixtures import StartService
from jenjang_testing.harness import ServiceHarness
from jenjang_testing.outbox import published_payloads
from mentoring.config import MentoringSettings
from mentoring.main import create_app

from .support import CLOCK, TODAY, apply, pool_mentor, registered


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def svc(start_service: StartService) -> AsyncIterator[ServiceHarness]:
    """Room for ten requests racing for one mentor, and a cap on the JP a mentorship credits."""
    async with start_service(
        create_app,
        MentoringSettings,
        app_options={"clock": CLOCK},
        db_pool_max_size=12,
        jp_credit_cap=10,
    ) as harness:
        yield harness


async def mentee(svc: ServiceHarness, **fields: Any) -> str:
    event = registered(**{"employment_type": "PNS", "golongan": "III/a", **fields})
    await apply(svc, event)
    return event.nip


async def start(
    svc: ServiceHarness, mentor: str, mentee_nip: str, program: str = "DEVELOPMENT"
) -> httpx.Response:
    return await svc.client.post(
        "/v1/mentorships",
        json={
            "mentor_nip": mentor,
            "mentee_nip": mentee_nip,
            "program": program,
            "goals": ["Plan a project"],
        },
    )


async def test_match_ranks_candidates_with_reasons_and_assigns_the_best(
    svc: ServiceHarness,
) -> None:
    unit = f"U{new_nip()[-6:]}"
    best = await pool_mentor(svc, unit_code=unit, golongan="III/d", expertise=["PEKERJAAN_UMUM"])
    other = await pool_mentor(svc, unit_code="ELSEWHERE", job_family="UMUM", golongan="IV/a")
    junior = await pool_mentor(svc, unit_code=unit, golongan="II/d")
    who = await mentee(svc, unit_code=unit)
    response = await svc.client.post(
        "/v1/mentorships/match", json={"mentee_nip": who, "program": "DEVELOPMENT", "limit": 100}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    ranked = [c["mentor_nip"] for c in body["candidates"]]
    assert ranked.index(best) < ranked.index(other)
    assert junior not in ranked
    assert {"mentor_nip": junior, "rules": ["NOT_SENIOR"]} in body["rejected"]
    top = body["candidates"][0]
    assert top["mentor_nip"] == best
    assert {r["code"] for r in top["reasons"]} >= {
        "SAME_JOB_FAMILY",
        "EXPERTISE",
        "SAME_UNIT",
        "RANK_GAP",
        "LOAD",
    }
    assigned = await svc.client.post(
        "/v1/mentorships/match", json={"mentee_nip": who, "program": "DEVELOPMENT", "assign": True}
    )
    assert assigned.status_code == 200
    assert assigned.json()["mentorship"]["mentor_nip"] == best
    started = await published_payloads(svc.runtime, MentorshipStarted, who)
    assert [(p["mentor_nip"], p["program"]) for p in started] == [(best, "DEVELOPMENT")]


async def test_assign_with_nobody_eligible_is_a_409_saying_why(svc: ServiceHarness) -> None:
    top_rank = await mentee(svc, golongan="IV/e", unit_code="NOBODY_ABOVE")
    response = await svc.client.post(
        "/v1/mentorships/match",
        json={"mentee_nip": top_rank, "program": "COACHING", "assign": True},
    )
    assert response.status_code == 409
    assert "does not outrank the mentee" in response.json()["detail"]
    assert await published_payloads(svc.runtime, MentorshipStarted, top_rank) == []


async def test_capacity_holds_when_ten_requests_race(svc: ServiceHarness) -> None:
    mentor = await pool_mentor(svc, golongan="IV/b", capacity=3)
    mentees = [await mentee(svc) for _ in range(10)]
    responses = await asyncio.gather(*(start(svc, mentor, m) for m in mentees))
    codes = sorted(r.status_code for r in responses)
    assert codes == [201] * 3 + [409] * 7, [
        r.text for r in responses if r.status_code not in (201, 409)
    ]
    load = (await svc.client.get(f"/v1/mentors/{mentor}")).json()
    assert (load["active_mentees"], load["free_slots"]) == (3, 0)
    listed = await svc.client.get(
        "/v1/mentorships", params={"mentor_nip": mentor, "status": "ACTIVE"}
    )
    assert listed.json()["total"] == 3


async def test_one_active_mentorship_per_mentee_and_program(svc: ServiceHarness) -> None:
    a = await pool_mentor(svc, golongan="IV/a")
    b = await pool_mentor(svc, golongan="IV/a")
    who = await mentee(svc)
    assert (await start(svc, a, who)).status_code == 201
    assert (await start(svc, b, who)).status_code == 409
    assert (await start(svc, b, who, "COACHING")).status_code == 201


@pytest.mark.parametrize(
    ("mentor_fields", "mentee_fields", "status", "words"),
    [
        ({"golongan": "III/a"}, {"golongan": "III/a"}, 422, "does not outrank"),
        ({"golongan": "III/a"}, {"golongan": "III/b"}, 422, "does not outrank"),
        (
            {"golongan": "IV/a"},
            {"golongan": "IX", "employment_type": "PPPK"},
            422,
            "does not outrank",
        ),
    ],
)
async def test_a_direct_request_breaking_a_hard_rule_is_refused(
    svc: ServiceHarness,
    mentor_fields: dict[str, Any],
    mentee_fields: dict[str, Any],
    status: int,
    words: str,
) -> None:
    mentor = await pool_mentor(svc, **mentor_fields)
    who = await mentee(svc, **mentee_fields)
    response = await start(svc, mentor, who)
    assert response.status_code == status and words in response.json()["detail"]


async def test_self_mentoring_paused_and_outside_the_pool_are_refused(svc: ServiceHarness) -> None:
    mentor = await pool_mentor(svc, golongan="IV/a")
    assert (await start(svc, mentor, mentor)).status_code == 422
    await svc.client.post(f"/v1/mentors/{mentor}/pause")
    paused = await start(svc, mentor, await mentee(svc))
    assert paused.status_code == 409 and "paused" in paused.json()["detail"]
    outsider = await mentee(svc, golongan="IV/c")
    refused = await start(svc, outsider, await mentee(svc))
    assert refused.status_code == 422 and "not in the mentor pool" in refused.json()["detail"]


async def test_sessions_feedback_and_completion_credit_jp(svc: ServiceHarness) -> None:
    mentor = await pool_mentor(svc, golongan="IV/a")
    who = await mentee(svc)
    created = (await start(svc, mentor, who)).json()
    mid = created["id"]
    for minutes in (60, 60, 30):
        r = await svc.client.post(
            f"/v1/mentorships/{mid}/sessions",
            json={"held_on": TODAY.isoformat(), "duration_minutes": minutes, "notes": "RAB review"},
        )
        assert r.status_code == 201, r.text
    for side, rating in (("MENTEE", 5), ("MENTOR", 4)):
        r = await svc.client.post(
            f"/v1/mentorships/{mid}/feedback", json={"from": side, "rating": rating}
        )
        assert r.status_code == 201, r.text
    again = await svc.client.post(
        f"/v1/mentorships/{mid}/feedback", json={"from": "MENTEE", "rating": 1}
    )
    assert again.status_code == 409
    done = await svc.client.post(
        f"/v1/mentorships/{mid}/completion",
        json={"outcome": "Goals met", "completed_on": TODAY.isoformat()},
    )
    assert done.status_code == 200, done.text
    assert (done.json()["status"], done.json()["jp_credit"]) == ("COMPLETED", 3)  # 150 min // 45
    sessions = await published_payloads(svc.runtime, MentoringSessionRecorded, who)
    assert [s["duration_minutes"] for s in sessions] == [60, 60, 30]
    completed = await published_payloads(svc.runtime, MentorshipCompleted, who)
    assert [(c["jp_credit"], c["outcome"], c["program"]) for c in completed] == [
        (3, "Goals met", "DEVELOPMENT")
    ]
    detail = (await svc.client.get(f"/v1/mentorships/{mid}")).json()
    assert detail["total_minutes"] == 150 and len(detail["feedback"]) == 2
    both = (await svc.client.get(f"/v1/employees/{mentor}/mentorships")).json()
    assert [m["id"] for m in both["as_mentor"]] == [mid] and both["as_mentee"] == []
    assert [
        m["id"]
        for m in (await svc.client.get(f"/v1/employees/{who}/mentorships")).json()["as_mentee"]
    ] == [mid]
    twice = await svc.client.post(
        f"/v1/mentorships/{mid}/completion",
        json={"outcome": "Again", "completed_on": TODAY.isoformat()},
    )
    assert twice.status_code == 409
    assert len(await published_payloads(svc.runtime, MentorshipCompleted, who)) == 1


async def test_the_jp_credit_is_capped_by_the_settings(svc: ServiceHarness) -> None:
    mentor = await pool_mentor(svc, golongan="IV/a")
    mid = (await start(svc, mentor, await mentee(svc))).json()["id"]
    for _ in range(2):
        await svc.client.post(
            f"/v1/mentorships/{mid}/sessions",
            json={"held_on": TODAY.isoformat(), "duration_minutes": 600},
        )
    done = await svc.client.post(
        f"/v1/mentorships/{mid}/completion",
        json={"outcome": "ok", "completed_on": TODAY.isoformat()},
    )
    assert done.json()["jp_credit"] == 10  # 1200 // 45 = 26, capped at 10


async def test_bad_input_on_a_mentorship_changes_nothing(svc: ServiceHarness) -> None:
    mentor = await pool_mentor(svc, golongan="IV/a")
    who = await mentee(svc)
    mid = (await start(svc, mentor, who)).json()["id"]
    future = (TODAY + timedelta(days=1)).isoformat()
    past = (TODAY - timedelta(days=1)).isoformat()
    bad = [
        ("sessions", {"held_on": future, "duration_minutes": 30}, 422),
        ("sessions", {"held_on": past, "duration_minutes": 30}, 422),  # before the start
        ("sessions", {"held_on": TODAY.isoformat(), "duration_minutes": 0}, 422),
        ("sessions", {"held_on": "yesterday", "duration_minutes": 30}, 422),
        ("sessions", {"held_on": TODAY.isoformat()}, 422),
        ("feedback", {"from": "BOSS", "rating": 3}, 422),
        ("feedback", {"from": "MENTEE", "rating": 6}, 422),
        ("feedback", {"from": "MENTEE", "rating": 0}, 422),
        ("completion", {"outcome": "", "completed_on": TODAY.isoformat()}, 422),
        ("completion", {"outcome": "x", "completed_on": future}, 422),
        ("completion", {"outcome": "x", "completed_on": past}, 422),
        ("cancel", {"reason": ""}, 422),
    ]
    for path, body, status in bad:
        response = await svc.client.post(f"/v1/mentorships/{mid}/{path}", json=body)
        assert response.status_code == status, (path, body, response.text)
        assert response.json()["detail"]
    detail = (await svc.client.get(f"/v1/mentorships/{mid}")).json()
    assert (detail["status"], detail["sessions"], detail["feedback"]) == ("ACTIVE", [], [])
    assert await published_payloads(svc.runtime, MentoringSessionRecorded, who) == []
    unknown = "00000000-0000-0000-0000-000000000000"
    assert (
        await svc.client.post(f"/v1/mentorships/{unknown}/cancel", json={"reason": "x"})
    ).status_code == 404
    assert (await svc.client.get("/v1/mentorships/not-a-uuid")).status_code == 422
    for body in (
        {"mentor_nip": mentor, "mentee_nip": who, "program": "YOGA"},
        {"mentor_nip": mentor, "mentee_nip": "12", "program": "COACHING"},
        {"mentor_nip": mentor, "mentee_nip": new_nip(), "program": "COACHING"},
    ):
        assert (await svc.client.post("/v1/mentorships", json=body)).status_code == 422
    cancelled = await svc.client.post(
        f"/v1/mentorships/{mid}/cancel", json={"reason": "Mutual agreement"}
    )
    assert cancelled.json()["status"] == "CANCELLED"
    assert (
        await svc.client.post(f"/v1/mentorships/{mid}/cancel", json={"reason": "x"})
    ).status_code == 409
    late = await svc.client.post(
        f"/v1/mentorships/{mid}/feedback", json={"from": "MENTEE", "rating": 3}
    )
    assert late.status_code == 409


async def test_capacity_cannot_be_lowered_below_the_active_mentees(svc: ServiceHarness) -> None:
    mentor = await pool_mentor(svc, golongan="IV/a", capacity=3)
    for _ in range(2):
        assert (await start(svc, mentor, await mentee(svc))).status_code == 201
    assert (
        await svc.client.patch(f"/v1/mentors/{mentor}", json={"capacity": 1})
    ).status_code == 409
    assert (await svc.client.patch(f"/v1/mentors/{mentor}", json={"capacity": 2})).json()[
        "free_slots"
    ] == 0


async def test_reports(svc: ServiceHarness) -> None:
    load = (await svc.client.get("/v1/reports/mentor-load")).json()
    assert load["total"] >= 1 and all(i["active_mentees"] <= i["capacity"] for i in load["items"])
    counts = (await svc.client.get("/v1/reports/mentorships")).json()
    by_key = {(i["program"], i["status"]): i["count"] for i in counts["items"]}
    assert by_key[("DEVELOPMENT", "COMPLETED")] >= 2
    assert counts["total"] == sum(by_key.values())
    feedback = (await svc.client.get("/v1/reports/feedback")).json()
    assert any(i["average_from_mentees"] == 5.0 for i in feedback["items"])


@pytest.mark.parametrize(
    "body",
    [
        {"mentee_nip": "199901012025011999", "program": "COACHING"},  # never registered
        {"mentee_nip": "1999", "program": "COACHING"},
        {"mentee_nip": "199901012025011999", "program": "KARATE"},
        {"mentee_nip": "199901012025011999", "program": "COACHING", "limit": 0},
        {"program": "COACHING"},
    ],
)
async def test_bad_match_requests_get_a_clear_422(
    svc: ServiceHarness, body: dict[str, Any]
) -> None:
    response = await svc.client.post("/v1/mentorships/match", json={**body, "assign": True})
    assert response.status_code == 422 and response.json()["detail"]


async def test_a_superior_outside_the_pool_may_take_their_cpns_for_latsar_only(
    svc: ServiceHarness,
) -> None:
    boss = await mentee(svc, golongan="III/d")  # a PNS, not in the pool
    cpns = await mentee(svc, employment_type="CPNS", golongan="III/a", supervisor_nip=boss)
    assert (await start(svc, boss, cpns, "DEVELOPMENT")).status_code == 422
    [auto] = (await svc.client.get(f"/v1/employees/{cpns}/mentorships")).json()["as_mentee"]
    assert (auto["mentor_nip"], auto["program"]) == (boss, "LATSAR")  # from the registration
    assert (await start(svc, boss, cpns, "LATSAR")).status_code == 409
    await svc.client.post(f"/v1/mentorships/{auto['id']}/cancel", json={"reason": "Redo"})
    latsar = await start(svc, boss, cpns, "LATSAR")
    assert latsar.status_code == 201, latsar.text
