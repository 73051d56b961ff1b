"""What a running service holds: its pool, relay and consumer, built in the lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
from aiokafka import AIOKafkaClient

from jenjang_shared.config import ServiceSettings
from jenjang_shared.db.migrations import pending_migrations
from jenjang_shared.db.types import Connection
from jenjang_shared.db.unit_of_work import UnitOfWork, unit_of_work
from jenjang_shared.messaging.consumer import ConsumerRunner
from jenjang_shared.messaging.relay import OutboxRelay, outbox_stats
from jenjang_shared.web.idempotency import request_transaction

log = logging.getLogger(__name__)


@dataclass
class ServiceRuntime:
    """The live parts of one service instance. Routes reach it through `request.app.state`."""

    settings: ServiceSettings
    pool: asyncpg.Pool
    relay: OutboxRelay | None = None
    consumer: ConsumerRunner | None = None
    tasks: list[asyncio.Task[None]] = field(default_factory=list)
    # The service's migrations by namespace: readiness waits until all of them are applied.
    migration_folders: dict[str, Path] = field(default_factory=dict)
    _migrations_applied: bool = False
    # None until the first check; not 0.0, which a freshly booted machine's clock is near.
    _kafka_checked_at: float | None = None
    _kafka_ok: bool = False

    def unit_of_work(self, **ids: Any) -> AbstractAsyncContextManager[UnitOfWork]:
        """A transaction with an outbox; commits when the block ends without an error.

        Inside a request with an Idempotency-Key it is a savepoint of that request's
        transaction, which also holds the key and its answer (jenjang_shared.web.idempotency).
        """
        prefix = self.settings.topic_prefix
        held = request_transaction.get()
        if held is not None:
            pooled = lambda: unit_of_work(self.pool, topic_prefix=prefix, **ids)  # noqa: E731
            return held.unit_of_work(pooled, topic_prefix=prefix, **ids)
        return unit_of_work(self.pool, topic_prefix=prefix, **ids)

    @contextlib.asynccontextmanager
    async def connection(self) -> AsyncIterator[Connection]:
        """A pooled connection for reads (the keyed request's own, so it sees its writes)."""
        held = request_transaction.get()
        if held is not None and held.owned_here():
            yield held.conn
            return
        if held is not None:  # a job the keyed request started: after its commit
            await held.finished.wait()
        async with self.pool.acquire() as conn:
            yield conn

    async def readiness(self) -> tuple[bool, dict[str, Any]]:
        """Ready = the database answers and every migration is applied: the service can take
        requests. Kafka, the relay and the consumer are reported in the checks (and as metrics)
        but never make it unready: while Kafka is away writes wait in the outbox, and taking
        every instance out of its Service would turn a broker outage into an API outage."""
        checks: dict[str, Any] = {}
        try:
            await asyncio.wait_for(self.pool.fetchval("SELECT 1"), 2.0)
            checks["database"] = "ok"
            checks["migrations"] = await asyncio.wait_for(self._migration_state(), 2.0)
            if checks["migrations"] == "applied":
                stats = await asyncio.wait_for(outbox_stats(self.pool), 2.0)
                checks["outbox"] = {
                    "pending": stats.pending,
                    "oldest_age_s": round(stats.oldest_age_s, 3),
                }
        except Exception as exc:
            # Whichever step did not answer: the first one missing from the checks.
            key = next(k for k in ("database", "migrations", "outbox") if k not in checks)
            checks[key] = f"unreachable: {type(exc).__name__}"
        checks["kafka"] = "ok" if await self.kafka_reachable() else "unreachable"
        if self.consumer is not None:
            checks["consumer"] = self.consumer.describe()
        if self.relay is not None:
            checks["relay"] = {
                "leader": self.relay.is_leader,
                "published": self.relay.published,
                "last_error": self.relay.last_error,
            }
        ready = checks["database"] == "ok" and checks.get("migrations") == "applied"
        return ready, checks

    async def _migration_state(self) -> str | dict[str, list[str]]:
        # Applied migrations stay applied: once none is pending, stop asking.
        if self._migrations_applied:
            return "applied"
        async with self.pool.acquire() as conn:
            pending = await pending_migrations(conn, self.migration_folders)
        if pending:
            return {"pending": pending}
        self._migrations_applied = True
        return "applied"

    async def kafka_reachable(self) -> bool:
        """Whether a metadata request to Kafka succeeds (cached for two seconds)."""
        # A metadata round trip, cached briefly: readiness probes come often.
        checked_at = self._kafka_checked_at
        if checked_at is not None and time.monotonic() - checked_at < 2.0:
            return self._kafka_ok
        client = AIOKafkaClient(
            bootstrap_servers=self.settings.kafka_bootstrap_servers, request_timeout_ms=2000
        )
        try:
            await asyncio.wait_for(client.bootstrap(), 3.0)
            self._kafka_ok = True
        except Exception:
            self._kafka_ok = False
        finally:
            await client.close()
        self._kafka_checked_at = time.monotonic()
        return self._kafka_ok

    async def shutdown(self) -> None:
        """Stop consuming (finishing the batch in hand), stop the relay, close the pool."""
        if self.consumer is not None:
            await self.consumer.stop()
        for task in self.tasks:
            if task.get_name() == "consumer":
                with contextlib.suppress(TimeoutError, asyncio.CancelledError):
                    await asyncio.wait_for(asyncio.shield(task), 10.0)
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self.pool.close()
