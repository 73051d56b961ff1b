"""The v1 contracts and the CloudEvents codec: every event type survives the trip through Kafka."""

from __future__ import annotations

import inspect
import re
import uuid
from datetime import UTC, datetime

import pytest
from pydantic import BaseModel, ValidationError

from jenjang_shared.contracts import evaluation, mentoring, personnel, training, welfare
from jenjang_shared.contracts.base import Event
from jenjang_shared.contracts.provenance import default_source
from jenjang_shared.contracts.registry import (
    ALL_EVENTS,
    EVENT_TYPES,
    SERVICES,
    dead_letter_topic_of,
    model_for,
    topic_of,
)
from jenjang_shared.contracts.schemas import dataschema_of, example_payload
from jenjang_shared.messaging.codec import (
    PROVINCE_HEADER,
    DecodeError,
    EventMeta,
    decode,
    encode,
)

TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
MODULES = {
    "personnel": personnel,
    "training": training,
    "mentoring": mentoring,
    "evaluation": evaluation,
    "welfare": welfare,
}
# docs/architecture.md, "What each service owns": the events each service publishes.
PUBLISHED = {
    "personnel": {
        "EmployeeRegistered", "EmployeeUpdated", "EmployeeTransferred", "EmployeePromoted",
        "PromotionProposalRejected", "EmployeeRetired",
    },
    "training": {"TrainingEnrolled", "TrainingCompleted", "TrainingRecommended"},
    "mentoring": {"MentorshipStarted", "MentoringSessionRecorded", "MentorshipCompleted"},
    "evaluation": {"EvaluationRecorded", "PromotionRecommended", "PromotionRecommendationWithdrawn"},
    "welfare": {"AllowanceEntitlementChanged", "BenefitClaimDecided"},
}  # fmt: skip
by_type = pytest.mark.parametrize("model", ALL_EVENTS, ids=lambda model: model.ce_type())


def example_event(model: type[Event]) -> Event:
    """A valid event whose NIP fields all differ, so the key shows which one it was taken from."""
    payload = example_payload(model)
    nip_fields = sorted(name for name, value in payload.items() if name.endswith("nip") and value)
    for number, name in enumerate(nip_fields):
        payload[name] = f"19860926201505100{number}"
    return model.model_validate(payload)


def meta_for(event: Event) -> EventMeta:
    return EventMeta(
        id=str(uuid.uuid4()),
        type=event.ce_type(),
        source=event.source(),
        subject=event.partition_key,
        time=datetime(2025, 10, 1, 1, 30, tzinfo=UTC),
        correlation_id=str(uuid.uuid4()),
        causation_id=str(uuid.uuid4()),
        traceparent=TRACEPARENT,
    )


@by_type
def test_every_event_type_survives_a_round_trip_through_the_codec(model: type[Event]) -> None:
    event = example_event(model)
    meta = meta_for(event)

    record = encode(meta, event.model_dump(mode="json"))
    decoded_meta, payload = decode(record.key, record.value, record.headers)

    assert decoded_meta == meta
    decoded_model = model_for(decoded_meta.type)
    assert decoded_model is model
    assert decoded_model.model_validate(payload) == event


@by_type
def test_every_event_carries_the_cloudevents_headers_and_the_nip_as_key(
    model: type[Event],
) -> None:
    event = example_event(model)
    meta = meta_for(event)
    key_field = "mentee_nip" if model.service == "mentoring" else "nip"
    nip = getattr(event, key_field)

    record = encode(meta, event.model_dump(mode="json"))

    names = [name for name, _ in record.headers]
    assert len(names) == len(set(names))
    headers = {name: value.decode() for name, value in record.headers}
    assert headers == {
        "ce_specversion": "1.0",
        "ce_id": meta.id,
        "ce_source": default_source(model.service),
        "ce_type": model.ce_type(),
        "ce_dataschema": dataschema_of(model),
        "ce_classification": model.classification.value,
        "ce_time": "2025-10-01T01:30:00Z",
        "ce_subject": nip,
        "ce_partitionkey": nip,
        "content-type": "application/json",
        "ce_correlationid": meta.correlation_id,
        "ce_causationid": meta.causation_id,
        "traceparent": TRACEPARENT,
        # Only what may leave for the province bus carries the header MirrorMaker 2 keeps.
        **({PROVINCE_HEADER: "eligible"} if model.classification.leaves_the_agency else {}),
    }
    assert record.key == nip.encode()


@pytest.mark.parametrize(
    "model", [m for m in ALL_EVENTS if m.service == "mentoring"], ids=lambda m: m.ce_type()
)
def test_a_mentorship_event_is_keyed_by_the_mentee_not_the_mentor(model: type[Event]) -> None:
    event = example_event(model)
    mentee, mentor = getattr(event, "mentee_nip"), getattr(event, "mentor_nip")  # noqa: B009
    assert mentee != mentor

    record = encode(meta_for(event), event.model_dump(mode="json"))

    assert record.key == mentee.encode()


def test_every_ce_type_is_unique_and_named_after_its_service_and_class() -> None:
    assert len(EVENT_TYPES) == len(ALL_EVENTS)
    shape = re.compile(rf"^asn\.({'|'.join(SERVICES)})\.([A-Z][A-Za-z]+)\.v1$")
    for model in ALL_EVENTS:
        match = shape.match(model.ce_type())
        assert match, model.ce_type()
        assert match.groups() == (model.service, model.__name__)
        assert model.topic() == topic_of(model.service) == f"asn.{model.service}.v1"
        assert model.source() == default_source(model.service)
        assert model_for(model.ce_type()) is model


def test_the_registry_holds_exactly_the_events_each_service_publishes() -> None:
    registered = {
        service: {m.__name__ for m in ALL_EVENTS if m.service == service} for service in SERVICES
    }
    assert registered == PUBLISHED
    for service, module in MODULES.items():
        declared = {
            cls
            for _, cls in inspect.getmembers(module, inspect.isclass)
            if issubclass(cls, Event) and "event_name" in vars(cls)
        }
        assert declared == {m for m in ALL_EVENTS if m.service == service}


def test_an_unknown_type_has_no_contract_and_dead_letters_have_their_own_topic() -> None:
    assert model_for("asn.personnel.EmployeeRegistered.v9") is None
    assert dead_letter_topic_of("training") == "asn.training.dlq.v1"


@by_type
def test_every_contract_is_frozen(model: type[Event]) -> None:
    event = example_event(model)
    nested = [value for value in dict(event).values() if isinstance(value, BaseModel)]
    for instance in [event, *nested]:
        assert instance.model_config.get("frozen") is True
        with pytest.raises(ValidationError):
            setattr(instance, next(iter(type(instance).model_fields)), None)


@by_type
def test_a_consumer_ignores_fields_a_newer_producer_added(model: type[Event]) -> None:
    event = example_event(model)

    newer = {**event.model_dump(mode="json"), "added_in_a_later_release": {"any": 1}}

    assert model.model_validate(newer) == event


def _valid_record() -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    event = example_event(ALL_EVENTS[0])
    record = encode(meta_for(event), event.model_dump(mode="json"))
    return record.key, record.value, record.headers


@pytest.mark.parametrize(
    "value", [b"{not json", b"\xff\xfe", b""], ids=["broken", "binary", "empty"]
)
def test_decode_rejects_a_value_that_is_not_json(value: bytes) -> None:
    key, _, headers = _valid_record()
    with pytest.raises(DecodeError, match="not JSON"):
        decode(key, value, headers)


@pytest.mark.parametrize("value", [b"[1, 2]", b'"text"', b"42", b"null"])
def test_decode_rejects_json_that_is_not_an_object(value: bytes) -> None:
    key, _, headers = _valid_record()
    with pytest.raises(DecodeError, match="not an object"):
        decode(key, value, headers)


@pytest.mark.parametrize("missing", ["ce_specversion", "ce_id", "ce_source", "ce_type"])
def test_decode_rejects_a_record_without_a_required_header(missing: str) -> None:
    key, value, headers = _valid_record()
    with pytest.raises(DecodeError, match=missing):
        decode(key, value, [(name, raw) for name, raw in headers if name != missing])


def test_decode_rejects_a_record_without_any_header() -> None:
    key, value, _ = _valid_record()
    with pytest.raises(DecodeError, match="missing headers"):
        decode(key, value, [])


@by_type
def test_a_payload_missing_a_required_field_breaks_the_contract(model: type[Event]) -> None:
    payload = example_event(model).model_dump(mode="json")
    required = next(name for name, info in model.model_fields.items() if info.is_required())
    del payload[required]
    with pytest.raises(ValidationError):
        model.model_validate(payload)
