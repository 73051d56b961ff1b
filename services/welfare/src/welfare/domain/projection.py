"""Which dated facts each consumed event adds to the employee projection (the effective dates).

- EmployeeRegistered: everything it states takes effect from `golongan_tmt` (the latest dated
  fact of a registration; welfare knows nothing of the employee before it).
- EmployeeUpdated: the changed fields welfare projects (golongan, unit_code, work_location,
  employment_type, job_class; null job_class clears it) from `effective_date`; a golongan from
  its `golongan_tmt` when the same change carries one. Every other changed field is ignored.
- EmployeePromoted: golongan = to_golongan from `tmt`.
- EmployeeTransferred: unit_code and work_location from `effective_date`.
- EmployeeRetired: status RETIRED from `retirement_date` (every allowance becomes 0).
- EvaluationRecorded: only ANNUAL periods count; the predikat of year Y sets the TPP factor
  from 1 January of Y+1. A correction (higher version) of the same year wins; PERIODIC ones
  add nothing.

Besides the dated facts, three events say where the employee stands for access (their
`placement`: unit and direct superior, the latest applied wins): EmployeeRegistered (both),
EmployeeTransferred (the new unit and the superior it names, none if it names none) and
EmployeeUpdated (unit_code and/or supervisor_nip when changed; a null superior clears it).
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
)
from jenjang_shared.contracts.vocabulary import PeriodType
from jenjang_shared.errors import InvalidInput
from welfare.domain.employee import NO_JOB_CLASS, Attribute, Fact, Status

T = TypeVar("T")


def facts_of_registration(event: EmployeeRegistered) -> list[Fact]:
    start = event.golongan_tmt
    facts = [
        Fact(Attribute.STATUS, start, Status.ACTIVE.value),
        Fact(Attribute.EMPLOYMENT_TYPE, start, event.employment_type.value),
        Fact(Attribute.GOLONGAN, start, event.golongan),
        Fact(Attribute.UNIT_CODE, start, event.unit_code),
        Fact(Attribute.WORK_LOCATION, start, event.work_location),
    ]
    if event.job_class is not None:
        facts.append(Fact(Attribute.JOB_CLASS, start, str(event.job_class)))
    return facts


def facts_of_update(event: EmployeeUpdated) -> list[Fact]:
    changes = event.changes
    changed = changes.changed()
    on = event.effective_date
    facts: list[Fact] = []
    if "golongan" in changed:
        golongan = _present(changes.golongan, "golongan")
        facts.append(Fact(Attribute.GOLONGAN, changes.golongan_tmt or on, golongan))
    if "unit_code" in changed:
        facts.append(Fact(Attribute.UNIT_CODE, on, _non_empty(changes.unit_code, "unit_code")))
    if "work_location" in changed:
        location = _non_empty(changes.work_location, "work_location")
        facts.append(Fact(Attribute.WORK_LOCATION, on, location))
    if "employment_type" in changed:
        employment_type = _present(changes.employment_type, "employment_type")
        facts.append(Fact(Attribute.EMPLOYMENT_TYPE, on, employment_type.value))
    if "job_class" in changed:
        facts.append(Fact(Attribute.JOB_CLASS, on, _job_class(changes.job_class)))
    return facts


def facts_of_promotion(event: EmployeePromoted) -> list[Fact]:
    return [Fact(Attribute.GOLONGAN, event.tmt, event.to_golongan)]


def facts_of_transfer(event: EmployeeTransferred) -> list[Fact]:
    return [
        Fact(Attribute.UNIT_CODE, event.effective_date, event.to_unit_code),
        Fact(Attribute.WORK_LOCATION, event.effective_date, event.work_location),
    ]


def facts_of_retirement(event: EmployeeRetired) -> list[Fact]:
    return [Fact(Attribute.STATUS, event.retirement_date, Status.RETIRED.value)]


def facts_of_evaluation(event: EvaluationRecorded) -> list[Fact]:
    if event.period_type is not PeriodType.ANNUAL:
        return []
    year = int(event.period[:4])
    return [
        Fact(Attribute.PREDIKAT, date(year + 1, 1, 1), event.predikat.value, version=event.version)
    ]


Placement = dict[str, str | None]
"""Where an employee stands for access: some of `unit_code`, `supervisor_nip` (absent: unchanged)."""


def placement_of_registration(event: EmployeeRegistered) -> Placement:
    return {"unit_code": event.unit_code, "supervisor_nip": event.supervisor_nip}


def placement_of_transfer(event: EmployeeTransferred) -> Placement:
    return {"unit_code": event.to_unit_code, "supervisor_nip": event.supervisor_nip}


def placement_of_update(event: EmployeeUpdated) -> Placement:
    changes = event.changes
    changed = changes.changed()
    placement: Placement = {}
    if "unit_code" in changed:
        placement["unit_code"] = _non_empty(changes.unit_code, "unit_code")
    if "supervisor_nip" in changed:
        placement["supervisor_nip"] = changes.supervisor_nip
    return placement


def _present(value: T | None, name: str) -> T:
    # The contract lets a change clear only functional_level, supervisor_nip and job_class: a
    # null anywhere else says nothing welfare could date, so it is refused rather than guessed.
    if value is None:
        raise InvalidInput(f"{name} cannot be cleared", field=f"changes.{name}")
    return value


def _non_empty(value: str | None, name: str) -> str:
    text = _present(value, name)
    if not text:
        raise InvalidInput(f"{name} must be a non-empty string", field=f"changes.{name}")
    return text


def _job_class(value: int | None) -> str:
    if value is None:
        return NO_JOB_CLASS
    if not 1 <= value <= 17:
        raise InvalidInput(f"job class must be 1..17, got {value!r}", field="changes.job_class")
    return str(value)
