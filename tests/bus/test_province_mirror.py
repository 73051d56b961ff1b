"""The province bus, for real: MirrorMaker 2 carries only what may leave, and a consumer with none
of our code trusts, finds and reads it (issue 14, "Done when").

Everything is real and of this test's own: an agency Kafka and a province Kafka (two single-node
brokers started by the launcher in temporary state dirs, on free ports), an Apicurio Registry
filled with the published schemas, and Kafka's MirrorMaker 2 between the two clusters. Every
event type is published to the agency, three times each, with the codec the services use; the
confidential and restricted ones on the same topics as the others. The foreign consumer
(`tests/bus/foreign/consume.mjs`: kafkajs, the CloudEvents SDK for JavaScript, ajv; installed by
`make foreign-consumer`, i.e. `npm ci`) then reads the province cluster and fetches each
record's schema from the registry by its `dataschema` URL.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from jenjang_local import kafka_broker, kafka_jars, province_mirror, registry, schema_register
from jenjang_local.config import StackConfig
from jenjang_shared.contracts import provenance
from jenjang_shared.contracts.registry import ALL_EVENTS
from jenjang_shared.contracts.schemas import example_payload, partition_key_field
from jenjang_shared.messaging.codec import PROVINCE_HEADER, EventMeta, encode
from jenjang_testing.harness import free_port

pytestmark = pytest.mark.registry

AGENCY = "bkd-demo"
PER_TYPE = 3
FOREIGN = Path(__file__).parent / "foreign"
REPLICATION_DEADLINE_S = 120.0
LEAVING = [m for m in ALL_EVENTS if m.classification.leaves_the_agency]
STAYING = [m for m in ALL_EVENTS if not m.classification.leaves_the_agency]
# Only topics that carry some type that may leave are mirrored; the header decides per record.
MIRRORED_TOPICS = tuple(sorted({m.topic() for m in LEAVING}))


@dataclass(frozen=True)
class Bus:
    agency: StackConfig
    province: StackConfig
    registry: StackConfig
    mirror: province_mirror.Mirror
    published: list[tuple[str, list[tuple[str, bytes]]]]
    """(topic, headers) of every record sent to the agency"""


def _broker(tmp: Path, name: str, default: StackConfig) -> StackConfig:
    config = StackConfig.from_env(
        {
            "JENJANG_STATE_DIR": str(tmp / name),
            "JENJANG_KAFKA_PORT": str(free_port()),
            "JENJANG_KAFKA_CONTROLLER_PORT": str(free_port()),
            "JENJANG_KAFKA_PARTITIONS": "1",
            **{k: v for k, v in os.environ.items() if k == "JENJANG_KAFKA_VERSION"},
        }
    )
    config.state_dir.mkdir(parents=True)
    os.symlink(kafka_jars.ensure_kafka_jars(default), config.kafka_libs_dir)
    kafka_broker.start_broker(config)
    return config


async def _publish(bootstrap: str) -> list[tuple[str, list[tuple[str, bytes]]]]:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    sent = []
    try:
        for model in ALL_EVENTS:
            payload = example_payload(model)
            for _ in range(PER_TYPE):
                record = encode(
                    EventMeta(
                        id=str(uuid.uuid4()),
                        type=model.ce_type(),
                        source=provenance.source_of(model.service),
                        subject=str(payload[partition_key_field(model)]),
                        time=datetime.now(UTC),
                    ),
                    payload,
                )
                await producer.send_and_wait(
                    model.topic(), record.value, key=record.key, headers=record.headers
                )
                sent.append((model.topic(), record.headers))
    finally:
        await producer.stop()
    return sent


async def _end_offsets(bootstrap: str, topics: list[str]) -> int:
    """How many records the topics hold (0 for a topic that does not exist yet)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    await admin.start()
    await consumer.start()
    try:
        present = [t for t in topics if t in set(await consumer.topics())]
        described = await admin.describe_topics(present) if present else []
        partitions = [
            TopicPartition(d["topic"], p["partition"]) for d in described for p in d["partitions"]
        ]
        ends = await consumer.end_offsets(partitions) if partitions else {}
        return sum(ends.values())
    finally:
        await consumer.stop()
        await admin.close()


async def _read_all(bootstrap: str, topics: list[str]) -> list[Any]:
    consumer = AIOKafkaConsumer(
        *topics, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False
    )
    await consumer.start()
    records: list[Any] = []
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=1000)
            got = [r for part in batch.values() for r in part]
            records += got
            if not got and records:
                break
    finally:
        await consumer.stop()
    return records


@pytest.fixture(scope="module")
def bus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bus]:
    if not (FOREIGN / "node_modules").is_dir():
        pytest.fail("the foreign consumer is not installed: run `make foreign-consumer` (npm ci)")
    tmp = tmp_path_factory.mktemp("province-bus")
    default = StackConfig.from_env({})
    started = time.monotonic()
    reg = StackConfig.from_env(
        {
            "JENJANG_STATE_DIR": str(tmp / "registry"),
            "JENJANG_REGISTRY_PORT": str(free_port()),
            "JENJANG_REGISTRY_MANAGEMENT_PORT": str(free_port()),
            "JENJANG_REGISTRY_DIST": str(default.registry_dist_dir),
        }
    )
    booting = registry.spawn_registry(reg)  # boots while the two brokers start
    stop: list[Any] = [lambda: registry.stop_registry(reg)]
    try:
        agency = _broker(tmp, "agency", default)
        stop.append(lambda: kafka_broker.stop_broker(agency))
        province = _broker(tmp, "province", default)
        stop.append(lambda: kafka_broker.stop_broker(province))
        kafka_broker.ensure_service_topics(agency)
        registry.wait_until_ready(reg, *booting)
        docs = reg.project_root / "docs" / "events"
        report = schema_register.register(
            reg.registry_url, schema_register.published_artifacts(docs)
        )
        assert report.ok, report.refused

        before = provenance.schema_registry_url()
        provenance.set_schema_registry(reg.registry_url)
        try:
            published = asyncio.run(_publish(agency.kafka_bootstrap))
        finally:
            provenance.set_schema_registry(before)

        os.symlink(kafka_jars.ensure_mirror_jars(default), kafka_jars.mirror_libs_dir(agency))
        mirror = province_mirror.Mirror(
            home=tmp / "mirror",
            agency=AGENCY,
            agency_bootstrap=agency.kafka_bootstrap,
            province_bootstrap=province.kafka_bootstrap,
            topics=MIRRORED_TOPICS,
        )
        pid = province_mirror.start_mirror(agency, mirror)
        stop.append(lambda: province_mirror.stop_mirror(mirror))
        print(f"\nprovince bus set up in {time.monotonic() - started:.1f} s")
        yield Bus(agency, province, reg, mirror, published)
        province_mirror.require_alive(mirror, pid)
    finally:
        for action in reversed(stop):
            action()


def _bus_topics(bus: Bus) -> list[str]:
    return [bus.mirror.on_the_bus(t) for t in MIRRORED_TOPICS]


def _wait_for_replication(bus: Bus, expected: int) -> float:
    started = time.monotonic()
    pid = province_mirror.running_pid(bus.mirror)
    while True:
        arrived = asyncio.run(_end_offsets(bus.province.kafka_bootstrap, _bus_topics(bus)))
        if arrived >= expected:
            return time.monotonic() - started
        assert pid is not None
        province_mirror.require_alive(bus.mirror, pid)
        assert time.monotonic() - started < REPLICATION_DEADLINE_S, (
            f"{arrived} of {expected} records reached the province bus in "
            f"{REPLICATION_DEADLINE_S:.0f} s; see {bus.mirror.log_file}"
        )
        time.sleep(1)


def test_only_what_may_leave_reaches_the_bus_with_its_headers(bus: Bus) -> None:
    leaving = [(t, h) for t, h in bus.published if (PROVINCE_HEADER, b"eligible") in h]
    assert len(leaving) == PER_TYPE * len(LEAVING)
    assert len(bus.published) - len(leaving) == PER_TYPE * len(STAYING) > 0
    took = _wait_for_replication(bus, len(leaving))
    print(f"{len(leaving)} records replicated in {took:.1f} s")
    time.sleep(3)  # anything extra (a filtered record let through) would arrive by now

    mirrored = asyncio.run(_read_all(bus.province.kafka_bootstrap, _bus_topics(bus)))
    assert len(mirrored) == len(leaving)
    sent = {dict(h)["ce_id"]: (t, h) for t, h in leaving}  # ce_id (bytes) -> what was sent
    for record in mirrored:
        topic, headers = sent[dict(record.headers)["ce_id"]]
        assert record.topic == f"{AGENCY}.{topic}"
        assert list(record.headers) == list(headers)  # every header, byte for byte, in order


def test_a_foreign_consumer_validates_everything_that_arrived(bus: Bus) -> None:
    expected = Counter(
        {m.ce_type(): PER_TYPE for m in LEAVING}  # what was published and may leave
    )
    _wait_for_replication(bus, sum(expected.values()))
    node = shutil.which("node")
    assert node is not None, "Node 20 is needed for the foreign consumer"
    result = subprocess.run(
        [
            node,
            str(FOREIGN / "consume.mjs"),
            bus.province.kafka_bootstrap,
            ",".join(_bus_topics(bus)),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=FOREIGN,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"foreign consumer: {report}")
    assert report["problems"] == []
    assert (
        report["records"] == report["cloudevents"] == report["valid_data"] == sum(expected.values())
    )
    assert Counter(report["by_type"]) == expected
    assert set(report["classifications"]) <= {"public", "internal"}
    assert report["schemas_fetched"] == len(LEAVING)


def test_the_mirror_and_the_codec_name_the_same_header() -> None:
    assert province_mirror.PROVINCE_HEADER == PROVINCE_HEADER
