"""Use cases that change entitlements: an employee event, a new policy version."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from jenjang_shared.contracts import AllowanceEntitlementChanged
from jenjang_shared.contracts.vocabulary import Allowance
from jenjang_shared.db.unit_of_work import UnitOfWork
from welfare.domain.employee import Fact
from welfare.domain.entitlements import Entitlement, recompute
from welfare.domain.policies import PolicyBook, PolicyVersion, Rules
from welfare.domain.ranks import RankRules
from welfare.service.ports import Repositories

log = logging.getLogger(__name__)


async def record_employee_facts(
    nip: str,
    facts: Sequence[Fact],
    *,
    event_type: str,
    uow: UnitOfWork,
    repos: Repositories,
    ranks: RankRules,
) -> list[Entitlement]:
    """Add the facts an event brings, then recompute from the earliest date they touch."""
    event_id = uow.message.id if uow.message else None
    await repos.locks.employee(nip)
    if not facts:
        log.info("%s for %s changes no welfare input", event_type, nip)
        return []
    await repos.facts.add(nip, facts, event_id=event_id, event_type=event_type)
    since = min(f.effective_from for f in facts)
    return await _recompute(
        [nip], since, reason=event_type, event_id=event_id, uow=uow, repos=repos, ranks=ranks
    )


async def add_policy_version(
    allowance: Allowance,
    effective_from: date,
    rules: Rules,
    note: str | None,
    *,
    uow: UnitOfWork,
    repos: Repositories,
    ranks: RankRules,
) -> tuple[PolicyVersion, int]:
    """A new version; every employee's entitlements follow from its date (future ones too).

    Returns the version and the number of entitlement changes it caused.
    """
    await repos.locks.all_employees()
    version = await repos.policies.add(allowance, effective_from, rules, note)
    nips = await repos.facts.registered_nips()
    changed = await _recompute(
        nips,
        effective_from,
        reason=f"POLICY {version.label}",
        event_id=None,
        uow=uow,
        repos=repos,
        ranks=ranks,
    )
    return version, len(changed)


async def _recompute(
    nips: Sequence[str],
    since: date,
    *,
    reason: str,
    event_id: str | None,
    uow: UnitOfWork,
    repos: Repositories,
    ranks: RankRules,
) -> list[Entitlement]:
    timelines = await repos.facts.timelines(nips)
    book = PolicyBook(await repos.policies.all())
    existing = await repos.entitlements.of(nips)
    added: list[Entitlement] = []
    for nip, timeline in timelines.items():
        if not timeline.registered:
            continue  # facts that arrived before the registration: nothing is due yet
        added += recompute(
            timeline,
            book,
            existing.get(nip, []),
            ranks,
            since=since,
            reason=reason,
            caused_by_event_id=event_id,
        )
    await repos.entitlements.add(added)
    for row in added:
        await uow.publish(
            AllowanceEntitlementChanged(
                nip=row.nip,
                allowance=row.allowance,
                amount_idr=row.amount_idr,
                previous_amount_idr=row.previous_amount_idr,
                effective_from=row.effective_from,
                reason=row.reason,
                policy_version=row.policy_version,
            )
        )
    return added
