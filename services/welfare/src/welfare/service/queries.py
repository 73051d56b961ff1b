"""Read use cases: an employee's entitlements on a day, a unit's monthly statement."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jenjang_shared.contracts.vocabulary import Allowance
from jenjang_shared.errors import NotFound
from welfare.domain.employee import EmployeeState
from welfare.domain.entitlements import Entitlement, in_force
from welfare.domain.ranks import RankRules
from welfare.domain.statements import Month, Statement, employee_statement
from welfare.service.ports import Repositories


@dataclass(frozen=True)
class EntitlementsView:
    nip: str
    as_of: date
    state: EmployeeState
    rank_group: str | None
    job_class_used: int | None
    current: dict[Allowance, Entitlement | None]
    history: list[Entitlement]

    @property
    def total_idr(self) -> int:
        return sum(r.amount_idr for r in self.current.values() if r is not None)


async def entitlements_as_of(
    nip: str, as_of: date, *, repos: Repositories, ranks: RankRules
) -> EntitlementsView:
    """What is in force on `as_of` (any day, past or future) and every recorded change."""
    timeline = (await repos.facts.timelines([nip])).get(nip)
    if timeline is None or not timeline.registered:
        raise NotFound(f"no employee {nip} is known to welfare (no EmployeeRegistered yet)")
    rows = (await repos.entitlements.of([nip])).get(nip, [])
    state = timeline.state_at(as_of)
    return EntitlementsView(
        nip=nip,
        as_of=as_of,
        state=state,
        rank_group=ranks.rank_group(state.golongan),
        job_class_used=ranks.job_class(state.job_class, state.golongan),
        current={a: in_force([r for r in rows if r.allowance is a], as_of) for a in Allowance},
        history=sorted(rows, key=lambda r: (r.allowance.value, r.effective_from, r.seq)),
    )


async def monthly_statement(
    month: Month, unit_code: str | None, *, repos: Repositories
) -> Statement:
    """Employees of the unit (their unit on the month's last day) active during the month."""
    if unit_code is None:
        nips = await repos.facts.registered_nips()
    else:
        nips = await repos.facts.nips_ever_in_unit(unit_code)
    timelines = await repos.facts.timelines(nips)
    members = [
        t
        for t in timelines.values()
        if t.registered
        and (unit_code is None or t.state_at(month.last).unit_code == unit_code)
        and t.active_during(month.first, month.last)
    ]
    rows = await repos.entitlements.of([t.nip for t in members])
    statement = Statement(month=month, unit_code=unit_code)
    for timeline in sorted(members, key=lambda t: t.nip):
        state = timeline.state_at(month.last)
        statement.employees.append(
            employee_statement(
                timeline.nip, state.unit_code, state.golongan, rows.get(timeline.nip, []), month
            )
        )
    return statement
