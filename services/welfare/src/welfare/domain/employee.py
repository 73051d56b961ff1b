"""The employee as welfare sees it: dated facts from events, and the state on any day.

Every input that drives an allowance is a fact with the date it takes effect; facts are only
ever added. The state on a day takes, per attribute, the fact with the latest effective date on
or before it (then the highest version, then the latest recorded).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum


class Attribute(StrEnum):
    STATUS = "status"
    EMPLOYMENT_TYPE = "employment_type"
    GOLONGAN = "golongan"
    UNIT_CODE = "unit_code"
    WORK_LOCATION = "work_location"
    JOB_CLASS = "job_class"
    PREDIKAT = "predikat"


class Status(StrEnum):
    ACTIVE = "ACTIVE"
    RETIRED = "RETIRED"


NO_JOB_CLASS = ""  # a job_class fact with this value clears it (the fallback applies again)


@dataclass(frozen=True)
class Fact:
    attribute: Attribute
    effective_from: date
    value: str
    version: int = 0  # the evaluation version for predikat facts (corrections win)
    seq: int = 0  # recording order, filled in by the repository

    def with_seq(self, seq: int) -> Fact:
        return replace(self, seq=seq)


@dataclass(frozen=True)
class EmployeeState:
    """What the allowances depend on, on one day. None means not known (yet)."""

    status: str | None = None
    employment_type: str | None = None
    golongan: str | None = None
    unit_code: str | None = None
    work_location: str | None = None
    job_class: int | None = None
    predikat: str | None = None

    @property
    def active(self) -> bool:
        return self.status == Status.ACTIVE


@dataclass
class EmployeeTimeline:
    nip: str
    facts: list[Fact] = field(default_factory=list)

    @property
    def registered(self) -> bool:
        return any(f.attribute is Attribute.STATUS for f in self.facts)

    def state_at(self, on: date) -> EmployeeState:
        best: dict[Attribute, Fact] = {}
        for fact in self.facts:
            if fact.effective_from > on:
                continue
            current = best.get(fact.attribute)
            if current is None or _order(fact) > _order(current):
                best[fact.attribute] = fact
        values = {a.value: f.value for a, f in best.items()}
        job_class = values.pop(Attribute.JOB_CLASS.value, NO_JOB_CLASS)
        return EmployeeState(**values, job_class=int(job_class) if job_class else None)

    def change_dates(self) -> set[date]:
        return {f.effective_from for f in self.facts}

    def active_during(self, first: date, last: date) -> bool:
        """Active on at least one day of [first, last]."""
        dates = {first} | {d for d in self.change_dates() if first <= d <= last}
        return any(self.state_at(d).active for d in dates)


def _order(fact: Fact) -> tuple[date, int, int]:
    return (fact.effective_from, fact.version, fact.seq)


def timelines_of(
    nips: Iterable[str], facts: Iterable[tuple[str, Fact]]
) -> dict[str, EmployeeTimeline]:
    timelines = {nip: EmployeeTimeline(nip) for nip in nips}
    for nip, fact in facts:
        timelines.setdefault(nip, EmployeeTimeline(nip)).facts.append(fact)
    return timelines
