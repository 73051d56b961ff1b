"""Events published by the mentoring service on `asn.mentoring.v1` (key: the mentee's NIP)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from jenjang_shared.contracts.base import Event, Nip
from jenjang_shared.contracts.provenance import Classification
from jenjang_shared.contracts.vocabulary import MentoringProgram


class _MentoringEvent(Event):
    service: ClassVar[str] = "mentoring"

    @property
    def partition_key(self) -> str:
        # A mentorship's events are about the mentee: they stay in order with the mentee's others.
        return str(getattr(self, "mentee_nip"))  # noqa: B009 (declared by each subclass)


class MentorshipStarted(_MentoringEvent):
    """A mentor was assigned to a mentee for a programme."""

    event_name: ClassVar[str] = "MentorshipStarted"
    classification: ClassVar[Classification] = Classification.CONFIDENTIAL

    mentorship_id: str
    mentor_nip: Nip
    mentee_nip: Nip
    program: MentoringProgram
    started_on: date


class MentoringSessionRecorded(_MentoringEvent):
    """A mentoring session took place."""

    event_name: ClassVar[str] = "MentoringSessionRecorded"
    classification: ClassVar[Classification] = Classification.CONFIDENTIAL

    mentorship_id: str
    mentor_nip: Nip
    mentee_nip: Nip
    held_on: date
    duration_minutes: int = Field(gt=0, examples=[90])


class MentorshipCompleted(_MentoringEvent):
    """A mentorship ended with an outcome; the mentee earns non-classroom JP."""

    event_name: ClassVar[str] = "MentorshipCompleted"
    classification: ClassVar[Classification] = Classification.CONFIDENTIAL

    mentorship_id: str
    mentor_nip: Nip
    mentee_nip: Nip
    completed_on: date
    outcome: str = Field(examples=["Goals met"])
    jp_credit: int = Field(
        ge=0, description="Non-classroom JP credited to the mentee", examples=[4]
    )
    program: MentoringProgram | None = None
