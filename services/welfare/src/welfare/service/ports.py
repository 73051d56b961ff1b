"""The ports the use cases need; adapters/ implements them with asyncpg and explicit SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from jenjang_shared.contracts.vocabulary import Allowance
from welfare.domain.claims import Claim, ClaimStatus, NewClaim
from welfare.domain.employee import EmployeeTimeline, Fact
from welfare.domain.entitlements import Entitlement
from welfare.domain.policies import PolicyVersion, Rules


class Locks(Protocol):
    async def employee(self, nip: str) -> None:
        """Serialise work on one employee (until the transaction ends)."""

    async def all_employees(self) -> None:
        """Exclude every per-employee change (a policy recomputation for everyone)."""


class FactRepository(Protocol):
    async def add(
        self, nip: str, facts: Sequence[Fact], *, event_id: str | None, event_type: str
    ) -> None: ...

    async def timelines(self, nips: Sequence[str]) -> dict[str, EmployeeTimeline]: ...

    async def registered_nips(self) -> list[str]: ...

    async def nips_ever_in_unit(self, unit_code: str) -> list[str]: ...


class PolicyRepository(Protocol):
    async def all(self) -> list[PolicyVersion]: ...

    async def add(
        self, allowance: Allowance, effective_from: date, rules: Rules, note: str | None
    ) -> PolicyVersion: ...


class EntitlementRepository(Protocol):
    async def of(self, nips: Sequence[str]) -> dict[str, list[Entitlement]]: ...

    async def add(self, rows: Sequence[Entitlement]) -> None: ...


class ClaimRepository(Protocol):
    async def insert_once(
        self, claim: NewClaim, *, idempotency_key: str | None, fingerprint: str
    ) -> tuple[Claim, str | None, bool]:
        """Insert, or find the claim of the same key: (claim, its fingerprint, created now)."""
        ...

    async def get(self, claim_id: str, *, for_update: bool = False) -> Claim | None: ...

    async def set_decision(self, claim_id: str, status: ClaimStatus, reason: str) -> Claim: ...

    async def search(
        self, *, nip: str | None, status: ClaimStatus | None, limit: int, offset: int
    ) -> tuple[list[Claim], int]: ...


class Repositories(Protocol):
    """Every repository on one connection (one unit of work)."""

    @property
    def locks(self) -> Locks: ...

    @property
    def facts(self) -> FactRepository: ...

    @property
    def policies(self) -> PolicyRepository: ...

    @property
    def entitlements(self) -> EntitlementRepository: ...

    @property
    def claims(self) -> ClaimRepository: ...
