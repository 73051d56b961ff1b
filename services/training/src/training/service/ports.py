"""What the use cases need from storage. The asyncpg adapters implement these."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, Protocol, TypeVar

from jenjang_shared.contracts.vocabulary import EmploymentType, TrainingCategory
from training.domain.model import (
    Course,
    Employee,
    Enrollment,
    EnrollmentStatus,
    LedgerEntry,
    Recommendation,
    Session,
)
from training.domain.recommending import Suggestion


@dataclass(frozen=True)
class EmployeeFacts:
    """What one personnel event says about an employee; None means "not said"."""

    name: str | None = None
    employment_type: EmploymentType | None = None
    job_family: str | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    golongan: str | None = None
    registered: bool = False


T = TypeVar("T")


@dataclass(frozen=True)
class ShortfallRow:
    employee: Employee
    total_jp: int


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total: int


class EmployeeRepository(Protocol):
    async def get(self, nip: str, *, for_update: bool = False) -> Employee | None: ...
    async def upsert(self, nip: str, facts: EmployeeFacts) -> Employee: ...
    async def retire(self, nip: str, retired_on: date) -> None: ...
    async def count_active_with_minimum(self) -> int: ...


class CourseRepository(Protocol):
    async def get(self, code: str) -> Course | None: ...
    async def existing(self, codes: Sequence[str]) -> list[str]: ...
    async def add(self, course: Course) -> None: ...
    async def all(self) -> list[Course]: ...
    async def search(
        self,
        *,
        category: TrainingCategory | None,
        job_family: str | None,
        limit: int,
        offset: int,
    ) -> Page[Course]: ...


class SessionRepository(Protocol):
    async def add(self, session: Session) -> None: ...
    async def get(self, session_id: uuid.UUID, *, for_update: bool = False) -> Session | None: ...
    async def search(
        self, *, course_code: str | None, starts_from: date | None, limit: int, offset: int
    ) -> Page[Session]: ...


class EnrollmentRepository(Protocol):
    async def add(self, *, session: Session, nip: str, status: EnrollmentStatus) -> Enrollment: ...
    async def get(
        self, enrollment_id: uuid.UUID, *, for_update: bool = False
    ) -> Enrollment | None: ...
    async def live_in_session(self, session_id: uuid.UUID, nip: str) -> Enrollment | None: ...
    async def count_confirmed(self, session_id: uuid.UUID) -> int: ...
    async def first_waitlisted(self, session_id: uuid.UUID) -> Enrollment | None: ...
    async def set_status(self, enrollment_id: uuid.UUID, status: EnrollmentStatus) -> None: ...
    async def passed_course_codes(self, nip: str) -> list[str]: ...
    async def committed_jp(self, nip: str, year: int) -> int: ...
    async def certificate_taken(self, certificate_number: str) -> bool: ...
    async def complete(
        self,
        enrollment_id: uuid.UUID,
        *,
        status: EnrollmentStatus,
        score: float | None,
        certificate_number: str | None,
        completed_on: date,
        jp_earned: int,
    ) -> None: ...
    async def record_attendance(
        self, enrollment_id: uuid.UUID, day: date, present: bool
    ) -> None: ...
    async def live_from(self, nip: str, starts_on_or_after: date) -> list[Enrollment]: ...
    async def for_session(
        self, session_id: uuid.UUID, *, limit: int, offset: int
    ) -> Page[Enrollment]: ...


class LedgerRepository(Protocol):
    async def add(self, entry: LedgerEntry) -> bool: ...
    async def for_year(self, nip: str, year: int) -> list[LedgerEntry]: ...
    async def below_minimum(
        self, *, year: int, minimum: int, unit_code: str | None, limit: int | None, offset: int
    ) -> Page[ShortfallRow]: ...


class RecommendationRepository(Protocol):
    async def add(
        self, nip: str, suggestion: Suggestion, *, published: bool
    ) -> Recommendation | None: ...
    async def for_employee(self, nip: str) -> list[Recommendation]: ...
    async def unpublished(self, nip: str) -> list[Recommendation]: ...
    async def mark_published(self, rec_id: uuid.UUID, course_codes: Sequence[str]) -> None: ...


class Store(Protocol):
    """Every repository, on the connection of one unit of work (or one read)."""

    @property
    def employees(self) -> EmployeeRepository: ...
    @property
    def courses(self) -> CourseRepository: ...
    @property
    def sessions(self) -> SessionRepository: ...
    @property
    def enrollments(self) -> EnrollmentRepository: ...
    @property
    def ledger(self) -> LedgerRepository: ...
    @property
    def recommendations(self) -> RecommendationRepository: ...
