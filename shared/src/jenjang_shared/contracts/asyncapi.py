"""The AsyncAPI 3.0 document of every topic and dead-letter topic, built from the event schemas."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from typing import Any

from jenjang_shared.contracts.base import Event
from jenjang_shared.contracts.provenance import DEMO_AGENCY_URI, default_source
from jenjang_shared.contracts.registry import ALL_EVENTS, SERVICES, dead_letter_topic_of, topic_of
from jenjang_shared.contracts.schemas import (
    EXAMPLE_IDS,
    NIP_SCHEMA,
    event_schema,
    example_payload,
    partition_key_field,
)
from jenjang_shared.contracts.subscriptions import consumed_by, consumers_of, handler_tables

# CloudEvents 1.0 Kafka binary mode, as `messaging/codec.py` writes it. The first eight are always
# sent; a reader needs only specversion, id, source and type.
_TRACEPARENT = r"^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$"
_REQUIRED_HEADERS = (
    "ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject",
    "ce_partitionkey", "ce_dataschema", "ce_classification", "content-type",
)  # fmt: skip
# The 2020-12 schemas are named as such: without it, AsyncAPI tools read them as draft-07.
SCHEMA_FORMAT = "application/schema+json;version=draft-2020-12"
# The reason `messaging/dead_letters.py` adds to a dead letter, beside the original headers.
DEAD_LETTER_HEADERS = (
    "dlq_original_topic", "dlq_original_partition", "dlq_original_offset", "dlq_error_type",
    "dlq_error_message", "dlq_attempts", "dlq_first_failure_at", "dlq_consumer_group",
)  # fmt: skip


def _headers(model: type[Event]) -> dict[str, Any]:
    key = partition_key_field(model)
    text = {"type": "string"}
    properties: dict[str, Any] = {
        "ce_specversion": {**text, "const": "1.0"},
        "ce_id": {
            **text,
            "format": "uuid",
            "description": "Event id: consumers de-duplicate on it",
        },
        "ce_source": {
            **text,
            "format": "uri",
            "pattern": f"/{model.service}$",
            "description": (
                f"The agency's {model.service} service: a URI ending in `/{model.service}`"
            ),
            "examples": [default_source(model.service)],
        },
        "ce_type": {**text, "const": model.ce_type()},
        "ce_time": {**text, "format": "date-time", "description": "When the fact happened"},
        "ce_subject": {**NIP_SCHEMA, "description": f"The NIP the event is about (`{key}`)"},
        "ce_partitionkey": {**NIP_SCHEMA, "description": "The Kafka key (the subject)"},
        "ce_dataschema": {
            **text,
            "format": "uri",
            "description": "The registry URL of the exact schema version the data follows",
        },
        "ce_classification": {
            **text,
            "const": model.classification.value,
            "description": "How far the event may travel (docs/events/README.md)",
        },
        "content-type": {**text, "const": "application/json"},
        "ce_correlationid": {**text, "description": "The originating request's id"},
        "ce_causationid": {**text, "description": "The ce_id of the event that caused this one"},
        "traceparent": {**text, "pattern": _TRACEPARENT, "description": "W3C trace context"},
    }
    return {"type": "object", "required": list(_REQUIRED_HEADERS), "properties": properties}


def _example_headers(model: type[Event], payload: dict[str, Any]) -> dict[str, str]:
    subject = str(payload[partition_key_field(model)])
    return {
        "ce_specversion": "1.0",
        "ce_id": str(uuid.uuid5(EXAMPLE_IDS, model.ce_type())),
        "ce_source": default_source(model.service),
        "ce_type": model.ce_type(),
        "ce_dataschema": event_schema(model)["$id"],
        "ce_classification": model.classification.value,
        "ce_time": "2025-10-01T01:00:00Z",
        "ce_subject": subject,
        "ce_partitionkey": subject,
        "content-type": "application/json",
        "ce_correlationid": str(uuid.uuid5(EXAMPLE_IDS, "request")),
        "traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    }


def _hoist(schema: dict[str, Any], into: dict[str, Any]) -> dict[str, Any]:
    """The schema with its `$defs` moved into `into` (components/schemas) and its refs rewritten."""
    text = json.dumps(schema).replace('"#/$defs/', '"#/components/schemas/')
    hoisted = json.loads(text)
    for name, definition in hoisted.pop("$defs", {}).items():
        if into.setdefault(name, definition) != definition:
            raise ValueError(f"two different schemas are both named {name!r}")
    for keyword in ("$schema", "$id"):  # refs resolve against the AsyncAPI document itself
        hoisted.pop(keyword)
    return hoisted


def _message(model: type[Event]) -> dict[str, Any]:
    payload = example_payload(model)
    consumers = ", ".join(consumers_of(model)) or "none yet"
    return {
        "name": model.__name__,
        "title": model.ce_type(),
        "summary": (model.__doc__ or model.__name__).strip(),
        "description": (
            f"Published by {model.service} on `{model.topic()}`, keyed by "
            f"`{partition_key_field(model)}`. Consumed by: {consumers}."
        ),
        "contentType": "application/json",
        "tags": [{"name": f"classification:{model.classification.value}"}],
        "x-classification": model.classification.value,
        "x-leaves-the-agency": model.classification.leaves_the_agency,
        "x-registry-schema": event_schema(model)["$id"],
        "headers": _headers(model),
        "payload": {
            "schemaFormat": SCHEMA_FORMAT,
            "schema": {"$ref": f"#/components/schemas/{model.ce_type()}"},
        },
        "correlationId": {"location": "$message.header#/ce_correlationid"},
        "bindings": {
            "kafka": {
                "bindingVersion": "0.5.0",
                "key": {**NIP_SCHEMA, "description": f"`{partition_key_field(model)}`"},
            }
        },
        "examples": [
            {"name": "example", "headers": _example_headers(model, payload), "payload": payload}
        ],
    }


def _dead_letter_message() -> dict[str, Any]:
    reason = {name: {"type": "string"} for name in DEAD_LETTER_HEADERS}
    return {
        "name": "DeadLetter",
        "summary": "A record a consumer could never apply, with the reason.",
        "description": (
            "Key, value and headers are the original record's, unchanged (the value may not even "
            "be JSON); `dlq_*` headers say why. `jenjang-dlq` lists and replays dead letters."
        ),
        "contentType": "application/octet-stream",
        "headers": {"type": "object", "required": list(DEAD_LETTER_HEADERS), "properties": reason},
        "payload": {"description": "The original value, byte for byte"},
    }


def asyncapi_document(events: Sequence[type[Event]] = ALL_EVENTS) -> dict[str, Any]:
    """The AsyncAPI 3.0.0 document of every topic: what each service sends, and its dead letters."""
    schemas: dict[str, Any] = {}
    messages: dict[str, Any] = {"DeadLetter": _dead_letter_message()}
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    for model in events:
        schemas[model.ce_type()] = _hoist(event_schema(model), schemas)
        messages[model.ce_type()] = _message(model)
    for service in SERVICES:
        own = [model for model in events if model.service == service]
        keys = " or ".join(sorted({f"`{partition_key_field(m)}`" for m in own}))
        channels[service] = {
            "address": topic_of(service),
            "title": f"{service} events",
            "description": f"Every event the {service} service publishes, keyed by {keys}.",
            "messages": {m.__name__: {"$ref": f"#/components/messages/{m.ce_type()}"} for m in own},
        }
        channels[f"{service}-dlq"] = {
            "address": dead_letter_topic_of(service),
            "title": f"{service} dead letters",
            "description": f"Records the {service} consumer could never apply.",
            "messages": {"DeadLetter": {"$ref": "#/components/messages/DeadLetter"}},
        }
        operations[f"{service}-publish"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{service}"},
            "summary": f"The {service} service publishes its events through its outbox relay.",
            "messages": [{"$ref": f"#/channels/{service}/messages/{m.__name__}"} for m in own],
        }
        operations[f"{service}-dead-letter"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{service}-dlq"},
            "summary": f"The {service} consumer sets aside a record it can never apply.",
            "messages": [{"$ref": f"#/channels/{service}-dlq/messages/DeadLetter"}],
        }
    return {
        "asyncapi": "3.0.0",
        "id": "urn:jenjang:events",
        "info": {"title": "Jenjang events", "version": "1.0.0", "description": _description()},
        "defaultContentType": "application/json",
        "servers": {
            "local": {
                "host": "127.0.0.1:59092",
                "protocol": "kafka",
                "description": (
                    "The local single-node broker (`jenjang up`): PLAINTEXT by default, "
                    "SASL/SCRAM-SHA-512 with ACLs when started with JENJANG_KAFKA_SASL=1."
                ),
            },
            "province": {
                "host": "127.0.0.1:59192",
                "protocol": "kafka",
                "description": (
                    "The province bus: only event types classified `internal` or `public` may "
                    f"reach it, under the agency's prefix (the demo agency {DEMO_AGENCY_URI}: "
                    "`bkd-demo.`). Not yet run by the launcher: see docs/events/README.md."
                ),
                "security": [{"$ref": "#/components/securitySchemes/scram"}],
            },
        },
        "channels": channels,
        "operations": operations,
        "components": {
            "schemas": schemas,
            "messages": messages,
            "securitySchemes": {
                "scram": {
                    "type": "scramSha512",
                    "description": "SASL/SCRAM-SHA-512: one principal per consuming agency.",
                }
            },
        },
    }


def _description() -> str:
    reactions = "\n".join(
        f"- **{service}** reacts to: "
        + ", ".join(model.event_name for model in consumed_by(service))
        for service in handler_tables()
    )
    return (
        "Integration events of the five Jenjang services, one topic per publishing service "
        "(`asn.<service>.v1`). CloudEvents 1.0 in Kafka binary mode: the value is the JSON "
        "payload, the attributes are `ce_*` headers, the key is the employee's NIP (a "
        "mentorship's events: the mentee's). Consumers de-duplicate on `ce_id` and ignore "
        "unknown fields; a breaking change is a new `.v2` type, never an edit of a `.v1`.\n\n"
        "Only the publishers' `send` operations are listed. Who consumes what (one consumer "
        "group per service, read from each service's handler table):\n\n" + reactions + "\n"
    )
