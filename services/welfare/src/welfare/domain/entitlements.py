"""Entitlements: the monthly amount of each allowance, as dated rows that are only ever added.

The amount in force on a day is the row with the latest `effective_from` on or before it (the
latest recorded one when two share a date). A recomputation walks every date from `since` on
where an input can change (an employee fact, a policy version, an earlier row), computes the
amount due from the employee's state and the policy in force that day, and adds a row only where
it differs from what is in force: a change is recorded, and published, only when the amount
really changes. Rows dated in the future (a policy or promotion not yet in force) are written
at once and simply take effect on their date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from jenjang_shared.contracts.vocabulary import Allowance
from welfare.domain.employee import EmployeeState, EmployeeTimeline
from welfare.domain.policies import (
    HousingRules,
    PolicyBook,
    PolicyVersion,
    TppRules,
    TransportRules,
)
from welfare.domain.ranks import RankRules

NO_POLICY = "NONE"


@dataclass(frozen=True)
class Entitlement:
    """One dated row: from `effective_from` on, `amount_idr` a month (until a later row)."""

    nip: str
    allowance: Allowance
    effective_from: date
    amount_idr: int
    previous_amount_idr: int
    reason: str
    policy_version: str
    caused_by_event_id: str | None = None
    seq: int = 0


def amount_due(
    allowance: Allowance, state: EmployeeState, policy: PolicyVersion | None, ranks: RankRules
) -> int:
    """The monthly amount of one allowance for an employee in `state` under `policy`."""
    if policy is None or not state.active:
        return 0
    rules = policy.rules
    group = ranks.rank_group(state.golongan)
    if isinstance(rules, TransportRules):
        return rules.amount(state.work_location, group)
    if isinstance(rules, HousingRules):
        return rules.amount(group)
    assert isinstance(rules, TppRules)
    return rules.amount(ranks.job_class(state.job_class, state.golongan), state.predikat)


def in_force(rows: Iterable[Entitlement], on: date) -> Entitlement | None:
    """The row in force on a day among one allowance's rows."""
    best: Entitlement | None = None
    for row in rows:
        if row.effective_from <= on and (
            best is None or (row.effective_from, row.seq) > (best.effective_from, best.seq)
        ):
            best = row
    return best


def resolved(rows: Iterable[Entitlement]) -> list[Entitlement]:
    """The rows that win on their date, in date order: the step function of amounts."""
    winners: dict[date, Entitlement] = {}
    for row in sorted(rows, key=lambda r: (r.effective_from, r.seq)):
        winners[row.effective_from] = row
    return [winners[d] for d in sorted(winners)]


def recompute(
    timeline: EmployeeTimeline,
    policies: PolicyBook,
    existing: Sequence[Entitlement],
    ranks: RankRules,
    *,
    since: date,
    reason: str,
    caused_by_event_id: str | None,
) -> list[Entitlement]:
    """The rows to add so that, from `since` on, every allowance matches its inputs."""
    added: list[Entitlement] = []
    for allowance in Allowance:
        rows = [r for r in existing if r.allowance is allowance]
        dates = timeline.change_dates() | policies.change_dates(allowance)
        dates |= {r.effective_from for r in rows}
        next_seq = max((r.seq for r in rows), default=0) + 1
        for on in sorted(d for d in dates if d >= since):
            policy = policies.in_force(allowance, on)
            amount = amount_due(allowance, timeline.state_at(on), policy, ranks)
            current = in_force(rows, on)
            previous = current.amount_idr if current else 0
            if amount == previous:
                continue
            row = Entitlement(
                nip=timeline.nip,
                allowance=allowance,
                effective_from=on,
                amount_idr=amount,
                previous_amount_idr=previous,
                reason=reason,
                policy_version=policy.label if policy else NO_POLICY,
                caused_by_event_id=caused_by_event_id,
                seq=next_seq,
            )
            next_seq += 1
            rows.append(row)
            added.append(row)
    return added
