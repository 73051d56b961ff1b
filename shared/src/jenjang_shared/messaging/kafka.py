"""aiokafka clients with the settings our guarantees rest on."""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient


@dataclass(frozen=True)
class KafkaSecurity:
    """How a client proves who it is: none (PLAINTEXT), or SASL (SCRAM) over plain TCP or TLS."""

    protocol: str = "PLAINTEXT"
    mechanism: str = "SCRAM-SHA-512"
    username: str | None = None
    password: str | None = None
    ssl_cafile: str | None = None

    def client_options(self) -> dict[str, Any]:
        """aiokafka's keyword arguments for this security (empty for PLAINTEXT)."""
        options: dict[str, Any] = {}
        if self.protocol == "PLAINTEXT":
            return options
        options["security_protocol"] = self.protocol
        if self.protocol.startswith("SASL_"):
            if not self.username or not self.password:
                raise ValueError(f"{self.protocol} needs a SASL username and password")
            options.update(
                sasl_mechanism=self.mechanism,
                sasl_plain_username=self.username,
                sasl_plain_password=self.password,
            )
        if self.protocol.endswith("SSL"):
            options["ssl_context"] = ssl.create_default_context(cafile=self.ssl_cafile)
        return options


def create_producer(
    bootstrap_servers: str, *, linger_ms: int = 5, security: dict[str, Any] | None = None
) -> AIOKafkaProducer:
    """An idempotent producer that waits for every in-sync replica.

    aiokafka's defaults are weaker than Java's (acks=1, no idempotence): set both explicitly.
    Batching (linger, a large batch) is where throughput comes from. `security` is
    `KafkaSecurity.client_options()` (a service's: `settings.kafka_client_options()`).
    """
    return AIOKafkaProducer(
        **(security or {}),
        bootstrap_servers=bootstrap_servers,
        acks="all",
        enable_idempotence=True,
        linger_ms=linger_ms,
        max_batch_size=512 * 1024,
        request_timeout_ms=15_000,
        retry_backoff_ms=200,
    )


async def stop_consumer(consumer: AIOKafkaConsumer) -> None:
    """Stop a consumer; absorb the CancelledError aiokafka's group-less coordinator can leak.

    Without a group, aiokafka cancels a background task of its own in `stop()` and may re-raise
    that task's CancelledError to us. Only a cancellation of *our* task is passed on.
    """
    try:
        await consumer.stop()
    except asyncio.CancelledError:
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise


async def read_all(
    bootstrap_servers: str, topic: str, *, security: dict[str, Any] | None = None
) -> list[ConsumerRecord]:
    """Every record on a topic now, in (partition, offset) order, read without joining a group."""
    admin = AIOKafkaAdminClient(**(security or {}), bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        described = await admin.describe_topics([topic])
    finally:
        await admin.close()
    partitions = [
        TopicPartition(topic, p["partition"]) for d in described for p in d.get("partitions", ())
    ]
    if not partitions:
        return []
    consumer = AIOKafkaConsumer(
        **(security or {}), bootstrap_servers=bootstrap_servers, enable_auto_commit=False
    )
    await consumer.start()
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        records: list[ConsumerRecord] = []
        while [tp for tp in partitions if await consumer.position(tp) < ends[tp]]:
            for batch in (await consumer.getmany(timeout_ms=1000)).values():
                records.extend(batch)
        return sorted(records, key=lambda r: (r.partition, r.offset))
    finally:
        await stop_consumer(consumer)
