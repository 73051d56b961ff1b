"""Allowance policies: reading their versions, adding one (entitlements follow at once)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from jenjang_shared.access import Visibility
from jenjang_shared.contracts.vocabulary import Allowance
from welfare.domain.policies import PolicyBook, PolicyVersion, parse_rules
from welfare.service.entitlements import recompute_and_publish
from welfare.service.ports import UnitOfWork


async def policy_versions(
    uow: UnitOfWork, *, allowance: Allowance, as_of: date
) -> tuple[list[PolicyVersion], PolicyVersion | None]:
    """Every version of an allowance and the one in force on `as_of` (not personal data:
    every role may read them)."""
    book = PolicyBook(await uow.policies.all())
    return book.versions(allowance), book.in_force(allowance, as_of)


async def add_policy_version(
    uow: UnitOfWork,
    *,
    allowance: Allowance,
    effective_from: date,
    rules: Mapping[str, Any],
    note: str | None,
) -> tuple[PolicyVersion, int]:
    """A new version; every employee's entitlements follow from its date (future ones too).

    The rules are validated first (InvalidInput names the failing field). Returns the version
    and the number of entitlement changes it caused. Audited (`policy_version.create`).
    """
    validated = parse_rules(allowance, rules)
    await uow.locks.all_employees()
    version = await uow.policies.add(allowance, effective_from, validated, note)
    changed = await recompute_and_publish(
        uow,
        nips=await uow.facts.registered_nips(visibility=Visibility.unrestricted()),
        since=effective_from,
        reason=f"POLICY {version.label}",
        event_id=None,
    )
    await uow.audit(
        operation="policy_version.create",
        record_type="policy_version",
        record_id=version.label,
        after={
            "allowance": allowance.value,
            "version_no": version.version_no,
            "effective_from": effective_from.isoformat(),
            "rules": validated.to_json(),
            "note": note,
            "entitlement_changes": len(changed),
        },
    )
    return version, len(changed)
