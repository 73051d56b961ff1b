"""CloudEvents 1.0 in Kafka binary content mode, through the `cloudevents` SDK's Kafka binding.

The value is the JSON payload; the attributes travel as `ce_*` headers; the key is the NIP.
The W3C `traceparent` also travels as a plain header so tracing tools see it without CloudEvents.
Every event of a known type also carries `dataschema` (its exact schema version in the registry)
and the `classification` extension attribute (`contracts.provenance`), both taken from its
contract when the caller does not give them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.v1.event import CloudEvent

from jenjang_shared.contracts.provenance import Classification
from jenjang_shared.contracts.registry import model_for
from jenjang_shared.contracts.schemas import dataschema_of

CONTENT_TYPE = "application/json"
PROVINCE_HEADER = "jenjang-province-bus"
"""A plain header set only on events whose classification may leave the agency: MirrorMaker 2
keeps a record for the province bus by its presence (Kafka Connect's `HasHeaderKey` predicate
sees header names, not values), so the bus never depends on parsing our attributes."""
_REQUIRED = ("ce_specversion", "ce_id", "ce_source", "ce_type")


class DecodeError(ValueError):
    """A message that is not a CloudEvent this code can read: a permanent failure."""


@dataclass(frozen=True)
class EventMeta:
    """The CloudEvents attributes of one event, beside its payload."""

    id: str
    type: str
    source: str
    subject: str
    time: datetime
    correlation_id: str | None = None
    causation_id: str | None = None
    traceparent: str | None = None
    # Both follow from `type` (the contract): left out of equality, so a decoded event equals
    # the one that was encoded whether or not the caller named them.
    dataschema: str | None = field(default=None, compare=False)
    classification: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class KafkaRecord:
    """What goes on the wire: key, value and headers as aiokafka takes them."""

    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


def encode(meta: EventMeta, payload: dict[str, Any]) -> KafkaRecord:
    """Turn an event into a Kafka record in binary content mode."""
    attributes: dict[str, Any] = {
        "id": meta.id,
        "source": meta.source,
        "type": meta.type,
        "subject": meta.subject,
        "time": meta.time,
        "datacontenttype": CONTENT_TYPE,
        "partitionkey": meta.subject,
    }
    if meta.correlation_id:
        attributes["correlationid"] = meta.correlation_id
    if meta.causation_id:
        attributes["causationid"] = meta.causation_id
    model = model_for(meta.type)
    dataschema = meta.dataschema or (dataschema_of(model) if model else None)
    classification = meta.classification or (model.classification.value if model else None)
    if dataschema:
        attributes["dataschema"] = dataschema
    if classification:
        attributes["classification"] = classification
    message = ce_kafka.to_binary_event(CloudEvent(attributes=attributes, data=payload))
    headers = list(message.headers.items())
    if meta.traceparent:
        headers.append(("traceparent", meta.traceparent.encode()))
    if classification and Classification(classification).leaves_the_agency:
        headers.append((PROVINCE_HEADER, b"eligible"))
    key = message.key.encode() if isinstance(message.key, str) else (message.key or b"")
    return KafkaRecord(key=key, value=message.value, headers=headers)


def decode(
    key: bytes | None, value: bytes | None, headers: list[tuple[str, bytes]] | tuple[Any, ...]
) -> tuple[EventMeta, dict[str, Any]]:
    """Read a Kafka record back into attributes and payload; raise DecodeError when it is not one."""
    header_map = {name: raw for name, raw in headers}
    missing = [name for name in _REQUIRED if name not in header_map]
    if missing:
        raise DecodeError(f"not a CloudEvent: missing headers {', '.join(missing)}")
    try:
        payload = json.loads(value or b"")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DecodeError(f"value is not JSON: {exc}") from exc
    if not isinstance(payload, dict):
        raise DecodeError("value is JSON but not an object")
    try:
        # The SDK reads the attributes. The value is parsed above, once: the SDK would parse it
        # again and, where it is not JSON, silently hand back the raw text instead of failing.
        attributes = ce_kafka.from_binary_event(
            ce_kafka.KafkaMessage(headers=header_map, key=key, value=b"")
        ).get_attributes()
    except Exception as exc:  # the SDK raises several kinds for malformed attributes
        raise DecodeError(f"invalid CloudEvents attributes: {exc}") from exc
    traceparent = header_map.get("traceparent")
    time = attributes.get("time") or datetime.now(UTC)
    return (
        EventMeta(
            id=str(attributes["id"]),
            type=str(attributes["type"]),
            source=str(attributes["source"]),
            subject=str(attributes.get("subject") or (key or b"").decode(errors="replace")),
            time=time,
            correlation_id=attributes.get("correlationid"),
            causation_id=attributes.get("causationid"),
            traceparent=traceparent.decode() if traceparent else None,
            dataschema=attributes.get("dataschema"),
            classification=attributes.get("classification"),
        ),
        payload,
    )
