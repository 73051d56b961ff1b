"""Read use cases: an employee's entitlements on a day, a unit's monthly statement.

Both take the caller's `Visibility` into their queries: an employee outside it is a 404 (as an
unknown one) and a statement lists only visible employees. Reading another person's
entitlements or statement lines is audited (`entitlements.read`, `statement.read`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jenjang_shared.access import Visibility
from jenjang_shared.contracts.vocabulary import Allowance
from jenjang_shared.errors import NotFound
from welfare.domain.entitlements import Entitlement, in_force
from welfare.domain.statements import Month, Statement, employee_statement
from welfare.service.ports import UnitOfWork


@dataclass(frozen=True)
class EmployeeProjection:
    """Welfare's view of an employee on one day, with the rank group and job class it uses."""

    status: str | None
    employment_type: str | None
    golongan: str | None
    rank_group: str | None
    unit_code: str | None
    work_location: str | None
    job_class: int | None
    job_class_used: int | None
    predikat: str | None


@dataclass(frozen=True)
class EntitlementsView:
    nip: str
    as_of: date
    employee: EmployeeProjection
    entitlements: list[Entitlement]  # in force on as_of, one per allowance that has a row
    history: list[Entitlement]

    @property
    def total_idr(self) -> int:
        return sum(r.amount_idr for r in self.entitlements)


async def entitlements_as_of(
    uow: UnitOfWork, *, nip: str, as_of: date, visibility: Visibility, reader_nip: str | None
) -> EntitlementsView:
    """What is in force on `as_of` (any day, past or future) and every recorded change."""
    timeline = (await uow.facts.timelines([nip], visibility=visibility)).get(nip)
    if timeline is None or not timeline.registered:
        raise NotFound(f"no employee {nip} is known to welfare (no EmployeeRegistered yet)")
    if nip != reader_nip:
        await uow.audit(
            operation="entitlements.read",
            record_type="entitlements",
            record_id=nip,
            after={"as_of": as_of.isoformat()},
        )
    rows = (await uow.entitlements.of([nip])).get(nip, [])
    state = timeline.state_at(as_of)
    ranks = uow.rank_rules
    current = (in_force([r for r in rows if r.allowance is a], as_of) for a in Allowance)
    return EntitlementsView(
        nip=nip,
        as_of=as_of,
        employee=EmployeeProjection(
            status=state.status,
            employment_type=state.employment_type,
            golongan=state.golongan,
            rank_group=ranks.rank_group(state.golongan),
            unit_code=state.unit_code,
            work_location=state.work_location,
            job_class=state.job_class,
            job_class_used=ranks.job_class(state.job_class, state.golongan),
            predikat=state.predikat,
        ),
        entitlements=[row for row in current if row is not None],
        history=sorted(rows, key=lambda r: (r.allowance.value, r.effective_from, r.seq)),
    )


async def monthly_statement(
    uow: UnitOfWork,
    *,
    month: Month,
    unit_code: str | None,
    visibility: Visibility,
    reader_nip: str | None,
) -> Statement:
    """Employees of the unit (their unit on the month's last day) active during the month,
    among those the caller may see (without a unit: every visible employee)."""
    if unit_code is None:
        nips = await uow.facts.registered_nips(visibility=visibility)
    else:
        nips = await uow.facts.nips_ever_in_unit(unit_code, visibility=visibility)
    timelines = await uow.facts.timelines(nips, visibility=visibility)
    members = [
        t
        for t in timelines.values()
        if t.registered
        and (unit_code is None or t.state_at(month.last).unit_code == unit_code)
        and t.active_during(month.first, month.last)
    ]
    rows = await uow.entitlements.of([t.nip for t in members])
    statement = Statement(month=month, unit_code=unit_code)
    for timeline in sorted(members, key=lambda t: t.nip):
        state = timeline.state_at(month.last)
        statement.employees.append(
            employee_statement(
                timeline.nip, state.unit_code, state.golongan, rows.get(timeline.nip, []), month
            )
        )
    others = [e.nip for e in statement.employees if e.nip != reader_nip]
    if others:
        await uow.audit(
            operation="statement.read",
            record_type="statement",
            record_id=f"{month}/{unit_code or '*'}",
            after={"month": str(month), "unit_code": unit_code, "nips": others},
        )
    return statement
