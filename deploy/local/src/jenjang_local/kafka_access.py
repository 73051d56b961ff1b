"""Kafka that knows who is talking: SASL/SCRAM-SHA-512 principals and their ACLs.

With `JENJANG_KAFKA_SASL=1` the local broker has one SASL_PLAINTEXT listener (loopback) and
Kafka's standard authorizer; nothing is allowed that an ACL does not allow. Each service has
its own principal (`svc-<service>`), the tools theirs (`tool-dlq`), the launcher `admin` (the
only super user besides the controller's own PLAINTEXT listener, which serves only the
controller protocol on loopback). Passwords are generated once into the state dir
(`kafka/credentials.json`, mode 0600): never in code.

The SCRAM credentials are written into the KRaft metadata when the storage is formatted
(`kafka-storage format --add-scram`), so no extra JVM runs to create them. The ACLs come from
the topic declaration (`topics.py`) and are sent with one CreateAcls request:

- a service writes (and describes) topics under the prefix `asn.<service>.`: its events and its
  dead letters, and a future `.v2`;
- it reads the topics its handler table consumes, literally those;
- it uses consumer groups under the prefix `<service>` only.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.protocol.admin import CreateAclsRequest, CreateAclsRequest_v1, DescribeAclsRequest

from jenjang_local.config import LOOPBACK, StackConfig
from jenjang_local.errors import StackError
from jenjang_local.topics import SERVICES, TOPICS, consumed_by

MECHANISM = "SCRAM-SHA-512"
ADMIN = "admin"
TOOLS = ("tool-dlq",)

# Kafka's wire codes (org.apache.kafka.common.acl / resource).
_TOPIC, _GROUP = 2, 3
_LITERAL, _PREFIXED = 3, 4
_READ, _WRITE, _DESCRIBE = 3, 4, 8
_ALLOW = 3


def principal_of(service: str) -> str:
    return f"svc-{service}"


def principals() -> tuple[str, ...]:
    return (ADMIN, *(principal_of(s) for s in SERVICES), *TOOLS)


def credentials_file(config: StackConfig) -> Path:
    return config.kafka_dir / "credentials.json"


def credentials(config: StackConfig) -> dict[str, str]:
    """Every principal's password: generated once, then read back (the file is 0600)."""
    path = credentials_file(config)
    if path.exists():
        known: dict[str, str] = json.loads(path.read_text())
        if set(principals()) <= set(known):
            return known
    config.kafka_dir.mkdir(parents=True, exist_ok=True)
    fresh = {name: secrets.token_urlsafe(24) for name in principals()}
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(fresh, handle, indent=2)
    return fresh


def client_options(config: StackConfig, username: str) -> dict[str, str]:
    """aiokafka's keyword arguments for one principal of this stack."""
    return {
        "security_protocol": "SASL_PLAINTEXT",
        "sasl_mechanism": MECHANISM,
        "sasl_plain_username": username,
        "sasl_plain_password": credentials(config)[username],
    }


def service_env(config: StackConfig, service: str) -> dict[str, str]:
    """The variables that give a service its principal (`<SVC>_KAFKA_SASL_*`)."""
    prefix = service.upper()
    return {
        f"{prefix}_KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
        f"{prefix}_KAFKA_SASL_MECHANISM": MECHANISM,
        f"{prefix}_KAFKA_SASL_USERNAME": principal_of(service),
        f"{prefix}_KAFKA_SASL_PASSWORD": credentials(config)[principal_of(service)],
    }


def server_properties(config: StackConfig) -> str:
    """The broker's settings for SASL and the authorizer (appended to server.properties)."""
    port, controller = config.kafka_port, config.kafka_controller_port
    password = credentials(config)[ADMIN]
    return f"""\
# SASL/SCRAM-SHA-512 on the client listener, Kafka's standard authorizer (JENJANG_KAFKA_SASL).
listeners=SASL_PLAINTEXT://{LOOPBACK}:{port},CONTROLLER://{LOOPBACK}:{controller}
advertised.listeners=SASL_PLAINTEXT://{LOOPBACK}:{port},CONTROLLER://{LOOPBACK}:{controller}
inter.broker.listener.name=SASL_PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT
sasl.enabled.mechanisms={MECHANISM}
sasl.mechanism.inter.broker.protocol={MECHANISM}
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=\
org.apache.kafka.common.security.scram.ScramLoginModule required \
username="{ADMIN}" password="{password}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
# The controller listener is PLAINTEXT on loopback and speaks only the controller protocol.
super.users=User:{ADMIN};User:ANONYMOUS
"""


def format_arguments(config: StackConfig) -> list[str]:
    """`--add-scram` for every principal: their credentials enter the metadata at format time."""
    return [
        argument
        for name, password in credentials(config).items()
        if name in principals()
        for argument in ("--add-scram", f"{MECHANISM}=[name={name},password={password}]")
    ]


@dataclass(frozen=True)
class Acl:
    """One ALLOW rule, as Kafka's CreateAcls request carries it."""

    resource_type: int
    name: str
    pattern: int
    principal: str
    operation: int

    def wire(self) -> tuple[int, str, int, str, str, int, int]:
        return (
            self.resource_type,
            self.name,
            self.pattern,
            f"User:{self.principal}",
            "*",
            self.operation,
            _ALLOW,
        )


def acls(prefix: str = "") -> list[Acl]:
    """Every service's and tool's rules, from the topic declaration."""
    rules: list[Acl] = []
    for service in SERVICES:
        user = principal_of(service)
        own = f"{prefix}asn.{service}."
        rules += [Acl(_TOPIC, own, _PREFIXED, user, op) for op in (_WRITE, _DESCRIBE)]
        for spec in consumed_by(service):
            name = f"{prefix}{spec.name}"
            rules += [Acl(_TOPIC, name, _LITERAL, user, op) for op in (_READ, _DESCRIBE)]
        rules.append(Acl(_GROUP, f"{prefix}{service}", _PREFIXED, user, _READ))
    # jenjang-dlq reads dead letters and replays them onto the topic they came from.
    for spec in TOPICS:
        ops = (_READ, _DESCRIBE) if spec.dead_letters else (_WRITE, _DESCRIBE)
        rules += [Acl(_TOPIC, f"{prefix}{spec.name}", _LITERAL, "tool-dlq", op) for op in ops]
    rules.append(Acl(_GROUP, f"{prefix}jenjang-dlq", _PREFIXED, "tool-dlq", _READ))
    return rules


class _CreateAcls(CreateAclsRequest):
    """CreateAcls with many rules in one request (aiokafka's builder sends one)."""

    def __init__(self, rules: list[Acl]) -> None:
        self._rules = rules

    def build(self, request_struct_class: Any) -> Any:
        if request_struct_class.API_VERSION < 1:
            raise StackError("The broker does not support prefixed ACLs (CreateAcls v1).")
        return CreateAclsRequest_v1([rule.wire() for rule in self._rules])


async def create_acls(config: StackConfig, rules: list[Acl]) -> int:
    """Send the rules as the admin principal; returns how many were created."""
    admin = AIOKafkaAdminClient(
        bootstrap_servers=config.kafka_bootstrap,
        request_timeout_ms=15000,
        **client_options(config, ADMIN),
    )
    await admin.start()
    try:
        response = await admin._send_request(_CreateAcls(rules))
        failures = [message for code, message in response.creation_responses if code != 0]
        if failures:
            raise StackError(f"Kafka refused {len(failures)} ACLs: {failures[0]}")
        await _until_in_force(admin, len(set(rules)))
    finally:
        await admin.close()
    return len(rules)


async def _until_in_force(admin: AIOKafkaAdminClient, expected: int, timeout_s: float = 20) -> None:
    """Wait until the broker's authorizer holds the rules: the controller commits them first,
    the broker applies them from the metadata log a moment later, and a client refused in that
    moment would be told its topic is not authorised."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        # ANY resource, ANY pattern, any principal and host, ANY operation and permission.
        described = await admin._send_request(DescribeAclsRequest(1, None, 1, None, None, 1, 1))
        held = sum(len(resource[3]) for resource in described.resources)
        if held >= expected:
            return
        if asyncio.get_running_loop().time() >= deadline:
            raise StackError(f"Kafka holds {held} of {expected} ACLs after {timeout_s:.0f} s.")
        await asyncio.sleep(0.2)
