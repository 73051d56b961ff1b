"""The training service's entities: plain data, no I/O."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from jenjang_shared.contracts.vocabulary import (
    EmploymentType,
    PositionKind,
    TrainingCategory,
    TrainingMethod,
)


class EmployeeStatus(StrEnum):
    ACTIVE = "ACTIVE"
    RETIRED = "RETIRED"


class EnrollmentStatus(StrEnum):
    CONFIRMED = "CONFIRMED"
    WAITLISTED = "WAITLISTED"
    CANCELLED = "CANCELLED"
    PASSED = "PASSED"
    FAILED = "FAILED"


LIVE_STATUSES = frozenset({EnrollmentStatus.CONFIRMED, EnrollmentStatus.WAITLISTED})
"""Enrolments still waiting for their training: they count against a PPPK's allowance."""


@dataclass(frozen=True)
class Employee:
    """What training knows of an employee: its projection of personnel's events."""

    nip: str
    name: str | None = None
    employment_type: EmploymentType | None = None
    job_family: str | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    golongan: str | None = None
    status: EmployeeStatus = EmployeeStatus.ACTIVE
    retired_on: date | None = None
    supervisor_nip: str | None = None
    contract_start: date | None = None  # a PPPK's work contract (its contract years)
    position_kind: PositionKind | None = None


@dataclass(frozen=True)
class Course:
    code: str
    title: str
    training_category: TrainingCategory
    training_method: TrainingMethod
    jp: int
    provider: str
    job_families: tuple[str, ...] = ()
    mandatory: bool = False
    prerequisites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Session:
    id: uuid.UUID
    course_code: str
    starts_on: date
    ends_on: date
    capacity: int
    location: str | None = None
    online: bool = False
    confirmed: int = 0
    waitlisted: int = 0

    @property
    def places_left(self) -> int:
        """Places still free; 0, never less, once confirmed places fill the capacity."""
        return max(0, self.capacity - self.confirmed)


@dataclass(frozen=True)
class Enrollment:
    id: uuid.UUID
    session_id: uuid.UUID
    nip: str
    course_code: str
    status: EnrollmentStatus
    enrolled_at: datetime | None = None
    waitlist_position: int | None = None
    score: Decimal | None = None
    certificate_number: str | None = None
    completed_on: date | None = None
    jp_earned: int | None = None
    attendance: dict[date, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class LedgerEntry:
    """JP earned: a passed training or mentoring credit."""

    nip: str
    source: str  # TRAINING or MENTORING
    source_ref: str
    title: str
    training_category: TrainingCategory
    training_method: TrainingMethod
    jp: int
    earned_on: date
    course_code: str | None = None
    certificate_number: str | None = None


@dataclass(frozen=True)
class Recommendation:
    id: uuid.UUID
    nip: str
    reason_key: str
    reason: str
    rule: str
    course_codes: tuple[str, ...]
    created_at: datetime | None = None
    published: bool = False
