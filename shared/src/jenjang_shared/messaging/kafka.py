"""aiokafka clients with the settings our guarantees rest on."""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient


def create_producer(bootstrap_servers: str, *, linger_ms: int = 5) -> AIOKafkaProducer:
    """An idempotent producer that waits for every in-sync replica.

    aiokafka's defaults are weaker than Java's (acks=1, no idempotence): set both explicitly.
    Batching (linger, a large batch) is where throughput comes from.
    """
    return AIOKafkaProducer(
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


async def read_all(bootstrap_servers: str, topic: str) -> list[ConsumerRecord]:
    """Every record on a topic now, in (partition, offset) order, read without joining a group."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
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
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap_servers, enable_auto_commit=False)
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
