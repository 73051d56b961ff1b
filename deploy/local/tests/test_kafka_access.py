"""The launcher's SASL mode without a broker: settings, credentials and the format arguments."""

from __future__ import annotations

from pathlib import Path

from jenjang_local import kafka_access
from jenjang_local.config import StackConfig
from jenjang_local.kafka_broker import admin_options, server_properties


def config_in(tmp_path: Path, *, sasl: bool) -> StackConfig:
    env = {"JENJANG_STATE_DIR": str(tmp_path)}
    if sasl:
        env["JENJANG_KAFKA_SASL"] = "1"
    return StackConfig.from_env(env)


def properties(text: str) -> dict[str, str]:
    # Java Properties: a later line wins, and a trailing backslash continues a line.
    joined = text.replace("\\\n", "")
    pairs = (line.split("=", 1) for line in joined.splitlines() if "=" in line and line[0] != "#")
    return dict(pairs)


def test_plaintext_stays_the_default(tmp_path: Path) -> None:
    config = config_in(tmp_path, sasl=False)
    assert not config.kafka_sasl
    assert "authorizer" not in server_properties(config)
    assert admin_options(config) == {}


def test_sasl_mode_has_one_scram_listener_and_the_standard_authorizer(tmp_path: Path) -> None:
    config = config_in(tmp_path, sasl=True)
    props = properties(server_properties(config))
    assert props["listeners"].startswith(f"SASL_PLAINTEXT://127.0.0.1:{config.kafka_port},")
    assert "PLAINTEXT://127.0.0.1:" + str(config.kafka_port) not in props["listeners"].replace(
        "SASL_PLAINTEXT", ""
    )
    assert props["sasl.enabled.mechanisms"] == "SCRAM-SHA-512"
    assert props["authorizer.class.name"] == (
        "org.apache.kafka.metadata.authorizer.StandardAuthorizer"
    )
    assert props["allow.everyone.if.no.acl.found"] == "false"
    assert props["auto.create.topics.enable"] == "false"
    assert admin_options(config)["sasl_plain_username"] == "admin"


def test_each_principal_gets_a_password_once_kept_in_a_private_file(tmp_path: Path) -> None:
    config = config_in(tmp_path, sasl=True)
    first = kafka_access.credentials(config)
    assert set(first) == {"admin", "tool-dlq", *(f"svc-{s}" for s in config.service_ports)}
    assert len(set(first.values())) == len(first)
    assert kafka_access.credentials(config) == first
    assert kafka_access.credentials_file(config).stat().st_mode & 0o077 == 0
    arguments = kafka_access.format_arguments(config)
    assert arguments.count("--add-scram") == len(first)
    assert f"SCRAM-SHA-512=[name=svc-evaluation,password={first['svc-evaluation']}]" in arguments


def test_a_service_gets_its_principal_through_its_own_variables(tmp_path: Path) -> None:
    config = config_in(tmp_path, sasl=True)
    env = kafka_access.service_env(config, "welfare")
    assert env["WELFARE_KAFKA_SECURITY_PROTOCOL"] == "SASL_PLAINTEXT"
    assert env["WELFARE_KAFKA_SASL_USERNAME"] == "svc-welfare"
    assert env["WELFARE_KAFKA_SASL_PASSWORD"] == kafka_access.credentials(config)["svc-welfare"]
