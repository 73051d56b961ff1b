"""How entitlements follow their inputs: new employee facts, or a new policy version.

Both end in `recompute_and_publish`: from the earliest date touched, every affected employee's
allowances are recomputed, and only the rows where an amount really changes are added and
published as AllowanceEntitlementChanged.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import AllowanceEntitlementChanged
from welfare.domain.employee import Fact
from welfare.domain.entitlements import Entitlement, recompute
from welfare.domain.policies import PolicyBook
from welfare.domain.projection import Placement
from welfare.service.ports import UnitOfWork

log = logging.getLogger(__name__)


async def record_employee_facts(
    uow: UnitOfWork,
    *,
    nip: str,
    facts: Sequence[Fact],
    event_type: str,
    event_id: str,
    placement: Placement | None = None,
) -> list[Entitlement]:
    """Add the facts an event brings (and where it places the employee for access), then
    recompute from the earliest date they touch."""
    await uow.locks.employee(nip)
    if placement:
        await uow.scope.place(nip, placement, event_id=event_id)
    if not facts:
        log.info("%s %s changes no welfare input", event_type, event_id)  # no NIP in logs
        return []
    await uow.facts.add(nip, facts, event_id=event_id, event_type=event_type)
    return await recompute_and_publish(
        uow,
        nips=[nip],
        since=min(f.effective_from for f in facts),
        reason=event_type,
        event_id=event_id,
    )


async def recompute_and_publish(
    uow: UnitOfWork, *, nips: Sequence[str], since: date, reason: str, event_id: str | None
) -> list[Entitlement]:
    """Add (and publish) the entitlement rows that bring these employees up to date."""
    timelines = await uow.facts.timelines(nips, visibility=Visibility.unrestricted())
    book = PolicyBook(await uow.policies.all())
    existing = await uow.entitlements.of(nips)
    added: list[Entitlement] = []
    for nip, timeline in timelines.items():
        if not timeline.registered:
            continue  # facts that arrived before the registration: nothing is due yet
        added += recompute(
            timeline,
            book,
            existing.get(nip, []),
            uow.rank_rules,
            since=since,
            reason=reason,
            caused_by_event_id=event_id,
        )
    await uow.entitlements.add(added)
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
