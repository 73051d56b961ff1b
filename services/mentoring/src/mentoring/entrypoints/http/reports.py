"""Reports: mentor load, mentorships per programme and status, average feedback per mentor.

For HR (over its units: mentors of its units, mentorships with a party in them) and admin."""

from __future__ import annotations

from fastapi import APIRouter

from jenjang_shared.access import Visibility
from mentoring.entrypoints.http.deps import HrOrAdmin, NewUnitOfWork, Settings
from mentoring.entrypoints.http.schemas import (
    FeedbackReport,
    MentorLoadReport,
    MentorshipCountReport,
)
from mentoring.service import reads

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get("/mentor-load", summary="Active mentees per mentor against capacity")
async def mentor_load(
    caller: HrOrAdmin, new_uow: NewUnitOfWork, settings: Settings, unit_code: str | None = None
) -> MentorLoadReport:
    async with new_uow() as uow:
        rows = await uow.reports.mentor_load(
            default_capacity=settings.default_mentor_capacity,
            unit_code=unit_code,
            visibility=Visibility.of(caller),
        )
    return MentorLoadReport.model_validate({"items": rows, "total": len(rows)})


@router.get("/mentorships", summary="Mentorships per programme and status")
async def mentorship_counts(caller: HrOrAdmin, new_uow: NewUnitOfWork) -> MentorshipCountReport:
    async with new_uow() as uow:
        rows = await uow.reports.mentorship_counts(visibility=Visibility.of(caller))
    total = sum(r["count"] for r in rows)
    return MentorshipCountReport.model_validate({"items": rows, "total": total})


@router.get("/feedback", summary="Average feedback per mentor")
async def feedback(caller: HrOrAdmin, new_uow: NewUnitOfWork) -> FeedbackReport:
    """Ratings of people: each read is audited."""
    async with new_uow() as uow:
        rows = await reads.feedback_report(uow, visibility=Visibility.of(caller))
    return FeedbackReport.model_validate({"items": rows, "total": len(rows)})
