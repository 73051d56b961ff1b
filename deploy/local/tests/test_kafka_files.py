"""What we hand to Kafka and Maven, checked without running either."""

from pathlib import Path

from jenjang_local.config import StackConfig
from jenjang_local.kafka_broker import all_topics, server_properties, topics_for
from jenjang_local.kafka_jars import COMPLETE_MARKER, jars_are_complete


def test_server_properties_single_node_kraft(tmp_path: Path) -> None:
    config = StackConfig.from_env(
        {"JENJANG_STATE_DIR": str(tmp_path), "JENJANG_KAFKA_PORT": "19092"}
    )
    props = dict(
        line.split("=", 1)
        for line in server_properties(config).splitlines()
        if line and not line.startswith("#")
    )
    assert props["process.roles"] == "broker,controller"
    assert props["listeners"] == "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:59093"
    assert props["controller.quorum.bootstrap.servers"] == "127.0.0.1:59093"
    assert "controller.quorum.voters" not in props  # --standalone refuses static voters
    assert props["auto.create.topics.enable"] == "false"
    assert props["log.dirs"] == str(tmp_path / "kafka" / "data")
    assert props["offsets.topic.replication.factor"] == "1"


def test_each_service_has_an_event_and_a_dead_letter_topic() -> None:
    assert topics_for("welfare") == ("asn.welfare.v1", "asn.welfare.dlq.v1")
    assert len(all_topics()) == 10


def test_jar_folder_counts_only_after_a_finished_download(tmp_path: Path) -> None:
    assert not jars_are_complete(tmp_path / "absent")
    (tmp_path / "kafka_2.13-4.1.1.jar").write_bytes(b"x")
    assert not jars_are_complete(tmp_path), "no marker yet: download may have been interrupted"
    (tmp_path / COMPLETE_MARKER).write_text("kafka_2.13-4.1.1.jar\nscala-library.jar\n")
    assert not jars_are_complete(tmp_path), "a listed jar is missing"
    (tmp_path / "scala-library.jar").write_bytes(b"x")
    assert jars_are_complete(tmp_path)
