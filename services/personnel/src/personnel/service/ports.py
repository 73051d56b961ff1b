"""What the use cases and handlers need from the outside world: the repositories, the read
models of the API, and THE port, `UnitOfWork` (one transaction: its stores, `publish`, and the
event being handled). `adapters/postgres` implements them over asyncpg; the unit tests over
dicts."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from jenjang_shared.access import Visibility
from jenjang_shared.contracts.base import Event
from jenjang_shared.ports import HandledEvent
from personnel.domain.employee import Employee, FieldChange
from personnel.domain.proposals import Proposal, ProposalStatus
from personnel.domain.timeline import TimelineEntry

Row = Mapping[str, Any]
"""One row of a read model, named as in the API's response model."""


EMPLOYEE_SORTS: tuple[str, ...] = (
    "nip", "name", "golongan", "unit_code", "golongan_tmt", "retirement_date", "registered_at",
)  # fmt: skip
"""The keys an employee search may sort by (a leading '-' for descending)."""


@dataclass(frozen=True)
class EmployeeFilter:
    """Search criteria; None means "any"."""

    unit_code: str | None = None
    golongan: str | None = None
    employment_type: str | None = None
    position_kind: str | None = None
    status: str | None = None
    q: str | None = None


class EmployeeRepository(Protocol):
    """Employee records with their change history and rank history.

    `get` finds a record only when `visibility` allows it (the SQL applies the scope
    predicate): out of scope reads as unknown. The service's own work passes
    `Visibility.unrestricted()`."""

    async def get(
        self, nip: str, *, visibility: Visibility, for_update: bool = False
    ) -> Employee | None: ...
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


class ProposalRepository(Protocol):
    """Promotion proposals: one per recommendation_id."""

    async def open(self, proposal: Proposal, *, source_event_id: str | None) -> bool: ...
    async def get(
        self, proposal_id: str, *, visibility: Visibility, for_update: bool = False
    ) -> Proposal | None: ...
    async def save_decision(self, proposal: Proposal) -> None: ...
    async def withdraw(self, recommendation_id: str, reason: str, *, at: datetime) -> bool: ...


class TimelineRepository(Protocol):
    """Career timeline entries; (event id, NIP) is unique, so a repeat adds nothing."""

    async def add(
        self, entries: Sequence[TimelineEntry], *, event_id: str, event_time: datetime
    ) -> None: ...


class ImportRepository(Protocol):
    """The batch writes of the bulk import (one statement per batch)."""

    async def existing(self, nips: Sequence[str]) -> set[str]: ...
    async def insert_new(self, employees: Sequence[Employee]) -> set[str]: ...


class PersonnelQueries(Protocol):
    """The read models of the API: pages as (items, total), each filtered in SQL to the
    employees `visibility` allows (a proposal or a history row by its employee's unit and
    supervisor)."""

    async def search(
        self,
        criteria: EmployeeFilter,
        *,
        visibility: Visibility,
        sort: str,
        limit: int,
        offset: int,
    ) -> tuple[list[Employee], int]: ...
    async def retiring(
        self, until: date, *, visibility: Visibility, limit: int, offset: int
    ) -> tuple[list[Employee], int]: ...
    async def changes_of(
        self, nip: str, *, visibility: Visibility, limit: int, offset: int
    ) -> tuple[list[Row], int]: ...
    async def ranks_of(self, nip: str, *, visibility: Visibility) -> list[Row]: ...
    async def timeline_of(
        self, nip: str, *, visibility: Visibility, limit: int, offset: int
    ) -> tuple[list[Row], int]: ...
    async def proposals(
        self,
        *,
        visibility: Visibility,
        status: ProposalStatus | None,
        nip: str | None,
        limit: int,
        offset: int,
    ) -> tuple[list[Proposal], int]: ...


class UnitOfWork(Protocol):
    """One transaction: the stores bound to it, `publish` (the outbox, committed with the state
    change or not at all), `audit` (the audit log, likewise) and, in an event handler, the
    event being applied.

    Members are read-only: a use case uses the stores it is given and never replaces them.
    """

    @property
    def employees(self) -> EmployeeRepository: ...
    @property
    def proposals(self) -> ProposalRepository: ...
    @property
    def timeline(self) -> TimelineRepository: ...
    @property
    def imports(self) -> ImportRepository: ...
    @property
    def queries(self) -> PersonnelQueries: ...
    @property
    def handled(self) -> HandledEvent | None: ...

    async def publish(self, event: Event) -> str: ...
    async def publish_many(self, events: list[Event]) -> list[str]: ...
    async def audit(
        self,
        *,
        operation: str,
        record_type: str,
        record_id: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        """Append to the audit log in this transaction, naming the current request's caller
        (or "system" when applying an event)."""
        ...


UnitOfWorkFactory = Callable[[], AbstractAsyncContextManager[UnitOfWork]]
"""Opens a transaction and yields its unit of work; commits when the block ends normally."""
