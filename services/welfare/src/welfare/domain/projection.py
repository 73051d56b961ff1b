"""Which dated facts each consumed event adds to the employee projection (the effective dates).

- EmployeeRegistered: everything it states takes effect from `golongan_tmt` (the latest dated
  fact of a registration; welfare knows nothing of the employee before it).
- EmployeeUpdated: known keys from `effective_date`; a golongan from its `golongan_tmt` when the
  same change carries one. Unknown keys are ignored.
- EmployeePromoted: golongan = to_golongan from `tmt`.
- EmployeeTransferred: unit_code and work_location from `effective_date`.
- EmployeeRetired: status RETIRED from `retirement_date` (every allowance becomes 0).
- EvaluationRecorded: only ANNUAL periods count; the predikat of year Y sets the TPP factor
  from 1 January of Y+1. A correction (higher version) of the same year wins; PERIODIC ones
  add nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
)
from jenjang_shared.contracts.vocabulary import ALL_GOLONGAN, EmploymentType, PeriodType
from jenjang_shared.errors import InvalidInput
from welfare.domain.employee import NO_JOB_CLASS, Attribute, Fact, Status


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
    changes: dict[str, Any] = event.changes
    on = event.effective_date
    facts: list[Fact] = []
    if "golongan" in changes:
        golongan = changes["golongan"]
        if golongan not in ALL_GOLONGAN:
            raise InvalidInput(f"unknown golongan {golongan!r}", field="changes.golongan")
        facts.append(Fact(Attribute.GOLONGAN, _date_or(changes.get("golongan_tmt"), on), golongan))
    for key in (Attribute.UNIT_CODE, Attribute.WORK_LOCATION):
        if key.value in changes:
            value = changes[key.value]
            if not isinstance(value, str) or not value:
                raise InvalidInput(
                    f"{key.value} must be a non-empty string", field=f"changes.{key.value}"
                )
            facts.append(Fact(key, on, value))
    if "employment_type" in changes:
        value = changes["employment_type"]
        if value not in EmploymentType.__members__:
            raise InvalidInput(
                f"unknown employment type {value!r}", field="changes.employment_type"
            )
        facts.append(Fact(Attribute.EMPLOYMENT_TYPE, on, value))
    if "job_class" in changes:
        facts.append(Fact(Attribute.JOB_CLASS, on, _job_class(changes["job_class"])))
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


def _date_or(value: Any, default: date) -> date:
    if value is None:
        return default
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise InvalidInput(f"not an ISO date: {value!r}", field="changes.golongan_tmt") from exc


def _job_class(value: Any) -> str:
    if value is None:
        return NO_JOB_CLASS
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 17:
        raise InvalidInput(f"job class must be 1..17, got {value!r}", field="changes.job_class")
    return str(value)
