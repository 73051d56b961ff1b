"""The mentor pool: designate a PNS as mentor, change capacity or expertise, pause, resume."""

from __future__ import annotations

import dataclasses
from datetime import date

from jenjang_shared.errors import Conflict, InvalidInput, NotFound
from mentoring.domain.mentor import MentorEntry
from mentoring.service.matching import retry_pending
from mentoring.service.ports import UnitOfWork


async def add_mentor(
    uow: UnitOfWork,
    *,
    nip: str,
    expertise: tuple[str, ...],
    capacity: int | None,
    today: date,
) -> MentorEntry:
    """Designate a registered, active PNS as mentor (409 if already in the pool). Requests that
    were waiting for a mentor are tried again at once."""
    employee = await uow.employees.get(nip, lock=True)
    if employee is None or not employee.registered:
        raise InvalidInput(
            f"employee {nip} is not known to the mentoring service (no registration received)",
            field="nip",
        )
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
    await retry_pending(uow, today=today)
    return entry


async def pool_entry(uow: UnitOfWork, nip: str) -> MentorEntry:
    """The mentor's pool entry, with the mentor's row locked; 404 when not in the pool."""
    await uow.employees.get(nip, lock=True)  # the mentor row: same lock as new mentorships
    entry = await uow.mentors.get(nip)
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
) -> MentorEntry:
    """Change capacity (never below the current active mentees: 409) or expertise."""
    entry = await pool_entry(uow, nip)
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
    await retry_pending(uow, today=today)
    return entry


async def pause_mentor(uow: UnitOfWork, *, nip: str, reason: str | None) -> MentorEntry:
    """Take a mentor out of matching for now; their active mentorships go on."""
    entry = dataclasses.replace(await pool_entry(uow, nip), paused=True, pause_reason=reason)
    await uow.mentors.save(entry)
    return entry


async def resume_mentor(uow: UnitOfWork, *, nip: str, today: date) -> MentorEntry:
    """Make a paused mentor available again; waiting requests are tried at once."""
    entry = dataclasses.replace(await pool_entry(uow, nip), paused=False, pause_reason=None)
    await uow.mentors.save(entry)
    await retry_pending(uow, today=today)
    return entry
