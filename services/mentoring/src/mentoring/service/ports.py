"""The ports the use cases need: repositories over the service's own database, and publishing.

Adapters implement them on the connection of one unit of work; unit tests may fake them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from jenjang_shared.contracts.base import Event
from mentoring.domain.employee import Employee
from mentoring.domain.matching import Candidate
from mentoring.domain.mentor import MentorEntry, UnmatchedRequest
from mentoring.domain.mentorship import Mentorship


class EmployeeRepository(Protocol):
    async def get(self, nip: str, *, lock: bool = False) -> Employee | None: ...
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
    async def get(self, mentorship_id: str, *, lock: bool = False) -> Mentorship | None: ...
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


@dataclass
class Store:
    """Everything a use case touches, bound to one unit of work."""

    employees: EmployeeRepository
    mentors: MentorRepository
    mentorships: MentorshipRepository
    pending: PendingRepository
    triggers: CoachingTriggerRepository
    publish: Callable[[Event], Awaitable[str]]
    event_id: str | None = None
    """The id of the event being handled (None for HTTP commands)."""
