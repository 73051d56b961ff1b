"""Request and response bodies of the HTTP API (XCreate / XPublic).

Responses are read from the service's results with `XPublic.model_validate(obj,
from_attributes=True)`: a field of a response is an attribute of what the use case returns."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator

from jenjang_shared.contracts import Nip
from jenjang_shared.contracts.vocabulary import EmploymentType, TrainingCategory, TrainingMethod
from training.domain.model import Course, EnrollmentStatus

CourseCode = Annotated[
    str,
    Field(
        min_length=2,
        max_length=50,
        pattern=r"^[A-Z0-9][A-Z0-9._-]*$",
        description="Course code: upper-case letters, digits, '.', '_' or '-'",
        examples=["LATSAR-CPNS-III"],
    ),
]
JobFamily = Annotated[
    str,
    Field(
        min_length=2,
        max_length=50,
        pattern=r"^[A-Z][A-Z0-9_]*$",
        description="Job family code (rumpun jabatan)",
        examples=["KESEHATAN"],
    ),
]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CourseCreate(_Body):
    code: CourseCode
    title: str = Field(min_length=1, max_length=200, examples=["Manajemen Rumah Sakit"])
    training_category: TrainingCategory
    training_method: TrainingMethod = Field(description="KLASIKAL (classroom) or NONKLASIKAL")
    jp: int = Field(
        gt=0, le=1000, description="Training hours (jam pelajaran) earned", examples=[24]
    )
    provider: str = Field(min_length=1, max_length=200, examples=["BPSDM Jawa Barat"])
    job_families: list[JobFamily] = Field(
        default_factory=list, max_length=50, description="Job families served; empty: everyone"
    )
    mandatory: bool = Field(default=False, description="Mandatory for the job families served")
    prerequisites: list[CourseCode] = Field(
        default_factory=list, max_length=50, description="Courses to pass first (existing codes)"
    )

    def to_domain(self) -> Course:
        return Course(
            code=self.code,
            title=self.title,
            training_category=self.training_category,
            training_method=self.training_method,
            jp=self.jp,
            provider=self.provider,
            job_families=tuple(dict.fromkeys(self.job_families)),
            mandatory=self.mandatory,
            prerequisites=tuple(dict.fromkeys(self.prerequisites)),
        )


class CoursePublic(BaseModel):
    code: str
    title: str
    training_category: TrainingCategory
    training_method: TrainingMethod
    jp: int
    provider: str
    job_families: list[str]
    mandatory: bool
    prerequisites: list[str]


class SessionCreate(_Body):
    course_code: CourseCode
    starts_on: date = Field(description="First day; today or later")
    ends_on: date = Field(description="Last day; on or after starts_on")
    location: str | None = Field(
        default=None, max_length=200, description="Where it is held (required unless online)"
    )
    online: bool = Field(default=False, description="Held online")
    capacity: int = Field(gt=0, le=10_000, description="Confirmed places", examples=[30])


class SessionPublic(BaseModel):
    id: uuid.UUID
    course_code: str
    starts_on: date
    ends_on: date
    location: str | None
    online: bool
    capacity: int
    confirmed: int = Field(description="Places taken (confirmed or completed)")
    waitlisted: int
    places_left: int


class EnrollmentCreate(_Body):
    nip: Nip = Field(description="The employee (must be known to training)")


class AttendanceDay(BaseModel):
    day: date
    present: bool


class AttendanceCreate(_Body):
    day: date = Field(description="A day of the session")
    present: bool


class CompletionCreate(_Body):
    passed: bool
    score: float | None = Field(default=None, ge=0, le=100, examples=[85.5])
    certificate_number: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Required when passed; unique",
        examples=["SERT/2025/000123"],
    )
    completed_on: date = Field(description="Between the session's start and today")


class EnrollmentPublic(BaseModel):
    id: uuid.UUID
    session_id: uuid.UUID
    nip: str
    course_code: str
    status: EnrollmentStatus
    waitlist_position: int | None = Field(description="1 = next to move up; only when WAITLISTED")
    enrolled_at: datetime | None
    score: float | None
    certificate_number: str | None
    completed_on: date | None
    jp_earned: int | None
    attendance: list[AttendanceDay] = Field(description="Per session day, in date order")

    @field_validator("attendance", mode="before")
    @classmethod
    def _days_in_order(cls, value: object) -> object:
        # The domain keeps attendance as {day: present}; the API lists it day by day.
        if isinstance(value, dict):
            return [{"day": day, "present": present} for day, present in sorted(value.items())]
        return value


class JpTargetPublic(BaseModel):
    kind: str = Field(description="MINIMUM (PNS/CPNS: at least) or MAXIMUM (PPPK: at most)")
    jp: int


class JpEntryPublic(BaseModel):
    source: str = Field(description="TRAINING or MENTORING")
    reference: str = Field(
        validation_alias=AliasChoices("reference", "source_ref"),
        description="The enrollment id or the mentorship id",
    )
    course_code: str | None
    title: str
    training_category: TrainingCategory
    training_method: TrainingMethod
    jp: int
    earned_on: date
    certificate_number: str | None


class JpLedgerPublic(BaseModel):
    nip: str
    year: int
    employment_type: EmploymentType | None
    classroom_jp: int = Field(description="KLASIKAL JP earned in the year")
    non_classroom_jp: int = Field(description="NONKLASIKAL JP, mentoring credit included")
    total_jp: int
    committed_jp: int = Field(description="JP enrolled for in the year, not yet completed")
    target: JpTargetPublic | None
    shortfall_jp: int | None = Field(description="PNS/CPNS: JP still missing to the minimum")
    remaining_allowance_jp: int | None = Field(
        description="PPPK: JP that may still be enrolled for (earned and enrolled counted)"
    )
    entries: list[JpEntryPublic]


class ShortfallPublic(BaseModel):
    nip: str
    name: str | None
    employment_type: EmploymentType | None
    unit_code: str | None
    total_jp: int
    shortfall_jp: int


class RecommendationPublic(BaseModel):
    reason_key: str = Field(examples=["WEAK_PREDIKAT:2025"])
    rule: str = Field(examples=["NEW_CPNS", "WEAK_PREDIKAT", "JP_SHORTFALL"])
    reason: str
    course_codes: list[str]
    created_at: datetime | None
    published: bool = Field(description="False while waiting for the employee's job family")


class SweepCreate(_Body):
    year: int | None = Field(default=None, ge=2000, le=2100, description="Default: as_of's year")
    as_of: date | None = Field(default=None, description="Default: today; October-December")


class SweepPublic(BaseModel):
    year: int
    as_of: date
    checked: int = Field(description="Active PNS/CPNS checked")
    below_minimum: int = Field(description="Of whom below 20 JP")
    recommended: int = Field(description="New recommendations made now (earlier ones not repeated)")
