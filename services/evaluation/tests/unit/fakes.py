"""In-memory implementations of the evaluation ports, exact enough for the rules under test.

They keep the PostgreSQL adapters' semantics that the use cases rely on: a registration keeps
fields an earlier event set, a late promotion changes nothing, at most one OPEN recommendation
per (nip, to_golongan), only rows still OPEN are withdrawn.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from evaluation.domain.eligibility import EmployeeFacts, PassedExam
from evaluation.domain.evaluation import Evaluation
from evaluation.service.ports import (
    FactChanges,
    NewRecommendation,
    PotentialAssessment,
    Recommendation,
    RecommendationStatus,
    Sweep,
    SweepStatus,
    Withdrawal,
)
from jenjang_shared.access import Visibility
from jenjang_shared.contracts.base import Event
from jenjang_shared.contracts.vocabulary import PeriodType, Predikat, TrainingCategory
from jenjang_shared.errors import Conflict
from jenjang_testing.fakes import FakeUnitOfWorkBase

_ticks = itertools.count()
EVERYONE = Visibility.unrestricted()


def _now() -> datetime:
    # Strictly increasing, so that "newest first" is well defined within a test.
    return datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=next(_ticks))


@dataclass
class FakeEmployees:
    rows: dict[str, EmployeeFacts] = field(default_factory=dict)
    exams: dict[tuple[str, str], tuple[str, PassedExam]] = field(default_factory=dict)

    def _row(self, nip: str) -> EmployeeFacts:
        return self.rows.get(nip) or EmployeeFacts(
            nip=nip, employment_type=None, golongan=None, golongan_tmt=None, education=None
        )

    def sees(self, visibility: Visibility, nip: str) -> bool:
        """The SQL scope predicate: by the projected unit and superior, or the person."""
        row = self.rows.get(nip)
        return visibility.allows(
            nip=nip,
            unit_code=row.unit_code if row else None,
            supervisor_nip=row.supervisor_nip if row else None,
        )

    async def get(self, nip: str, *, visible_to: Visibility = EVERYONE) -> EmployeeFacts | None:
        row = self.rows.get(nip)
        return row if row is not None and self.sees(visible_to, nip) else None

    async def batch_after(self, after_nip: str, limit: int) -> list[EmployeeFacts]:
        return [self.rows[n] for n in sorted(self.rows) if n > after_nip][:limit]

    async def count(self) -> int:
        return len(self.rows)

    async def in_unit(
        self, unit_code: str, *, visible_to: Visibility = EVERYONE
    ) -> list[EmployeeFacts]:
        return [
            self.rows[n]
            for n in sorted(self.rows)
            if self.rows[n].unit_code == unit_code and self.sees(visible_to, n)
        ]

    async def register(self, facts: EmployeeFacts) -> None:
        known = self.rows.get(facts.nip)
        if known is None:
            self.rows[facts.nip] = dataclasses.replace(facts, retirement_date=None)
            return
        projected = (
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
            "credit_start",
        )
        kept = {
            name: getattr(known, name) if getattr(known, name) is not None else getattr(facts, name)
            for name in projected
        }
        self.rows[facts.nip] = dataclasses.replace(known, **kept)

    async def apply_changes(self, nip: str, changes: FactChanges) -> None:
        self.rows[nip] = dataclasses.replace(self._row(nip), **dict(changes.values))

    async def promote(self, nip: str, golongan: str, tmt: date) -> None:
        known = self._row(nip)
        if known.golongan_tmt is None or known.golongan_tmt <= tmt:
            self.rows[nip] = dataclasses.replace(known, golongan=golongan, golongan_tmt=tmt)

    async def retire(self, nip: str, retirement_date: date) -> None:
        self.rows[nip] = dataclasses.replace(self._row(nip), retirement_date=retirement_date)

    async def add_exam(
        self, nip: str, enrollment_id: str, category: TrainingCategory, completed_on: date
    ) -> None:
        self.exams[(nip, enrollment_id)] = (nip, PassedExam(category, completed_on))

    async def exams_of(self, nips: list[str]) -> dict[str, list[PassedExam]]:
        found: dict[str, list[PassedExam]] = {}
        for nip, exam in self.exams.values():
            if nip in nips:
                found.setdefault(nip, []).append(exam)
        return found


@dataclass
class FakeEvaluations:
    employees: FakeEmployees
    rows: list[Evaluation] = field(default_factory=list)

    async def latest_version(self, nip: str, period: str) -> int | None:
        versions = [e.version for e in self.rows if e.nip == nip and e.period == period]
        return max(versions, default=None)

    async def add(self, evaluation: Evaluation) -> None:
        if any(
            (e.nip, e.period, e.version) == (evaluation.nip, evaluation.period, evaluation.version)
            for e in self.rows
        ):
            raise Conflict(f"evaluation {evaluation.period} version {evaluation.version}")
        self.rows.append(evaluation)

    async def history(self, nip: str, *, visible_to: Visibility = EVERYONE) -> list[Evaluation]:
        if not self.employees.sees(visible_to, nip):
            return []
        mine = sorted((e for e in self.rows if e.nip == nip), key=lambda e: e.version)
        return sorted(mine, key=lambda e: e.period, reverse=True)

    async def annual_predikat(
        self, nips: list[str], years: list[int]
    ) -> dict[str, dict[int, Predikat]]:
        found: dict[str, dict[int, Predikat]] = {}
        for e in sorted(self.rows, key=lambda e: e.version):
            if e.period_type is PeriodType.ANNUAL and e.nip in nips and e.period_year in years:
                found.setdefault(e.nip, {})[e.period_year] = e.predikat
        return found

    async def current_for_unit(
        self, unit_code: str, period: str, *, visible_to: Visibility = EVERYONE
    ) -> list[Evaluation]:
        staff = {e.nip for e in await self.employees.in_unit(unit_code, visible_to=visible_to)}
        current: dict[str, Evaluation] = {}
        for e in sorted(self.rows, key=lambda e: e.version):
            if e.nip in staff and e.period == period:
                current[e.nip] = e
        return [current[n] for n in sorted(current)]


@dataclass
class FakePotentials:
    rows: dict[tuple[str, int], tuple[str, str | None, str | None]] = field(default_factory=dict)

    async def upsert(
        self, nip: str, year: int, potential: str, assessor_nip: str | None, notes: str | None
    ) -> bool:
        new = (nip, year) not in self.rows
        self.rows[(nip, year)] = (potential, assessor_nip, notes)
        return new

    async def get(self, nip: str, year: int) -> PotentialAssessment | None:
        if (nip, year) not in self.rows:
            return None
        potential, assessor_nip, notes = self.rows[(nip, year)]
        return PotentialAssessment(nip, year, potential, assessor_nip, notes)

    async def for_nips(self, nips: list[str], year: int) -> dict[str, str]:
        return {n: p for (n, y), (p, _, _) in self.rows.items() if n in nips and y == year}


@dataclass
class FakeRecommendations:
    employees: FakeEmployees
    rows: dict[str, Recommendation] = field(default_factory=dict)
    blocks: set[tuple[str, str, date]] = field(default_factory=set)

    def _close(self, row: Recommendation, status: RecommendationStatus, reason: str) -> None:
        self.rows[row.recommendation_id] = dataclasses.replace(
            row, status=status, status_reason=reason, closed_at=_now()
        )

    async def open_targets(self, nips: list[str]) -> set[tuple[str, str]]:
        return {
            (r.nip, r.to_golongan)
            for r in self.rows.values()
            if r.status == "OPEN" and r.nip in nips
        }

    async def blocked(self, nips: list[str], kp_period: date) -> set[tuple[str, str]]:
        return {(n, g) for n, g, kp in self.blocks if n in nips and kp == kp_period}

    async def add(self, recommendations: Sequence[NewRecommendation]) -> set[str]:
        added = set()
        for new in recommendations:
            if (new.nip, new.to_golongan) in await self.open_targets([new.nip]):
                continue
            self.rows[new.recommendation_id] = Recommendation(
                **dataclasses.asdict(new),
                status="OPEN",
                status_reason=None,
                created_at=_now(),
                closed_at=None,
            )
            added.add(new.recommendation_id)
        return added

    async def get(self, recommendation_id: str) -> Recommendation | None:
        return self.rows.get(recommendation_id)

    async def open_of(self, nips: list[str]) -> list[Recommendation]:
        found = [r for r in self.rows.values() if r.status == "OPEN" and r.nip in nips]
        return sorted(found, key=lambda r: (r.nip, r.created_at))

    async def withdraw(self, withdrawals: Sequence[Withdrawal]) -> set[str]:
        closed = set()
        for w in withdrawals:
            row = self.rows.get(w.recommendation_id)
            if row is not None and row.status == "OPEN":
                self._close(row, "WITHDRAWN", w.reason)
                closed.add(w.recommendation_id)
        return closed

    async def close_open(self, nip: str, status: RecommendationStatus, reason: str) -> int:
        mine = [r for r in self.rows.values() if r.nip == nip and r.status == "OPEN"]
        for row in mine:
            self._close(row, status, reason)
        return len(mine)

    async def reject(self, recommendation_id: str, reason: str) -> None:
        self._close(self.rows[recommendation_id], "REJECTED", reason)

    async def block(self, nip: str, to_golongan: str, kp_period: date, reason: str) -> None:
        self.blocks.add((nip, to_golongan, kp_period))

    async def of_employee(
        self, nip: str, *, visible_to: Visibility = EVERYONE
    ) -> list[Recommendation]:
        if not self.employees.sees(visible_to, nip):
            return []
        mine = [r for r in self.rows.values() if r.nip == nip]
        return sorted(mine, key=lambda r: r.created_at, reverse=True)


@dataclass
class FakeSweeps:
    rows: dict[str, Sweep] = field(default_factory=dict)

    async def create(self, sweep_id: str, kp_period: date, total: int) -> None:
        self.rows[sweep_id] = Sweep(sweep_id, kp_period, "RUNNING", total, 0, 0, None, _now(), None)

    async def progress(self, sweep_id: str, processed: int, recommended: int) -> None:
        row = self.rows[sweep_id]
        self.rows[sweep_id] = dataclasses.replace(
            row, processed=row.processed + processed, recommended=row.recommended + recommended
        )

    async def finish(self, sweep_id: str, status: SweepStatus, error: str | None) -> None:
        self.rows[sweep_id] = dataclasses.replace(
            self.rows[sweep_id], status=status, error=error, finished_at=_now()
        )

    async def get(self, sweep_id: str) -> Sweep | None:
        return self.rows.get(sweep_id)


@dataclass
class FakeUnitOfWork(FakeUnitOfWorkBase):
    """Every store in memory; `published` holds the events, `audited` the audit rows
    (operation, record_type, record_id, before, after), `handled` the event applied.

    Unlike PostgreSQL it does not roll back: a test that needs a failed unit of work's changes
    gone does not use it."""

    employees: FakeEmployees = field(default_factory=FakeEmployees)
    evaluations: FakeEvaluations = field(init=False)
    potentials: FakePotentials = field(default_factory=FakePotentials)
    recommendations: FakeRecommendations = field(init=False)
    sweeps: FakeSweeps = field(default_factory=FakeSweeps)
    opened: int = 0  # how many times `factory()` opened this unit of work
    audited: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.evaluations = FakeEvaluations(self.employees)
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
        self.audited.append(
            {
                "operation": operation,
                "record_type": record_type,
                "record_id": record_id,
                "before": before,
                "after": after,
            }
        )

    def operations(self) -> list[str]:
        """The audited operations, in order."""
        return [row["operation"] for row in self.audited]

    async def publish_many(self, events: Sequence[Event]) -> list[str]:
        return [await self.publish(event) for event in events]

    def factory(self) -> Callable[[], AbstractAsyncContextManager[FakeUnitOfWork]]:
        """A `UnitOfWorkFactory` that opens this same unit of work each time."""

        @asynccontextmanager
        async def open_unit_of_work() -> AsyncIterator[FakeUnitOfWork]:
            self.opened += 1
            yield self

        return open_unit_of_work
