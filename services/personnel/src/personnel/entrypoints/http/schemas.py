"""Request and response models of the HTTP API (XCreate / XUpdate / XPublic). Responses are
read from the domain objects' attributes (`XPublic.model_validate(obj, from_attributes=True)`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from jenjang_shared.contracts.base import Golongan
from jenjang_shared.contracts.codes import CODED_FIELDS, NAME_FIELDS, UNITS
from jenjang_shared.contracts.personnel import CreditPointsStart
from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    FunctionalLevel,
    Gender,
    PositionKind,
)
from jenjang_shared.errors import InvalidInput
from personnel.domain.employee import RANK_CHANGE_REFUSED, EmployeeStatus
from personnel.domain.proposals import ProposalStatus
from personnel.service.imports import ImportMode
from personnel.service.registration import RegisterEmployee


def _to_code(value: str | None, info: ValidationInfo) -> str | None:
    """A coded field's code (jenjang_shared.contracts.codes): a name or spelling is mapped, an
    unknown value refused (422 naming the field)."""
    if value is None or info.field_name is None:
        return value
    return CODED_FIELDS[info.field_name].to_code(value)


class _Coded(BaseModel):
    """Codes, not free text: unit, work location and job family come from the code lists, and a
    unit's name is the list's (docs/events/README.md, "Codes, not free text")."""

    @model_validator(mode="after")
    def _unit_names_from_the_list(self) -> _Coded:
        for code_field, name_field in NAME_FIELDS.items():
            listed = UNITS.name_of(getattr(self, code_field, None) or "")
            if listed is not None and hasattr(self, name_field):
                setattr(self, name_field, listed)
        return self


class EmployeeCreate(RegisterEmployee, _Coded):
    """Registration: every field of EmployeeRegistered, plus the optional job class."""

    coded = field_validator("unit_code", "job_family", "work_location")(_to_code)


class EmployeePublic(BaseModel):
    nip: str
    name: str
    gender: Gender
    birth_date: date
    employment_type: EmploymentType
    golongan: str
    pangkat: str | None = Field(description="Rank title of the golongan (PNS/CPNS only)")
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
    supervisor_nip: str | None
    job_class: int | None
    status: EmployeeStatus
    retired_on: date | None = Field(description="Set when the employee retired")
    retirement_reason: str | None
    functional_position: str | None = Field(
        default=None, description="The JF of a FUNGSIONAL post (GET /v1/functional-positions)"
    )
    credit_points_start: CreditPointsStart | None = None
    contract_start: date | None = Field(default=None, description="PPPK: the contract's start")
    retirement_age: int = Field(description="BUP for the current position, in years")
    retirement_rule: str = Field(
        default="", description="The version of the retirement rule used (e.g. BUP-2017+GURU)"
    )
    retirement_date: date = Field(
        description="Computed: the first day of the month after the month the employee "
        "reaches BUP (born 1986-09-26, BUP 58 -> 2044-10-01)"
    )


_NOT_NULL = frozenset({"name", "employment_type", "golongan", "golongan_tmt", "position_title",
                       "position_kind", "unit_code", "unit_name", "job_family", "education",
                       "work_location"})  # fmt: skip


class EmployeeUpdate(_Coded):
    """The fields to change (only those sent), when the change takes effect and why (the
    caller, from the token, is who). Appointment CPNS -> PNS: `{"employment_type": "PNS",
    ...}`. Leaving FUNGSIONAL clears the level; `null` clears functional_level, supervisor_nip
    or job_class. The rank is not changed here: `golongan`/`golongan_tmt` are refused (422);
    ranks change through a decided promotion proposal, an import, or a rank correction."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    effective_date: date = Field(description="When the change takes effect")
    reason: str | None = Field(default=None, max_length=500, examples=["Pengangkatan PNS"])
    # Not in the schema: present only to refuse them with the reason (not "extra input").
    golongan: SkipJsonSchema[Any] = None
    golongan_tmt: SkipJsonSchema[Any] = None
    name: str | None = Field(default=None, min_length=1, max_length=200)
    employment_type: EmploymentType | None = None
    position_title: str | None = Field(default=None, min_length=1, max_length=200)
    position_kind: PositionKind | None = None
    functional_level: FunctionalLevel | None = None
    unit_code: str | None = Field(default=None, min_length=1, max_length=200)
    unit_name: str | None = Field(default=None, min_length=1, max_length=200)
    job_family: str | None = Field(default=None, min_length=1, max_length=200)
    education: Education | None = None
    work_location: str | None = Field(default=None, min_length=1, max_length=200)
    supervisor_nip: str | None = Field(default=None, pattern=r"^\d{18}$")
    job_class: int | None = Field(default=None, ge=1, le=17)
    functional_position: str | None = Field(default=None, max_length=64)
    contract_start: date | None = Field(default=None, description="PPPK: a renewed contract")

    coded = field_validator("unit_code", "job_family", "work_location")(_to_code)

    @field_validator("golongan", "golongan_tmt", mode="before")
    @classmethod
    def _no_rank_change(cls, value: Any) -> Any:
        raise ValueError(RANK_CHANGE_REFUSED)

    def changes(self) -> dict[str, Any]:
        """The fields sent (null only where a field may be empty); at least one."""
        meta = {"effective_date", "reason"}
        given = {k: getattr(self, k) for k in self.model_fields_set - meta}
        for name, value in given.items():
            if value is None and name in _NOT_NULL:
                raise InvalidInput(f"{name} cannot be null", field=name)
        if not given:
            raise InvalidInput("no field to change was given")
        return given


class TransferCreate(_Coded):
    """A transfer (mutasi): the new unit, position, work location and supervisor."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    coded = field_validator("to_unit_code", "job_family", "work_location")(_to_code)

    to_unit_code: str = Field(min_length=1, max_length=200, examples=["DINKES"])
    to_unit_name: str = Field(min_length=1, max_length=200, examples=["Dinas Kesehatan"])
    position_title: str = Field(min_length=1, max_length=200, examples=["Analis SDM Aparatur"])
    position_kind: PositionKind
    functional_level: FunctionalLevel | None = Field(default=None, description="FUNGSIONAL only")
    functional_position: str | None = Field(
        default=None, max_length=64, description="Required for FUNGSIONAL: the catalogue code"
    )
    work_location: str = Field(min_length=1, max_length=200, examples=["KAB_BANDUNG"])
    supervisor_nip: str | None = Field(default=None, pattern=r"^\d{18}$")
    job_family: str | None = Field(default=None, min_length=1, max_length=200)
    effective_date: date
    reason: str | None = Field(default=None, max_length=500)


class RetirementCreate(BaseModel):
    """Close the record: status RETIRED from `retirement_date`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    retirement_date: date = Field(examples=["2044-10-01"])
    reason: str = Field(default="BUP", min_length=1, max_length=500, examples=["BUP"])


class RankCorrectionCreate(BaseModel):
    """BKD's correction of a rank recorded wrongly: the right golongan and its TMT, from when
    the correction takes effect, and why (all required)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    golongan: Golongan = Field(examples=["III/c"])
    golongan_tmt: date = Field(examples=["2021-04-01"])
    effective_date: date = Field(description="When the correction takes effect")
    reason: str = Field(
        min_length=1, max_length=500, examples=["Salah input golongan pada migrasi data SIMPEG"]
    )


class ChangePublic(BaseModel):
    field: str
    old_value: Any
    new_value: Any
    effective_date: date
    changed_by: str = Field(description="Who made the change: the caller's NIP, else its subject")
    reason: str | None
    kind: str = Field(description="UPDATE, TRANSFER, PROMOTION, RETIREMENT or CORRECTION")
    recorded_at: datetime


class RankPublic(BaseModel):
    golongan: str
    golongan_tmt: date
    source: str = Field(
        description="REGISTRATION, PROMOTION, CORRECTION (or CHANGE: a PATCH before ranks left it)"
    )
    proposal_id: str | None
    sk_number: str | None
    sk_date: date | None
    recorded_at: datetime


class ProposalPublic(BaseModel):
    id: str
    recommendation_id: str
    nip: str
    kind: str
    from_golongan: str
    to_golongan: str
    kp_period: date = Field(description="The proposed TMT of the new golongan")
    rules_version: str
    evidence: dict[str, Any]
    status: ProposalStatus
    opened_at: datetime | None
    decided_at: datetime | None
    decided_by: str | None
    sk_number: str | None
    sk_date: date | None
    reason: str | None


class ApprovalCreate(BaseModel):
    """Approve with the decree (SK): number and date."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    sk_number: str = Field(min_length=1, max_length=200, examples=["800/KP.01/2025"])
    sk_date: date = Field(examples=["2025-11-20"])


class RejectionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: str = Field(
        min_length=1, max_length=500, examples=["Sedang menjalani hukuman disiplin"]
    )


class TimelineEntryPublic(BaseModel):
    occurred_on: date = Field(description="Business date of the event, else its event date")
    event_time: datetime = Field(description="When the event was produced")
    kind: str = Field(description="The event name, e.g. EmployeePromoted")
    summary: str
    source: str = Field(description="The publishing service")
    event_id: str = Field(description="CloudEvents id: the evidence")


class RejectedRowPublic(BaseModel):
    row: int = Field(description="CSV record number; the header is row 1")
    field: str | None
    reason: str


class ImportReportPublic(BaseModel):
    """The report of an import (read from service.imports.ImportReport)."""

    # Read from the report by its names (the aliases); FastAPI validates the response it is
    # returned once more, by the field names.
    model_config = ConfigDict(populate_by_name=True)

    mode: ImportMode
    job_id: str = Field(description="The import's id: its audit rows' record_id")
    rows: int = Field(description="Data rows read")
    imported: int
    rejected: int
    committed: bool = Field(description="False when all_or_nothing rolled everything back")
    rejected_rows: list[RejectedRowPublic] = Field(validation_alias="rejections")
    rejected_rows_not_listed: int = Field(
        validation_alias="rejections_not_listed", description="Rejected rows beyond the listed cap"
    )


class FunctionalGradePublic(BaseModel):
    level: FunctionalLevel
    name: str = Field(examples=["Guru Ahli Pertama"])
    category: str = Field(description="KEAHLIAN or KETERAMPILAN")
    lowest: str = Field(description="Lowest golongan of the grade", examples=["III/a"])
    highest: str = Field(description="Highest golongan of the grade", examples=["III/b"])
    retirement_age: int | None = Field(
        description="BUP a law sets for this post; null: the general BUP of the grade"
    )
    ak_coefficient: str | None = Field(
        description="AK earned a year at BAIK; null: AK not earned by predikat conversion"
    )
    sources: list[str]


class FunctionalPositionPublic(BaseModel):
    code: str = Field(examples=["GURU"])
    name: str = Field(examples=["Guru"])
    categories: list[str]
    grades: list[FunctionalGradePublic]
    sources: list[str]
    catalogue_version: str
