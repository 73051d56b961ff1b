"""What a service layer may depend on from the shared library: no I/O, no framework.

A service's `service/ports.py` declares its own `UnitOfWork` Protocol (its stores, `publish`,
`handled`); these are the pieces every service's port shares:

- `Clock`: "now" for rules that depend on the moment a command runs (HTTP commands, sweeps).
  Bootstrap injects `SystemClock`; tests inject `FixedClock`.
- `HandledEvent`: the event a handler is applying. A rule that depends on an event takes "today"
  from the event's own time (`handled.day`), never from the wall clock, so that a replay on
  another day gives the same answers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from jenjang_shared.contracts.base import Event

AGENCY_TIME_ZONE = ZoneInfo("Asia/Jakarta")
"""The agency's calendar (WIB): a date such as a TMT or "today" is a date in this zone."""

Publish = Callable[[Event], Awaitable[str]]
"""Record an event in the outbox of the current unit of work; returns its id."""


def agency_day(moment: datetime) -> date:
    """The agency's calendar date of an instant (naive instants are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(AGENCY_TIME_ZONE).date()


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, with a time zone."""
        ...

    def today(self) -> date:
        """The agency's calendar date now."""
        ...


class SystemClock:
    """The wall clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return agency_day(self.now())


@dataclass
class FixedClock:
    """A clock that says what a test tells it (`clock.moment = ...` moves it)."""

    moment: datetime

    @classmethod
    def on(cls, day: date) -> FixedClock:
        """Noon of `day` in the agency's time zone."""
        return cls(datetime(day.year, day.month, day.day, 12, tzinfo=AGENCY_TIME_ZONE))

    def now(self) -> datetime:
        return self.moment

    def today(self) -> date:
        return agency_day(self.moment)


@dataclass(frozen=True)
class HandledEvent:
    """The event a handler's unit of work applies: its id (evidence, de-duplication) and time."""

    id: str
    time: datetime

    @property
    def day(self) -> date:
        """The agency's calendar date on which the event happened: a handler's "today"."""
        return agency_day(self.time)


def day_of(handled: HandledEvent | None) -> date:
    """An event handler's "today": the agency's date of the event it applies."""
    if handled is None:
        raise RuntimeError("an event handler's unit of work carries the event it handles")
    return handled.day
