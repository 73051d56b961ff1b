"""The mentor pool: designate a PNS as mentor, change capacity or expertise, pause, resume."""

from __future__ import annotations

import dataclasses
from datetime import date

from jenjang_shared.errors import Conflict, InvalidInput, NotFound
from mentoring.domain.mentor import MentorEntry
from mentoring.domain.policy import MentoringPolicy
from mentoring.service.matching import retry_pending
from mentoring.service.ports import Store


async def add_mentor(
    store: Store,
    policy: MentoringPolicy,
    *,
    nip: str,
    expertise: tuple[str, ...],
    capacity: int | None,
    today: date,
) -> MentorEntry:
    """Designate a registered, active PNS as mentor (409 if already in the pool). Requests that
    were waiting for a mentor are tried again at once."""
    employee = await store.employees.get(nip, lock=True)
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
    if await store.mentors.get(nip) is not None:
        raise Conflict(f"{nip} is already in the mentor pool")
    load = await store.mentorships.active_load(nip)  # a superior may already mentor implicitly
    if capacity is not None and capacity < load:
        raise Conflict(f"{nip} has {load} active mentee(s): the capacity cannot be below that")
    entry = MentorEntry(
        nip=nip,
        expertise=tuple(dict.fromkeys(expertise)),
        capacity=capacity or policy.default_capacity,
    )
    await store.mentors.add(entry)
    await retry_pending(store, policy, today)
    return entry


async def pool_entry(store: Store, nip: str) -> MentorEntry:
    await store.employees.get(nip, lock=True)  # the mentor row: same lock as new mentorships
    entry = await store.mentors.get(nip)
    if entry is None:
        raise NotFound(f"{nip} is not in the mentor pool")
    return entry


async def update_mentor(
    store: Store,
    policy: MentoringPolicy,
    nip: str,
    *,
    capacity: int | None,
    expertise: tuple[str, ...] | None,
    today: date,
) -> MentorEntry:
    """Change capacity (never below the current active mentees: 409) or expertise."""
    entry = await pool_entry(store, nip)
    if capacity is not None:
        load = await store.mentorships.active_load(nip)
        if capacity < load:
            raise Conflict(
                f"{nip} has {load} active mentee(s): the capacity cannot go below that",
            )
        entry = dataclasses.replace(entry, capacity=capacity)
    if expertise is not None:
        entry = dataclasses.replace(entry, expertise=tuple(dict.fromkeys(expertise)))
    await store.mentors.save(entry)
    await retry_pending(store, policy, today)
    return entry


async def pause_mentor(store: Store, nip: str, *, reason: str | None) -> MentorEntry:
    """Take a mentor out of matching for now; their active mentorships go on."""
    entry = dataclasses.replace(await pool_entry(store, nip), paused=True, pause_reason=reason)
    await store.mentors.save(entry)
    return entry


async def resume_mentor(
    store: Store, policy: MentoringPolicy, nip: str, *, today: date
) -> MentorEntry:
    entry = dataclasses.replace(await pool_entry(store, nip), paused=False, pause_reason=None)
    await store.mentors.save(entry)
    await retry_pending(store, policy, today)
    return entry
