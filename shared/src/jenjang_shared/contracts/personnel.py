"""Events published by the personnel service on `asn.personnel.v1`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from jenjang_shared.contracts.base import Event, Golongan, Nip
from jenjang_shared.contracts.provenance import Classification
from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    FunctionalLevel,
    Gender,
    PositionKind,
)


class _PersonnelEvent(Event):
    service: ClassVar[str] = "personnel"


FunctionalPositionCode = Annotated[
    str, Field(pattern=r"^[A-Z][A-Z0-9_]{1,63}$", examples=["ANALIS_KEBIJAKAN", "GURU"])
]
"""A code of personnel's functional-position catalogue (GET /v1/functional-positions)."""


class CreditPointsStart(BaseModel):
    """The angka kredit a JF holder starts from (at appointment, conversion or import), as of a
    date, with the document that set it (a PAK)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    amount: Decimal = Field(ge=0, max_digits=8, decimal_places=3, examples=["20"])
    as_of: date = Field(description="The AK counts up to this day", examples=["2023-12-31"])
    source_document: str = Field(min_length=1, max_length=200, examples=["PAK 800/123/BKD/2024"])


class EmployeeRegistered(_PersonnelEvent):
    """A new employee record: the full registration."""

    event_name: ClassVar[str] = "EmployeeRegistered"
    classification: ClassVar[Classification] = Classification.CONFIDENTIAL

    nip: Nip
    name: str = Field(description="Full name", examples=["Siti Rahmawati"])
    gender: Gender
    birth_date: date = Field(examples=["1986-09-26"])
    employment_type: EmploymentType
    golongan: Golongan
    golongan_tmt: date = Field(description="TMT of the current golongan", examples=["2019-04-01"])
    tmt_cpns: date | None = Field(
        default=None,
        description="First appointment as CPNS (none for PPPK)",
        examples=["2015-05-01"],
    )
    position_title: str = Field(examples=["Analis Kepegawaian"])
    position_kind: PositionKind
    functional_level: FunctionalLevel | None = Field(
        default=None, description="Only for FUNGSIONAL positions"
    )
    unit_code: str = Field(examples=["BKD"])
    unit_name: str = Field(examples=["Badan Kepegawaian Daerah"])
    job_family: str = Field(description="Job family (rumpun jabatan)", examples=["KEPEGAWAIAN"])
    education: Education
    work_location: str = Field(description="Work location zone", examples=["KOTA_BANDUNG"])
    supervisor_nip: Nip | None = Field(default=None, description="Direct superior")
    job_class: int | None = Field(
        default=None, ge=1, le=17, description="Kelas jabatan 1-17 (drives TPP)", examples=[9]
    )
    functional_position: FunctionalPositionCode | None = Field(
        default=None, description="The JF of a FUNGSIONAL post (catalogue code)"
    )
    retirement_date: date | None = Field(
        default=None,
        description=(
            "The projected TMT pensiun under the retirement rule of the post (not a retirement: "
            "see EmployeeRetired)"
        ),
        examples=["2046-10-01"],
    )
    retirement_rule: str | None = Field(
        default=None, description="The version of the retirement rule used", examples=["BUP-2017"]
    )
    credit_points_start: CreditPointsStart | None = Field(
        default=None, description="Initial angka kredit of a JF holder, with its document"
    )
    contract_start: date | None = Field(
        default=None,
        description="PPPK only: the start of the work contract (its contract years count from it)",
        examples=["2024-03-01"],
    )


class EmployeeChanges(BaseModel):
    """The fields of an employee that changed, with their new values, named as in
    EmployeeRegistered. A field that is absent did not change; `null` clears a field that may
    be empty (functional_level, supervisor_nip, job_class). Fields this version does not know
    are ignored (a later producer may add changeable fields compatibly)."""

    # Its published schema stays "an object" as in the first .v1 (the compatibility check holds
    # the schema to that); the field description of EmployeeUpdated.changes lists the fields.
    model_config = ConfigDict(frozen=True, extra="ignore")

    name: str | None = None
    employment_type: EmploymentType | None = None
    golongan: Golongan | None = None
    golongan_tmt: date | None = None
    tmt_cpns: date | None = None
    position_title: str | None = None
    position_kind: PositionKind | None = None
    functional_level: FunctionalLevel | None = None
    unit_code: str | None = None
    unit_name: str | None = None
    job_family: str | None = None
    education: Education | None = None
    work_location: str | None = None
    supervisor_nip: Nip | None = None
    job_class: int | None = Field(default=None, ge=1, le=17)
    functional_position: FunctionalPositionCode | None = None
    retirement_date: date | None = None
    retirement_rule: str | None = None
    contract_start: date | None = None

    @model_serializer(mode="wrap")
    def _only_what_changed(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Absent and null mean different things here, so only the fields that were set travel.
        data: dict[str, Any] = handler(self)
        return {name: value for name, value in data.items() if name in self.model_fields_set}

    def changed(self) -> frozenset[str]:
        """The names of the fields that changed."""
        return frozenset(self.model_fields_set)


class EmployeeUpdated(_PersonnelEvent):
    """Some fields of an employee changed (appointment CPNS to PNS, position, education...)."""

    event_name: ClassVar[str] = "EmployeeUpdated"
    classification: ClassVar[Classification] = Classification.CONFIDENTIAL

    nip: Nip
    changes: EmployeeChanges = Field(
        description=(
            "The changed fields with their new values, named as in EmployeeRegistered: any of "
            "name, employment_type, golongan, golongan_tmt, tmt_cpns, position_title, "
            "position_kind, functional_level, unit_code, unit_name, job_family, education, "
            "work_location, supervisor_nip, job_class, functional_position, retirement_date, "
            "retirement_rule, contract_start. An absent field did not change; null clears "
            "functional_level, supervisor_nip, job_class or functional_position."
        ),
        examples=[{"employment_type": "PNS", "golongan": "III/a"}],
    )
    effective_date: date = Field(examples=["2016-05-01"])
    reason: str | None = Field(default=None, examples=["Pengangkatan PNS"])


class EmployeeTransferred(_PersonnelEvent):
    """A transfer (mutasi) to another unit or position."""

    event_name: ClassVar[str] = "EmployeeTransferred"
    classification: ClassVar[Classification] = Classification.INTERNAL

    nip: Nip
    from_unit_code: str = Field(examples=["BKD"])
    to_unit_code: str = Field(examples=["DINKES"])
    to_unit_name: str = Field(examples=["Dinas Kesehatan"])
    position_title: str = Field(examples=["Analis SDM Aparatur"])
    position_kind: PositionKind
    work_location: str = Field(examples=["KAB_BANDUNG"])
    supervisor_nip: Nip | None = None
    effective_date: date = Field(examples=["2025-11-01"])
    job_family: str | None = Field(default=None, description="New job family, when it changes")
    functional_level: FunctionalLevel | None = Field(
        default=None, description="The level in the new position, for FUNGSIONAL positions"
    )
    functional_position: FunctionalPositionCode | None = Field(
        default=None, description="The JF of the new position, for FUNGSIONAL positions"
    )
    retirement_date: date | None = Field(
        default=None, description="The projected TMT pensiun under the new post's rule"
    )
    retirement_rule: str | None = Field(default=None, examples=["BUP-2017"])


class EmployeePromoted(_PersonnelEvent):
    """A promotion proposal approved with its SK: the new golongan and its TMT."""

    event_name: ClassVar[str] = "EmployeePromoted"
    classification: ClassVar[Classification] = Classification.INTERNAL

    nip: Nip
    proposal_id: str = Field(examples=["8c1d6f1e-4d0b-4f8e-9d1c-2b1f7c3a9e10"])
    from_golongan: Golongan
    to_golongan: Golongan
    tmt: date = Field(
        description="TMT of the new golongan (the KP period)", examples=["2025-12-01"]
    )
    sk_number: str = Field(examples=["800/KP.01/2025"])
    sk_date: date = Field(examples=["2025-11-20"])


class PromotionProposalRejected(_PersonnelEvent):
    """HR rejected a promotion proposal."""

    event_name: ClassVar[str] = "PromotionProposalRejected"
    classification: ClassVar[Classification] = Classification.CONFIDENTIAL

    nip: Nip
    proposal_id: str
    recommendation_id: str
    reason: str = Field(examples=["Sedang menjalani hukuman disiplin"])
    kp_period: date | None = Field(default=None, description="The KP period that was proposed")
    to_golongan: Golongan | None = None


class EmployeeRetired(_PersonnelEvent):
    """An employee retired (or left): their record is closed for further changes."""

    event_name: ClassVar[str] = "EmployeeRetired"
    classification: ClassVar[Classification] = Classification.INTERNAL

    nip: Nip
    retirement_date: date = Field(examples=["2044-10-01"])
    reason: str = Field(examples=["BUP"])
