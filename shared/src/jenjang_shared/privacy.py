"""Keeping personal data out of logs and dead-letter headers (UU 27/2022 on personal data).

Logs and dead letters name records by ids and event ids. Two safety nets catch what a message
still carries: a NIP (18 digits) is masked, and a validation error is described by its fields
and reasons only, never by the input values (pydantic's `include_input=False`).
"""

from __future__ import annotations

import logging
import re

from pydantic import ValidationError

_NIP = re.compile(r"(?<!\d)\d{18}(?!\d)")
MASK = "<nip>"


def redact(text: str) -> str:
    """The text with every NIP-shaped number masked."""
    return _NIP.sub(MASK, text)


def describe_error(error: BaseException) -> str:
    """What went wrong, without the values that went in."""
    if isinstance(error, ValidationError):
        return "; ".join(
            f"{'.'.join(str(part) for part in item['loc']) or 'value'}: {item['msg']}"
            for item in error.errors(include_input=False, include_url=False)
        )
    return redact(str(error))


class RedactingFilter(logging.Filter):
    """Masks NIPs in every log record's message (arguments included) and its exception text."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = redact(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            record.exc_text = f"{type(error).__name__}: {describe_error(error)}"
            record.exc_info = None
        return True
