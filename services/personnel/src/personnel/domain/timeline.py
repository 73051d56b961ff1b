"""The career timeline: what each event, from any topic, says about an employee's career.

Every entry names the employee (the event's partition key; mentoring events give one entry for
the mentee and one for the mentor), when it happened (the event's business date when it has
one, otherwise the date of the event time), a kind (the event name), a short summary in words,
and its source service. The event id is kept beside it as evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from jenjang_shared.contracts import (
    AllowanceEntitlementChanged,
    BenefitClaimDecided,
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
    Event,
    MentoringSessionRecorded,
    MentorshipCompleted,
    MentorshipStarted,
    PromotionProposalRejected,
    PromotionRecommendationWithdrawn,
    PromotionRecommended,
    TrainingCompleted,
    TrainingEnrolled,
    TrainingRecommended,
)


@dataclass(frozen=True)
class TimelineEntry:
    nip: str
    occurred_on: date
    kind: str
    summary: str
    source: str


def _registered(e: EmployeeRegistered) -> tuple[date | None, str]:
    return e.tmt_cpns or e.golongan_tmt, (
        f"Registered as {e.employment_type.value} {e.golongan}, {e.position_title} at "
        f"{e.unit_name} ({e.unit_code})"
    )


def _updated(e: EmployeeUpdated) -> tuple[date | None, str]:
    # Only the fields that changed travel (absent = unchanged), shown in their JSON form.
    changed = e.changes.model_dump(mode="json")
    shown = ", ".join(f"{k}={v}" for k, v in sorted(changed.items()))
    why = f" ({e.reason})" if e.reason else ""
    return e.effective_date, f"Record updated: {shown}{why}"


def _transferred(e: EmployeeTransferred) -> tuple[date | None, str]:
    return e.effective_date, (
        f"Transferred from {e.from_unit_code} to {e.to_unit_name} ({e.to_unit_code}) as "
        f"{e.position_title}"
    )


def _promoted(e: EmployeePromoted) -> tuple[date | None, str]:
    return e.tmt, (
        f"Promoted {e.from_golongan} -> {e.to_golongan}, TMT {e.tmt.isoformat()} "
        f"(SK {e.sk_number} of {e.sk_date.isoformat()})"
    )


def _rejected(e: PromotionProposalRejected) -> tuple[date | None, str]:
    target = f" to {e.to_golongan}" if e.to_golongan else ""
    return None, f"Promotion proposal{target} rejected: {e.reason}"


def _retired(e: EmployeeRetired) -> tuple[date | None, str]:
    return e.retirement_date, f"Retired on {e.retirement_date.isoformat()} ({e.reason})"


def _enrolled(e: TrainingEnrolled) -> tuple[date | None, str]:
    return e.starts_on, f"Enrolled in {e.course_code} starting {e.starts_on.isoformat()}"


def _trained(e: TrainingCompleted) -> tuple[date | None, str]:
    return e.completed_on, (
        f"Completed {e.title} ({e.training_category.value}, {e.jp} JP), certificate "
        f"{e.certificate_number}"
    )


def _training_recommended(e: TrainingRecommended) -> tuple[date | None, str]:
    return None, f"Training recommended: {', '.join(e.course_codes)} ({e.reason})"


def _evaluated(e: EvaluationRecorded) -> tuple[date | None, str]:
    return None, (
        f"Evaluation {e.period_type.value} {e.period}: predikat {e.predikat.value} "
        f"(hasil kerja {e.hasil_kerja.value}, perilaku kerja {e.perilaku_kerja.value})"
    )


def _recommended(e: PromotionRecommended) -> tuple[date | None, str]:
    return None, (
        f"Recommended for promotion {e.from_golongan} -> {e.to_golongan} at KP period "
        f"{e.kp_period.isoformat()} (rules {e.rules_version})"
    )


def _recommendation_withdrawn(e: PromotionRecommendationWithdrawn) -> tuple[date | None, str]:
    return None, (
        f"Promotion recommendation to {e.to_golongan} at KP period {e.kp_period.isoformat()} "
        f"withdrawn: {e.reason}"
    )


def _allowance(e: AllowanceEntitlementChanged) -> tuple[date | None, str]:
    return e.effective_from, (
        f"{e.allowance.value} allowance {e.previous_amount_idr} -> {e.amount_idr} IDR/month "
        f"({e.reason})"
    )


def _claim(e: BenefitClaimDecided) -> tuple[date | None, str]:
    why = f": {e.reason}" if e.reason else ""
    return None, f"{e.kind} claim of {e.amount_idr} IDR {e.decision.value.lower()}{why}"


_SINGLE: dict[type[Event], Callable[[Any], tuple[date | None, str]]] = {
    EmployeeRegistered: _registered,
    EmployeeUpdated: _updated,
    EmployeeTransferred: _transferred,
    EmployeePromoted: _promoted,
    PromotionProposalRejected: _rejected,
    EmployeeRetired: _retired,
    TrainingEnrolled: _enrolled,
    TrainingCompleted: _trained,
    TrainingRecommended: _training_recommended,
    EvaluationRecorded: _evaluated,
    PromotionRecommended: _recommended,
    PromotionRecommendationWithdrawn: _recommendation_withdrawn,
    AllowanceEntitlementChanged: _allowance,
    BenefitClaimDecided: _claim,
}


def _mentoring(
    e: MentorshipStarted | MentoringSessionRecorded | MentorshipCompleted,
) -> tuple[date, str, str]:
    if isinstance(e, MentorshipStarted):
        return e.started_on, f"{e.program.value} mentorship started", ""
    if isinstance(e, MentoringSessionRecorded):
        return e.held_on, "Mentoring session", f" ({e.duration_minutes} minutes)"
    return e.completed_on, "Mentorship completed", f": {e.outcome} ({e.jp_credit} JP)"


def entries_for(event: Event, *, event_day: date) -> list[TimelineEntry]:
    """The timeline entries an event adds; `event_day` is used when it has no business date."""
    kind, source = event.event_name, event.service
    if isinstance(event, MentorshipStarted | MentoringSessionRecorded | MentorshipCompleted):
        day, what, tail = _mentoring(event)
        return [
            TimelineEntry(
                event.mentee_nip, day, kind, f"{what} with mentor {event.mentor_nip}{tail}", source
            ),
            TimelineEntry(
                event.mentor_nip, day, kind, f"{what} as mentor of {event.mentee_nip}{tail}", source
            ),
        ]
    describe = _SINGLE.get(type(event))
    if describe is None:
        return [TimelineEntry(event.partition_key, event_day, kind, kind, source)]
    business_day, summary = describe(event)
    return [TimelineEntry(event.partition_key, business_day or event_day, kind, summary, source)]
