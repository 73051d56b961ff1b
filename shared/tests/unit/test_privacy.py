"""Personal data stays out of logs and dead-letter headers."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from jenjang_shared.contracts import EmployeeRegistered
from jenjang_shared.messaging.dead_letters import dead_letter_headers, reason_of
from jenjang_shared.privacy import RedactingFilter, describe_error, redact

NIP = "198609262015051001"


def test_a_nip_is_masked_but_other_numbers_are_not():
    assert redact(f"employee {NIP} is not known; offset 12345") == (
        "employee <nip> is not known; offset 12345"
    )
    assert redact("1" * 19) == "1" * 19  # not a NIP: longer


def test_a_validation_error_is_described_without_the_values_that_went_in():
    with pytest.raises(ValidationError) as caught:
        EmployeeRegistered.model_validate({"nip": NIP, "name": "Siti Rahmawati", "gender": "x"})
    text = describe_error(caught.value)
    assert "gender" in text and "birth_date" in text
    assert NIP not in text and "Siti" not in text


def test_a_dead_letter_says_why_without_personal_data():
    headers = dead_letter_headers(
        [], original_topic="asn.personnel.v1", partition=0, offset=3,
        error=ValueError(f"employee {NIP} is not known"), attempts=1,
        first_failure=datetime.now(UTC), consumer_group="welfare",
    )  # fmt: skip
    assert reason_of(headers)["error_message"] == "employee <nip> is not known"


def test_log_records_are_masked_before_they_are_written():
    record = logging.LogRecord(
        "x", logging.WARNING, __file__, 1, "applied %s for %s", ("e1", NIP), None
    )
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "applied e1 for <nip>"
