"""The career timeline after events from every topic."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jenjang_shared.contracts import ALL_EVENTS, Event
from jenjang_testing.harness import ServiceHarness, deliver
from personnel.entrypoints.events import HANDLERS


async def timeline(svc: ServiceHarness, nip: str, **params: Any) -> dict[str, Any]:
    response = await svc.client.get(f"/v1/employees/{nip}/timeline", params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_personnel_handles_every_event_type_of_every_topic() -> None:
    assert set(HANDLERS) == set(ALL_EVENTS)


async def test_the_timeline_shows_every_topic_newest_first_with_event_ids(
    svc: ServiceHarness,
    make_registration: Callable[..., dict[str, Any]],
    events_of_each_type: Callable[[str, str], list[Event]],
) -> None:
    nip = make_registration()["nip"]  # never registered here: entries are kept anyway
    mentor = make_registration()["nip"]
    events = events_of_each_type(nip, mentor)
    bound = svc.app.state.handlers  # the table the consumer runs
    ids = {}
    for i, event in enumerate(events):
        ids[event.event_name] = f"evt-{nip}-{i}"
        assert await deliver(svc.runtime, bound, event, event_id=ids[event.event_name])
    # Redelivery adds nothing.
    assert not await deliver(svc.runtime, bound, events[1], event_id=ids[events[1].event_name])

    page = await timeline(svc, nip, limit=500)
    assert page["total"] == len(ALL_EVENTS)
    entries = page["items"]
    assert {e["kind"] for e in entries} == {m.event_name for m in ALL_EVENTS}
    assert {e["event_id"] for e in entries} == set(ids.values())
    assert {e["source"] for e in entries} == {
        "personnel",
        "training",
        "mentoring",
        "evaluation",
        "welfare",
    }
    days = [(e["occurred_on"], e["event_time"]) for e in entries]
    assert days == sorted(days, reverse=True)
    by_kind = {e["kind"]: e for e in entries}
    assert by_kind["EmployeeRetired"] == entries[0]
    assert by_kind["EmployeePromoted"]["occurred_on"] == "2025-04-01"
    assert "III/a -> III/b" in by_kind["EmployeePromoted"]["summary"]
    assert "predikat BAIK" in by_kind["EvaluationRecorded"]["summary"]

    mentor_page = await timeline(svc, mentor)
    assert {e["kind"] for e in mentor_page["items"]} == {
        "MentorshipStarted", "MentoringSessionRecorded", "MentorshipCompleted",
    }  # fmt: skip
    assert all(f"as mentor of {nip}" in e["summary"] for e in mentor_page["items"])

    second = await timeline(svc, nip, limit=5, offset=5)
    assert [e["event_id"] for e in second["items"]] == [e["event_id"] for e in entries[5:10]]
    assert (await svc.client.get("/v1/employees/123/timeline")).status_code == 422
