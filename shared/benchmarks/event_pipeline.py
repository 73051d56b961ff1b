"""Benchmark: the full event path against raw aiokafka, interleaved in one process.

(a) outbox insert -> relay -> Kafka -> consumer runner -> the handler's committed effect;
(b) raw aiokafka: produce the same payloads (acks=all, idempotent) and consume them back.

    .venv/bin/python shared/benchmarks/event_pipeline.py [--events 5000] [--rounds 5]

Servers: JENJANG_TEST_PG_DSN / JENJANG_TEST_KAFKA_BOOTSTRAP when set, else the local stack
(started if needed). Prints events/s of both, the ratio a/b (median, min, max) and the
end-to-end latency (outbox write -> committed effect) p50/p99 of (a).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import ClassVar

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from jenjang_shared.config import ServiceSettings
from jenjang_shared.contracts import EmployeeRegistered
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.messaging.kafka import stop_consumer
from jenjang_shared.web.app import start_runtime
from jenjang_testing.infra import (
    create_database,
    create_topics,
    infra_from_environment,
    infra_from_launcher,
)

MIGRATIONS = Path(__file__).parent / "pipeline_migrations"


class BenchSettings(ServiceSettings):
    service_name: ClassVar[str] = "bench"
    http_port: int = 0


async def record_effect(event: EmployeeRegistered, uow: UnitOfWork) -> None:
    assert uow.message is not None
    await uow.conn.execute(
        "INSERT INTO effects (event_id, written_at) VALUES ($1, $2)",
        uow.message.id,
        uow.message.time,
    )


def employee(n: int) -> EmployeeRegistered:
    return EmployeeRegistered(
        nip=f"19860926201505{1000 + n % 9000:04d}",
        name=f"Pegawai {n}",
        gender="male",
        birth_date="1986-09-26",
        employment_type="PNS",
        golongan="III/a",
        golongan_tmt="2019-04-01",
        tmt_cpns="2015-05-01",
        position_title="Analis",
        position_kind="PELAKSANA",
        unit_code="BKD",
        unit_name="Badan Kepegawaian Daerah",
        job_family="KEPEGAWAIAN",
        education="S1",
        work_location="KOTA_BANDUNG",
    )


async def full_path(infra, events: list[EmployeeRegistered]) -> tuple[float, list[float]]:
    prefix = f"bench{uuid.uuid4().hex[:6]}."
    await create_topics(infra, prefix, partitions=6)
    settings = BenchSettings(
        database_url=await create_database(infra, "bench"),
        kafka_bootstrap_servers=infra.kafka_bootstrap,
        topic_prefix=prefix,
        db_pool_max_size=10,
    )
    runtime = await start_runtime(
        settings, handlers={EmployeeRegistered: record_effect}, migrations_dir=MIGRATIONS
    )
    try:
        await asyncio.sleep(2)  # let the consumer join its group before the clock starts
        started = time.perf_counter()
        for chunk in range(0, len(events), 100):  # transactions of 100 events each
            async with runtime.unit_of_work() as uow:
                await uow.publish_many(list(events[chunk : chunk + 100]))
        while await runtime.pool.fetchval("SELECT count(*) FROM effects") < len(events):
            await asyncio.sleep(0.02)
        elapsed = time.perf_counter() - started
        latencies = [
            r["ms"]
            for r in await runtime.pool.fetch(
                "SELECT extract(epoch FROM applied_at - written_at) * 1000 AS ms FROM effects"
            )
        ]
        return elapsed, [float(x) for x in latencies]
    finally:
        await runtime.shutdown()


async def raw_path(infra, events: list[EmployeeRegistered]) -> float:
    topic = f"bench{uuid.uuid4().hex[:6]}.raw"
    await create_topics(infra, topic + ".", partitions=6)
    topic = f"{topic}.asn.personnel.v1"
    payloads = [(e.partition_key.encode(), e.model_dump_json().encode()) for e in events]
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=infra.kafka_bootstrap,
                                group_id=f"bench-{uuid.uuid4().hex[:6]}", enable_auto_commit=False,
                                auto_offset_reset="earliest")  # fmt: skip
    await consumer.start()
    producer = AIOKafkaProducer(bootstrap_servers=infra.kafka_bootstrap, acks="all",
                                enable_idempotence=True, linger_ms=5, max_batch_size=512 * 1024)  # fmt: skip
    await producer.start()
    try:
        await asyncio.sleep(2)
        started = time.perf_counter()
        sends = [await producer.send(topic, value, key=key) for key, value in payloads]
        await asyncio.gather(*sends)
        received = 0
        while received < len(events):
            batch = await consumer.getmany(timeout_ms=500, max_records=500)
            received += sum(len(records) for records in batch.values())
            if batch:
                await consumer.commit()
        return time.perf_counter() - started
    finally:
        await producer.stop()
        await stop_consumer(consumer)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def main(n_events: int, rounds: int) -> None:
    infra = infra_from_environment() or infra_from_launcher()
    events = [employee(n) for n in range(n_events)]
    ratios, full_rates, raw_rates, latencies = [], [], [], []
    for round_no in range(1, rounds + 1):
        # Interleave, alternating which goes first, so drift on a noisy machine hits both.
        if round_no % 2:
            full, lat = await full_path(infra, events)
            raw = await raw_path(infra, events)
        else:
            raw = await raw_path(infra, events)
            full, lat = await full_path(infra, events)
        full_rates.append(n_events / full)
        raw_rates.append(n_events / raw)
        ratios.append(raw / full)  # throughput of (a) relative to (b)
        latencies.extend(lat)
        print(f"round {round_no}: full path {n_events / full:8.0f} ev/s   raw aiokafka "
              f"{n_events / raw:8.0f} ev/s   ratio a/b {raw / full:.3f}", flush=True)  # fmt: skip
    print()
    print(f"events per round: {n_events}, rounds: {rounds}")
    print(
        f"full path   ev/s median {statistics.median(full_rates):.0f} (min {min(full_rates):.0f}, max {max(full_rates):.0f})"
    )
    print(
        f"raw aiokafka ev/s median {statistics.median(raw_rates):.0f} (min {min(raw_rates):.0f}, max {max(raw_rates):.0f})"
    )
    print(
        f"ratio a/b (throughput) median {statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})"
    )
    print(f"full path latency outbox write -> committed effect: p50 {_percentile(latencies, 0.5):.0f} ms, "
          f"p99 {_percentile(latencies, 0.99):.0f} ms")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(main(args.events, args.rounds))
    sys.exit(0)
