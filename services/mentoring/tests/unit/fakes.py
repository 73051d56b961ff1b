"""An in-memory unit of work for the mentoring use cases and handlers: the same ports as
PostgreSQL (service.ports), kept in dicts, exact enough for the rules (capacity, one active
mentorship per mentee and programme, one pending request per mentee and programme, one
feedback per side, one coaching trigger per employee and period), and scope as the SQL applies
it (`Visibility.allows` on the employee rows: a mentorship by either party)."""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean
from typing import Any

from jenjang_shared.access import Visibility
from jenjang_shared.errors import Conflict
from jenjang_testing.builders import new_nip
from jenjang_testing.fakes import FakeUnitOfWorkBase
from mentoring.domain.employee import Employee
from mentoring.domain.matching import Candidate
from mentoring.domain.mentor import MentorEntry, PendingStatus, UnmatchedRequest
from mentoring.domain.mentorship import Mentorship, MentorshipStatus
from mentoring.domain.policy import MentoringPolicy


@dataclass
class Tables:
    """The service's data, shared by the fake repositories of one unit of work."""

    employees: dict[str, Employee] = field(default_factory=dict)
    mentors: dict[str, MentorEntry] = field(default_factory=dict)
    mentorships: dict[str, Mentorship] = field(default_factory=dict)
    sessions: dict[str, list[tuple[date, int]]] = field(default_factory=dict)
    feedback: dict[tuple[str, str], int] = field(default_factory=dict)
    pending: dict[str, UnmatchedRequest] = field(default_factory=dict)
    triggers: set[tuple[str, str]] = field(default_factory=set)

    def active(self) -> list[Mentorship]:
        return [m for m in self.mentorships.values() if m.status == MentorshipStatus.ACTIVE]

    def sees(self, visibility: Visibility, *nips: str) -> bool:
        """Whether any of these employees is within `visibility` (the SQL predicate)."""
        for nip in nips:
            e = self.employees.get(nip)
            facts = {"unit_code": e.unit_code, "supervisor_nip": e.supervisor_nip} if e else {}
            if visibility.allows(nip=nip, **facts):
                return True
        return False


EVERYONE = Visibility.unrestricted()


class FakeEmployees:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    async def get(
        self, nip: str, *, lock: bool = False, visibility: Visibility = EVERYONE
    ) -> Employee | None:
        found = self.t.employees.get(nip)
        return found if found is not None and self.t.sees(visibility, nip) else None

    async def save(self, employee: Employee) -> None:
        self.t.employees[employee.nip] = employee


class FakeMentors:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    async def get(self, nip: str) -> MentorEntry | None:
        return self.t.mentors.get(nip)

    async def add(self, entry: MentorEntry) -> None:
        if entry.nip in self.t.mentors:
            raise Conflict(f"{entry.nip} is already in the mentor pool")
        self.t.mentors[entry.nip] = entry

    async def save(self, entry: MentorEntry) -> None:
        self.t.mentors[entry.nip] = entry

    async def candidate(
        self, nip: str, *, default_capacity: int, lock: bool = False
    ) -> Candidate | None:
        return self._candidate(nip, default_capacity)

    async def pool_candidates(self, *, also: str | None, default_capacity: int) -> list[Candidate]:
        nips = sorted({*self.t.mentors, *([also] if also else [])})
        found = [self._candidate(nip, default_capacity) for nip in nips]
        return [c for c in found if c is not None]

    def _candidate(self, nip: str, default_capacity: int) -> Candidate | None:
        employee = self.t.employees.get(nip)
        if employee is None or not employee.registered:
            return None
        entry = self.t.mentors.get(nip)
        ratings = [
            rating
            for (mentorship_id, role), rating in self.t.feedback.items()
            if role == "MENTEE" and self.t.mentorships[mentorship_id].mentor_nip == nip
        ]
        return Candidate(
            nip=nip,
            name=employee.name,
            employment_type=employee.employment_type,
            golongan=employee.golongan,
            unit_code=employee.unit_code,
            job_family=employee.job_family,
            capacity=entry.capacity if entry else default_capacity,
            active_mentees=sum(1 for m in self.t.active() if m.mentor_nip == nip),
            retired=employee.retired,
            paused=entry.paused if entry else False,
            in_pool=entry is not None,
            expertise=entry.expertise if entry else (),
            average_feedback=fmean(ratings) if ratings else None,
        )


class FakeMentorships:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    async def get(
        self, mentorship_id: str, *, lock: bool = False, visibility: Visibility = EVERYONE
    ) -> Mentorship | None:
        found = self.t.mentorships.get(mentorship_id)
        if found is None or not self.t.sees(visibility, found.mentor_nip, found.mentee_nip):
            return None
        return found

    async def add(self, mentorship: Mentorship) -> None:
        if await self.active_for(mentorship.mentee_nip, mentorship.program):
            raise Conflict(f"{mentorship.mentee_nip} already has an active mentorship")
        self.t.mentorships[mentorship.id] = mentorship

    async def save(self, mentorship: Mentorship) -> None:
        self.t.mentorships[mentorship.id] = mentorship

    async def active_for(self, mentee_nip: str, program: str) -> Mentorship | None:
        return next(
            (m for m in self.t.active() if (m.mentee_nip, m.program) == (mentee_nip, program)),
            None,
        )

    async def active_of_mentor(self, mentor_nip: str) -> list[Mentorship]:
        return [m for m in self.t.active() if m.mentor_nip == mentor_nip]

    async def active_of_mentee(self, mentee_nip: str) -> list[Mentorship]:
        return [m for m in self.t.active() if m.mentee_nip == mentee_nip]

    async def active_load(self, mentor_nip: str) -> int:
        return len(await self.active_of_mentor(mentor_nip))

    async def add_session(
        self, mentorship_id: str, *, held_on: date, duration_minutes: int, notes: str | None
    ) -> str:
        self.t.sessions.setdefault(mentorship_id, []).append((held_on, duration_minutes))
        return str(uuid.uuid4())

    async def session_summary(self, mentorship_id: str) -> tuple[int, date | None]:
        sessions = self.t.sessions.get(mentorship_id, [])
        last = max((held_on for held_on, _ in sessions), default=None)
        return sum(minutes for _, minutes in sessions), last

    async def add_feedback(
        self, mentorship_id: str, *, from_role: str, rating: int, text: str | None
    ) -> None:
        if (mentorship_id, from_role) in self.t.feedback:
            raise Conflict(f"the {from_role} has already given feedback")
        self.t.feedback[(mentorship_id, from_role)] = rating


class FakePending:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    async def add(self, request: UnmatchedRequest) -> bool:
        for current in self.waiting():
            if (current.mentee_nip, current.program) == (request.mentee_nip, request.program):
                self.t.pending[current.id] = dataclasses.replace(
                    current, reason=request.reason, rejections=request.rejections
                )
                return False
        self.t.pending[request.id] = request
        return True

    async def claim(
        self, *, limit: int, mentee_nip: str | None = None, supervisor_nip: str | None = None
    ) -> list[UnmatchedRequest]:
        def staff_of(nip: str) -> bool:
            employee = self.t.employees.get(nip)
            return employee is not None and employee.supervisor_nip == supervisor_nip

        return [
            r
            for r in self.waiting()
            if (mentee_nip is None or r.mentee_nip == mentee_nip)
            and (supervisor_nip is None or staff_of(r.mentee_nip))
        ][:limit]

    async def note(self, request_id: str, *, reason: str, rejections: dict[str, int]) -> None:
        current = self.t.pending[request_id]
        self.t.pending[request_id] = dataclasses.replace(
            current, reason=reason, rejections=rejections
        )

    async def finish(self, request_id: str, *, status: str, mentorship_id: str | None) -> None:
        self.t.pending[request_id] = dataclasses.replace(
            self.t.pending[request_id], status=PendingStatus(status), mentorship_id=mentorship_id
        )

    def waiting(self) -> list[UnmatchedRequest]:
        return [r for r in self.t.pending.values() if r.status == PendingStatus.PENDING]


class FakeCoachingTriggers:
    def __init__(self, tables: Tables) -> None:
        self.t = tables

    async def record(
        self, *, nip: str, period: str, evaluation_id: str, predikat: str, event_id: str | None
    ) -> bool:
        if (nip, period) in self.t.triggers:
            return False
        self.t.triggers.add((nip, period))
        return True


class FakeReads:
    """The API's read models, as far as the read use cases (service.reads) need them, scoped
    like the SQL; the plain lists are the routes' and the integration tests cover them."""

    def __init__(self, tables: Tables) -> None:
        self.t = tables

    async def list_mentors(self, **filters: Any) -> tuple[list[dict[str, Any]], int]:
        raise AssertionError("not for use cases")

    async def get_mentor(self, nip: str) -> dict[str, Any] | None:
        raise AssertionError("not for use cases")

    async def list_mentorships(self, **filters: Any) -> tuple[list[dict[str, Any]], int]:
        raise AssertionError("not for use cases")

    async def get_mentorship(
        self, mentorship_id: str, *, visibility: Visibility
    ) -> dict[str, Any] | None:
        m = self.t.mentorships.get(mentorship_id)
        if m is None or not self.t.sees(visibility, m.mentor_nip, m.mentee_nip):
            return None
        return {**dataclasses.asdict(m), "sessions": [], "feedback": [], "total_minutes": 0}

    async def mentorships_of(self, nip: str, *, visibility: Visibility) -> list[dict[str, Any]]:
        return [
            dataclasses.asdict(m)
            for m in self.t.mentorships.values()
            if nip in (m.mentor_nip, m.mentee_nip)
            and self.t.sees(visibility, m.mentor_nip, m.mentee_nip)
        ]

    async def list_pending(
        self, *, status: str | None, mentee_nip: str | None, visibility: Visibility, **page: int
    ) -> tuple[list[dict[str, Any]], int]:
        found = [
            dataclasses.asdict(r)
            for r in self.t.pending.values()
            if (status is None or r.status == status)
            and (mentee_nip is None or r.mentee_nip == mentee_nip)
            and self.t.sees(visibility, r.mentee_nip)
        ]
        return found, len(found)

    async def get_employee(self, nip: str, *, visibility: Visibility) -> dict[str, Any] | None:
        e = self.t.employees.get(nip)
        return dataclasses.asdict(e) if e is not None and self.t.sees(visibility, nip) else None

    async def mentor_load(self, **filters: Any) -> list[dict[str, Any]]:
        raise AssertionError("not for use cases")

    async def mentorship_counts(self, **filters: Any) -> list[dict[str, Any]]:
        raise AssertionError("not for use cases")

    async def feedback_per_mentor(self, *, visibility: Visibility) -> list[dict[str, Any]]:
        mentors = {
            self.t.mentorships[mentorship_id].mentor_nip for mentorship_id, _ in self.t.feedback
        }
        return [{"nip": nip} for nip in sorted(mentors) if self.t.sees(visibility, nip)]


@dataclass(frozen=True)
class Audited:
    """One `uow.audit(...)` call."""

    operation: str
    record_type: str
    record_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass
class FakeUnitOfWork(FakeUnitOfWorkBase):
    """service.ports.UnitOfWork in memory; `uow.published` holds the recorded events and
    `uow.audited` the audit rows."""

    policy: MentoringPolicy = field(default_factory=MentoringPolicy)
    tables: Tables = field(default_factory=Tables)
    audited: list[Audited] = field(default_factory=list)

    async def audit(
        self,
        *,
        operation: str,
        record_type: str,
        record_id: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        self.audited.append(Audited(operation, record_type, record_id, before, after))

    def operations(self) -> list[str]:
        """The audited operations, in order."""
        return [a.operation for a in self.audited]

    def __post_init__(self) -> None:
        self.employees = FakeEmployees(self.tables)
        self.mentors = FakeMentors(self.tables)
        self.mentorships = FakeMentorships(self.tables)
        self.pending = FakePending(self.tables)
        self.triggers = FakeCoachingTriggers(self.tables)
        self.queries = FakeReads(self.tables)
        self.reports = FakeReads(self.tables)


def employee(nip: str | None = None, **fields: Any) -> Employee:
    """A registered employee as the projection holds them: a PNS at III/d in DPUPR, unless
    `fields` say otherwise."""
    defaults: dict[str, Any] = {
        "name": "Pegawai Uji",
        "employment_type": "PNS",
        "golongan": "III/d",
        "golongan_tmt": date(2020, 4, 1),
        "unit_code": "DPUPR",
        "unit_name": "Dinas PUPR",
        "job_family": "PEKERJAAN_UMUM",
        "registered": True,
    }
    return Employee(nip=nip or new_nip(), **{**defaults, **fields})


def given(uow: FakeUnitOfWork, *employees: Employee) -> list[str]:
    """Put employees in the projection; returns their NIPs."""
    for e in employees:
        uow.tables.employees[e.nip] = e
    return [e.nip for e in employees]


def in_pool(uow: FakeUnitOfWork, mentor: Employee, *, capacity: int = 3, **entry: Any) -> str:
    """Put a mentor in the projection and in the pool; returns the NIP."""
    given(uow, mentor)
    uow.tables.mentors[mentor.nip] = MentorEntry(
        nip=mentor.nip, expertise=entry.pop("expertise", ()), capacity=capacity, **entry
    )
    return mentor.nip
