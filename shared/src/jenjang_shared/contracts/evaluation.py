"""Events published by the evaluation service on `asn.evaluation.v1`."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from jenjang_shared.contracts.base import Event, Golongan, Nip
from jenjang_shared.contracts.vocabulary import PeriodType, Predikat, PromotionKind, Rating


class _EvaluationEvent(Event):
    service: ClassVar[str] = "evaluation"


class EvaluationRecorded(_EvaluationEvent):
    """A performance evaluation (SKP) with its predikat, computed from the matrix."""

    event_name: ClassVar[str] = "EvaluationRecorded"

    evaluation_id: str
    nip: Nip
    evaluator_nip: Nip
    period_type: PeriodType
    period: str = Field(
        pattern=r"^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$", examples=["2025", "2025-Q3", "2025-07"]
    )
    hasil_kerja: Rating
    perilaku_kerja: Rating
    predikat: Predikat
    version: int = Field(ge=1, description="1, then 2, 3... for corrections", examples=[1])


class PromotionEvidence(BaseModel):
    """Why the employee is eligible: what the engine found."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    years_in_rank: float = Field(examples=[4.0])
    predikat_per_year: dict[str, Predikat] = Field(
        examples=[{"2023": "BAIK", "2024": "SANGAT_BAIK"}]
    )
    education_cap: Golongan
    exams: list[str] = Field(default_factory=list, examples=[["UJIAN_DINAS_I"]])


class PromotionRecommended(_EvaluationEvent):
    """An employee is eligible for regular promotion (KP reguler) at a KP period."""

    event_name: ClassVar[str] = "PromotionRecommended"

    recommendation_id: str
    nip: Nip
    kind: PromotionKind = PromotionKind.REGULER
    from_golongan: Golongan
    to_golongan: Golongan
    kp_period: date = Field(
        description="The proposed TMT of the new golongan", examples=["2025-12-01"]
    )
    rules_version: str = Field(examples=["KP-2025-10"])
    evidence: PromotionEvidence


class PromotionRecommendationWithdrawn(_EvaluationEvent):
    """An open recommendation no longer holds: re-evaluation found the employee ineligible for
    its target at its KP period before any decision (e.g. a corrected annual evaluation)."""

    event_name: ClassVar[str] = "PromotionRecommendationWithdrawn"

    recommendation_id: str
    nip: Nip
    to_golongan: Golongan
    kp_period: date = Field(
        description="The KP period of the withdrawn recommendation", examples=["2025-12-01"]
    )
    reason: str = Field(
        description="The criteria no longer met",
        examples=["annual_predikat: predikat below BAIK in 2025"],
    )
    rules_version: str = Field(examples=["KP-2025-10"])
