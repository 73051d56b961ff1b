"""The promotion story, across all five services, by events alone."""

from __future__ import annotations

from .promotion_story import run_promotion_story


async def test_a_cpns_career_from_registration_to_a_promotion_and_its_allowances(stack):
    story = await run_promotion_story(stack)

    oldest_first = list(reversed(story.timeline))
    kinds = [entry["kind"] for entry in oldest_first]
    # Business order: registered, appointed PNS, evaluated, promoted (TMT = the KP period).
    assert kinds.index("EmployeeRegistered") < kinds.index("EmployeeUpdated")
    assert kinds.index("EmployeeUpdated") < kinds.index("EvaluationRecorded")
    assert kinds.index("EvaluationRecorded") < kinds.index("EmployeePromoted")
    dates = [entry["occurred_on"] for entry in oldest_first]
    assert dates == sorted(dates)
    assert all(entry["event_id"] for entry in story.timeline)  # each step has its evidence
    promoted = next(e for e in story.timeline if e["kind"] == "EmployeePromoted")
    assert promoted["occurred_on"] == story.proposal["kp_period"]
