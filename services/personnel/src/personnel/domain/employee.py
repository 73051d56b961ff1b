"""The employee record and the rules that keep it valid (registration, changes, transfers)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from enum import StrEnum
from typing import Any

from jenjang_shared.contracts.personnel import CreditPointsStart
from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    FunctionalLevel,
    Gender,
    PositionKind,
)
from jenjang_shared.errors import Conflict, InvalidInput
from personnel.domain.nip import DEFAULT_MIN_APPOINTMENT_AGE, check_nip_agrees, parse_nip
from personnel.domain.ranks import check_golongan, pangkat_of
from personnel.domain.retirement import RetirementAge, retirement_age_of, retirement_date


class EmployeeStatus(StrEnum):
    ACTIVE = "ACTIVE"
    RETIRED = "RETIRED"


@dataclass(frozen=True)
class Employee:
    """One ASN as personnel records them. Field names are those of EmployeeRegistered."""

    nip: str
    name: str
    gender: Gender
    birth_date: date
    employment_type: EmploymentType
    golongan: str
    golongan_tmt: date
    tmt_cpns: date | None
    position_title: str
    position_kind: PositionKind
    functional_level: FunctionalLevel | None
    unit_code: str
    unit_name: str
    job_family: str
    education: Education
    work_location: str
    supervisor_nip: str | None = None
    job_class: int | None = None
    functional_position: str | None = None  # a catalogue code, for a FUNGSIONAL post
    credit_points_start: CreditPointsStart | None = None  # initial AK of a JF holder (a PAK)
    contract_start: date | None = None  # a PPPK's work contract: its contract years count from it
    status: EmployeeStatus = EmployeeStatus.ACTIVE
    retired_on: date | None = None
    retirement_reason: str | None = None

    @property
    def pangkat(self) -> str | None:
        """The rank title of the golongan (PNS and CPNS only)."""
        return pangkat_of(self.golongan)

    @property
    def retirement(self) -> RetirementAge:
        """BUP of the current post, the rule version and its source (a law's age for the JF
        wins: see personnel.domain.retirement)."""
        return retirement_age_of(
            self.position_kind, self.functional_level, self.functional_position
        )

    @property
    def retirement_age(self) -> int:
        """BUP for the current position (see personnel.domain.retirement)."""
        return self.retirement.years

    @property
    def retirement_rule(self) -> str:
        """The version of the retirement rule behind `retirement_date`."""
        return self.retirement.rule_version

    @property
    def retirement_date(self) -> date:
        """The first day of the month after the month the employee reaches BUP."""
        return retirement_date(self.birth_date, self.retirement_age)

    @property
    def is_retired(self) -> bool:
        return self.status is EmployeeStatus.RETIRED


# Fields a PATCH may change. Identity (nip, birth_date, gender, tmt_cpns) follows the NIP.
EDITABLE_FIELDS: frozenset[str] = frozenset(
    {
        "name", "employment_type", "golongan", "golongan_tmt", "position_title",
        "position_kind", "functional_level", "unit_code", "unit_name", "job_family",
        "education", "work_location", "supervisor_nip", "job_class", "functional_position",
        "contract_start",
    }
)  # fmt: skip

# The rank: changed only by a decided promotion proposal, an import, or an admin's correction
# (service.changes.correct_rank), never by a PATCH.
RANK_FIELDS: frozenset[str] = frozenset({"golongan", "golongan_tmt"})
RANK_CHANGE_REFUSED = (
    "the rank (golongan, golongan_tmt) is not changed by PATCH: ranks change through a decided "
    "promotion proposal, an import, or POST /v1/employees/{nip}/rank-corrections (admin)"
)

REGISTRATION_FIELDS: tuple[str, ...] = tuple(
    f.name for f in fields(Employee) if f.name not in ("status", "retired_on", "retirement_reason")
)


def validate_employee(
    employee: Employee, *, today: date, min_appointment_age: int = DEFAULT_MIN_APPOINTMENT_AGE
) -> Employee:
    """Check a whole record; return it with the NIP normalised and, for CPNS/PNS recorded
    without `tmt_cpns`, the TMT CPNS taken from the NIP (first day of its month).

    Raises InvalidInput naming the field: NIP rules and agreement (nip), TMT CPNS only for
    CPNS/PNS (tmt_cpns), golongan for the type and education cap (golongan), functional level
    only with FUNGSIONAL (functional_level), golongan TMT not before TMT CPNS (golongan_tmt),
    no self-supervision (supervisor_nip).
    """
    parsed = parse_nip(
        employee.nip,
        employment_type=employee.employment_type,
        today=today,
        min_appointment_age=min_appointment_age,
    )
    tmt_cpns = employee.tmt_cpns
    if employee.employment_type is EmploymentType.PPPK:
        if tmt_cpns is not None:
            raise InvalidInput("PPPK have no TMT CPNS; leave tmt_cpns empty", field="tmt_cpns")
    check_nip_agrees(
        parsed, birth_date=employee.birth_date, gender=employee.gender, tmt_cpns=tmt_cpns
    )
    if tmt_cpns is None:
        tmt_cpns = parsed.tmt_cpns
    checked = replace(employee, nip=parsed.nip, tmt_cpns=tmt_cpns)
    check_functional_position_given(checked)
    check_record(checked)
    check_not_past_retirement(checked, today=today)
    return checked


def check_functional_position_given(employee: Employee) -> None:
    """A new FUNGSIONAL post names its JF (registration, import, transfer); records kept from
    before the catalogue may lack it until their next transfer."""
    if employee.position_kind is PositionKind.FUNGSIONAL and employee.functional_position is None:
        raise InvalidInput(
            "a FUNGSIONAL post needs its functional_position (GET /v1/functional-positions)",
            field="functional_position",
        )


def check_not_past_retirement(employee: Employee, *, today: date) -> None:
    """An ACTIVE CPNS or PNS on or past the retirement date of their post cannot be registered
    (docs/domain.md, "Retirement (BUP)"): they would already have been retired."""
    if employee.employment_type is EmploymentType.PPPK:
        return
    if today >= employee.retirement_date:
        raise InvalidInput(
            f"an ACTIVE {employee.employment_type.value} born {employee.birth_date} retired on "
            f"{employee.retirement_date} (BUP {employee.retirement_age} of the post); register "
            "them only with their retirement",
            field="birth_date",
        )


def check_record(employee: Employee) -> None:
    """The rules every state of a record must keep (registration and every change)."""
    for name in ("functional_level", "functional_position"):
        if getattr(employee, name) is not None and employee.position_kind is not (
            PositionKind.FUNGSIONAL
        ):
            raise InvalidInput(
                f"{name} is only for FUNGSIONAL positions, not {employee.position_kind.value}",
                field=name,
            )
    if employee.contract_start is not None and employee.employment_type is not (
        EmploymentType.PPPK
    ):
        raise InvalidInput("contract_start is only for PPPK", field="contract_start")
    if employee.credit_points_start is not None and employee.position_kind is not (
        PositionKind.FUNGSIONAL
    ):
        raise InvalidInput(
            "credit_points_start is only for FUNGSIONAL positions", field="credit_points_start"
        )
    check_golongan(
        employee.golongan,
        employment_type=employee.employment_type,
        education=employee.education,
        position_kind=employee.position_kind,
        functional_level=employee.functional_level,
        functional_position=employee.functional_position,
    )
    if employee.tmt_cpns is not None and employee.golongan_tmt < employee.tmt_cpns:
        raise InvalidInput(
            f"golongan_tmt {employee.golongan_tmt.isoformat()} is before the TMT CPNS "
            f"{employee.tmt_cpns.isoformat()}",
            field="golongan_tmt",
        )
    if employee.supervisor_nip is not None and employee.supervisor_nip == employee.nip:
        raise InvalidInput("an employee cannot be their own supervisor", field="supervisor_nip")


def ensure_active(employee: Employee, action: str) -> None:
    """A retired employee's record is closed: no change, transfer or promotion."""
    if employee.is_retired:
        on = employee.retired_on.isoformat() if employee.retired_on else "?"
        raise Conflict(f"cannot {action}: employee {employee.nip} retired on {on}")


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


def apply_changes(
    employee: Employee, changes: dict[str, Any], *, effective_date: date
) -> tuple[Employee, list[FieldChange]]:
    """Apply a PATCH: returns the new record and the fields that really changed.

    - only EDITABLE_FIELDS may change; identity fields follow the NIP;
    - employment type: only the appointment CPNS -> PNS;
    - a new golongan without a golongan_tmt takes the effective date as its TMT;
    - leaving a FUNGSIONAL position clears the functional level;
    - the result must still pass `check_record`; nothing changing is refused.
    """
    ensure_active(employee, "change the record")
    for name in changes:
        if name not in EDITABLE_FIELDS:
            raise InvalidInput(f"{name} cannot be changed", field=name)
    new_type = changes.get("employment_type", employee.employment_type)
    if new_type != employee.employment_type and not (
        employee.employment_type is EmploymentType.CPNS and new_type is EmploymentType.PNS
    ):
        raise InvalidInput(
            f"employment_type cannot change from {employee.employment_type.value} to "
            f"{new_type.value}; only the appointment CPNS -> PNS",
            field="employment_type",
        )
    wanted = dict(changes)
    if "golongan" in wanted and wanted["golongan"] != employee.golongan:
        wanted.setdefault("golongan_tmt", effective_date)
    if wanted.get("position_kind", employee.position_kind) is not PositionKind.FUNGSIONAL:
        wanted.setdefault("functional_level", None)
        wanted.setdefault("functional_position", None)
    updated = replace(employee, **wanted)
    diffs = [
        FieldChange(name, getattr(employee, name), getattr(updated, name))
        for name in sorted(wanted)
        if getattr(employee, name) != getattr(updated, name)
    ]
    if not diffs:
        raise InvalidInput("nothing to change: every given value equals the current one")
    check_record(updated)
    return updated, diffs


@dataclass(frozen=True)
class Transfer:
    """A transfer (mutasi): new unit, position, work location, supervisor."""

    to_unit_code: str
    to_unit_name: str
    position_title: str
    position_kind: PositionKind
    work_location: str
    effective_date: date
    functional_level: FunctionalLevel | None = None
    supervisor_nip: str | None = None
    job_family: str | None = None
    functional_position: str | None = None


def apply_transfer(employee: Employee, transfer: Transfer) -> tuple[Employee, list[FieldChange]]:
    """The record after a transfer (golongan unchanged) and the fields that changed."""
    ensure_active(employee, "transfer")
    wanted: dict[str, Any] = {
        "unit_code": transfer.to_unit_code,
        "unit_name": transfer.to_unit_name,
        "position_title": transfer.position_title,
        "position_kind": transfer.position_kind,
        "functional_level": transfer.functional_level,
        "functional_position": transfer.functional_position,
        "work_location": transfer.work_location,
        "supervisor_nip": transfer.supervisor_nip,
    }
    if transfer.job_family is not None:
        wanted["job_family"] = transfer.job_family
    updated = replace(employee, **wanted)
    diffs = [
        FieldChange(name, getattr(employee, name), getattr(updated, name))
        for name in wanted
        if getattr(employee, name) != getattr(updated, name)
    ]
    if not diffs:
        raise InvalidInput("the transfer changes nothing: same unit, position and location")
    check_functional_position_given(updated)
    check_record(updated)
    return updated, diffs


def retire(employee: Employee, *, retired_on: date, reason: str) -> Employee:
    """Close the record: status RETIRED from `retired_on`."""
    ensure_active(employee, "retire")
    if retired_on < employee.birth_date:
        raise InvalidInput("retirement_date is before the birth date", field="retirement_date")
    return replace(
        employee, status=EmployeeStatus.RETIRED, retired_on=retired_on, retirement_reason=reason
    )
