"""An in-memory personnel unit of work: the repositories of service.ports over dicts and lists,
exact enough for the rules (a unique NIP, one proposal per recommendation, one timeline entry
per event id and NIP, the caller's scope as the SQL applies it), the audit rows in `audited`,
and a factory whose transactions roll back when their block raises."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from jenjang_shared.access import Visibility
from jenjang_shared.errors import Conflict
from jenjang_testing import builders
from jenjang_testing.fakes import FakeUnitOfWorkBase
from personnel.domain.employee import Employee, EmployeeStatus, FieldChange
from personnel.domain.proposals import Proposal, ProposalStatus
from personnel.domain.timeline import TimelineEntry
from personnel.service.ports import EmployeeFilter, Row, UnitOfWork


def sees(visibility: Visibility, employee: Employee) -> bool:
    return visibility.allows(
        nip=employee.nip, unit_code=employee.unit_code, supervisor_nip=employee.supervisor_nip
    )


@dataclass
class FakeEmployees:
    """Records by NIP, with their change history and rank history as rows."""

    rows: dict[str, Employee] = field(default_factory=dict)
    changes: list[dict[str, Any]] = field(default_factory=list)
    ranks: list[dict[str, Any]] = field(default_factory=list)

    async def get(
        self, nip: str, *, visibility: Visibility, for_update: bool = False
    ) -> Employee | None:
        employee = self.rows.get(nip)
        return employee if employee is not None and sees(visibility, employee) else None

    def visible_nip(self, visibility: Visibility, nip: str) -> bool:
        """As the SQL's predicate on rows keyed by a NIP: one's own, or an employee in scope."""
        employee = self.rows.get(nip)
        return (
            visibility.everyone
            or nip == visibility.nip
            or (employee is not None and sees(visibility, employee))
        )

    async def insert(self, employee: Employee) -> None:
        if employee.nip in self.rows:
            raise Conflict(f"an employee with NIP {employee.nip} is already registered")
        self.rows[employee.nip] = employee

    async def update(self, employee: Employee) -> None:
        self.rows[employee.nip] = employee

    async def existing(self, nips: Sequence[str]) -> set[str]:
        return {nip for nip in nips if nip in self.rows}

    async def add_changes(
        self,
        nip: str,
        changes: Sequence[FieldChange],
        *,
        effective_date: date,
        changed_by: str,
        reason: str | None,
        kind: str,
    ) -> None:
        self.changes.extend(
            {
                "nip": nip,
                "field": c.field,
                "old_value": c.old,
                "new_value": c.new,
                "effective_date": effective_date,
                "changed_by": changed_by,
                "reason": reason,
                "kind": kind,
            }
            for c in changes
        )

    async def add_rank(
        self,
        nip: str,
        golongan: str,
        golongan_tmt: date,
        *,
        source: str,
        proposal_id: str | None = None,
        sk_number: str | None = None,
        sk_date: date | None = None,
    ) -> None:
        self.ranks.append(
            {
                "nip": nip,
                "golongan": golongan,
                "golongan_tmt": golongan_tmt,
                "source": source,
                "proposal_id": proposal_id,
                "sk_number": sk_number,
                "sk_date": sk_date,
            }
        )


@dataclass
class FakeProposals:
    """Proposals by id; one per recommendation_id; in scope when their employee is."""

    employees: FakeEmployees = field(default_factory=FakeEmployees)
    rows: dict[str, Proposal] = field(default_factory=dict)
    source_events: dict[str, str | None] = field(default_factory=dict)

    async def open(self, proposal: Proposal, *, source_event_id: str | None) -> bool:
        if any(p.recommendation_id == proposal.recommendation_id for p in self.rows.values()):
            return False
        self.rows[proposal.id] = proposal
        self.source_events[proposal.id] = source_event_id
        return True

    async def get(
        self, proposal_id: str, *, visibility: Visibility, for_update: bool = False
    ) -> Proposal | None:
        proposal = self.rows.get(proposal_id)
        return proposal if proposal is not None and self.in_scope(visibility, proposal) else None

    def in_scope(self, visibility: Visibility, proposal: Proposal) -> bool:
        employee = self.employees.rows.get(proposal.nip)
        return (
            visibility.everyone
            or proposal.nip == visibility.nip
            or (employee is not None and sees(visibility, employee))
        )

    async def save_decision(self, proposal: Proposal) -> None:
        self.rows[proposal.id] = proposal

    async def withdraw(self, recommendation_id: str, reason: str, *, at: datetime) -> bool:
        for proposal in self.rows.values():
            if (
                proposal.recommendation_id == recommendation_id
                and proposal.status is ProposalStatus.PENDING
            ):
                withdrawn = replace(
                    proposal, status=ProposalStatus.WITHDRAWN, reason=reason, decided_at=at
                )
                self.rows[proposal.id] = withdrawn
                return True
        return False


@dataclass(frozen=True)
class StoredEntry:
    entry: TimelineEntry
    event_id: str
    event_time: datetime


@dataclass
class FakeTimeline:
    """Entries by (event id, NIP): a repeat adds nothing."""

    rows: dict[tuple[str, str], StoredEntry] = field(default_factory=dict)

    async def add(
        self, entries: Sequence[TimelineEntry], *, event_id: str, event_time: datetime
    ) -> None:
        for entry in entries:
            self.rows.setdefault((event_id, entry.nip), StoredEntry(entry, event_id, event_time))

    def of(self, nip: str) -> list[StoredEntry]:
        return [stored for (_, owner), stored in self.rows.items() if owner == nip]


@dataclass
class FakeImports:
    """The batch writes of the import, on the same records as `employees`."""

    employees: FakeEmployees

    async def existing(self, nips: Sequence[str]) -> set[str]:
        return await self.employees.existing(nips)

    async def insert_new(self, employees: Sequence[Employee]) -> set[str]:
        inserted = set()
        for employee in employees:
            if employee.nip not in self.employees.rows:
                self.employees.rows[employee.nip] = employee
                await self.employees.add_rank(
                    employee.nip, employee.golongan, employee.golongan_tmt, source="REGISTRATION"
                )
                inserted.add(employee.nip)
        return inserted


@dataclass
class FakeQueries:
    """The read models over the same state (simple scans)."""

    employees: FakeEmployees
    proposals_store: FakeProposals
    timeline: FakeTimeline

    async def search(
        self,
        criteria: EmployeeFilter,
        *,
        visibility: Visibility,
        sort: str,
        limit: int,
        offset: int,
    ) -> tuple[list[Employee], int]:
        found = [
            e
            for e in self.employees.rows.values()
            if sees(visibility, e)
            and criteria.unit_code in (None, e.unit_code)
            and criteria.golongan in (None, e.golongan)
        ]
        found.sort(key=lambda e: e.nip, reverse=sort.startswith("-"))
        return found[offset : offset + limit], len(found)

    async def retiring(
        self, until: date, *, visibility: Visibility, limit: int, offset: int
    ) -> tuple[list[Employee], int]:
        found = sorted(
            (
                e
                for e in self.employees.rows.values()
                if e.status is EmployeeStatus.ACTIVE
                and e.retirement_date <= until
                and sees(visibility, e)
            ),
            key=lambda e: (e.retirement_date, e.nip),
        )
        return found[offset : offset + limit], len(found)

    async def changes_of(
        self, nip: str, *, visibility: Visibility, limit: int, offset: int
    ) -> tuple[list[Row], int]:
        if not self.employees.visible_nip(visibility, nip):
            return [], 0
        rows = [c for c in reversed(self.employees.changes) if c["nip"] == nip]
        return rows[offset : offset + limit], len(rows)

    async def ranks_of(self, nip: str, *, visibility: Visibility) -> list[Row]:
        if not self.employees.visible_nip(visibility, nip):
            return []
        return [r for r in reversed(self.employees.ranks) if r["nip"] == nip]

    async def timeline_of(
        self, nip: str, *, visibility: Visibility, limit: int, offset: int
    ) -> tuple[list[Row], int]:
        if not self.employees.visible_nip(visibility, nip):
            return [], 0
        rows: list[Row] = [
            {**s.entry.__dict__, "event_id": s.event_id, "event_time": s.event_time}
            for s in self.timeline.of(nip)
        ]
        return rows[offset : offset + limit], len(rows)

    async def proposals(
        self,
        *,
        visibility: Visibility,
        status: ProposalStatus | None,
        nip: str | None,
        limit: int,
        offset: int,
    ) -> tuple[list[Proposal], int]:
        found = [
            p
            for p in self.proposals_store.rows.values()
            if status in (None, p.status)
            and nip in (None, p.nip)
            and self.proposals_store.in_scope(visibility, p)
        ]
        return found[offset : offset + limit], len(found)


@dataclass
class FakeUnitOfWork(FakeUnitOfWorkBase):
    """Personnel's unit of work in memory; `handled` says which event a handler applies."""

    employees: FakeEmployees = field(default_factory=FakeEmployees)
    proposals: FakeProposals = field(init=False)
    timeline: FakeTimeline = field(default_factory=FakeTimeline)
    imports: FakeImports = field(init=False)
    queries: FakeQueries = field(init=False)
    audited: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.proposals = FakeProposals(self.employees)
        self.imports = FakeImports(self.employees)
        self.queries = FakeQueries(self.employees, self.proposals, self.timeline)

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

    def audited_of(self, operation: str) -> list[dict[str, Any]]:
        """The audit rows of one operation, in order."""
        return [row for row in self.audited if row["operation"] == operation]

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[UnitOfWork]:
        """A transaction on this state: what the block changed is undone when it raises."""
        stores = (self.employees, self.proposals, self.timeline)
        saved = [{k: copy.deepcopy(v) for k, v in s.__dict__.items() if k != "employees"}
                 for s in stores]  # fmt: skip
        published, audited = list(self.published), list(self.audited)
        try:
            yield self
        except BaseException:
            for store, state in zip(stores, saved, strict=True):
                store.__dict__.update(state)
            self.published[:] = published
            self.audited[:] = audited
            raise


def an_employee(nip: str | None = None, **overrides: Any) -> Employee:
    """A valid record (the builder's EmployeeRegistered: PNS III/c, S1, Analis SDM Aparatur Ahli
    Muda in BKD). The event's derived fields (the projected retirement) are not record fields."""
    event = builders.employee_registered(nip)
    known = {f.name for f in fields(Employee)}
    record = {k: getattr(event, k) for k in type(event).model_fields if k in known}
    return replace(Employee(**record), **overrides)


async def with_employee(uow: FakeUnitOfWork, **overrides: Any) -> Employee:
    """Store a record (as if registered earlier) and return it."""
    employee = an_employee(**overrides)
    await uow.employees.insert(employee)
    return employee
