"""Errors with a meaning the API and the consumer both understand.

Domain code raises these; the HTTP layer turns them into problem+json responses with the status
below, and the consumer treats them as permanent failures (dead letter), except TransientError.
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule refused the request or the event. `field` names the input at fault, if one is."""

    status: int = 422
    title: str = "Rule violated"

    def __init__(self, detail: str, *, field: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field


class NotFound(DomainError):
    status = 404
    title = "Not found"


class Conflict(DomainError):
    status = 409
    title = "Conflict"


class NotAllowed(DomainError):
    """A rule forbids this caller this act on this record (four eyes: one's own claim or
    proposal; evaluating oneself). The API answers 403."""

    status = 403
    title = "Forbidden"


class InvalidInput(DomainError):
    status = 422
    title = "Invalid input"


class TransientError(Exception):
    """A failure worth retrying (a dependency away for a moment), never a dead letter."""
