"""The ports of the welfare service layer: its stores and THE unit of work.

`adapters/postgres/` implements them with asyncpg and explicit SQL; the unit tests with
in-memory fakes (`tests/unit/fakes.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date
from typing import Any, Protocol

from jenjang_shared.access import Visibility
from jenjang_shared.contracts.base import Event
from jenjang_shared.contracts.vocabulary import Allowance
from jenjang_shared.ports import HandledEvent
from welfare.domain.claims import Claim, ClaimStatus, NewClaim
from welfare.domain.employee import EmployeeTimeline, Fact
from welfare.domain.entitlements import Entitlement
from welfare.domain.policies import PolicyVersion, Rules
from welfare.domain.projection import Placement
from welfare.domain.ranks import RankRules


class Locks(Protocol):
    async def employee(self, nip: str) -> None:
        """Serialise work on one employee (until the transaction ends)."""

    async def all_employees(self) -> None:
        """Exclude every per-employee change (a policy recomputation for everyone)."""


class ScopeRepository(Protocol):
    """Where each employee stands for access (unit, direct superior): what `Visibility` tests."""

    async def place(self, nip: str, placement: Placement, *, event_id: str | None) -> None:
        """Set the given fields (`unit_code`, `supervisor_nip`); the others stay as they are."""
        ...


class FactRepository(Protocol):
    """The employee projection: dated facts, only ever added.

    Every read takes a `Visibility` and returns only employees it allows (filtered in the
    query); the service's own work passes `Visibility.unrestricted()`.
    """

    async def add(
        self, nip: str, facts: Sequence[Fact], *, event_id: str | None, event_type: str
    ) -> None: ...

    async def timelines(
        self, nips: Sequence[str], *, visibility: Visibility
    ) -> dict[str, EmployeeTimeline]:
        """The timelines of those NIPs that have any fact (registered or not) and are visible."""
        ...

    async def registered_nips(self, *, visibility: Visibility) -> list[str]: ...

    async def nips_ever_in_unit(self, unit_code: str, *, visibility: Visibility) -> list[str]: ...


class PolicyRepository(Protocol):
    async def all(self) -> list[PolicyVersion]: ...

    async def add(
        self, allowance: Allowance, effective_from: date, rules: Rules, note: str | None
    ) -> PolicyVersion:
        """The next version of the allowance (numbered after the last one)."""
        ...


class EntitlementRepository(Protocol):
    async def of(self, nips: Sequence[str]) -> dict[str, list[Entitlement]]: ...

    async def add(self, rows: Sequence[Entitlement]) -> None:
        """Add rows in the order given (their `seq` follows it)."""
        ...


class ClaimRepository(Protocol):
    """Benefit claims; reads return only claims of employees the `Visibility` allows."""

    async def insert_once(
        self,
        claim: NewClaim,
        *,
        idempotency_key: str | None,
        fingerprint: str,
        submitted_by: str,
    ) -> tuple[Claim, str | None, bool]:
        """Insert, or find the claim of the same key: (claim, its fingerprint, created now)."""
        ...

    async def get(
        self, claim_id: str, *, visibility: Visibility, for_update: bool = False
    ) -> Claim | None: ...

    async def set_decision(
        self, claim_id: str, status: ClaimStatus, reason: str, *, decided_by: str
    ) -> Claim: ...

    async def search(
        self,
        *,
        nip: str | None,
        status: ClaimStatus | None,
        limit: int,
        offset: int,
        visibility: Visibility,
    ) -> tuple[list[Claim], int]:
        """One page of visible claims, newest first, and how many match in all."""
        ...


class UnitOfWork(Protocol):
    """One transaction: every store of the service, `publish` into its outbox, `audit` into its
    audit log, the event it applies (`handled`, None for an HTTP request), and the configured
    `rank_rules`.

    `rank_rules` (the PPPK rank groups and the job-class fallback of the settings) is set by
    bootstrap's adapter, so that handlers and use cases get the configured rules without
    reading settings. Members are read-only so an implementation may narrow their types.
    """

    @property
    def locks(self) -> Locks: ...

    @property
    def scope(self) -> ScopeRepository: ...

    @property
    def facts(self) -> FactRepository: ...

    @property
    def policies(self) -> PolicyRepository: ...

    @property
    def entitlements(self) -> EntitlementRepository: ...

    @property
    def claims(self) -> ClaimRepository: ...

    @property
    def rank_rules(self) -> RankRules: ...

    @property
    def handled(self) -> HandledEvent | None: ...

    async def publish(self, event: Event) -> str:
        """Record an event, committed with the transaction or not at all; returns its id."""
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
        """Append to the audit log in this transaction (naming the request's caller)."""
        ...


UnitOfWorkFactory = Callable[[], AbstractAsyncContextManager[UnitOfWork]]
"""Opens a transaction and yields the unit of work on it (commits when the block succeeds)."""
