"""Topics as code: the launcher's one declaration agrees with the contracts and handler tables.

The launcher does not import the shared library, so the declaration writes classification and
consumers as data; these tests are what keeps that data true.
"""

from __future__ import annotations

from jenjang_local import kafka_access
from jenjang_local.config import StackConfig
from jenjang_local.kafka_broker import declared_topics
from jenjang_local.topics import DEAD_LETTER_RETENTION_MS, TOPICS, UNLIMITED, consumed_by
from jenjang_shared.contracts.registry import ALL_EVENTS, SERVICES, dead_letter_topic_of, topic_of
from jenjang_shared.contracts.subscriptions import consumed_by as handled_by


def test_every_service_has_its_event_topic_and_dead_letter_topic_declared() -> None:
    names = {spec.name for spec in TOPICS}
    assert names == {topic_of(s) for s in SERVICES} | {dead_letter_topic_of(s) for s in SERVICES}
    assert all(spec.owner in spec.name for spec in TOPICS)


def test_a_topics_classification_is_its_most_sensitive_event_types() -> None:
    for spec in TOPICS:
        if spec.dead_letters:
            continue
        own = [m.classification for m in ALL_EVENTS if m.service == spec.owner]
        assert spec.classification == max(own, key=lambda c: c.rank).value, spec.name


def test_the_declared_consumers_are_the_handler_tables() -> None:
    for service in SERVICES:
        read = {m.topic() for m in handled_by(service)}
        assert {spec.name for spec in consumed_by(service)} == read, service


def test_event_topics_keep_their_history_and_dead_letters_thirty_days() -> None:
    for spec in TOPICS:
        expected = DEAD_LETTER_RETENTION_MS if spec.dead_letters else UNLIMITED
        assert spec.configs()["retention.ms"] == str(expected)
        assert spec.cleanup_policy == "delete"
        assert (spec.replication_factor, spec.min_insync_replicas) == (3, 2)
    assert DEAD_LETTER_RETENTION_MS >= 30 * 24 * 3600 * 1000


def test_a_single_broker_gets_as_many_replicas_as_it_has() -> None:
    config = StackConfig.from_env({"JENJANG_STATE_DIR": "/tmp/jenjang-topics-test"})
    for spec in declared_topics(config):
        assert (spec.replication_factor, spec.min_insync_replicas) == (1, 1)
        assert spec.partitions == config.kafka_partitions


def test_each_service_writes_only_its_prefix_and_reads_only_what_it_consumes() -> None:
    rules = kafka_access.acls()
    for service in SERVICES:
        mine = [r for r in rules if r.principal == f"svc-{service}"]
        writes = {(r.name, r.pattern) for r in mine if r.operation == 4}
        assert writes == {(f"asn.{service}.", 4)}
        reads = {r.name for r in mine if r.operation == 3 and r.resource_type == 2}
        assert reads == {m.topic() for m in handled_by(service)}
        groups = {r.name for r in mine if r.resource_type == 3}
        assert groups == {service}
