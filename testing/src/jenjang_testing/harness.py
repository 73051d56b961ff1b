"""Run one service in-process against the real database and broker, with an HTTP client."""

from __future__ import annotations

import asyncio
import socket
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx
from aiokafka import AIOKafkaProducer
from fastapi import FastAPI

from jenjang_shared.config import ServiceSettings
from jenjang_shared.contracts.base import Event
from jenjang_shared.messaging.codec import EventMeta, encode
from jenjang_shared.messaging.handlers import HandlerTable
from jenjang_shared.messaging.idempotency import apply_event
from jenjang_shared.runtime import ServiceRuntime

T = TypeVar("T")


@dataclass
class ServiceHarness:
    app: FastAPI
    client: httpx.AsyncClient
    settings: ServiceSettings

    @property
    def runtime(self) -> ServiceRuntime:
        runtime: ServiceRuntime = self.app.state.runtime
        return runtime


@asynccontextmanager
async def running_service(
    create_app: Callable[[Any], FastAPI],
    settings: ServiceSettings,
    *,
    headers: dict[str, str] | None = None,
) -> AsyncIterator[ServiceHarness]:
    """Start the app's lifespan (migrations, relay, consumer) and talk to it over ASGI; the
    client sends `headers` (a bearer token, say) with every request."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://test", headers=headers
        ) as client:
            yield ServiceHarness(app=app, client=client, settings=settings)


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def wait_for(
    probe: Callable[[], Awaitable[T]],
    *,
    until: Callable[[T], Any] = bool,
    timeout: float = 60.0,
    interval: float = 0.05,
    what: str = "condition",
) -> T:
    """Poll `probe` until `until(result)` holds; fail with the last result after `timeout`.

    An `until` that cannot look into the result yet (a key or item missing: an error answer, a
    shorter list) counts as "not yet". Polls finely: benchmarks time these waits."""
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        try:
            if until(result):
                return result
        except (KeyError, IndexError, TypeError):
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}; last: {result!r}")
        await asyncio.sleep(interval)


async def deliver(
    runtime: ServiceRuntime,
    handlers: HandlerTable,
    event: Event,
    *,
    event_id: str | None = None,
    at: datetime | None = None,
) -> bool:
    """Hand an event to the service exactly as its consumer would (same exactly-once path),
    without Kafka. Deliver the same `event_id` twice to test redelivery. `at` is the event's
    time (its `ce_time`, which handlers take "today" from); default now. True when applied."""
    handler = handlers[type(event)]
    meta = EventMeta(
        id=event_id or str(uuid.uuid4()),
        type=event.ce_type(),
        source=event.source(),
        subject=event.partition_key,
        time=at or datetime.now(UTC),
    )
    return await apply_event(
        runtime.pool, handler, event, meta, topic_prefix=runtime.settings.topic_prefix
    )


async def publish(
    bootstrap_servers: str, event: Event, *, topic_prefix: str = "", event_id: str | None = None
) -> str:
    """Put an event on its topic as a producing service would (CloudEvents binary mode)."""
    meta = EventMeta(
        id=event_id or str(uuid.uuid4()),
        type=event.ce_type(),
        source=event.source(),
        subject=event.partition_key,
        time=datetime.now(UTC),
    )
    record = encode(meta, event.model_dump(mode="json"))
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(
            f"{topic_prefix}{event.topic()}", record.value, key=record.key, headers=record.headers
        )
    finally:
        await producer.stop()
    return meta.id
