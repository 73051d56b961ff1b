"""One unit of work: a transaction on one connection, with an outbox for the events it causes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg

from jenjang_shared.access import current_principal
from jenjang_shared.contracts.base import Event
from jenjang_shared.db.audit import SYSTEM, Actor, write_audit
from jenjang_shared.db.types import Connection
from jenjang_shared.messaging.codec import EventMeta
from jenjang_shared.messaging.outbox import OutboxWriter
from jenjang_shared.messaging.tracing import current_correlation_id, current_traceparent
from jenjang_shared.ports import HandledEvent


@dataclass
class UnitOfWork:
    """What a command or event handler gets: the connection of its transaction and `publish`.

    Repositories take `uow.conn`; events given to `publish` are committed with the state change
    or not at all.
    """

    conn: Connection
    outbox: OutboxWriter
    # The event being handled, when a consumer runs this unit of work (its id is evidence).
    message: EventMeta | None = None

    @property
    def handled(self) -> HandledEvent | None:
        """The event being applied (its id and time), or None for an HTTP command."""
        if self.message is None:
            return None
        return HandledEvent(id=self.message.id, time=self.message.time)

    async def audit(
        self,
        *,
        operation: str,
        record_type: str,
        record_id: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        """Append to the audit log in this transaction: the caller of the current request, or
        "system" for the service's own work (applying an event)."""
        principal = current_principal.get()
        actor = (
            Actor(principal.actor, tuple(sorted(r.value for r in principal.roles)))
            if principal is not None and self.message is None
            else SYSTEM
        )
        await write_audit(
            self.conn,
            actor,
            operation=operation,
            record_type=record_type,
            record_id=record_id,
            before=before,
            after=after,
        )

    async def publish(self, event: Event) -> str:
        """Record an event to be published once the transaction commits; return its id."""
        return str(await self.outbox.add(event))

    async def publish_many(self, events: list[Event]) -> list[str]:
        """Like `publish` for many events at once (one round trip): for bulk work."""
        return [str(event_id) for event_id in await self.outbox.add_many(events)]


class PostgresUnitOfWorkBase:
    """What every service's `PostgresUnitOfWork` shares: the transaction it is built on, the
    event it applies, and `publish`/`audit` into that transaction. A service's subclass only
    builds its repositories on `self.conn`."""

    def __init__(self, transaction: UnitOfWork) -> None:
        self.transaction = transaction
        self.conn = transaction.conn
        # An attribute, not a property: some ports declare it as one (it never changes).
        self.handled: HandledEvent | None = transaction.handled

    async def publish(self, event: Event) -> str:
        return await self.transaction.publish(event)

    async def publish_many(self, events: Sequence[Event]) -> list[str]:
        """Many events in one outbox statement (bulk work: imports, sweeps)."""
        return await self.transaction.publish_many(list(events))

    async def audit(
        self,
        *,
        operation: str,
        record_type: str,
        record_id: str,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        """One audit row naming the request's caller (or "system" when applying an event)."""
        await self.transaction.audit(
            operation=operation, record_type=record_type, record_id=record_id,
            before=before, after=after,
        )  # fmt: skip


@asynccontextmanager
async def unit_of_work(
    pool: asyncpg.Pool,
    *,
    topic_prefix: str = "",
    correlation_id: str | None = None,
    causation_id: str | None = None,
    traceparent: str | None = None,
) -> AsyncIterator[UnitOfWork]:
    """Open a transaction; commit when the block ends normally, roll back when it raises.

    Without explicit ids it takes the current request's correlation id and traceparent.
    """
    async with pool.acquire() as conn, conn.transaction():
        yield UnitOfWork(
            conn=conn,
            outbox=OutboxWriter(
                conn=conn,
                topic_prefix=topic_prefix,
                correlation_id=correlation_id or current_correlation_id.get(),
                causation_id=causation_id,
                traceparent=traceparent or current_traceparent.get(),
            ),
        )
