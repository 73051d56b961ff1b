"""The JSON Schema of each event type's payload, for the published docs (`publish.py`).

With what the docs state beside it: the partition key, the consumers and an example payload.
The schemas use only draft 2020-12 keywords (strict validators such as ajv refuse unknown
ones): where an event travels is said in a `$comment` and in the AsyncAPI document. `$id` is the
schema's URL in the registry (`provenance.artifact_url`), the same URL events carry as their
`dataschema`.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import Enum
from functools import cache
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from jenjang_shared.contracts.base import Event
from jenjang_shared.contracts.provenance import (
    DEFAULT_SCHEMA_REGISTRY_URL,
    artifact_url,
    schema_revision,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"
NIP_SCHEMA = {"type": "string", "pattern": r"^\d{18}$", "examples": ["198609262015051001"]}
EXAMPLE_IDS = uuid.UUID("5f0c3d4e-9a51-4c59-8c8e-6a1b3f7d2e90")


def partition_key_field(model: type[Event]) -> str:
    """The payload field whose value is the Kafka key and CloudEvents subject (`nip`, ...)."""
    probe = model.model_construct(None, **{name: name for name in model.model_fields})
    return probe.partition_key


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
        return str(uuid.uuid5(EXAMPLE_IDS, f"{model.__name__}.{name}"))
    raise TypeError(f"{model.__name__}.{name}: add `examples` to the field")


def event_schema(model: type[Event]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one event type's payload, with where it travels."""
    schema = model.model_json_schema(mode="serialization")
    schema.update(
        {
            "$schema": DIALECT,
            "title": model.__name__,
            "description": (model.__doc__ or model.__name__).strip(),
            "examples": [example_payload(model)],
            "$comment": (
                f"CloudEvents type {model.ce_type()} on topic {model.topic()}, keyed by "
                f"{partition_key_field(model)}; classification {model.classification.value}."
            ),
        }
    )
    schema["$id"] = artifact_url(
        model.ce_type(), schema_revision(schema), base=DEFAULT_SCHEMA_REGISTRY_URL
    )
    return schema


@cache
def revision_of(model: type[Event]) -> str:
    """The registry version of a type's current schema (a digest of it; computed once)."""
    return schema_revision(event_schema(model))


def dataschema_of(model: type[Event]) -> str:
    """The CloudEvents `dataschema` of a type: its exact schema version in this process's registry."""
    return artifact_url(model.ce_type(), revision_of(model))
