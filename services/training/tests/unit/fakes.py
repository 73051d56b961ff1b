"""In-memory training stores: `FakeUnitOfWork` implements `training.service.ports.UnitOfWork`
closely enough for the rules (the uniqueness the database enforces is enforced here too; locks
are no-ops, a unit test runs one thing at a time)."""

from __future__ import annotations

import dataclasses
import itertools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from jenjang_shared.access import Visibility
from jenjang_shared.contracts.vocabulary import EmploymentType, TrainingCategory
from jenjang_shared.errors import Conflict
from jenjang_testing.fakes import FakeUnitOfWorkBase
from training.domain.model import (
    LIVE_STATUSES,
    Course,
    Employee,
    EmployeeStatus,
    Enrollment,
    EnrollmentStatus,
    LedgerEntry,
    Recommendation,
    Session,
)
from training.domain.recommending import Suggestion
from training.service.ports import UNRESTRICTED, EmployeeFacts, ShortfallRow

# A place is taken by a confirmed enrolment and stays taken once completed.
PLACE_TAKEN = frozenset(
    {EnrollmentStatus.CONFIRMED, EnrollmentStatus.PASSED, EnrollmentStatus.FAILED}
)
WITH_MINIMUM = frozenset({EmploymentType.PNS, EmploymentType.CPNS})


def _sees(scope: Visibility, nip: str, employee: Employee | None) -> bool:
    """The SQL predicate on the projection: one's own records even when training has no row."""
    if employee is None:
        return scope.everyone or scope.nip == nip
    return scope.allows(
        nip=nip, unit_code=employee.unit_code, supervisor_nip=employee.supervisor_nip
    )


class FakeEmployees:
    def __init__(self) -> None:
        self.rows: dict[str, Employee] = {}
        self.registered: set[str] = set()

    async def get(
        self, nip: str, *, for_update: bool = False, scope: Visibility = UNRESTRICTED
    ) -> Employee | None:
        found = self.rows.get(nip)
        return found if found is not None and _sees(scope, nip, found) else None

    async def visible(self, nip: str, scope: Visibility) -> bool:
        return _sees(scope, nip, self.rows.get(nip))

    async def upsert(self, nip: str, facts: EmployeeFacts) -> Employee:
        known = self.rows.get(nip) or Employee(nip=nip)
        said = {
            name: value
            for name, value in dataclasses.asdict(facts).items()
            if name not in ("registered", "supervisor_nip", "sets_supervisor") and value is not None
        }
        if facts.sets_supervisor:
            said["supervisor_nip"] = facts.supervisor_nip
        self.rows[nip] = dataclasses.replace(known, **said)
        if facts.registered:
            self.registered.add(nip)
        return self.rows[nip]

    async def retire(self, nip: str, retired_on: date) -> None:
        known = self.rows.get(nip) or Employee(nip=nip)
        self.rows[nip] = dataclasses.replace(
            known, status=EmployeeStatus.RETIRED, retired_on=retired_on
        )

    async def count_active_with_minimum(self) -> int:
        return sum(1 for e in self.rows.values() if _active_with_minimum(e))


def _active_with_minimum(employee: Employee) -> bool:
    return employee.status is EmployeeStatus.ACTIVE and employee.employment_type in WITH_MINIMUM


class FakeCourses:
    def __init__(self) -> None:
        self.rows: dict[str, Course] = {}

    async def get(self, code: str) -> Course | None:
        return self.rows.get(code)

    async def existing(self, codes: Sequence[str]) -> list[str]:
        return [code for code in codes if code in self.rows]

    async def add(self, course: Course) -> None:
        if course.code in self.rows:
            raise Conflict(f"a course with code {course.code} already exists", field="code")
        self.rows[course.code] = course

    async def all(self) -> list[Course]:
        return [self.rows[code] for code in sorted(self.rows)]

    async def search(
        self, *, category: TrainingCategory | None, job_family: str | None, limit: int, offset: int
    ) -> tuple[list[Course], int]:
        found = [
            c
            for c in await self.all()
            if (category is None or c.training_category is category)
            and (job_family is None or job_family in c.job_families)
        ]
        return found[offset : offset + limit], len(found)


class FakeSessions:
    def __init__(self, enrollments: FakeEnrollments) -> None:
        self.rows: dict[uuid.UUID, Session] = {}
        self._enrollments = enrollments

    async def add(self, session: Session) -> None:
        self.rows[session.id] = session

    async def get(self, session_id: uuid.UUID, *, for_update: bool = False) -> Session | None:
        session = self.rows.get(session_id)
        return self._counted(session) if session else None

    def _counted(self, session: Session) -> Session:
        statuses = [e.status for e in self._enrollments.rows.values() if e.session_id == session.id]
        return dataclasses.replace(
            session,
            confirmed=sum(1 for s in statuses if s in PLACE_TAKEN),
            waitlisted=statuses.count(EnrollmentStatus.WAITLISTED),
        )

    async def search(
        self, *, course_code: str | None, starts_from: date | None, limit: int, offset: int
    ) -> tuple[list[Session], int]:
        found = sorted(
            (
                s
                for s in self.rows.values()
                if (course_code is None or s.course_code == course_code)
                and (starts_from is None or s.starts_on >= starts_from)
            ),
            key=lambda s: (s.starts_on, str(s.id)),
        )
        return [self._counted(s) for s in found[offset : offset + limit]], len(found)


class FakeEnrollments:
    """Enrolments in arrival order (dict order is insertion order)."""

    def __init__(self, employees: FakeEmployees, courses: FakeCourses) -> None:
        self.rows: dict[uuid.UUID, Enrollment] = {}
        self.starts_on: dict[uuid.UUID, date] = {}  # session id -> first day, for the year
        self._employees = employees
        self._courses = courses
        self._clock = itertools.count()

    async def add(self, *, session: Session, nip: str, status: EnrollmentStatus) -> Enrollment:
        if await self.live_in_session(session.id, nip) is not None:
            raise Conflict(f"employee {nip} is already enrolled in this session", field="nip")
        enrollment = Enrollment(
            id=uuid.uuid4(),
            session_id=session.id,
            nip=nip,
            course_code=session.course_code,
            status=status,
            enrolled_at=datetime.fromtimestamp(next(self._clock), UTC),
        )
        self.rows[enrollment.id] = enrollment
        self.starts_on[session.id] = session.starts_on
        return self._shown(enrollment)

    def _shown(self, enrollment: Enrollment) -> Enrollment:
        if enrollment.status is not EnrollmentStatus.WAITLISTED:
            return dataclasses.replace(enrollment, waitlist_position=None)
        queue = [
            e.id
            for e in self.rows.values()
            if e.session_id == enrollment.session_id and e.status is EnrollmentStatus.WAITLISTED
        ]
        return dataclasses.replace(enrollment, waitlist_position=queue.index(enrollment.id) + 1)

    async def get(
        self,
        enrollment_id: uuid.UUID,
        *,
        for_update: bool = False,
        scope: Visibility = UNRESTRICTED,
    ) -> Enrollment | None:
        found = self.rows.get(enrollment_id)
        return self._shown(found) if found and self._sees(scope, found) else None

    def _sees(self, scope: Visibility, enrollment: Enrollment) -> bool:
        return _sees(scope, enrollment.nip, self._employees.rows.get(enrollment.nip))

    async def live_in_session(self, session_id: uuid.UUID, nip: str) -> Enrollment | None:
        for e in self.rows.values():
            live = e.status is not EnrollmentStatus.CANCELLED
            if e.session_id == session_id and e.nip == nip and live:
                return self._shown(e)
        return None

    async def count_confirmed(self, session_id: uuid.UUID) -> int:
        return sum(
            1 for e in self.rows.values() if e.session_id == session_id and e.status in PLACE_TAKEN
        )

    async def first_waitlisted(self, session_id: uuid.UUID) -> Enrollment | None:
        for e in self.rows.values():
            employee = self._employees.rows.get(e.nip)
            retired = employee is not None and employee.status is EmployeeStatus.RETIRED
            if (
                e.session_id == session_id
                and e.status is EnrollmentStatus.WAITLISTED
                and not retired
            ):
                return self._shown(e)
        return None

    async def set_status(self, enrollment_id: uuid.UUID, status: EnrollmentStatus) -> None:
        self.rows[enrollment_id] = dataclasses.replace(self.rows[enrollment_id], status=status)

    async def passed_course_codes(self, nip: str) -> list[str]:
        passed = {
            e.course_code
            for e in self.rows.values()
            if e.nip == nip and e.status is EnrollmentStatus.PASSED
        }
        return sorted(passed)

    async def committed_jp(self, nip: str, year: int) -> int:
        return sum(
            self._courses.rows[e.course_code].jp
            for e in self.rows.values()
            if e.nip == nip
            and e.status in LIVE_STATUSES
            and self.starts_on[e.session_id].year == year
        )

    async def committed_jp_between(self, nip: str, first: date, last: date) -> int:
        return sum(
            self._courses.rows[e.course_code].jp
            for e in self.rows.values()
            if e.nip == nip
            and e.status in LIVE_STATUSES
            and first <= self.starts_on[e.session_id] <= last
        )

    async def certificate_taken(self, certificate_number: str) -> bool:
        return any(e.certificate_number == certificate_number for e in self.rows.values())

    async def complete(
        self,
        enrollment_id: uuid.UUID,
        *,
        status: EnrollmentStatus,
        score: float | None,
        certificate_number: str | None,
        completed_on: date,
        jp_earned: int,
    ) -> None:
        if certificate_number and await self.certificate_taken(certificate_number):
            raise Conflict(
                f"certificate number {certificate_number} is already recorded",
                field="certificate_number",
            )
        self.rows[enrollment_id] = dataclasses.replace(
            self.rows[enrollment_id],
            status=status,
            score=None if score is None else Decimal(str(score)),
            certificate_number=certificate_number,
            completed_on=completed_on,
            jp_earned=jp_earned,
        )

    async def record_attendance(self, enrollment_id: uuid.UUID, day: date, present: bool) -> None:
        enrollment = self.rows[enrollment_id]
        attendance = dict(sorted({**enrollment.attendance, day: present}.items()))
        self.rows[enrollment_id] = dataclasses.replace(enrollment, attendance=attendance)

    async def live_from(self, nip: str, starts_on_or_after: date) -> list[Enrollment]:
        return [
            self._shown(e)
            for e in self.rows.values()
            if e.nip == nip
            and e.status in LIVE_STATUSES
            and self.starts_on[e.session_id] >= starts_on_or_after
        ]

    async def for_session(
        self, session_id: uuid.UUID, *, scope: Visibility, limit: int, offset: int
    ) -> tuple[list[Enrollment], int]:
        found = [
            self._shown(e)
            for e in self.rows.values()
            if e.session_id == session_id and self._sees(scope, e)
        ]
        return found[offset : offset + limit], len(found)


class FakeLedger:
    def __init__(self, employees: FakeEmployees) -> None:
        self.entries: list[LedgerEntry] = []
        self._employees = employees

    async def add(self, entry: LedgerEntry) -> bool:
        key = (entry.source, entry.source_ref)
        if any((e.source, e.source_ref) == key for e in self.entries):
            return False
        self.entries.append(entry)
        return True

    async def for_year(self, nip: str, year: int) -> list[LedgerEntry]:
        return sorted(
            (e for e in self.entries if e.nip == nip and e.earned_on.year == year),
            key=lambda e: e.earned_on,
        )

    async def between(self, nip: str, first: date, last: date) -> list[LedgerEntry]:
        return sorted(
            (e for e in self.entries if e.nip == nip and first <= e.earned_on <= last),
            key=lambda e: e.earned_on,
        )

    async def below_minimum(
        self,
        *,
        year: int,
        minimum: int,
        unit_code: str | None,
        scope: Visibility,
        limit: int | None,
        offset: int,
    ) -> tuple[list[ShortfallRow], int]:
        rows = []
        for employee in self._employees.rows.values():
            if not _active_with_minimum(employee) or not _sees(scope, employee.nip, employee):
                continue
            if unit_code is not None and employee.unit_code != unit_code:
                continue
            total = sum(e.jp for e in await self.for_year(employee.nip, year))
            if total < minimum:
                rows.append(ShortfallRow(employee=employee, total_jp=total))
        rows.sort(key=lambda r: (r.total_jp, r.employee.nip))
        end = None if limit is None else offset + limit
        return rows[offset:end], len(rows)


class FakeRecommendations:
    def __init__(self, employees: FakeEmployees) -> None:
        self.rows: list[Recommendation] = []
        self._employees = employees

    async def add(
        self, nip: str, suggestion: Suggestion, *, published: bool
    ) -> Recommendation | None:
        if any(r.nip == nip and r.reason_key == suggestion.reason_key for r in self.rows):
            return None
        recommendation = Recommendation(
            id=uuid.uuid4(),
            nip=nip,
            reason_key=suggestion.reason_key,
            reason=suggestion.reason,
            rule=suggestion.rule,
            course_codes=suggestion.course_codes,
            published=published,
        )
        self.rows.append(recommendation)
        return recommendation

    async def for_employee(self, nip: str, *, scope: Visibility) -> list[Recommendation]:
        if not _sees(scope, nip, self._employees.rows.get(nip)):
            return []
        return [r for r in self.rows if r.nip == nip]

    async def unpublished(self, nip: str) -> list[Recommendation]:
        return [r for r in self.rows if r.nip == nip and not r.published]

    async def mark_published(self, rec_id: uuid.UUID, course_codes: Sequence[str]) -> None:
        self.rows = [
            dataclasses.replace(r, course_codes=tuple(course_codes), published=True)
            if r.id == rec_id
            else r
            for r in self.rows
        ]


@dataclass(frozen=True)
class Audited:
    """One `uow.audit(...)` call, as the audit log would hold it (less who and when)."""

    operation: str
    record_type: str
    record_id: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None


@dataclass
class FakeUnitOfWork(FakeUnitOfWorkBase):
    """Every training store in memory, with `published` and `handled` from the base, and
    `audited`: the audit records written, in order."""

    employees: FakeEmployees = field(default_factory=FakeEmployees)
    courses: FakeCourses = field(default_factory=FakeCourses)
    enrollments: FakeEnrollments = field(init=False)
    sessions: FakeSessions = field(init=False)
    ledger: FakeLedger = field(init=False)
    recommendations: FakeRecommendations = field(init=False)
    audited: list[Audited] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.enrollments = FakeEnrollments(self.employees, self.courses)
        self.sessions = FakeSessions(self.enrollments)
        self.ledger = FakeLedger(self.employees)
        self.recommendations = FakeRecommendations(self.employees)

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

    def audited_of(self, operation: str) -> list[Audited]:
        return [a for a in self.audited if a.operation == operation]
