"""What the use cases and handlers need from the world: the repositories and THE unit of work.

The PostgreSQL adapters (`training.adapters.postgres`) implement these; the unit tests implement
them in memory. A paged read returns `(items, total)`: the items of the window asked for and how
many match in all (the HTTP layer wraps them in the shared `Page`).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from jenjang_shared.access import Visibility
from jenjang_shared.contracts.base import Event
from jenjang_shared.contracts.vocabulary import EmploymentType, PositionKind, TrainingCategory
from jenjang_shared.ports import HandledEvent
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
    """What one personnel event says about an employee; None means "not said" (kept as known)."""

    name: str | None = None
    employment_type: EmploymentType | None = None
    job_family: str | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    golongan: str | None = None
    registered: bool = False
    supervisor_nip: str | None = None
    sets_supervisor: bool = False
    """Whether the event says who the superior is (then `supervisor_nip` None clears it)."""
    contract_start: date | None = None
    position_kind: PositionKind | None = None


UNRESTRICTED = Visibility.unrestricted()
"""The scope of the service's own work (event handlers, sweeps): every employee."""


@dataclass(frozen=True)
class ShortfallRow:
    """An active PNS/CPNS and their JP of the year (below the minimum asked for)."""

    employee: Employee
    total_jp: int


class EmployeeRepository(Protocol):
    async def get(
        self, nip: str, *, for_update: bool = False, scope: Visibility = UNRESTRICTED
    ) -> Employee | None:
        """The employee, or None when unknown or outside `scope` (the filter is in the query)."""
        ...

    async def visible(self, nip: str, scope: Visibility) -> bool:
        """Whether `scope` sees records of `nip` (their own always, known to training or not)."""
        ...

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
    ) -> tuple[list[Course], int]: ...


class SessionRepository(Protocol):
    async def add(self, session: Session) -> None: ...
    async def get(self, session_id: uuid.UUID, *, for_update: bool = False) -> Session | None: ...
    async def search(
        self, *, course_code: str | None, starts_from: date | None, limit: int, offset: int
    ) -> tuple[list[Session], int]: ...


class EnrollmentRepository(Protocol):
    async def add(self, *, session: Session, nip: str, status: EnrollmentStatus) -> Enrollment: ...
    async def get(
        self,
        enrollment_id: uuid.UUID,
        *,
        for_update: bool = False,
        scope: Visibility = UNRESTRICTED,
    ) -> Enrollment | None: ...
    async def live_in_session(self, session_id: uuid.UUID, nip: str) -> Enrollment | None: ...
    async def count_confirmed(self, session_id: uuid.UUID) -> int: ...
    async def first_waitlisted(self, session_id: uuid.UUID) -> Enrollment | None: ...
    async def set_status(self, enrollment_id: uuid.UUID, status: EnrollmentStatus) -> None: ...
    async def passed_course_codes(self, nip: str) -> list[str]: ...
    async def committed_jp(self, nip: str, year: int) -> int: ...
    async def committed_jp_between(self, nip: str, first: date, last: date) -> int:
        """JP of live enrolments in sessions starting from `first` to `last` (inclusive)."""
        ...

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
        self, session_id: uuid.UUID, *, scope: Visibility, limit: int, offset: int
    ) -> tuple[list[Enrollment], int]:
        """The session's enrolments of employees `scope` sees, in arrival order."""
        ...


class LedgerRepository(Protocol):
    async def add(self, entry: LedgerEntry) -> bool: ...
    async def for_year(self, nip: str, year: int) -> list[LedgerEntry]: ...
    async def between(self, nip: str, first: date, last: date) -> list[LedgerEntry]:
        """The entries earned from `first` to `last` (inclusive), oldest first."""
        ...

    async def below_minimum(
        self,
        *,
        year: int,
        minimum: int,
        unit_code: str | None,
        scope: Visibility,
        limit: int | None,
        offset: int,
    ) -> tuple[list[ShortfallRow], int]: ...


class RecommendationRepository(Protocol):
    async def add(
        self, nip: str, suggestion: Suggestion, *, published: bool
    ) -> Recommendation | None: ...
    async def for_employee(self, nip: str, *, scope: Visibility) -> list[Recommendation]: ...
    async def unpublished(self, nip: str) -> list[Recommendation]: ...
    async def mark_published(self, rec_id: uuid.UUID, course_codes: Sequence[str]) -> None: ...


class UnitOfWork(Protocol):
    """One transaction: every repository on it, `publish` into its outbox, `audit` into its
    audit log, and the event it applies (`handled`, None for an HTTP command). Events
    published and audit records are committed with the state change or not at all."""

    # Read-only members, so that an implementation may hold its own repository classes.
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
    @property
    def handled(self) -> HandledEvent | None: ...

    async def publish(self, event: Event) -> str: ...

    async def audit(
        self,
        *,
        operation: str,
        record_type: str,
        record_id: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        """Append to the audit log in this transaction, naming the request's caller ("system"
        while applying an event)."""
        ...


UnitOfWorkFactory = Callable[[], AbstractAsyncContextManager[UnitOfWork]]
"""Opens a transaction and yields the unit of work on it (commits when the block succeeds)."""
