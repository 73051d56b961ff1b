"""The ports the use cases and handlers need: repositories over the service's own database, the
read models of the API, publishing, and the event being handled, all in one `UnitOfWork`.

`adapters/postgres` implements them on the connection of one transaction; unit tests fake them
in memory (tests/unit/fakes.py).

Scope is applied in the stores: a `visibility` (jenjang_shared.access) filters in SQL with the
shared predicate. An employee is visible by their own row (unit, superior, NIP); a mentorship
when either party is visible (the mentee or the mentor); an unmatched request by its mentee.
Without one, a method sees everything (the service's own work: handlers, retries).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import date
from typing import Any, Protocol

from jenjang_shared.access import Visibility
from jenjang_shared.contracts.base import Event
from jenjang_shared.ports import HandledEvent
from mentoring.domain.employee import Employee
from mentoring.domain.matching import Candidate
from mentoring.domain.mentor import MentorEntry, UnmatchedRequest
from mentoring.domain.mentorship import Mentorship
from mentoring.domain.policy import MentoringPolicy

Row = dict[str, Any]
"""One row of a read model, named as the API names its fields."""


EVERYONE = Visibility.unrestricted()


class EmployeeRepository(Protocol):
    async def get(
        self, nip: str, *, lock: bool = False, visibility: Visibility = EVERYONE
    ) -> Employee | None:
        """The employee, if known and within `visibility`."""

    async def save(self, employee: Employee) -> None: ...


class MentorRepository(Protocol):
    async def get(self, nip: str) -> MentorEntry | None: ...
    async def add(self, entry: MentorEntry) -> None:
        """Raises Conflict when the NIP is already in the pool."""

    async def save(self, entry: MentorEntry) -> None: ...
    async def candidate(
        self, nip: str, *, default_capacity: int, lock: bool = False
    ) -> Candidate | None:
        """One employee as mentor candidate (pool entry or implicit), with current load.
        With `lock`, the mentor's row is locked first (SELECT ... FOR UPDATE) so that the load
        read after it is exact until the transaction ends."""

    async def pool_candidates(self, *, also: str | None, default_capacity: int) -> list[Candidate]:
        """Every pool mentor as candidate, plus the employee `also` (the superior) if given."""


class MentorshipRepository(Protocol):
    async def get(
        self, mentorship_id: str, *, lock: bool = False, visibility: Visibility = EVERYONE
    ) -> Mentorship | None:
        """The mentorship, if it exists and a party of it is within `visibility`."""

    async def add(self, mentorship: Mentorship) -> None:
        """Raises Conflict when the mentee already has an active one in that programme."""

    async def save(self, mentorship: Mentorship) -> None: ...
    async def active_for(self, mentee_nip: str, program: str) -> Mentorship | None: ...
    async def active_of_mentor(self, mentor_nip: str) -> list[Mentorship]: ...
    async def active_of_mentee(self, mentee_nip: str) -> list[Mentorship]: ...
    async def active_load(self, mentor_nip: str) -> int: ...
    async def add_session(
        self, mentorship_id: str, *, held_on: date, duration_minutes: int, notes: str | None
    ) -> str: ...
    async def session_summary(self, mentorship_id: str) -> tuple[int, date | None]:
        """Total minutes of the sessions, and the date of the last one."""

    async def add_feedback(
        self, mentorship_id: str, *, from_role: str, rating: int, text: str | None
    ) -> None:
        """Raises Conflict when that side has already given feedback."""


class PendingRepository(Protocol):
    async def add(self, request: UnmatchedRequest) -> bool:
        """False when one is already pending for the mentee and programme (it is updated)."""

    async def claim(
        self, *, limit: int, mentee_nip: str | None = None, supervisor_nip: str | None = None
    ) -> list[UnmatchedRequest]:
        """Pending requests, oldest first, locked (skipping those another transaction holds);
        only one mentee's, or only those of mentees whose direct superior is `supervisor_nip`."""

    async def note(self, request_id: str, *, reason: str, rejections: dict[str, int]) -> None: ...
    async def finish(self, request_id: str, *, status: str, mentorship_id: str | None) -> None: ...


class CoachingTriggerRepository(Protocol):
    async def record(
        self, *, nip: str, period: str, evaluation_id: str, predikat: str, event_id: str | None
    ) -> bool:
        """True the first time for this employee and period."""


class MentoringQueries(Protocol):
    """The reads of the API: lists with filters and pagination, one item in full."""

    async def list_mentors(
        self,
        *,
        job_family: str | None,
        unit_code: str | None,
        available: bool | None,
        limit: int,
        offset: int,
    ) -> tuple[list[Row], int]:
        """Pool mentors with their load (`active_mentees`, `status`), and how many match."""

    async def get_mentor(self, nip: str) -> Row | None: ...
    async def list_mentorships(
        self,
        *,
        mentor_nip: str | None,
        mentee_nip: str | None,
        program: str | None,
        status: str | None,
        limit: int,
        offset: int,
        visibility: Visibility,
    ) -> tuple[list[Row], int]:
        """Mentorships with a party within `visibility`, and how many match."""

    async def get_mentorship(self, mentorship_id: str, *, visibility: Visibility) -> Row | None:
        """The mentorship with its `sessions`, `feedback` and `total_minutes`."""

    async def mentorships_of(self, nip: str, *, visibility: Visibility) -> list[Row]:
        """Every mentorship of the employee, as mentee or as mentor, oldest first."""

    async def list_pending(
        self,
        *,
        status: str | None,
        mentee_nip: str | None,
        limit: int,
        offset: int,
        visibility: Visibility,
    ) -> tuple[list[Row], int]:
        """Unmatched requests of mentees within `visibility`."""

    async def get_employee(self, nip: str, *, visibility: Visibility) -> Row | None: ...


class MentoringReports(Protocol):
    """Reports over what `visibility` covers: mentors by their own row, mentorships by either
    party."""

    async def mentor_load(
        self, *, default_capacity: int, unit_code: str | None, visibility: Visibility
    ) -> list[Row]:
        """Pool mentors, and implicit mentors with active mentees: load against capacity."""

    async def mentorship_counts(self, *, visibility: Visibility) -> list[Row]:
        """How many mentorships per programme and status."""

    async def feedback_per_mentor(self, *, visibility: Visibility) -> list[Row]: ...


class UnitOfWork(Protocol):
    """Everything a use case or handler touches, on one transaction: committed together.

    `policy` is the agency's configured MentoringPolicy: bootstrap's adapter sets it from the
    settings, so that handlers (which get nothing but the event and this) apply the same rules
    as the HTTP commands. `handled` is the event a handler applies (None for HTTP commands).
    """

    employees: EmployeeRepository
    mentors: MentorRepository
    mentorships: MentorshipRepository
    pending: PendingRepository
    triggers: CoachingTriggerRepository
    queries: MentoringQueries
    reports: MentoringReports
    policy: MentoringPolicy
    handled: HandledEvent | None

    async def publish(self, event: Event) -> str:
        """Record an event to be published when the transaction commits; return its id."""
        ...

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
        while applying an event). `operation` is "<noun>.<verb>"; `before`/`after` hold the
        changed fields only."""
        ...


UnitOfWorkFactory = Callable[[], AbstractAsyncContextManager[UnitOfWork]]
"""Opens a transaction and yields a UnitOfWork on it (committed when the block succeeds)."""
