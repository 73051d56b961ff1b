"""Events say who sent them and what they follow: `source`, `dataschema`, classification.

What the province bus's operator checks before accepting a record (issue 14): the source names
the agency and the service, the dataschema is the exact published schema, the classification
travels with the event and in the AsyncAPI document.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from jenjang_shared.contracts import provenance
from jenjang_shared.contracts.asyncapi import asyncapi_document
from jenjang_shared.contracts.base import Event
from jenjang_shared.contracts.provenance import (
    Classification,
    default_source,
    owner_of_topic,
    service_of_source,
)
from jenjang_shared.contracts.publish import CLASSIFICATION_REASONS, DEFAULT_OUT
from jenjang_shared.contracts.registry import ALL_EVENTS, SERVICES
from jenjang_shared.contracts.schemas import dataschema_of, event_schema, example_payload
from jenjang_shared.messaging.codec import EventMeta, decode, encode
from personnel.config import PersonnelSettings

by_type = pytest.mark.parametrize("model", ALL_EVENTS, ids=lambda model: model.ce_type())


@pytest.fixture
def fresh_provenance() -> Iterator[None]:
    """Settings set process-wide values: put back the defaults after each test that sets them."""
    yield
    provenance._sources.clear()
    provenance.set_schema_registry(provenance.DEFAULT_SCHEMA_REGISTRY_URL)


def record_of(model: type[Event]) -> dict[str, str]:
    event = model.model_validate(example_payload(model))
    meta = EventMeta(
        id=str(uuid.uuid4()),
        type=model.ce_type(),
        source=model.source(),
        subject=event.partition_key,
        time=datetime(2025, 10, 1, 1, 30, tzinfo=UTC),
    )
    record = encode(meta, event.model_dump(mode="json"))
    return {name: value.decode() for name, value in record.headers}


@by_type
def test_every_event_names_the_agency_and_its_service_as_source(model: type[Event]) -> None:
    source = record_of(model)["ce_source"]
    assert source == f"https://bkd-demo.jenjang.example/{model.service}"
    assert service_of_source(source) == model.service == owner_of_topic(model.topic())


@by_type
def test_a_decoded_event_tells_its_dataschema_and_classification(model: type[Event]) -> None:
    headers = record_of(model)
    meta, _ = decode(b"k", b"{}", [(name, value.encode()) for name, value in headers.items()])
    assert (meta.dataschema, meta.classification) == (
        dataschema_of(model),
        model.classification.value,
    )


def test_the_source_comes_from_the_services_settings(
    fresh_provenance: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jenjang_shared.contracts import EmployeePromoted

    monkeypatch.setenv("PERSONNEL_EVENT_SOURCE", "https://bkd.kab-garut.go.id/jenjang/personnel")
    settings = PersonnelSettings()
    assert settings.source == "https://bkd.kab-garut.go.id/jenjang/personnel"
    assert record_of(EmployeePromoted)["ce_source"] == settings.source


def test_a_source_that_does_not_name_the_service_is_refused(fresh_provenance: None) -> None:
    with pytest.raises(ValueError, match="/personnel"):
        provenance.set_event_source("personnel", "https://bkd.example/evaluation")


@pytest.mark.parametrize(
    ("source", "service"),
    [
        ("https://bkd-demo.jenjang.example/personnel", "personnel"),
        ("https://bkd.kab-garut.go.id/jenjang/welfare/", "welfare"),
        ("/agency/jabar/asn/evaluation", "evaluation"),
        ("/asn/personnel", "personnel"),
        ("https://bkd.example/payroll", None),
        ("https://bkd.example/", None),
        ("", None),
    ],
)
def test_the_service_a_source_names(source: str, service: str | None) -> None:
    assert service_of_source(source) == service


@pytest.mark.parametrize(
    ("topic", "owner"),
    [
        ("asn.evaluation.v1", "evaluation"),
        ("t1a2b3.asn.personnel.v1", "personnel"),
        ("asn.welfare.dlq.v1", "welfare"),
        ("asn.evaluation.v2", "evaluation"),
        ("bkd-demo.asn.training.v1", "training"),
        ("orders", None),
        ("asn.evaluation.v1.extra", None),
    ],
)
def test_the_owner_of_a_topic(topic: str, owner: str | None) -> None:
    assert owner_of_topic(topic) == owner


@by_type
def test_every_event_carries_the_url_of_its_exact_published_schema(model: type[Event]) -> None:
    headers = record_of(model)
    committed = json.loads((DEFAULT_OUT / "schemas" / f"{model.ce_type()}.json").read_text())
    assert headers["ce_dataschema"] == committed["$id"] == dataschema_of(model)
    revision = headers["ce_dataschema"].split("/versions/")[1].removesuffix("/content")
    assert revision == provenance.schema_revision(committed)


def test_a_changed_schema_gets_another_dataschema() -> None:
    from jenjang_shared.contracts import EmployeePromoted

    schema = event_schema(EmployeePromoted)
    changed = {**schema, "description": schema["description"] + " (reworded)"}
    assert provenance.schema_revision(changed) != provenance.schema_revision(schema)


def test_the_dataschema_names_the_configured_registry(
    fresh_provenance: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jenjang_shared.contracts import EmployeeRetired

    monkeypatch.setenv("PERSONNEL_SCHEMA_REGISTRY_URL", "https://registry.bkd.example/")
    PersonnelSettings()
    assert record_of(EmployeeRetired)["ce_dataschema"].startswith(
        "https://registry.bkd.example/apis/registry/v3/groups/jenjang/artifacts/"
        "asn.personnel.EmployeeRetired.v1/versions/"
    )


@by_type
def test_every_type_declares_its_classification_and_the_docs_say_why(model: type[Event]) -> None:
    assert "classification" in vars(model), "declare it on the type, do not inherit it"
    assert isinstance(model.classification, Classification)
    assert record_of(model)["ce_classification"] == model.classification.value
    assert CLASSIFICATION_REASONS[model.event_name]
    readme = (DEFAULT_OUT / "README.md").read_text()
    assert f"| `{model.event_name}` | {model.classification.value} |" in readme


def test_health_and_money_never_leave_and_appraisals_stay_in_the_agency() -> None:
    by_name = {model.event_name: model.classification for model in ALL_EVENTS}
    assert by_name["BenefitClaimDecided"] is Classification.RESTRICTED
    assert by_name["AllowanceEntitlementChanged"] is Classification.RESTRICTED
    for name in ("EvaluationRecorded", "PromotionRecommended", "EmployeeRegistered"):
        assert not by_name[name].leaves_the_agency
    for name in ("EmployeePromoted", "EmployeeTransferred", "EmployeeRetired", "TrainingCompleted"):
        assert by_name[name].leaves_the_agency


def test_the_asyncapi_messages_carry_classification_schema_format_and_registry_schema() -> None:
    document = asyncapi_document()
    for model in ALL_EVENTS:
        message = document["components"]["messages"][model.ce_type()]
        assert message["x-classification"] == model.classification.value
        assert message["x-registry-schema"] == dataschema_of(model)
        assert message["payload"]["schemaFormat"] == "application/schema+json;version=draft-2020-12"
        headers = message["headers"]["properties"]
        assert headers["ce_classification"]["const"] == model.classification.value
        assert {"ce_dataschema", "ce_classification"} <= set(message["headers"]["required"])
        example = message["examples"][0]["headers"]
        assert example["ce_source"] == default_source(model.service)
    assert set(document["servers"]) == {"local", "province"}
    assert set(SERVICES) == {owner_of_topic(c["address"]) for c in document["channels"].values()}


# Every keyword of JSON Schema draft 2020-12 (core, applicator, unevaluated, validation,
# meta-data, format-annotation, content). Strict validators (ajv's default) refuse anything else.
KEYWORDS_2020_12 = frozenset(
    "$schema $id $ref $anchor $dynamicRef $dynamicAnchor $vocabulary $comment $defs "
    "allOf anyOf oneOf not if then else dependentSchemas prefixItems items contains "
    "properties patternProperties additionalProperties propertyNames "
    "unevaluatedItems unevaluatedProperties type const enum multipleOf maximum "
    "exclusiveMaximum minimum exclusiveMinimum maxLength minLength pattern maxItems minItems "
    "uniqueItems maxContains minContains maxProperties minProperties required dependentRequired "
    "title description default deprecated readOnly writeOnly examples format "
    "contentEncoding contentMediaType contentSchema".split()
)
_SCHEMA_MAPS = ("$defs", "properties", "patternProperties", "dependentSchemas")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SUBSCHEMAS = ("not", "if", "then", "else", "items", "contains", "additionalProperties",
               "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema")  # fmt: skip


def unknown_keywords(schema: Any, where: str = "#") -> list[str]:
    """Every keyword outside draft 2020-12, with where it is."""
    if not isinstance(schema, dict):
        return []
    found = [f"{where}/{key}" for key in schema if key not in KEYWORDS_2020_12]
    for key in _SCHEMA_MAPS:
        for name, sub in schema.get(key, {}).items():
            found += unknown_keywords(sub, f"{where}/{key}/{name}")
    for key in _SCHEMA_LISTS:
        for index, sub in enumerate(schema.get(key, [])):
            found += unknown_keywords(sub, f"{where}/{key}/{index}")
    for key in _SUBSCHEMAS:
        found += unknown_keywords(schema.get(key), f"{where}/{key}")
    return found


@pytest.mark.parametrize("path", sorted((DEFAULT_OUT / "schemas").glob("*.json")), ids=str)
def test_every_published_schema_uses_only_standard_keywords_and_its_example_validates(
    path: Path,
) -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads(path.read_text())
    assert unknown_keywords(schema) == []
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for example in schema["examples"]:
        assert list(validator.iter_errors(example)) == []


def test_the_keyword_check_finds_an_extension_keyword() -> None:
    schema = {"properties": {"a": {"type": "string", "x-ce-type": "t"}}, "x-topic": "t"}
    assert unknown_keywords(schema) == ["#/x-topic", "#/properties/a/x-ce-type"]
