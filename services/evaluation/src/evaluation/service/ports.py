"""The ports of the evaluation service: its stores, and the unit of work that carries them.

`adapters/postgres/` implements them over asyncpg; `tests/unit/fakes.py` in memory. Every
command and handler takes one `UnitOfWork`: the stores of one transaction, `publish` for the
events it causes (committed with its changes or not at all) and `handled`, the event a handler
applies (None for an HTTP command).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal, Protocol

from evaluation.domain.eligibility import EmployeeFacts, PassedExam
from evaluation.domain.evaluation import Evaluation
from jenjang_shared.access import Visibility
from jenjang_shared.contracts.base import Event
from jenjang_shared.contracts.vocabulary import Predikat, TrainingCategory
from jenjang_shared.ports import HandledEvent

ProjectedField = Literal[
    "employment_type",
    "golongan",
    "golongan_tmt",
    "education",
    "unit_code",
    "position_kind",
    "functional_level",
    "supervisor_nip",
    "birth_date",
    "pension_date",
    "pension_rule",
    "functional_position",
]
"""The employee fields the projection keeps (named as in EmployeeRegistered, but for
`pension_date`/`pension_rule`: its projected `retirement_date`/`retirement_rule`)."""

RecommendationStatus = Literal["OPEN", "REJECTED", "PROMOTED", "WITHDRAWN"]
SweepStatus = Literal["RUNNING", "COMPLETED", "FAILED"]


@dataclass(frozen=True)
class FactChanges:
    """New values of some projected fields: only the fields named in `values` are written
    (a value of None empties the field)."""

    values: Mapping[ProjectedField, Any]


@dataclass(frozen=True)
class Recommendation:
    """A PromotionRecommended as the service keeps it, with what became of it."""

    recommendation_id: str
    nip: str
    from_golongan: str
    to_golongan: str
    kp_period: date
    rules_version: str
    evidence: dict[str, Any]
    status: RecommendationStatus
    status_reason: str | None
    created_at: datetime
    closed_at: datetime | None


@dataclass(frozen=True)
class NewRecommendation:
    """A recommendation to record (OPEN), one per published PromotionRecommended."""

    recommendation_id: str
    nip: str
    from_golongan: str
    to_golongan: str
    kp_period: date
    rules_version: str
    evidence: dict[str, Any]


@dataclass(frozen=True)
class Withdrawal:
    """An OPEN recommendation to close as WITHDRAWN, and why."""

    recommendation_id: str
    reason: str


@dataclass(frozen=True)
class PotentialAssessment:
    """An employee's potential for a year, and who assessed it."""

    nip: str
    year: int
    potential: str
    assessor_nip: str | None
    notes: str | None


@dataclass(frozen=True)
class Sweep:
    """A promotion sweep and its progress."""

    sweep_id: str
    kp_period: date
    status: SweepStatus
    total: int
    processed: int
    recommended: int
    error: str | None
    started_at: datetime
    finished_at: datetime | None


class EmployeeRepository(Protocol):
    """The projection of employees (personnel's facts, in any order) and their passed exams.

    The reads a caller's scope limits take `visible_to` and filter in the query (its unit, its
    superior, the person): an employee outside it is not found. The service's own work passes
    `Visibility.unrestricted()`."""

    async def get(self, nip: str, *, visible_to: Visibility) -> EmployeeFacts | None: ...
    async def batch_after(self, after_nip: str, limit: int) -> list[EmployeeFacts]:
        """Up to `limit` employees with a NIP after `after_nip`, in NIP order (keyset)."""
        ...

    async def count(self) -> int: ...
    async def in_unit(self, unit_code: str, *, visible_to: Visibility) -> list[EmployeeFacts]:
        """The unit's employees the caller may see, in NIP order."""
        ...

    async def register(self, facts: EmployeeFacts) -> None:
        """The registration; a field an earlier (out-of-order) event already set is kept."""
        ...

    async def apply_changes(self, nip: str, changes: FactChanges) -> None:
        """Write the changed fields (creating the employee when not known yet)."""
        ...

    async def promote(self, nip: str, golongan: str, tmt: date) -> None:
        """The new golongan, unless a later TMT is already known."""
        ...

    async def retire(self, nip: str, retirement_date: date) -> None: ...
    async def add_exam(
        self, nip: str, enrollment_id: str, category: TrainingCategory, completed_on: date
    ) -> None: ...
    async def exams_of(self, nips: list[str]) -> dict[str, list[PassedExam]]: ...


class EvaluationRepository(Protocol):
    """Every version of every evaluation."""

    async def latest_version(self, nip: str, period: str) -> int | None: ...
    async def add(self, evaluation: Evaluation) -> None:
        """Conflict when the same period and version was just recorded by another writer."""
        ...

    async def history(self, nip: str, *, visible_to: Visibility) -> list[Evaluation]:
        """Every version of every period of an employee the caller may see (else none)."""
        ...

    async def annual_predikat(
        self, nips: list[str], years: list[int]
    ) -> dict[str, dict[int, Predikat]]:
        """nip -> year -> the predikat of the latest version of its ANNUAL evaluation."""
        ...

    async def current_for_unit(
        self, unit_code: str, period: str, *, visible_to: Visibility
    ) -> list[Evaluation]:
        """The latest version for `period` of each employee now in the unit (of those the
        caller may see)."""
        ...


class PotentialRepository(Protocol):
    async def upsert(
        self, nip: str, year: int, potential: str, assessor_nip: str | None, notes: str | None
    ) -> bool:
        """Record or replace the potential of (nip, year); True when it is new."""
        ...

    async def get(self, nip: str, year: int) -> PotentialAssessment | None: ...
    async def for_nips(self, nips: list[str], year: int) -> dict[str, str]: ...


class RecommendationRepository(Protocol):
    """Recommendations (at most one OPEN per employee and target) and rejection blocks."""

    async def open_targets(self, nips: list[str]) -> set[tuple[str, str]]: ...
    async def blocked(self, nips: list[str], kp_period: date) -> set[tuple[str, str]]: ...
    async def add(self, recommendations: Sequence[NewRecommendation]) -> set[str]:
        """Record those no OPEN one covers yet; the ids of the ones recorded."""
        ...

    async def get(self, recommendation_id: str) -> Recommendation | None: ...
    async def open_of(self, nips: list[str]) -> list[Recommendation]: ...
    async def withdraw(self, withdrawals: Sequence[Withdrawal]) -> set[str]:
        """Close those still OPEN as WITHDRAWN; the ids of the ones closed."""
        ...

    async def close_open(self, nip: str, status: RecommendationStatus, reason: str) -> int: ...
    async def reject(self, recommendation_id: str, reason: str) -> None: ...
    async def block(self, nip: str, to_golongan: str, kp_period: date, reason: str) -> None: ...
    async def of_employee(self, nip: str, *, visible_to: Visibility) -> list[Recommendation]:
        """Newest first (none when the caller may not see the employee)."""
        ...


class SweepRepository(Protocol):
    async def create(self, sweep_id: str, kp_period: date, total: int) -> None: ...
    async def progress(self, sweep_id: str, processed: int, recommended: int) -> None: ...
    async def finish(self, sweep_id: str, status: SweepStatus, error: str | None) -> None: ...
    async def get(self, sweep_id: str) -> Sweep | None: ...


class UnitOfWork(Protocol):
    """One transaction of the evaluation service: its stores, `publish` and the handled event."""

    employees: EmployeeRepository
    evaluations: EvaluationRepository
    potentials: PotentialRepository
    recommendations: RecommendationRepository
    sweeps: SweepRepository

    @property
    def handled(self) -> HandledEvent | None:
        """The event a handler applies (its id and time); None for an HTTP command."""
        ...

    async def publish(self, event: Event) -> str:
        """Record an event, published once this unit of work commits; its id."""
        ...

    async def publish_many(self, events: Sequence[Event]) -> list[str]:
        """`publish` for a batch in one round trip (sweeps)."""
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
        """Append to the audit log in this transaction, naming the request's caller (or
        "system" for an event applied)."""
        ...


UnitOfWorkFactory = Callable[[], AbstractAsyncContextManager[UnitOfWork]]
"""Opens a unit of work: `async with new_uow() as uow:` commits when the block ends normally."""
