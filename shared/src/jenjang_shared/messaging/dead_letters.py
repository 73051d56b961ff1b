"""Dead letters: the original record plus `dlq_*` headers that say why it could not be applied."""

from __future__ import annotations

from datetime import datetime

from jenjang_shared.privacy import describe_error

DLQ_PREFIX = "dlq_"


def dead_letter_headers(
    original: list[tuple[str, bytes]],
    *,
    original_topic: str,
    partition: int,
    offset: int,
    error: Exception,
    attempts: int,
    first_failure: datetime,
    consumer_group: str,
) -> list[tuple[str, bytes]]:
    """The original headers (without old `dlq_*` ones, for a replayed record) plus the reason."""
    kept = [(name, value) for name, value in original if not name.startswith(DLQ_PREFIX)]
    reason = {
        "original_topic": original_topic,
        "original_partition": str(partition),
        "original_offset": str(offset),
        "error_type": type(error).__name__,
        # Without input values or NIPs: a dead-letter topic is read by operators, not owners.
        "error_message": describe_error(error)[:2000],
        "attempts": str(attempts),
        "first_failure_at": first_failure.isoformat(),
        "consumer_group": consumer_group,
    }
    return kept + [(f"{DLQ_PREFIX}{name}", value.encode()) for name, value in reason.items()]


def reason_of(headers: list[tuple[str, bytes]]) -> dict[str, str]:
    """The `dlq_*` headers of a dead letter, without the prefix."""
    return {
        name[len(DLQ_PREFIX) :]: value.decode(errors="replace")
        for name, value in headers
        if name.startswith(DLQ_PREFIX)
    }


def original_headers(headers: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The headers the record had before it was dead-lettered."""
    return [(name, value) for name, value in headers if not name.startswith(DLQ_PREFIX)]
