"""The published event documentation, generated from the contracts (ARCHITECTURE.md, "Events").

`python -m jenjang_shared.contracts.publish` writes `docs/events/`: one JSON Schema per event type
(`schemas/<ce_type>.json`), an AsyncAPI 3.0 document of every topic (`asyncapi.json`) and a
`README.md` table. `--check` writes nothing and fails when those files are stale, or when a
committed `.v1` schema was changed in a way that breaks a consumer (see `compat.py`).
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from jenjang_shared.contracts.base import Event
from jenjang_shared.contracts.registry import ALL_EVENTS, SERVICES, dead_letter_topic_of, topic_of

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DEFAULT_OUT = Path(__file__).resolve().parents[4] / "docs" / "events"
REGENERATE = "python -m jenjang_shared.contracts.publish"
NIP_SCHEMA = {"type": "string", "pattern": r"^\d{18}$", "examples": ["198609262015051001"]}
_EXAMPLE_IDS = uuid.UUID("5f0c3d4e-9a51-4c59-8c8e-6a1b3f7d2e90")

# Who reacts to what, as designed in ARCHITECTURE.md ("reacts to"). Documentation only: the shared
# library may not import the services, whose handler tables stay the authority.
EVERY_EVENT = "*"
REACTS_TO: dict[str, tuple[str, ...]] = {
    # PromotionRecommended opens a proposal; every event goes on the employee's career timeline.
    "personnel": ("PromotionRecommended", EVERY_EVENT),
    "training": (
        "EmployeeRegistered", "EvaluationRecorded", "MentorshipCompleted", "EmployeeRetired",
    ),
    "mentoring": (
        "EmployeeRegistered", "EvaluationRecorded", "EmployeeTransferred", "EmployeeRetired",
    ),
    "evaluation": (
        "EmployeeRegistered", "EmployeePromoted", "EmployeeTransferred", "TrainingCompleted",
        "EmployeeRetired",
    ),
    "welfare": (
        "EmployeeRegistered", "EmployeePromoted", "EmployeeTransferred", "EvaluationRecorded",
        "EmployeeRetired",
    ),
}  # fmt: skip


def partition_key_field(model: type[Event]) -> str:
    """The payload field whose value is the Kafka key and CloudEvents subject (`nip`, ...)."""
    probe = model.model_construct(None, **{name: name for name in model.model_fields})
    return probe.partition_key


def consumers_of(model: type[Event]) -> list[str]:
    """The services designed to react to an event type (ARCHITECTURE.md)."""
    return sorted(
        service
        for service, names in REACTS_TO.items()
        if EVERY_EVENT in names or model.event_name in names
    )


def example_payload(model: type[BaseModel]) -> dict[str, Any]:
    """A valid payload: each field's first example, or a typed placeholder for a required field."""
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if info.examples:
            values[name] = info.examples[0]
        elif info.is_required():
            values[name] = _placeholder(model, name, info.annotation)
    return model.model_validate(values).model_dump(mode="json")


def _placeholder(model: type[BaseModel], name: str, annotation: Any) -> Any:
    if get_origin(annotation) in (Union, UnionType):
        annotation = next(arg for arg in get_args(annotation) if arg is not NoneType)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return next(iter(annotation)).value
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return example_payload(annotation)
    placeholders: dict[Any, Any] = {date: "2025-10-01", datetime: "2025-10-01T08:00:00+07:00"}
    if annotation in placeholders:
        return placeholders[annotation]
    if annotation is str:  # identifiers: a stable UUID per field, so the docs do not churn
        return str(uuid.uuid5(_EXAMPLE_IDS, f"{model.__name__}.{name}"))
    raise TypeError(f"{model.__name__}.{name}: add `examples` to the field")


def event_schema(model: type[Event]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one event type's payload, with where it travels."""
    schema = model.model_json_schema(mode="serialization")
    schema.update(
        {
            "$schema": DIALECT,
            "$id": f"urn:jenjang:schema:{model.ce_type()}",
            "title": model.__name__,
            "description": (model.__doc__ or model.__name__).strip(),
            "examples": [example_payload(model)],
            "x-ce-type": model.ce_type(),
            "x-topic": model.topic(),
            "x-partition-key": partition_key_field(model),
        }
    )
    return schema


# CloudEvents 1.0 Kafka binary mode, as `messaging/codec.py` writes it. The first eight are always
# sent; a reader needs only specversion, id, source and type.
_TRACEPARENT = r"^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$"
_REQUIRED_HEADERS = (
    "ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject",
    "ce_partitionkey", "content-type",
)  # fmt: skip
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
        "ce_source": {**text, "const": model.source()},
        "ce_type": {**text, "const": model.ce_type()},
        "ce_time": {**text, "format": "date-time", "description": "When the fact happened"},
        "ce_subject": {**NIP_SCHEMA, "description": f"The NIP the event is about (`{key}`)"},
        "ce_partitionkey": {**NIP_SCHEMA, "description": "The Kafka key (the subject)"},
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
        "ce_id": str(uuid.uuid5(_EXAMPLE_IDS, model.ce_type())),
        "ce_source": model.source(),
        "ce_type": model.ce_type(),
        "ce_time": "2025-10-01T01:00:00Z",
        "ce_subject": subject,
        "ce_partitionkey": subject,
        "content-type": "application/json",
        "ce_correlationid": str(uuid.uuid5(_EXAMPLE_IDS, "request")),
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
        "headers": _headers(model),
        "payload": {"$ref": f"#/components/schemas/{model.ce_type()}"},
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
                "description": "The local single-node broker (`jenjang-local`).",
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {"schemas": schemas, "messages": messages},
    }


def _description() -> str:
    reactions = "\n".join(
        f"- **{service}** reacts to: "
        + ", ".join("every event (career timeline)" if n == EVERY_EVENT else n for n in names)
        for service, names in REACTS_TO.items()
    )
    return (
        "Integration events of the five Jenjang services, one topic per publishing service "
        "(`asn.<service>.v1`). CloudEvents 1.0 in Kafka binary mode: the value is the JSON "
        "payload, the attributes are `ce_*` headers, the key is the employee's NIP (a "
        "mentorship's events: the mentee's). Consumers de-duplicate on `ce_id` and ignore "
        "unknown fields; a breaking change is a new `.v2` type, never an edit of a `.v1`.\n\n"
        "Only the publishers' `send` operations are listed. Who consumes what (one consumer "
        "group per service, as designed in ARCHITECTURE.md):\n\n" + reactions + "\n"
    )


def readme(events: Sequence[type[Event]] = ALL_EVENTS) -> str:
    """A short Markdown index: event, topic, key, fields (`?` marks an optional one)."""
    rows = [
        f"| `{m.ce_type()}` | `{m.topic()}` | `{partition_key_field(m)}` | "
        + ", ".join(
            f"`{name}`" + ("" if info.is_required() else "?")
            for name, info in m.model_fields.items()
        )
        + f" | {', '.join(consumers_of(m))} |"
        for m in events
    ]
    return (
        "# Jenjang events\n\n"
        "Generated from the contracts in `shared/src/jenjang_shared/contracts/`; do not edit.\n"
        f"Regenerate with `{REGENERATE}`. Its `--check` (run by\n"
        "`shared/tests/unit/test_published_docs.py`) fails when these files are stale, or when a\n"
        "committed schema was changed in a way that breaks a consumer: such a change is a new\n"
        "`.v2` event type, never an edit of a `.v1`.\n\n"
        "- `asyncapi.json`: AsyncAPI 3.0 document of every topic and dead-letter topic.\n"
        "- `schemas/<ce_type>.json`: JSON Schema (draft 2020-12) of each event's payload.\n\n"
        "CloudEvents 1.0 in Kafka binary mode: the value is the JSON payload; the headers are\n"
        "`ce_specversion`, `ce_id`, `ce_source`, `ce_type`, `ce_time`, `ce_subject`,\n"
        "`ce_partitionkey`, `content-type`, and when known `ce_correlationid`, `ce_causationid`,\n"
        "`traceparent`. The key is the NIP in the `key` column. A field marked `?` is optional.\n\n"
        "| event | topic | key | fields | consumed by |\n|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n"
    )


def render(document: dict[str, Any]) -> str:
    """Deterministic JSON: sorted keys, two-space indent, trailing newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def generate(events: Sequence[type[Event]] = ALL_EVENTS) -> dict[str, str]:
    """Every published file, by its path relative to `docs/events/`."""
    files = {f"schemas/{m.ce_type()}.json": render(event_schema(m)) for m in events}
    files["asyncapi.json"] = render(asyncapi_document(events))
    files["README.md"] = readme(events)
    return files


@dataclass
class CheckReport:
    """What `--check` found: files to regenerate, and schema changes that break consumers."""

    stale: list[str] = field(default_factory=list)
    incompatible: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.stale and not self.incompatible

    def render(self) -> str:
        lines = [f"stale: {item}" for item in self.stale]
        if self.stale:
            lines.append(f"regenerate them with `{REGENERATE}`")
        lines += [f"incompatible: {item}" for item in self.incompatible]
        return "\n".join(lines)


def incompatibilities(baseline: Path, files: dict[str, str]) -> list[str]:
    """Consumer-breaking differences between the committed schemas and the generated ones."""
    from jenjang_shared.contracts.compat import check_compatibility  # jsoncompat: a dev tool

    problems = []
    for path in sorted((baseline / "schemas").glob("*.json")):
        ce_type = path.name.removesuffix(".json")
        stem, _, version = ce_type.rpartition(".v")
        fix = f"make a {stem}.v{int(version) + 1 if version.isdigit() else 2} type instead"
        fresh = files.get(f"schemas/{path.name}")
        if fresh is None:
            problems.append(f"{ce_type}: no longer generated; consumers rely on it ({fix})")
            continue
        old, new = json.loads(path.read_text(encoding="utf-8")), json.loads(fresh)
        problems += [f"{ce_type}: {p} ({fix})" for p in check_compatibility(old, new)]
    return problems


def check(out_dir: Path = DEFAULT_OUT, baseline: Path | None = None) -> CheckReport:
    """Compare the files in `out_dir` with freshly generated ones; `baseline` defaults to it."""
    files = generate()
    report = CheckReport(incompatible=incompatibilities(baseline or out_dir, files))
    for relative, content in sorted(files.items()):
        path = out_dir / relative
        if not path.exists():
            report.stale.append(f"{path} is missing")
        elif path.read_text(encoding="utf-8") != content:
            report.stale.append(f"{path} is out of date")
    return report


def write(out_dir: Path, files: dict[str, str]) -> None:
    """Write the generated files, and remove schemas that are no longer generated."""
    for relative, content in files.items():
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
    for path in (out_dir / "schemas").glob("*.json"):
        if f"schemas/{path.name}" not in files:
            path.unlink()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=REGENERATE, description="Write docs/events/.")
    parser.add_argument("--check", action="store_true", help="write nothing; fail when stale")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="default: %(default)s")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="the schemas consumers rely on (default: --out); CI may pass a main-branch checkout",
    )
    parser.add_argument(
        "--force", action="store_true", help="write even a consumer-breaking change"
    )
    args = parser.parse_args(argv)
    if args.check:
        report = check(args.out, args.baseline)
        (sys.stdout if report.ok else sys.stderr).write((report.render() or "up to date") + "\n")
        return 0 if report.ok else 1
    files = generate()
    problems = incompatibilities(args.baseline or args.out, files)
    if problems and not args.force:
        sys.stderr.write("".join(f"incompatible: {p}\n" for p in problems))
        sys.stderr.write("nothing written (--force writes anyway)\n")
        return 1
    write(args.out, files)
    sys.stdout.write(f"wrote {len(files)} files to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
