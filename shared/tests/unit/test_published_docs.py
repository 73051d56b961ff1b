"""The published event docs (docs/events/) are current, and the compatibility check catches breaks."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from jenjang_shared.contracts.asyncapi import DEAD_LETTER_HEADERS, asyncapi_document
from jenjang_shared.contracts.compat import check_compatibility
from jenjang_shared.contracts.publish import DEFAULT_OUT, REGENERATE, check, main
from jenjang_shared.contracts.registry import (
    ALL_EVENTS,
    EVENT_TYPES,
    SERVICES,
    dead_letter_topic_of,
    topic_of,
)
from jenjang_shared.contracts.subscriptions import handler_tables
from jenjang_shared.messaging.dead_letters import dead_letter_headers, reason_of

REGISTERED = "asn.personnel.EmployeeRegistered.v1"
RECOMMENDED = "asn.evaluation.PromotionRecommended.v1"


def committed(ce_type: str) -> dict[str, Any]:
    return json.loads((DEFAULT_OUT / "schemas" / f"{ce_type}.json").read_text(encoding="utf-8"))


def edited(
    ce_type: str, edit: Callable[[dict[str, Any]], object]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The committed schema, and a copy changed in memory by `edit`."""
    old = committed(ce_type)
    new = copy.deepcopy(old)
    edit(new)
    return old, new


def test_the_committed_event_docs_are_up_to_date() -> None:
    report = check()
    assert report.ok, (
        f"docs/events/ does not match the contracts:\n{report.render()}\n"
        f"Regenerate (from the repository root): .venv/bin/{REGENERATE}"
    )


def test_an_unchanged_schema_is_compatible() -> None:
    assert check_compatibility(committed(REGISTERED), committed(REGISTERED)) == []


def test_dropping_a_required_property_is_reported() -> None:
    def drop(schema: dict[str, Any]) -> None:
        del schema["properties"]["name"]
        schema["required"].remove("name")

    problems = check_compatibility(*edited(REGISTERED, drop))

    assert any("`name` is no longer required" in p for p in problems)
    assert any("`name` was removed" in p for p in problems)


def test_changing_a_type_is_reported() -> None:
    def retype(schema: dict[str, Any]) -> None:
        schema["properties"]["name"]["type"] = "integer"

    problems = check_compatibility(*edited(REGISTERED, retype))

    assert any("`name` now allows values the old schema rejects" in p for p in problems)
    assert any("`name` now rejects values the old schema allowed" in p for p in problems)


def test_adding_an_optional_property_is_compatible() -> None:
    def add(schema: dict[str, Any]) -> None:
        schema["properties"]["nickname"] = {
            "anyOf": [{"type": "string"}, {"type": "null"}],
            "default": None,
            "description": "Added later",
        }

    assert check_compatibility(*edited(REGISTERED, add)) == []


def test_adding_an_optional_property_to_a_nested_object_is_compatible() -> None:
    def add(schema: dict[str, Any]) -> None:
        schema["$defs"]["PromotionEvidence"]["properties"]["note"] = {"type": "string"}

    assert check_compatibility(*edited(RECOMMENDED, add)) == []


def test_changing_documentation_only_is_compatible() -> None:
    def document(schema: dict[str, Any]) -> None:
        schema["description"] = "Reworded"
        schema["properties"]["name"]["examples"] = ["Budi Santoso"]
        schema["properties"]["name"]["title"] = "Nama"

    assert check_compatibility(*edited(REGISTERED, document)) == []


def add_required_rank(schema: dict[str, Any]) -> None:
    schema["properties"]["rank"] = {"type": "string"}
    schema["required"].append("rank")


def make_tmt_cpns_non_null(schema: dict[str, Any]) -> None:
    schema["properties"]["tmt_cpns"]["anyOf"].pop()  # the {"type": "null"} branch


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        pytest.param(
            lambda s: s["$defs"]["Gender"]["enum"].append("other"),
            "`gender` now allows",
            id="enum-widened",
        ),
        pytest.param(
            lambda s: s["$defs"]["Gender"]["enum"].remove("female"),
            "`gender` now rejects",
            id="enum-narrowed",
        ),
        pytest.param(
            lambda s: s["properties"]["job_class"]["anyOf"][0].update(maximum=20),
            "`job_class` now allows",
            id="range-widened",
        ),
        pytest.param(make_tmt_cpns_non_null, "`tmt_cpns` now rejects", id="null-no-longer-allowed"),
        pytest.param(
            lambda s: s["required"].append("tmt_cpns"),
            "`tmt_cpns` is now required",
            id="optional-made-required",
        ),
        pytest.param(add_required_rank, "`rank` is now required", id="required-added"),
        pytest.param(
            lambda s: s["properties"]["nip"].pop("pattern"), "pattern changed", id="pattern-dropped"
        ),
        pytest.param(
            lambda s: s["properties"]["birth_date"].update(format="date-time"),
            "format changed",
            id="format-changed",
        ),
    ],
)
def test_other_consumer_breaking_edits_are_reported(
    edit: Callable[[dict[str, Any]], object], expected: str
) -> None:
    problems = check_compatibility(*edited(REGISTERED, edit))
    assert any(expected in p for p in problems), problems


def test_a_breaking_change_inside_a_nested_object_names_the_field() -> None:
    def relax(schema: dict[str, Any]) -> None:
        schema["$defs"]["PromotionEvidence"]["required"].remove("education_cap")

    problems = check_compatibility(*edited(RECOMMENDED, relax))

    assert any("`evidence` now allows" in p for p in problems), problems


@pytest.fixture
def docs_copy(tmp_path: Path) -> Path:
    out = tmp_path / "events"
    shutil.copytree(DEFAULT_OUT, out)
    return out


def test_check_reports_stale_and_incompatible_files_separately(docs_copy: Path) -> None:
    # The baseline consumers rely on still requires a field the contract no longer has.
    path = docs_copy / "schemas" / f"{REGISTERED}.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["properties"]["legacy_code"] = {"type": "string"}
    schema["required"].append("legacy_code")
    path.write_text(json.dumps(schema), encoding="utf-8")
    (docs_copy / "README.md").unlink()

    report = check(docs_copy)

    assert sorted(report.stale) == sorted(
        [f"{path} is out of date", f"{docs_copy / 'README.md'} is missing"]
    )
    assert report.incompatible
    assert all(p.startswith(f"{REGISTERED}: `legacy_code`") for p in report.incompatible)
    assert all(
        "make a asn.personnel.EmployeeRegistered.v2 type instead" in p for p in report.incompatible
    )
    assert main(["--check", "--out", str(docs_copy)]) == 1


def test_writing_refuses_a_breaking_change_unless_forced(docs_copy: Path) -> None:
    path = docs_copy / "schemas" / f"{REGISTERED}.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["required"].append("legacy_code")
    path.write_text(json.dumps(schema), encoding="utf-8")

    assert main(["--out", str(docs_copy)]) == 1
    assert json.loads(path.read_text(encoding="utf-8")) == schema

    assert main(["--out", str(docs_copy), "--force"]) == 0
    assert check(docs_copy).ok


def test_a_schema_no_longer_generated_is_incompatible(docs_copy: Path) -> None:
    shutil.copy(
        docs_copy / "schemas" / f"{REGISTERED}.json",
        docs_copy / "schemas" / "asn.personnel.EmployeeHired.v1.json",
    )

    report = check(docs_copy)

    assert report.stale == []
    assert report.incompatible == [
        "asn.personnel.EmployeeHired.v1: no longer generated; consumers rely on it "
        "(make a asn.personnel.EmployeeHired.v2 type instead)"
    ]


def test_the_asyncapi_document_has_every_topic_and_dead_letter_topic() -> None:
    document = asyncapi_document()

    addresses = {channel["address"] for channel in document["channels"].values()}
    assert addresses == {topic_of(s) for s in SERVICES} | {
        dead_letter_topic_of(s) for s in SERVICES
    }
    assert {op["action"] for op in document["operations"].values()} == {"send"}
    published = {
        ref["$ref"].rsplit("/", 1)[1]
        for service in SERVICES
        for ref in document["operations"][f"{service}-publish"]["messages"]
    }
    assert published == {model.__name__ for model in ALL_EVENTS}
    for ce_type in EVENT_TYPES:
        message = document["components"]["messages"][ce_type]
        assert message["payload"] == {
            "schemaFormat": "application/schema+json;version=draft-2020-12",
            "schema": {"$ref": f"#/components/schemas/{ce_type}"},
        }
        assert message["contentType"] == "application/json"
        assert message["headers"]["properties"]["ce_type"]["const"] == ce_type
        assert message["bindings"]["kafka"]["key"]["pattern"] == r"^\d{18}$"


def test_every_service_declares_its_handler_table_and_it_names_only_real_event_types() -> None:
    tables = handler_tables()
    assert set(tables) == set(SERVICES)
    for table in tables.values():
        assert table, "a service that consumes nothing declares an empty table explicitly"
        assert set(table) <= set(ALL_EVENTS)


def test_the_documented_dead_letter_headers_are_the_ones_written() -> None:
    headers = dead_letter_headers(
        [("ce_id", b"1")],
        original_topic="asn.personnel.v1",
        partition=0,
        offset=1,
        error=ValueError("bad"),
        attempts=1,
        first_failure=datetime.now(UTC),
        consumer_group="training",
    )
    # The reason, beside the marks (`dlq_original_ce_*`, `dlq_original_content_type`).
    assert tuple(f"dlq_{name}" for name in reason_of(headers)) == DEAD_LETTER_HEADERS
