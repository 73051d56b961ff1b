"""Dead letters: the original record, marked as a dead letter, plus `dlq_*` headers saying why.

A dead letter must not pass for the event it carries: a generic CloudEvents consumer of a
dead-letter topic would take a broken record for a real event. So its `ce_*` headers are renamed
`dlq_original_ce_*` and its content type becomes `application/vnd.jenjang.dead-letter+json`
(the original kept in `dlq_original_content_type`); `original_headers` undoes both for replay.
"""

from __future__ import annotations

from datetime import datetime

from jenjang_shared.privacy import describe_error

DLQ_PREFIX = "dlq_"
DEAD_LETTER_CONTENT_TYPE = b"application/vnd.jenjang.dead-letter+json"
_CE_PREFIX = "ce_"
_ORIGINAL_CE = f"{DLQ_PREFIX}original_ce_"
_ORIGINAL_CONTENT_TYPE = f"{DLQ_PREFIX}original_content_type"


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
    """The original headers, marked as a dead letter's (without old `dlq_*` ones, for a
    replayed record), plus the reason."""
    marked: list[tuple[str, bytes]] = []
    for name, value in original_headers(original):
        if name.startswith(_CE_PREFIX):
            marked.append((_ORIGINAL_CE + name[len(_CE_PREFIX) :], value))
        elif name.lower() == "content-type":
            marked.append((_ORIGINAL_CONTENT_TYPE, value))
        else:
            marked.append((name, value))
    marked.append(("content-type", DEAD_LETTER_CONTENT_TYPE))
    why = {
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
    return marked + [(f"{DLQ_PREFIX}{name}", value.encode()) for name, value in why.items()]


def reason_of(headers: list[tuple[str, bytes]]) -> dict[str, str]:
    """The `dlq_*` headers of a dead letter, without the prefix (the marks excepted)."""
    return {
        name[len(DLQ_PREFIX) :]: value.decode(errors="replace")
        for name, value in headers
        if name.startswith(DLQ_PREFIX)
        and not name.startswith(_ORIGINAL_CE)
        and name != _ORIGINAL_CONTENT_TYPE
    }


def original_headers(headers: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The headers the record had before it was dead-lettered: the marks undone, the reason
    dropped. A record that never was a dead letter comes back unchanged."""
    if not any(name.startswith(_ORIGINAL_CE) for name, _ in headers):
        return [(n, v) for n, v in headers if not n.startswith(DLQ_PREFIX)]
    restored: list[tuple[str, bytes]] = []
    for name, value in headers:
        if name.startswith(_ORIGINAL_CE):
            restored.append((_CE_PREFIX + name[len(_ORIGINAL_CE) :], value))
        elif name == _ORIGINAL_CONTENT_TYPE:
            restored.append(("content-type", value))
        elif name.startswith(DLQ_PREFIX) or (
            name.lower() == "content-type" and value == DEAD_LETTER_CONTENT_TYPE
        ):
            continue
        else:
            restored.append((name, value))
    return restored
