"""Kafka that knows who is talking: a broker with SASL/SCRAM-SHA-512 and ACLs refuses strangers.

Issue 14, "Done when": producing to `asn.evaluation.v1` without credentials, or as another
service's principal, is refused by the broker. A real broker started by the launcher with
`JENJANG_KAFKA_SASL=1` in a state dir of its own (its own ports; the jars of the default state
dir are reused), with the topics and ACLs of the topic declaration. Each refusal is beside the
same request made by the right principal, which succeeds, so the test can fail.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import (
    GroupAuthorizationFailedError,
    KafkaConnectionError,
    KafkaError,
    TopicAuthorizationFailedError,
)

from jenjang_local import kafka_access, kafka_broker
from jenjang_local.config import StackConfig, find_project_root
from jenjang_testing.harness import free_port

EVALUATION = "asn.evaluation.v1"


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StackConfig]:
    state = tmp_path_factory.mktemp("sasl-stack")
    default = StackConfig.from_env({})
    env = {
        "JENJANG_STATE_DIR": str(state),
        "JENJANG_KAFKA_PORT": str(free_port()),
        "JENJANG_KAFKA_CONTROLLER_PORT": str(free_port()),
        "JENJANG_KAFKA_PARTITIONS": "1",
        "JENJANG_KAFKA_SASL": "1",
        **{k: v for k, v in os.environ.items() if k == "JENJANG_KAFKA_VERSION"},
    }
    config = StackConfig.from_env(env)
    if default.kafka_libs_dir.is_dir():  # the same jars: no second 45 MB download
        os.symlink(default.kafka_libs_dir, config.kafka_libs_dir)
    started = time.monotonic()
    kafka_broker.start_broker(config)
    try:
        kafka_broker.ensure_service_topics(config)
        print(f"secured broker ready with topics and ACLs in {time.monotonic() - started:.1f} s")
        yield config
    finally:
        kafka_broker.stop_broker(config)


def producer(config: StackConfig, principal: str | None, **extra: object) -> AIOKafkaProducer:
    options = kafka_access.client_options(config, principal) if principal else {}
    return AIOKafkaProducer(
        bootstrap_servers=config.kafka_bootstrap,
        request_timeout_ms=5000,
        acks="all",
        **options,
        **extra,
    )


async def send_one(config: StackConfig, principal: str | None, topic: str) -> None:
    client = producer(config, principal)
    try:
        await client.start()
        await client.send_and_wait(topic, b"{}", key=b"198609262015051001")
    finally:
        await client.stop()


async def test_the_owner_may_produce_to_its_topic(secured: StackConfig) -> None:
    await send_one(secured, "svc-evaluation", EVALUATION)
    await send_one(secured, "svc-evaluation", "asn.evaluation.dlq.v1")


async def test_a_service_configured_by_its_variables_produces_as_its_principal(
    secured: StackConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evaluation.config import EvaluationSettings
    from jenjang_shared.messaging.kafka import create_producer

    for name, value in kafka_access.service_env(secured, "evaluation").items():
        monkeypatch.setenv(name, value)
    settings = EvaluationSettings(database_url="postgresql://unused")
    client = create_producer(secured.kafka_bootstrap, security=settings.kafka_client_options())
    try:
        await client.start()
        await client.send_and_wait(EVALUATION, b"{}", key=b"198609262015051001")
    finally:
        await client.stop()


async def test_producing_without_credentials_is_refused(secured: StackConfig) -> None:
    with pytest.raises(KafkaConnectionError):
        await send_one(secured, None, EVALUATION)


async def test_producing_with_a_wrong_password_is_refused(secured: StackConfig) -> None:
    client = AIOKafkaProducer(
        bootstrap_servers=secured.kafka_bootstrap,
        request_timeout_ms=5000,
        security_protocol="SASL_PLAINTEXT",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_plain_username="svc-evaluation",
        sasl_plain_password="not-the-password",
    )
    with pytest.raises(KafkaError):
        try:
            await client.start()
            await client.send_and_wait(EVALUATION, b"{}")
        finally:
            await client.stop()


# (tool-dlq may write every event topic: replaying a dead letter puts it back where it came from.)
@pytest.mark.parametrize("principal", ["svc-personnel", "svc-welfare", "svc-training"])
async def test_producing_as_another_services_principal_is_refused(
    secured: StackConfig, principal: str
) -> None:
    # PromotionRecommended forged by personnel would open a proposal: the broker says no.
    with pytest.raises(TopicAuthorizationFailedError):
        await send_one(secured, principal, EVALUATION)


async def test_a_service_writes_only_under_its_own_prefix(secured: StackConfig) -> None:
    await send_one(secured, "svc-personnel", "asn.personnel.v1")
    with pytest.raises(TopicAuthorizationFailedError):
        await send_one(secured, "svc-personnel", "asn.welfare.v1")


async def test_topics_are_not_created_by_a_producer(secured: StackConfig) -> None:
    client = producer(secured, kafka_access.ADMIN)
    await client.start()
    try:
        with pytest.raises(KafkaError):
            await client.send_and_wait("asn.typo.v1", b"{}")
    finally:
        await client.stop()


async def read_with_group(config: StackConfig, principal: str, topic: str, group: str) -> None:
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=config.kafka_bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        request_timeout_ms=5000,
        **kafka_access.client_options(config, principal),
    )
    try:
        await consumer.start()
        await consumer.getmany(timeout_ms=3000)
    finally:
        await consumer.stop()


async def test_a_service_reads_what_it_consumes_in_its_own_group_only(
    secured: StackConfig,
) -> None:
    await read_with_group(secured, "svc-personnel", EVALUATION, "personnel")
    with pytest.raises(GroupAuthorizationFailedError):
        await read_with_group(secured, "svc-personnel", EVALUATION, "welfare")


async def test_a_service_cannot_read_a_topic_it_does_not_consume(secured: StackConfig) -> None:
    # Welfare consumes evaluation and personnel, never the mentoring topic.
    with pytest.raises(TopicAuthorizationFailedError):
        await read_with_group(secured, "svc-welfare", "asn.mentoring.v1", "welfare")


def test_the_passwords_live_in_the_state_dir_readable_by_its_owner_only(
    secured: StackConfig,
) -> None:
    path: Path = kafka_access.credentials_file(secured)
    assert path.parent.parent == secured.state_dir
    assert path.stat().st_mode & 0o077 == 0
    source = (find_project_root() / "deploy/local/src/jenjang_local/kafka_access.py").read_text()
    assert all(password not in source for password in kafka_access.credentials(secured).values())
