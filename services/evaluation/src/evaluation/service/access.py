"""Who may see and write what in the evaluation service: the scope decisions of the use cases.

The queries filter by the caller's `Visibility` themselves (a list never holds a row outside
it); these helpers turn "not visible" into the same 404 as "unknown", decide in which capacity
a caller writes about an employee, and audit reads of another person's records.

- Reading an employee's evaluations, eligibility or recommendations: whoever `Visibility`
  lets see the employee (admin and internal apps everyone, hr its units, a supervisor their
  direct reports, everyone themself). A read of another person's is audited.
- Writing about an employee (an evaluation, a potential): admin and internal apps (with the
  write scope) anyone, hr the employees of its units, a supervisor their direct reports; being
  able to see oneself grants no write, and nobody writes about themself (403).
- A unit's talent box: admin, internal apps and hr of that unit (a unit outside an hr's units
  is 404); a supervisor gets only their direct reports in it. A unit's distribution: admin,
  internal apps and hr of that unit.
"""

from __future__ import annotations

import dataclasses
from enum import StrEnum

from evaluation.domain.eligibility import EmployeeFacts
from evaluation.service.ports import UnitOfWork
from jenjang_shared.access import Principal, Visibility
from jenjang_shared.errors import InvalidInput, NotAllowed, NotFound


class Refused(NotAllowed):
    """A caller in scope who still may not do this (four eyes): 403."""


class Capacity(StrEnum):
    """Why a caller may write about an employee."""

    ANYONE = "anyone"  # admin, or an internal app with the write scope
    UNIT = "unit"  # hr of the employee's unit
    SUPERIOR = "superior"  # the employee's direct superior


def not_known(nip: str) -> NotFound:
    return NotFound(f"employee {nip} is not known to the evaluation service")


async def visible_employee(
    uow: UnitOfWork, *, nip: str, visibility: Visibility
) -> EmployeeFacts | None:
    """The employee as the projection knows them, when the caller may see them; NotFound when
    not (the same answer as an unknown NIP). Someone everyone-visible or the caller themself
    may still be unknown to the projection (None): their records are read all the same."""
    facts = await uow.employees.get(nip, visible_to=visibility)
    if facts is None and not (visibility.everyone or visibility.nip == nip):
        raise not_known(nip)
    return facts


async def writable_employee(
    uow: UnitOfWork, *, nip: str, caller: Principal, what: str
) -> tuple[EmployeeFacts | None, Capacity]:
    """The employee a caller writes about (`what`: "record an evaluation of"), and in which
    capacity. Oneself: 403. Out of scope or unknown: 404 (admin and internal apps may write
    about an employee the projection does not know yet)."""
    if caller.nip is not None and caller.nip == nip:
        raise Refused(f"nobody may {what} themself (four eyes)")
    # Seeing oneself grants no write: the scope without the person.
    scope = dataclasses.replace(Visibility.of(caller), nip=None)
    facts = await uow.employees.get(nip, visible_to=scope)
    if scope.everyone:
        return facts, Capacity.ANYONE
    if facts is None:
        raise not_known(nip)
    if facts.unit_code is not None and facts.unit_code in scope.units:
        return facts, Capacity.UNIT
    return facts, Capacity.SUPERIOR


def acting_person(
    caller: Principal, capacity: Capacity, named: str | None, *, field: str
) -> str | None:
    """Who acted (the evaluator, the assessor) as the record keeps them: a superior acts as
    themself (naming anyone else is 422); admin, hr and internal apps may name the person, who
    defaults to the token's NIP."""
    if capacity is Capacity.SUPERIOR:
        if named is not None and named != caller.nip:
            raise InvalidInput(
                f"a supervisor records as themself: leave {field} out or give your own NIP",
                field=field,
            )
        return caller.nip
    return named or caller.nip


def unit_scope(visibility: Visibility, *, unit_code: str, superiors_too: bool) -> None:
    """A unit's records are for everyone-visible callers and hr of that unit, and (when
    `superiors_too`) a supervisor, whose queries then hold only their direct reports. Any other
    unit is 404, as an unknown one would be."""
    if visibility.everyone or unit_code in visibility.units:
        return
    if superiors_too and visibility.reports_of is not None:
        return
    raise NotFound(f"unit {unit_code} is not known to the evaluation service")


async def audit_read(uow: UnitOfWork, *, operation: str, nip: str, reader_nip: str | None) -> None:
    """Audit a read of an employee's records, unless the employee reads their own."""
    if reader_nip is not None and reader_nip == nip:
        return
    await uow.audit(operation=operation, record_type="employee", record_id=nip)
