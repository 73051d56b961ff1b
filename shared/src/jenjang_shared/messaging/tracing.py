"""Request and event correlation: the ids that tie an HTTP request to the events it causes."""

from __future__ import annotations

import secrets
from contextvars import ContextVar

# The correlation id of the request (or event) being handled; set by the HTTP middleware.
current_correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)
current_traceparent: ContextVar[str | None] = ContextVar("traceparent", default=None)


def child_traceparent(parent: str | None) -> str:
    """A W3C traceparent for a new span: the parent's trace id when there is one, else a new trace."""
    trace_id = None
    if parent:
        parts = parent.split("-")
        if len(parts) == 4 and len(parts[1]) == 32:
            trace_id = parts[1]
    return f"00-{trace_id or secrets.token_hex(16)}-{secrets.token_hex(8)}-01"
