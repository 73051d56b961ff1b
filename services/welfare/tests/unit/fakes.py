"""An in-memory `UnitOfWork` for the unit tests: the repositories as dicts and lists.

Exact enough for the rules: facts and entitlement rows get a recording order (`seq`) as the
database gives them, a policy version its next number, a claim its idempotency key. Reads
filter by `Visibility` as the SQL does (through the employee's placement in `scope`), and
`audit` is recorded in `uow.audited`.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from jenjang_shared.access import Visibility
from jenjang_shared.contracts.vocabulary import Allowance
from jenjang_testing.fakes import FakeUnitOfWorkBase
from welfare.domain.claims import Claim, ClaimStatus, NewClaim
from welfare.domain.employee import EmployeeTimeline, Fact, timelines_of
from welfare.domain.entitlements import Entitlement
from welfare.domain.policies import PolicyVersion, Rules, parse_rules
from welfare.domain.projection import Placement
from welfare.domain.ranks import RankRules

SEED_DAY = date(2024, 1, 1)

# The example policies of migration 0001 (trimmed to the zones the tests use).
TPP_BASE_BY_JOB_CLASS = (
    748_000, 950_000, 1_200_000, 1_500_000, 1_850_000, 2_300_000, 2_850_000, 3_500_000,
    4_300_000, 5_300_000, 6_600_000, 8_200_000, 10_500_000, 14_000_000, 19_500_000, 28_000_000,
    44_920_000,
)  # fmt: skip

SEED_RULES: dict[Allowance, dict[str, object]] = {
    Allowance.TPP: {
        "base_by_job_class": {
            str(job_class): amount
            for job_class, amount in enumerate(TPP_BASE_BY_JOB_CLASS, start=1)
        },
        "factor_percent_by_predikat": {
            "SANGAT_BAIK": 100,
            "BAIK": 94,
            "BUTUH_PERBAIKAN": 82,
            "KURANG": 70,
            "SANGAT_KURANG": 55,
        },
        "default_predikat": "BAIK",
    },
    Allowance.HOUSING: {
        "by_rank_group": {"I": 400_000, "II": 600_000, "III": 900_000, "IV": 1_300_000}
    },
    Allowance.TRANSPORT: {
        "zones": {"KOTA_BANDUNG": 1_100_000, "KAB_GARUT": 850_000},
        "default_amount_idr": 750_000,
        "rank_group_overrides": {"KOTA_BANDUNG": {"IV": 1_400_000}},
    },
}


def seed_policies() -> list[PolicyVersion]:
    return [
        PolicyVersion(allowance, 1, SEED_DAY, parse_rules(allowance, rules), "Example seed")
        for allowance, rules in SEED_RULES.items()
    ]


_seq = itertools.count(1)  # one recording order for every fake store, as a serial column


@dataclass
class FakeLocks:
    taken: list[str] = field(default_factory=list)

    async def employee(self, nip: str) -> None:
        self.taken.append(nip)

    async def all_employees(self) -> None:
        self.taken.append("*")


@dataclass
class FakeScope:
    """nip -> {"unit_code": .., "supervisor_nip": ..}, as employee_scope."""

    rows: dict[str, dict[str, str | None]] = field(default_factory=dict)

    async def place(self, nip: str, placement: Placement, *, event_id: str | None) -> None:
        if placement:
            row = self.rows.setdefault(nip, {"unit_code": None, "supervisor_nip": None})
            row.update(placement)

    def visible(self, nip: str, visibility: Visibility) -> bool:
        """The SQL predicate, on the LEFT JOIN of the employee's placement."""
        row = self.rows.get(nip, {})
        return visibility.allows(
            nip=nip, unit_code=row.get("unit_code"), supervisor_nip=row.get("supervisor_nip")
        )


@dataclass(frozen=True)
class StoredFact:
    nip: str
    fact: Fact
    event_id: str | None
    event_type: str


@dataclass
class FakeFacts:
    rows: list[StoredFact] = field(default_factory=list)
    scope: FakeScope = field(default_factory=FakeScope)

    async def add(
        self, nip: str, facts: Sequence[Fact], *, event_id: str | None, event_type: str
    ) -> None:
        self.rows += [StoredFact(nip, f.with_seq(next(_seq)), event_id, event_type) for f in facts]

    async def timelines(
        self, nips: Sequence[str], *, visibility: Visibility
    ) -> dict[str, EmployeeTimeline]:
        return timelines_of(
            [],
            (
                (r.nip, r.fact)
                for r in self.rows
                if r.nip in nips and self.scope.visible(r.nip, visibility)
            ),
        )

    async def registered_nips(self, *, visibility: Visibility) -> list[str]:
        return sorted(
            {
                r.nip
                for r in self.rows
                if r.fact.attribute == "status" and self.scope.visible(r.nip, visibility)
            }
        )

    async def nips_ever_in_unit(self, unit_code: str, *, visibility: Visibility) -> list[str]:
        return sorted(
            {
                r.nip
                for r in self.rows
                if r.fact.attribute == "unit_code"
                and r.fact.value == unit_code
                and self.scope.visible(r.nip, visibility)
            }
        )

    def of(self, nip: str) -> list[Fact]:
        return [r.fact for r in self.rows if r.nip == nip]


@dataclass
class FakePolicies:
    versions: list[PolicyVersion] = field(default_factory=seed_policies)

    async def all(self) -> list[PolicyVersion]:
        return list(self.versions)

    async def add(
        self, allowance: Allowance, effective_from: date, rules: Rules, note: str | None
    ) -> PolicyVersion:
        number = 1 + max(
            (v.version_no for v in self.versions if v.allowance is allowance), default=0
        )
        version = PolicyVersion(allowance, number, effective_from, rules, note)
        self.versions.append(version)
        return version


@dataclass
class FakeEntitlements:
    rows: list[Entitlement] = field(default_factory=list)

    async def of(self, nips: Sequence[str]) -> dict[str, list[Entitlement]]:
        found: dict[str, list[Entitlement]] = {}
        for row in self.rows:
            if row.nip in nips:
                found.setdefault(row.nip, []).append(row)
        return found

    async def add(self, rows: Sequence[Entitlement]) -> None:
        self.rows += [replace(r, seq=next(_seq)) for r in rows]

    def of_nip(self, nip: str) -> list[Entitlement]:
        return [r for r in self.rows if r.nip == nip]


@dataclass
class FakeClaims:
    by_id: dict[str, Claim] = field(default_factory=dict)
    fingerprints: dict[str, str] = field(default_factory=dict)  # claim id -> request fingerprint
    keys: dict[str, str] = field(default_factory=dict)  # idempotency key -> claim id
    clock: datetime = datetime(2025, 10, 1, 9, tzinfo=UTC)
    scope: FakeScope = field(default_factory=FakeScope)

    async def insert_once(
        self,
        claim: NewClaim,
        *,
        idempotency_key: str | None,
        fingerprint: str,
        submitted_by: str,
    ) -> tuple[Claim, str | None, bool]:
        if idempotency_key is not None and idempotency_key in self.keys:
            claim_id = self.keys[idempotency_key]
            return self.by_id[claim_id], self.fingerprints[claim_id], False
        self.clock += timedelta(minutes=1)
        stored = Claim(
            id=str(uuid.uuid4()),
            nip=claim.nip,
            kind=claim.kind,
            amount_idr=claim.amount_idr,
            evidence_ref=claim.evidence_ref,
            period=claim.period,
            status=ClaimStatus.PENDING,
            decision_reason=None,
            created_at=self.clock,
            decided_at=None,
            submitted_by=submitted_by,
        )
        self.by_id[stored.id] = stored
        self.fingerprints[stored.id] = fingerprint
        if idempotency_key is not None:
            self.keys[idempotency_key] = stored.id
        return stored, fingerprint, True

    async def get(
        self, claim_id: str, *, visibility: Visibility, for_update: bool = False
    ) -> Claim | None:
        claim = self.by_id.get(claim_id)
        return claim if claim and self.scope.visible(claim.nip, visibility) else None

    async def set_decision(
        self, claim_id: str, status: ClaimStatus, reason: str, *, decided_by: str
    ) -> Claim:
        self.clock += timedelta(minutes=1)
        decided = replace(
            self.by_id[claim_id],
            status=status,
            decision_reason=reason,
            decided_at=self.clock,
            decided_by=decided_by,
        )
        self.by_id[claim_id] = decided
        return decided

    async def search(
        self,
        *,
        nip: str | None,
        status: ClaimStatus | None,
        limit: int,
        offset: int,
        visibility: Visibility,
    ) -> tuple[list[Claim], int]:
        found = sorted(
            (
                c
                for c in self.by_id.values()
                if (nip is None or c.nip == nip)
                and (status is None or c.status is status)
                and self.scope.visible(c.nip, visibility)
            ),
            key=lambda c: c.created_at,
            reverse=True,
        )
        return found[offset : offset + limit], len(found)


@dataclass(frozen=True)
class AuditEntry:
    operation: str
    record_type: str
    record_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass
class FakeUnitOfWork(FakeUnitOfWorkBase):
    locks: FakeLocks = field(default_factory=FakeLocks)
    scope: FakeScope = field(default_factory=FakeScope)
    facts: FakeFacts = field(default_factory=FakeFacts)
    policies: FakePolicies = field(default_factory=FakePolicies)
    entitlements: FakeEntitlements = field(default_factory=FakeEntitlements)
    claims: FakeClaims = field(default_factory=FakeClaims)
    rank_rules: RankRules = field(default_factory=RankRules)
    audited: list[AuditEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        # One placement table behind every read, as employee_scope behind the SQL.
        self.facts.scope = self.scope
        self.claims.scope = self.scope

    async def audit(
        self,
        *,
        operation: str,
        record_type: str,
        record_id: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        self.audited.append(AuditEntry(operation, record_type, record_id, before, after))

    def operations(self) -> list[str]:
        return [entry.operation for entry in self.audited]
