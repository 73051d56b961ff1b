"""Request and response models of the HTTP API (XCreate / XUpdate / XPublic).

Responses are validated from the read models' rows or from the domain objects
(`from_attributes=True`); what a response derives (free slots, utilisation) it derives here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AliasPath, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from jenjang_shared.contracts.base import Nip
from jenjang_shared.contracts.vocabulary import MentoringProgram
from mentoring.domain.mentorship import FeedbackFrom, MentorshipStatus

JobFamily = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{1,49}$"),
    Field(examples=["PEKERJAAN_UMUM"], description="An uppercase job family code"),
]
Goal = Annotated[str, StringConstraints(min_length=1, max_length=500, strip_whitespace=True)]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class MentorCreate(_Body):
    nip: Nip = Field(description="A registered, active PNS")
    expertise: list[JobFamily] = Field(
        default_factory=list, max_length=20, description="Job families the mentor can guide"
    )
    capacity: int | None = Field(
        default=None, ge=1, le=50, description="Active mentees at most (default from settings: 3)"
    )


class MentorUpdate(_Body):
    expertise: list[JobFamily] | None = Field(default=None, max_length=20)
    capacity: int | None = Field(
        default=None, ge=1, le=50, description="Never below the current active mentees"
    )


class MentorPause(_Body):
    reason: str | None = Field(default=None, max_length=500, examples=["Cuti besar"])


class MentorPublic(BaseModel):
    nip: str
    name: str | None
    golongan: str | None
    unit_code: str | None
    job_family: str | None
    expertise: list[str]
    capacity: int
    active_mentees: int
    free_slots: int
    paused: bool
    pause_reason: str | None
    available: bool = Field(description="Not paused, not retired, with a free slot")

    @model_validator(mode="before")
    @classmethod
    def _availability(cls, row: Any) -> Any:
        # A read-model row has the load and the employee's status, not what follows from them.
        if not isinstance(row, Mapping) or "free_slots" in row:
            return row
        free = max(0, row["capacity"] - row["active_mentees"])
        available = not row["paused"] and row["status"] == "ACTIVE" and free > 0
        return {**row, "free_slots": free, "available": available}


class MentorshipCreate(_Body):
    mentor_nip: Nip
    mentee_nip: Nip
    program: MentoringProgram
    goals: list[Goal] = Field(default_factory=list, max_length=20)


class MentorshipPublic(BaseModel):
    id: str
    mentor_nip: str
    mentee_nip: str
    program: MentoringProgram
    goals: list[str]
    status: MentorshipStatus
    started_on: date
    origin: str = Field(description="REQUEST, MATCH, NEW_CPNS, WEAK_EVALUATION, REMATCH...")
    completed_on: date | None = None
    outcome: str | None = None
    jp_credit: int | None = Field(default=None, description="Non-classroom JP credited")
    ended_on: date | None = None
    cancel_reason: str | None = None
    replaces_id: str | None = Field(default=None, description="The mentorship this one replaces")


class SessionCreate(_Body):
    held_on: date = Field(description="From the start of the mentorship up to today")
    duration_minutes: int = Field(ge=1, le=600, examples=[90])
    notes: str | None = Field(default=None, max_length=5000)


class SessionPublic(BaseModel):
    id: str
    mentorship_id: str
    held_on: date
    duration_minutes: int
    notes: str | None


class FeedbackCreate(_Body):
    from_: FeedbackFrom | None = Field(
        default=None,
        alias="from",
        description="Which side gives it: MENTOR or MENTEE. The mentor's or mentee's own token"
        " decides it (naming the other side is a 403); admin and internal apps name it.",
    )
    rating: int = Field(ge=1, le=5)
    text: str | None = Field(default=None, max_length=2000)


class FeedbackPublic(BaseModel):
    from_role: FeedbackFrom
    rating: int
    text: str | None
    created_at: datetime | None = None


class CompletionCreate(_Body):
    outcome: str = Field(min_length=1, max_length=1000, examples=["Goals met"])
    completed_on: date


class CancelCreate(_Body):
    reason: str = Field(min_length=1, max_length=1000)


class MentorshipDetail(MentorshipPublic):
    sessions: list[SessionPublic]
    feedback: list[FeedbackPublic]
    total_minutes: int


class MatchRequest(_Body):
    mentee_nip: Nip
    program: MentoringProgram
    assign: bool = Field(default=False, description="Start the mentorship with the best match")
    limit: int = Field(default=10, ge=1, le=100, description="How many candidates to return")
    goals: list[Goal] = Field(default_factory=list, max_length=20)


class ReasonPublic(BaseModel):
    code: str = Field(description="SAME_JOB_FAMILY, EXPERTISE, SAME_UNIT, RANK_GAP, LOAD...")
    points: float
    detail: str


def _of_candidate(name: str) -> Any:
    # A ranked candidate (domain.matching.RankedCandidate) nests the employee's fields.
    return Field(validation_alias=AliasPath("candidate", name))


class CandidatePublic(BaseModel):
    mentor_nip: str = _of_candidate("nip")
    name: str | None = _of_candidate("name")
    golongan: str | None = _of_candidate("golongan")
    unit_code: str | None = _of_candidate("unit_code")
    job_family: str | None = _of_candidate("job_family")
    in_pool: bool = Field(
        validation_alias=AliasPath("candidate", "in_pool"),
        description="False for a superior counted as implicit mentor",
    )
    is_supervisor: bool
    active_mentees: int = _of_candidate("active_mentees")
    capacity: int = _of_candidate("capacity")
    score: float
    reasons: list[ReasonPublic]


class RejectedPublic(BaseModel):
    mentor_nip: str = Field(validation_alias="nip")
    rules: list[str] = Field(description="NOT_SELF, NOT_PNS, RETIRED, PAUSED, NOT_SENIOR...")


class MatchPublic(BaseModel):
    mentee_nip: str
    program: MentoringProgram
    candidates: list[CandidatePublic]
    rejected: list[RejectedPublic]
    rejection_counts: dict[str, int]
    mentorship: MentorshipPublic | None = Field(default=None, description="When assigned")


class UnmatchedPublic(BaseModel):
    id: str
    mentee_nip: str
    program: MentoringProgram
    origin: str
    reason: str
    rejections: dict[str, int]
    status: str = Field(description="PENDING, RESOLVED (mentorship_id) or CLOSED")
    mentorship_id: str | None
    created_at: datetime


class EmployeeMentorships(BaseModel):
    nip: str
    as_mentee: list[MentorshipPublic]
    as_mentor: list[MentorshipPublic]
    unmatched: list[UnmatchedPublic] = Field(description="Requests still waiting for a mentor")


class EmployeePublic(BaseModel):
    nip: str
    name: str | None
    employment_type: str | None
    golongan: str | None
    golongan_tmt: date | None
    unit_code: str | None
    unit_name: str | None
    job_family: str | None
    supervisor_nip: str | None
    status: str
    retired_on: date | None
    registered: bool


class MentorLoad(BaseModel):
    nip: str
    name: str | None
    unit_code: str | None
    in_pool: bool = Field(description="False for a superior mentoring as implicit mentor")
    capacity: int
    paused: bool
    active_mentees: int
    utilisation: float = Field(description="active mentees / capacity")

    @model_validator(mode="before")
    @classmethod
    def _utilisation(cls, row: Any) -> Any:
        if not isinstance(row, Mapping) or "utilisation" in row:
            return row
        return {**row, "utilisation": round(row["active_mentees"] / row["capacity"], 3)}


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
