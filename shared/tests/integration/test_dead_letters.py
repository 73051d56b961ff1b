"""Poison messages go to the dead-letter topic with their reason; good ones around them apply."""

from __future__ import annotations

import asyncio
import uuid

from aiokafka import AIOKafkaProducer

from jenjang_shared.contracts import EmployeeRegistered
from jenjang_shared.messaging.codec import encode
from jenjang_shared.messaging.dead_letters import reason_of
from jenjang_shared.messaging.dlq_cli import read_dead_letters, replay
from jenjang_shared.web.app import start_runtime
from jenjang_testing.harness import wait_for

from .conftest import DEAD_LETTERS
from .test_pipeline_smoke import meta_for
from .toy import HANDLERS, MIGRATIONS, NIP, registration


def _headers(ce_type: str) -> list[tuple[str, bytes]]:
    return [
        ("ce_specversion", b"1.0"),
        ("ce_id", str(uuid.uuid4()).encode()),
        ("ce_source", b"/agency/jabar/asn/personnel"),  # an agency prefix is still personnel
        ("ce_type", ce_type.encode()),
        ("content-type", b"application/json"),
    ]


async def test_poison_messages_are_dead_lettered_and_a_fixed_one_replays(toy_settings):
    settings = await toy_settings()
    topic = settings.topic(EmployeeRegistered.topic())
    good = [
        encode(meta_for(e), e.model_dump(mode="json")) for e in (registration(n) for n in range(3))
    ]
    blocked_event = registration(9, name="BLOCKED Pegawai")
    blocked = encode(meta_for(blocked_event), blocked_event.model_dump(mode="json"))
    registered = EmployeeRegistered.ce_type()
    poison = [
        (b"this is { not json", _headers(registered)),
        (b'{"nip": "198609262015051001", "name": 42}', _headers(registered)),
        (b"\x00\x01 not json either", _headers("asn.nowhere.Unheard.v1")),
    ]
    producer = AIOKafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        sends = [producer.send(topic, good[0].value, key=good[0].key, headers=good[0].headers)]
        for (value, headers), record in zip(poison, [*good[1:], blocked], strict=True):
            sends.append(producer.send(topic, value, key=NIP.encode(), headers=headers))
            sends.append(producer.send(topic, record.value, key=record.key, headers=record.headers))
        sends.append(
            producer.send(
                topic,
                b'{"some": "thing"}',
                key=NIP.encode(),
                headers=_headers("asn.personnel.SomethingNew.v1"),
            )
        )
        await asyncio.gather(*[await s for s in sends])
    finally:
        await producer.stop()

    runtime = await start_runtime(settings, handlers=HANDLERS, migrations_dir=MIGRATIONS)
    try:
        assert runtime.consumer is not None
        await wait_for(
            lambda: asyncio.sleep(0, runtime.consumer.counts["dead_lettered"]),
            until=lambda n: n == 4,
            what="four dead letters",
        )
        applied = await runtime.pool.fetch("SELECT name FROM applied ORDER BY seq")
        assert [r["name"] for r in applied] == ["Pegawai 00000", "Pegawai 00001", "Pegawai 00002"]
        assert runtime.consumer.counts["unknown_type"] == 1  # well-formed, just not ours: skipped

        letters = await read_dead_letters(
            settings.kafka_bootstrap_servers, settings.topic(DEAD_LETTERS)
        )
        reasons = [reason_of(d.headers) for d in letters]
        assert [r["error_type"] for r in reasons] == [
            "DecodeError",
            "ValidationError",
            "DecodeError",
            "InvalidInput",
        ]
        assert "not JSON" in reasons[0]["error_message"]
        assert all(r["original_topic"] == topic for r in reasons)
        assert [int(r["original_offset"]) for r in reasons] == [1, 3, 5, 6]
        assert all(r["attempts"] == "1" and r["first_failure_at"] for r in reasons)
        assert letters[3].value == blocked.value and letters[3].key == blocked.key

        await runtime.pool.execute("INSERT INTO unblocked VALUES ('BLOCKED Pegawai')")  # the fix
        assert await replay(settings.kafka_bootstrap_servers, [letters[3]]) == 1
        await wait_for(
            lambda: runtime.pool.fetchval(
                "SELECT count(*) FROM applied WHERE name = 'BLOCKED Pegawai'"
            ),
            until=lambda n: n == 1,
            what="the replayed dead letter applied",
        )
    finally:
        await runtime.shutdown()
