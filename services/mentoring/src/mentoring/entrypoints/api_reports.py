"""Reports: mentor load, mentorships per programme and status, average feedback per mentor."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from jenjang_shared.web.app import Runtime
from mentoring.adapters import reports
from mentoring.entrypoints.deps import policy_of

router = APIRouter(prefix="/v1/reports", tags=["reports"])


class MentorLoad(BaseModel):
    nip: str
    name: str | None
    unit_code: str | None
    in_pool: bool = Field(description="False for a superior mentoring as implicit mentor")
    capacity: int
    paused: bool
    active_mentees: int
    utilisation: float = Field(description="active mentees / capacity")


class MentorLoadReport(BaseModel):
    items: list[MentorLoad]
    total: int


class MentorshipCount(BaseModel):
    program: str
    status: str
    count: int


class MentorshipCountReport(BaseModel):
    items: list[MentorshipCount]
    total: int = Field(description="All mentorships")


class MentorFeedback(BaseModel):
    nip: str
    name: str | None
    average_from_mentees: float | None
    ratings_from_mentees: int
    average_from_mentor: float | None = Field(description="How the mentor rated the mentorships")
    ratings_from_mentor: int


class FeedbackReport(BaseModel):
    items: list[MentorFeedback]
    total: int


@router.get("/mentor-load", summary="Active mentees per mentor against capacity")
async def mentor_load(runtime: Runtime, unit_code: str | None = None) -> MentorLoadReport:
    async with runtime.connection() as conn:
        rows = await reports.mentor_load(
            conn, default_capacity=policy_of(runtime).default_capacity, unit_code=unit_code
        )
    items = [
        MentorLoad(**r, utilisation=round(r["active_mentees"] / r["capacity"], 3)) for r in rows
    ]
    return MentorLoadReport(items=items, total=len(items))


@router.get("/mentorships", summary="Mentorships per programme and status")
async def mentorship_counts(runtime: Runtime) -> MentorshipCountReport:
    async with runtime.connection() as conn:
        rows = await reports.mentorship_counts(conn)
    return MentorshipCountReport(
        items=[MentorshipCount(**r) for r in rows], total=sum(r["count"] for r in rows)
    )


@router.get("/feedback", summary="Average feedback per mentor")
async def feedback(runtime: Runtime) -> FeedbackReport:
    async with runtime.connection() as conn:
        rows = await reports.feedback_per_mentor(conn)
    return FeedbackReport(items=[MentorFeedback(**r) for r in rows], total=len(rows))
