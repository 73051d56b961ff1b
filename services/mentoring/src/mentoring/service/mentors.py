"""The mentor pool: designate a PNS as mentor, change capacity or expertise, pause, resume.

Managed by HR of the mentor's unit and admin: the mentor's employee row must be within the
caller's `visibility` (404 otherwise, like an unknown one), and nobody designates themselves or
sets their own capacity (`decider_nip`, four eyes). Every change is audited.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from jenjang_shared.access import Visibility
from jenjang_shared.errors import Conflict, InvalidInput, NotFound
from mentoring.domain.mentor import MentorEntry
from mentoring.service.access import NotYours
from mentoring.service.matching import retry_pending
from mentoring.service.ports import EVERYONE, UnitOfWork


async def add_mentor(
    uow: UnitOfWork,
    *,
    nip: str,
    expertise: tuple[str, ...],
    capacity: int | None,
    today: date,
    visibility: Visibility = EVERYONE,
    decider_nip: str | None = None,
) -> MentorEntry:
    """Designate a registered, active PNS as mentor (409 if already in the pool). Requests that
    were waiting for a mentor are tried again at once."""
    employee = await uow.employees.get(nip, lock=True, visibility=visibility)
    if employee is None and not visibility.everyone:
        raise NotFound(f"employee {nip} is not known to the mentoring service")
    if employee is None or not employee.registered:
        raise InvalidInput(
            f"employee {nip} is not known to the mentoring service (no registration received)",
            field="nip",
        )
    _not_yourself(decider_nip, nip, "designate you as mentor")
    if employee.retired:
        raise InvalidInput(f"employee {nip} is retired", field="nip")
    if not employee.is_pns:
        raise InvalidInput(
            f"only a PNS can be a mentor; {nip} is {employee.employment_type}", field="nip"
        )
    if await uow.mentors.get(nip) is not None:
        raise Conflict(f"{nip} is already in the mentor pool")
    load = await uow.mentorships.active_load(nip)  # a superior may already mentor implicitly
    if capacity is not None and capacity < load:
        raise Conflict(f"{nip} has {load} active mentee(s): the capacity cannot be below that")
    entry = MentorEntry(
        nip=nip,
        expertise=tuple(dict.fromkeys(expertise)),
        capacity=capacity or uow.policy.default_capacity,
    )
    await uow.mentors.add(entry)
    await uow.audit(
        operation="mentor.add",
        record_type="mentor",
        record_id=nip,
        after={"expertise": list(entry.expertise), "capacity": entry.capacity},
    )
    await retry_pending(uow, today=today)
    return entry


async def pool_entry(
    uow: UnitOfWork, nip: str, *, visibility: Visibility = EVERYONE
) -> MentorEntry:
    """The mentor's pool entry, with the mentor's row locked; 404 when not in the pool (or the
    mentor is outside `visibility`)."""
    employee = await uow.employees.get(nip, lock=True, visibility=visibility)  # same lock as
    entry = await uow.mentors.get(nip) if employee is not None else None  # new mentorships
    if entry is None:
        raise NotFound(f"{nip} is not in the mentor pool")
    return entry


async def update_mentor(
    uow: UnitOfWork,
    *,
    nip: str,
    capacity: int | None,
    expertise: tuple[str, ...] | None,
    today: date,
    visibility: Visibility = EVERYONE,
    decider_nip: str | None = None,
) -> MentorEntry:
    """Change capacity (never below the current active mentees: 409) or expertise."""
    before = await pool_entry(uow, nip, visibility=visibility)
    _not_yourself(decider_nip, nip, "change your pool entry")
    entry = before
    if capacity is not None:
        load = await uow.mentorships.active_load(nip)
        if capacity < load:
            raise Conflict(
                f"{nip} has {load} active mentee(s): the capacity cannot go below that",
            )
        entry = dataclasses.replace(entry, capacity=capacity)
    if expertise is not None:
        entry = dataclasses.replace(entry, expertise=tuple(dict.fromkeys(expertise)))
    await uow.mentors.save(entry)
    await _audit(uow, "mentor.update", before, entry)
    await retry_pending(uow, today=today)
    return entry


async def pause_mentor(
    uow: UnitOfWork, *, nip: str, reason: str | None, visibility: Visibility = EVERYONE
) -> MentorEntry:
    """Take a mentor out of matching for now; their active mentorships go on."""
    before = await pool_entry(uow, nip, visibility=visibility)
    entry = dataclasses.replace(before, paused=True, pause_reason=reason)
    await uow.mentors.save(entry)
    await _audit(uow, "mentor.pause", before, entry)
    return entry


async def resume_mentor(
    uow: UnitOfWork, *, nip: str, today: date, visibility: Visibility = EVERYONE
) -> MentorEntry:
    """Make a paused mentor available again; waiting requests are tried at once."""
    before = await pool_entry(uow, nip, visibility=visibility)
    entry = dataclasses.replace(before, paused=False, pause_reason=None)
    await uow.mentors.save(entry)
    await _audit(uow, "mentor.resume", before, entry)
    await retry_pending(uow, today=today)
    return entry


def _not_yourself(decider_nip: str | None, nip: str, what: str) -> None:
    if decider_nip is not None and decider_nip == nip:
        raise NotYours(f"someone else must {what} (four eyes)")


async def _audit(uow: UnitOfWork, operation: str, before: MentorEntry, after: MentorEntry) -> None:
    """The pool entry's changed fields, before and after."""
    old, new = _fields(before), _fields(after)
    changed = [name for name in new if old[name] != new[name]]
    await uow.audit(
        operation=operation,
        record_type="mentor",
        record_id=after.nip,
        before={name: old[name] for name in changed},
        after={name: new[name] for name in changed},
    )


def _fields(entry: MentorEntry) -> dict[str, object]:
    return {
        "expertise": list(entry.expertise),
        "capacity": entry.capacity,
        "paused": entry.paused,
        "pause_reason": entry.pause_reason,
    }
