"""The career timeline: an entry for every event from every topic, and for personnel's own
events at once, in the transaction that publishes them."""

from __future__ import annotations

from datetime import datetime

from jenjang_shared.contracts.base import Event
from jenjang_shared.ports import agency_day, day_of
from personnel.domain.timeline import entries_for
from personnel.service.ports import UnitOfWork


async def record_own_event(uow: UnitOfWork, event: Event, *, now: datetime) -> str:
    """Publish one of personnel's own events and add its timeline entries in the same
    transaction, so the timeline shows it at once; when the event comes back from Kafka the
    entries are already there (same event id) and nothing is added twice."""
    event_id = await uow.publish(event)
    entries = entries_for(event, event_day=agency_day(now))
    await uow.timeline.add(entries, event_id=event_id, event_time=now)
    return event_id


async def add_to_timeline(uow: UnitOfWork, event: Event) -> None:
    """The entries of a consumed event, with its id as evidence and dated by the event's own
    day when it carries no business date. Stored even when the employee is not (yet)
    registered here: topics interleave and the record may come later."""
    handled = uow.handled
    entries = entries_for(event, event_day=day_of(handled))
    assert handled is not None  # day_of refuses a unit of work without its event
    await uow.timeline.add(entries, event_id=handled.id, event_time=handled.time)
