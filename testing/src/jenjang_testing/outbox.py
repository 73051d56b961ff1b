"""The one way a test reads what a service wrote to its outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from jenjang_shared.contracts.base import Event
from jenjang_shared.runtime import ServiceRuntime


@dataclass(frozen=True)
class OutboxRow:
    event_id: str
    event_type: str
    subject: str
    payload: dict[str, Any]
    published_at: datetime | None
    correlation_id: str | None
    causation_id: str | None


async def outbox_rows(
    runtime: ServiceRuntime,
    event: type[Event] | None = None,
    *,
    subject: str | list[str] | None = None,
) -> list[OutboxRow]:
    """The rows a service wrote, oldest first: of one event type and/or subject (NIP) or
    subjects, when given."""
    subjects = [subject] if isinstance(subject, str) else subject
    rows = await runtime.pool.fetch(
        "SELECT event_id, event_type, subject, payload, published_at, correlation_id,"
        " causation_id FROM outbox"
        " WHERE ($1::text IS NULL OR event_type = $1) AND ($2::text[] IS NULL OR subject = ANY($2))"
        " ORDER BY seq",
        event.ce_type() if event is not None else None,
        subjects,
    )
    return [
        OutboxRow(
            event_id=str(r["event_id"]),
            event_type=r["event_type"],
            subject=r["subject"],
            payload=r["payload"],
            published_at=r["published_at"],
            correlation_id=r["correlation_id"],
            causation_id=r["causation_id"],
        )
        for r in rows
    ]


async def published_payloads(
    runtime: ServiceRuntime, event: type[Event], subject: str | None = None
) -> list[dict[str, Any]]:
    """The payloads of one event type (for one NIP, when given), oldest first."""
    return [row.payload for row in await outbox_rows(runtime, event, subject=subject)]
