"""The ports the use cases need; adapters/ implements them over asyncpg."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from jenjang_shared.db.unit_of_work import UnitOfWork
from personnel.domain.employee import Employee, FieldChange
from personnel.domain.proposals import Proposal, ProposalStatus
from personnel.domain.timeline import TimelineEntry


@dataclass(frozen=True)
class EmployeeFilter:
    unit_code: str | None = None
    golongan: str | None = None
    employment_type: str | None = None
    position_kind: str | None = None
    status: str | None = None
    q: str | None = None


class EmployeeStore(Protocol):
    async def get(self, nip: str, *, for_update: bool = False) -> Employee | None: ...
    async def insert(self, employee: Employee) -> None: ...
    async def update(self, employee: Employee) -> None: ...
    async def existing(self, nips: Sequence[str]) -> set[str]: ...
    async def add_changes(
        self,
        nip: str,
        changes: Sequence[FieldChange],
        *,
        effective_date: date,
        changed_by: str,
        reason: str | None,
        kind: str,
    ) -> None: ...
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
    ) -> None: ...


class ProposalStore(Protocol):
    async def open(self, proposal: Proposal, *, source_event_id: str | None) -> bool: ...
    async def get(self, proposal_id: str, *, for_update: bool = False) -> Proposal | None: ...
    async def save_decision(self, proposal: Proposal) -> None: ...
    async def withdraw(self, recommendation_id: str, reason: str) -> bool: ...
    async def list(
        self, *, status: ProposalStatus | None, nip: str | None, limit: int, offset: int
    ) -> tuple[list[Proposal], int]: ...


class TimelineStore(Protocol):
    async def add(
        self, entries: Sequence[TimelineEntry], *, event_id: str, event_time: datetime
    ) -> None: ...


@dataclass
class Work:
    """One unit of work with the stores bound to its transaction."""

    uow: UnitOfWork
    employees: EmployeeStore
    proposals: ProposalStore
    timeline: TimelineStore
