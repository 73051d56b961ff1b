"""A mentor pool entry and an unmatched request: small value objects of the service."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True)
class MentorEntry:
    """A PNS designated as mentor: expertise (job families), capacity, availability."""

    nip: str
    expertise: tuple[str, ...]
    capacity: int
    paused: bool = False
    pause_reason: str | None = None


class PendingStatus(StrEnum):
    PENDING = "PENDING"
    RESOLVED = "RESOLVED"  # a mentorship was started for it later
    CLOSED = "CLOSED"  # no longer needed (mentee retired, or got a mentorship otherwise)


@dataclass(frozen=True)
class UnmatchedRequest:
    """A mentorship an event asked for when nobody was eligible: kept, retried, visible."""

    id: str
    mentee_nip: str
    program: str
    origin: str
    reason: str
    rejections: dict[str, int] = field(default_factory=dict)
    source_event_id: str | None = None
    excluded_nips: tuple[str, ...] = ()
    replaces_id: str | None = None
    status: PendingStatus = PendingStatus.PENDING
    mentorship_id: str | None = None
    created_at: datetime | None = None
