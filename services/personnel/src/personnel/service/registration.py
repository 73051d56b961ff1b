"""Registering an employee: the command, its validation and its event."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import EmployeeRegistered
from jenjang_shared.contracts.base import Golongan
from jenjang_shared.contracts.personnel import CreditPointsStart
from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    FunctionalLevel,
    Gender,
    PositionKind,
)
from jenjang_shared.errors import Conflict, InvalidInput
from jenjang_shared.ports import agency_day
from personnel.domain.employee import REGISTRATION_FIELDS, Employee, validate_employee
from personnel.service.ports import UnitOfWork
from personnel.service.scope import OutOfScope, for_writes, to_json_value
from personnel.service.timeline import record_own_event

Text = Annotated[str, Field(min_length=1, max_length=200)]


class RegisterEmployee(BaseModel):
    """Every field of EmployeeRegistered (plus the optional job class)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    nip: str = Field(
        min_length=18,
        max_length=40,
        description="18-digit NIP (spaces are ignored); must agree with birth date, gender, TMT CPNS",
        examples=["198609262015051001"],
    )
    name: Text = Field(description="Full name", examples=["Siti Rahmawati"])
    gender: Gender
    birth_date: date = Field(examples=["1986-09-26"])
    employment_type: EmploymentType
    golongan: Golongan = Field(
        description=(
            "I/a ... IV/e for CPNS/PNS, within the post's range (a JF grade's, a structural "
            "post's, or the education cap for a pelaksana); I ... XVII for PPPK"
        )
    )
    golongan_tmt: date = Field(description="TMT of the current golongan", examples=["2019-04-01"])
    tmt_cpns: date | None = Field(
        default=None,
        description="First appointment as CPNS (CPNS/PNS only; taken from the NIP when omitted)",
        examples=["2015-05-01"],
    )
    position_title: Text = Field(examples=["Analis Kepegawaian"])
    position_kind: PositionKind
    functional_level: FunctionalLevel | None = Field(
        default=None, description="Only for FUNGSIONAL positions"
    )
    unit_code: Text = Field(examples=["BKD"])
    unit_name: Text = Field(examples=["Badan Kepegawaian Daerah"])
    job_family: Text = Field(description="Job family (rumpun jabatan)", examples=["KEPEGAWAIAN"])
    education: Education
    work_location: Text = Field(description="Work location zone", examples=["KOTA_BANDUNG"])
    supervisor_nip: str | None = Field(
        default=None,
        pattern=r"^\d{18}$",
        description="NIP of the direct superior: must be a registered employee",
    )
    job_class: int | None = Field(
        default=None, ge=1, le=17, description="Kelas jabatan 1-17 (drives TPP)", examples=[9]
    )
    functional_position: str | None = Field(
        default=None,
        max_length=64,
        description="Required for FUNGSIONAL posts: a code of GET /v1/functional-positions",
        examples=["ANALIS_KEBIJAKAN"],
    )
    credit_points_start: CreditPointsStart | None = Field(
        default=None,
        description="FUNGSIONAL only: the angka kredit at appointment, conversion or import",
    )
    contract_start: date | None = Field(
        default=None,
        description="PPPK only: the start of the work contract (training counts contract years)",
        examples=["2024-03-01"],
    )

    def to_employee(self) -> Employee:
        """The record as registered (validated separately: see `register_employee`)."""
        return Employee(**{**self.model_dump(), "credit_points_start": self.credit_points_start})


def registered_event(employee: Employee) -> EmployeeRegistered:
    """The event of a new record: its registration fields."""
    return EmployeeRegistered(
        **{f: getattr(employee, f) for f in REGISTRATION_FIELDS},
        retirement_date=employee.retirement_date,
        retirement_rule=employee.retirement_rule,
    )


async def check_supervisor(uow: UnitOfWork, supervisor_nip: str | None) -> None:
    """A supervisor must be a registered employee (422 otherwise)."""
    if supervisor_nip is not None and not await uow.employees.existing([supervisor_nip]):
        raise InvalidInput(
            f"no employee with NIP {supervisor_nip} is registered", field="supervisor_nip"
        )


async def register_employee(
    uow: UnitOfWork,
    *,
    command: RegisterEmployee,
    min_appointment_age: int,
    visibility: Visibility,
    now: datetime,
) -> Employee:
    """Validate (NIP against the agency's date of `now`, ranks, position), refuse a unit
    outside the caller's (hr registers in its own units: 403), a duplicate NIP (409) or an
    unknown supervisor (422), store the record and its first rank, audit it, publish
    EmployeeRegistered."""
    employee = validate_employee(
        command.to_employee(), today=agency_day(now), min_appointment_age=min_appointment_age
    )
    if not for_writes(visibility).allows(nip=employee.nip, unit_code=employee.unit_code):
        raise OutOfScope(
            f"hr registers employees of its own units only, not of {employee.unit_code}",
            field="unit_code",
        )
    if await uow.employees.get(employee.nip, visibility=Visibility.unrestricted()) is not None:
        raise Conflict(f"an employee with NIP {employee.nip} is already registered")
    await check_supervisor(uow, employee.supervisor_nip)
    await uow.employees.insert(employee)
    await uow.employees.add_rank(
        employee.nip, employee.golongan, employee.golongan_tmt, source="REGISTRATION"
    )
    await uow.audit(
        operation="employee.register",
        record_type="employee",
        record_id=employee.nip,
        after={f: to_json_value(getattr(employee, f)) for f in REGISTRATION_FIELDS},
    )
    await record_own_event(uow, registered_event(employee), now=now)
    return employee
