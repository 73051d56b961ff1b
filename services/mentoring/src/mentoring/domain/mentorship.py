"""A mentorship: a mentor, a mentee, a programme, goals, sessions, feedback and an outcome."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from jenjang_shared.errors import Conflict, InvalidInput

WEAK_PREDIKAT = frozenset({"BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"})
"""An annual predikat this weak calls for a coaching mentorship."""


class MentorshipStatus(StrEnum):
    ACTIVE = "ACTIVE"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class FeedbackFrom(StrEnum):
    MENTOR = "MENTOR"
    MENTEE = "MENTEE"


class Origin(StrEnum):
    """Why a mentorship exists."""

    REQUEST = "REQUEST"  # POST /v1/mentorships
    MATCH = "MATCH"  # POST /v1/mentorships/match with assign
    NEW_CPNS = "NEW_CPNS"  # EmployeeRegistered of a CPNS: Latsar
    WEAK_EVALUATION = "WEAK_EVALUATION"  # annual predikat BUTUH_PERBAIKAN or worse: coaching
    REMATCH = "REMATCH"  # the previous mentor was transferred or retired
    PENDING_RESOLVED = "PENDING_RESOLVED"  # an unmatched request found a mentor later


@dataclass(frozen=True)
class Mentorship:
    id: str
    mentor_nip: str
    mentee_nip: str
    program: str
    goals: tuple[str, ...]
    status: MentorshipStatus
    started_on: date
    origin: Origin = Origin.REQUEST
    completed_on: date | None = None
    outcome: str | None = None
    jp_credit: int | None = None
    ended_on: date | None = None
    cancel_reason: str | None = None
    replaces_id: str | None = None

    def check_session(self, held_on: date, today: date) -> None:
        """A session is logged on an active mentorship, dated from its start up to today."""
        self._must_be_active("record a session on")
        if held_on < self.started_on:
            raise InvalidInput(
                f"held_on {held_on} is before the mentorship started ({self.started_on})",
                field="held_on",
            )
        if held_on > today:
            raise InvalidInput(f"held_on {held_on} is in the future", field="held_on")

    def check_feedback(self) -> None:
        if self.status == MentorshipStatus.CANCELLED:
            raise Conflict(f"mentorship {self.id} was cancelled: it takes no feedback")

    def complete(
        self, *, outcome: str, on: date, today: date, last_session: date | None, jp: int
    ) -> Mentorship:
        self._must_be_active("complete")
        if on < self.started_on:
            raise InvalidInput(
                f"completed_on {on} is before the mentorship started ({self.started_on})",
                field="completed_on",
            )
        if last_session is not None and on < last_session:
            raise InvalidInput(
                f"completed_on {on} is before the last session ({last_session})",
                field="completed_on",
            )
        if on > today:
            raise InvalidInput(f"completed_on {on} is in the future", field="completed_on")
        return dataclasses.replace(
            self,
            status=MentorshipStatus.COMPLETED,
            completed_on=on,
            ended_on=on,
            outcome=outcome,
            jp_credit=jp,
        )

    def cancel(self, *, reason: str, on: date) -> Mentorship:
        self._must_be_active("cancel")
        return dataclasses.replace(
            self, status=MentorshipStatus.CANCELLED, ended_on=on, cancel_reason=reason
        )

    def _must_be_active(self, action: str) -> None:
        if self.status != MentorshipStatus.ACTIVE:
            raise Conflict(f"cannot {action} mentorship {self.id}: it is {self.status.value}")
