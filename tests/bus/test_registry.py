"""The schema registry holds every event type and refuses a breaking change (issue 14).

A real Apicurio Registry started by the launcher in a state dir of its own, on free ports (the
unpacked distribution of the default state dir is shared, so it is downloaded once), filled by
`jenjang-events register` from the published docs. Each refusal sits beside an accepted change
of the same artifact, so the test fails if the registry accepted or refused everything.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import jsonschema
import pytest

from jenjang_local import registry, schema_register
from jenjang_local.config import StackConfig
from jenjang_local.schema_register import GROUP, Artifact, RegistryClient
from jenjang_shared.contracts import provenance
from jenjang_shared.contracts.personnel import EmployeePromoted
from jenjang_shared.contracts.registry import ALL_EVENTS
from jenjang_shared.contracts.schemas import event_schema, example_payload, revision_of
from jenjang_shared.messaging.codec import EventMeta, encode
from jenjang_testing.harness import free_port

pytestmark = pytest.mark.registry


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StackConfig]:
    default = StackConfig.from_env({})
    config = StackConfig.from_env(
        {
            "JENJANG_STATE_DIR": str(tmp_path_factory.mktemp("registry-stack")),
            "JENJANG_REGISTRY_PORT": str(free_port()),
            "JENJANG_REGISTRY_MANAGEMENT_PORT": str(free_port()),
            "JENJANG_REGISTRY_DIST": str(default.registry_dist_dir),
        }
    )
    started = time.monotonic()
    registry.start_registry(config)
    print(f"\nregistry answered after {time.monotonic() - started:.1f} s")
    try:
        yield config
    finally:
        registry.stop_registry(config)


@pytest.fixture(scope="module")
def registered(running: StackConfig) -> schema_register.RegisterReport:
    docs = running.project_root / "docs" / "events"
    return schema_register.register(running.registry_url, schema_register.published_artifacts(docs))


def _get(config: StackConfig, path: str) -> httpx.Response:
    return httpx.get(f"{registry.api_url(config)}{path}", timeout=30, trust_env=False)


def test_every_event_type_and_the_asyncapi_document_are_registered(
    running: StackConfig, registered: schema_register.RegisterReport
) -> None:
    assert registered.ok, registered.refused
    assert len(registered.added) == len(ALL_EVENTS) + 1
    listed = _get(running, f"/groups/{GROUP}/artifacts?limit=100").json()["artifacts"]
    assert {a["artifactId"] for a in listed} == {m.ce_type() for m in ALL_EVENTS} | {"asyncapi"}
    for model in ALL_EVENTS:
        content = _get(
            running,
            f"/groups/{GROUP}/artifacts/{model.ce_type()}/versions/{revision_of(model)}/content",
        )
        assert content.status_code == 200, model.ce_type()
        assert content.json() == schema_register.registry_rendering(event_schema(model))
    rules = _get(running, f"/groups/{GROUP}/rules/COMPATIBILITY").json()
    assert rules["config"] == "BACKWARD_TRANSITIVE"


def test_registering_again_changes_nothing(
    running: StackConfig, registered: schema_register.RegisterReport
) -> None:
    docs = running.project_root / "docs" / "events"
    again = schema_register.register(
        running.registry_url, schema_register.published_artifacts(docs)
    )
    assert (again.added, again.refused) == ([], [])
    assert len(again.unchanged) == len(registered.added)


def test_an_events_dataschema_url_answers_with_the_schema_its_data_follows(
    running: StackConfig, registered: schema_register.RegisterReport
) -> None:
    payload = example_payload(EmployeePromoted)
    meta = EventMeta(
        id=str(uuid.uuid4()),
        type=EmployeePromoted.ce_type(),
        source=provenance.source_of("personnel"),
        subject=payload["nip"],
        time=datetime.now(UTC),
    )
    before = provenance.schema_registry_url()
    provenance.set_schema_registry(running.registry_url)
    try:
        record = encode(meta, payload)
    finally:
        provenance.set_schema_registry(before)
    dataschema = dict(record.headers)["ce_dataschema"].decode()
    assert dataschema.startswith(running.registry_url)

    answer = httpx.get(dataschema, timeout=30, trust_env=False)
    assert answer.status_code == 200
    schema = answer.json()
    assert schema == schema_register.registry_rendering(event_schema(EmployeePromoted))
    jsonschema.Draft7Validator(schema).validate(payload)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate({**payload, "nip": "not a nip"})


def _version(schema: dict[str, Any], name: str) -> Artifact:
    return Artifact(
        EmployeePromoted.ce_type(),
        "JSON",
        name,
        schema_register.render(schema_register.registry_rendering(schema)),
    )


def test_the_registry_refuses_a_breaking_change_and_accepts_a_compatible_one(
    running: StackConfig, registered: schema_register.RegisterReport
) -> None:
    published = event_schema(EmployeePromoted)
    newly_required = json.loads(json.dumps(published))
    newly_required["properties"]["decree_office"] = {"type": "string"}
    newly_required["required"].append("decree_office")
    removed = json.loads(json.dumps(published))
    del removed["properties"]["sk_number"]
    removed["required"].remove("sk_number")
    optional_added = json.loads(json.dumps(published))
    optional_added["properties"]["decree_office"] = {"type": "string"}

    client = RegistryClient(running.registry_url)
    try:
        refused_required = client.add(_version(newly_required, "test-newly-required"))
        refused_removed = client.add(_version(removed, "test-removed"))
        accepted = client.add(_version(optional_added, "test-optional-added"))
    finally:
        client.close()

    assert refused_required is not None and "required" in refused_required
    assert refused_removed is not None and "narrowed" in refused_removed
    assert accepted is None
    versions = _get(running, f"/groups/{GROUP}/artifacts/{EmployeePromoted.ce_type()}/versions")
    names = {v["version"] for v in versions.json()["versions"]}
    assert names == {revision_of(EmployeePromoted), "test-optional-added"}
