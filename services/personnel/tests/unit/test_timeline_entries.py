"""Every contract gives timeline entries with its business date (mentoring: two people)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from jenjang_shared.contracts import ALL_EVENTS, Event
from personnel.domain.timeline import entries_for

NIP, MENTOR = "198609262015051001", "197001012000011001"
EVENT_DAY = date(2026, 11, 28)

BUSINESS_DATES = {
    "EmployeeUpdated": date(2025, 6, 2),
    "EmployeeTransferred": date(2025, 6, 2),
    "EmployeePromoted": date(2025, 4, 1),
    "EmployeeRetired": date(2044, 10, 1),
    "TrainingEnrolled": date(2025, 6, 2),
    "TrainingCompleted": date(2025, 7, 1),
    "MentorshipStarted": date(2025, 6, 2),
    "MentoringSessionRecorded": date(2025, 6, 9),
    "MentorshipCompleted": date(2025, 9, 1),
    "AllowanceEntitlementChanged": date(2025, 8, 1),
    "PromotionProposalRejected": EVENT_DAY,
    "TrainingRecommended": EVENT_DAY,
    "EvaluationRecorded": EVENT_DAY,
    "PromotionRecommended": EVENT_DAY,
    "PromotionRecommendationWithdrawn": EVENT_DAY,
    "BenefitClaimDecided": EVENT_DAY,
}


def test_each_event_type_gives_entries_dated_by_its_business_date(
    events_of_each_type: Callable[[str, str], list[Event]],
) -> None:
    events = events_of_each_type(NIP, MENTOR)
    assert {type(e) for e in events} == set(ALL_EVENTS)
    for event in events:
        entries = entries_for(event, event_day=EVENT_DAY)
        expected_nips = [NIP, MENTOR] if "Mentor" in event.event_name else [NIP]
        assert [e.nip for e in entries] == expected_nips, event.event_name
        for entry in entries:
            assert entry.kind == event.event_name
            assert entry.source == event.service
            assert entry.summary
            if event.event_name in BUSINESS_DATES:
                assert entry.occurred_on == BUSINESS_DATES[event.event_name], event.event_name


def test_registration_is_dated_by_the_first_appointment(
    events_of_each_type: Callable[[str, str], list[Event]],
) -> None:
    registered = events_of_each_type(NIP, MENTOR)[0]
    [entry] = entries_for(registered, event_day=EVENT_DAY)
    assert entry.occurred_on == getattr(registered, "tmt_cpns")  # noqa: B009
    assert "Registered as PNS III/b" in entry.summary
