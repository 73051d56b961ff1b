"""Timeline use cases: an entry for every event, from every topic (and for our own at once)."""

from __future__ import annotations

from datetime import UTC, datetime

from jenjang_shared.contracts import Event
from personnel.domain.timeline import entries_for
from personnel.service.ports import Work


async def record_own_event(work: Work, event: Event) -> str:
    """Publish one of personnel's own events and add its timeline entry in the same
    transaction, so the timeline shows it at once; when the event comes back from Kafka the
    entry is already there (same event id) and nothing is added twice."""
    event_id = await work.uow.publish(event)
    now = datetime.now(UTC)
    await work.timeline.add(
        entries_for(event, event_day=now.date()), event_id=event_id, event_time=now
    )
    return event_id


async def add_to_timeline(event: Event, work: Work) -> None:
    """Consumer side: the entries of any event, with its id as evidence. Stored even when the
    employee is not (yet) registered here: topics interleave and the record may come later."""
    meta = work.uow.message
    event_id = meta.id if meta else "unknown"
    event_time = meta.time if meta else datetime.now(UTC)
    await work.timeline.add(
        entries_for(event, event_day=event_time.date()), event_id=event_id, event_time=event_time
    )
