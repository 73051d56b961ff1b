"""Every event a consumer handles is one a producer publishes, with a compatible schema.

Producers and consumers share the contract models, so the risks are elsewhere: a handler for an
event nobody publishes (a dead subscription), and a schema drifting from the published one that
other agencies' consumers rely on. Both are checked here, from the code itself.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from jenjang_shared.contracts import ALL_EVENTS, EVENT_TYPES
from jenjang_shared.contracts.base import Event
from jenjang_shared.contracts.compat import check_compatibility
from jenjang_shared.contracts.schemas import event_schema
from jenjang_shared.contracts.subscriptions import handler_tables

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("personnel", "training", "mentoring", "evaluation", "welfare")
SCHEMAS = ROOT / "docs" / "events" / "schemas"


def _handled(service: str) -> set[type[Event]]:
    # The service's own table (`<service>.entrypoints.events:HANDLERS`, by entry point).
    return set(handler_tables()[service])


def _constructed_names(service: str) -> set[str]:
    """The names a service's code calls as constructors: `EmployeeRegistered(...)`."""
    names: set[str] = set()
    for path in (ROOT / "services" / service / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Name):
                    names.add(func.id)
                elif isinstance(func, ast.Attribute):
                    names.add(func.attr)
    return names


PUBLISHED = {service: _constructed_names(service) for service in SERVICES}
CONSUMED = sorted(
    {(service, model.ce_type()) for service in SERVICES for model in _handled(service)}
)


@pytest.mark.parametrize(("consumer", "ce_type"), CONSUMED)
def test_every_handled_event_is_published_by_its_producer(consumer: str, ce_type: str) -> None:
    model = EVENT_TYPES[ce_type]
    assert model in ALL_EVENTS
    assert model.__name__ in PUBLISHED[model.service], (
        f"{consumer} handles {ce_type}, but the {model.service} service never builds one"
    )


@pytest.mark.parametrize("model", ALL_EVENTS, ids=lambda m: m.ce_type())
def test_every_contract_is_published_by_its_service(model: type[Event]) -> None:
    assert model.__name__ in PUBLISHED[model.service], (
        f"{model.service} never publishes {model.__name__}"
    )


@pytest.mark.parametrize(("consumer", "ce_type"), CONSUMED)
def test_the_code_schema_is_compatible_with_the_published_one(consumer: str, ce_type: str) -> None:
    committed = json.loads((SCHEMAS / f"{ce_type}.json").read_text())
    problems = check_compatibility(committed, event_schema(EVENT_TYPES[ce_type]))
    assert problems == [], f"{ce_type} (consumed by {consumer}) drifted: {problems}"


def test_every_service_consumes_what_the_architecture_says_it_reacts_to() -> None:
    expected = {
        "personnel": {"PromotionRecommended", "PromotionRecommendationWithdrawn"},
        "training": {"EmployeeRegistered", "EvaluationRecorded", "MentorshipCompleted", "EmployeeRetired"},
        "mentoring": {"EmployeeRegistered", "EvaluationRecorded", "EmployeeTransferred", "EmployeeRetired"},
        "evaluation": {"EmployeeRegistered", "EmployeePromoted", "EmployeeTransferred",
                       "TrainingCompleted", "EmployeeRetired"},
        "welfare": {"EmployeeRegistered", "EmployeePromoted", "EmployeeTransferred",
                    "EvaluationRecorded", "EmployeeRetired"},
    }  # fmt: skip
    for service, names in expected.items():
        handled = {model.__name__ for model in _handled(service)}
        assert names <= handled, f"{service} does not handle {sorted(names - handled)}"
