"""Reports: mentor load, mentorships per programme and status, average feedback per mentor."""

from __future__ import annotations

from fastapi import APIRouter

from mentoring.entrypoints.http.deps import NewUnitOfWork, Settings
from mentoring.entrypoints.http.schemas import (
    FeedbackReport,
    MentorLoadReport,
    MentorshipCountReport,
)

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get("/mentor-load", summary="Active mentees per mentor against capacity")
async def mentor_load(
    new_uow: NewUnitOfWork, settings: Settings, unit_code: str | None = None
) -> MentorLoadReport:
    async with new_uow() as uow:
        rows = await uow.reports.mentor_load(
            default_capacity=settings.default_mentor_capacity, unit_code=unit_code
        )
    return MentorLoadReport.model_validate({"items": rows, "total": len(rows)})


@router.get("/mentorships", summary="Mentorships per programme and status")
async def mentorship_counts(new_uow: NewUnitOfWork) -> MentorshipCountReport:
    async with new_uow() as uow:
        rows = await uow.reports.mentorship_counts()
    total = sum(r["count"] for r in rows)
    return MentorshipCountReport.model_validate({"items": rows, "total": total})


@router.get("/feedback", summary="Average feedback per mentor")
async def feedback(new_uow: NewUnitOfWork) -> FeedbackReport:
    async with new_uow() as uow:
        rows = await uow.reports.feedback_per_mentor()
    return FeedbackReport.model_validate({"items": rows, "total": len(rows)})
