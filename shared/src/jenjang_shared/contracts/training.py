"""Events published by the training service on `asn.training.v1`."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from jenjang_shared.contracts.base import Event, Nip
from jenjang_shared.contracts.provenance import Classification
from jenjang_shared.contracts.vocabulary import TrainingCategory, TrainingMethod


class _TrainingEvent(Event):
    service: ClassVar[str] = "training"


class TrainingEnrolled(_TrainingEvent):
    """An employee took a place in a training session."""

    event_name: ClassVar[str] = "TrainingEnrolled"
    classification: ClassVar[Classification] = Classification.INTERNAL

    nip: Nip
    enrollment_id: str
    course_code: str = Field(examples=["LATSAR-CPNS-III"])
    session_id: str
    starts_on: date


class TrainingCompleted(_TrainingEvent):
    """An employee passed a training: the JP earned and the certificate."""

    event_name: ClassVar[str] = "TrainingCompleted"
    classification: ClassVar[Classification] = Classification.INTERNAL

    nip: Nip
    enrollment_id: str
    course_code: str = Field(examples=["UJIAN-DINAS-I"])
    title: str = Field(examples=["Ujian Dinas Tingkat I"])
    training_category: TrainingCategory
    training_method: TrainingMethod
    jp: int = Field(ge=0, description="Training hours (jam pelajaran) earned", examples=[24])
    completed_on: date
    certificate_number: str = Field(examples=["SERT/2025/000123"])


class TrainingRecommended(_TrainingEvent):
    """Courses recommended to an employee, with the reason."""

    event_name: ClassVar[str] = "TrainingRecommended"
    classification: ClassVar[Classification] = Classification.CONFIDENTIAL

    nip: Nip
    course_codes: list[str] = Field(examples=[["LATSAR-CPNS-III"]])
    reason: str = Field(examples=["NEW_CPNS"])
