"""In-memory building blocks for each service's fake unit of work (unit tests, no I/O).

A service's `tests/unit/fakes.py` subclasses `FakeUnitOfWorkBase` with its in-memory stores; a
test reads `uow.published` to see the events a use case or handler recorded, and `uow.handled`
to say which event (id, time) a handler applies.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from jenjang_shared.contracts.base import Event
from jenjang_shared.ports import AGENCY_TIME_ZONE, HandledEvent


def handled_on(day: date, *, event_id: str | None = None) -> HandledEvent:
    """An event that happened at noon (agency time) of `day`."""
    moment = datetime.combine(day, time(12), tzinfo=AGENCY_TIME_ZONE).astimezone(UTC)
    return HandledEvent(id=event_id or str(uuid.uuid4()), time=moment)


@dataclass
class FakeUnitOfWorkBase:
    """`publish` and `handled` as the PostgreSQL unit of work has them, kept in memory."""

    handled: HandledEvent | None = None
    published: list[Event] = field(default_factory=list)
    audited: list[dict[str, Any]] = field(default_factory=list)

    async def publish(self, event: Event) -> str:
        self.published.append(event)
        return str(uuid.uuid4())

    async def publish_many(self, events: list[Event]) -> list[str]:
        return [await self.publish(event) for event in events]

    async def audit(
        self,
        *,
        operation: str,
        record_type: str,
        record_id: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        self.audited.append(
            {"operation": operation, "record_type": record_type, "record_id": record_id,
             "before": before, "after": after}
        )  # fmt: skip

    def operations(self) -> list[str]:
        """The audited operations, in order."""
        return [entry["operation"] for entry in self.audited]

    def published_of(self, event_type: type[Event]) -> list[Event]:
        """The recorded events of one type, in order."""
        return [e for e in self.published if isinstance(e, event_type)]
