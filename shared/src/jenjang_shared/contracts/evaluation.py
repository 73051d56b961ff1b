"""Events published by the evaluation service on `asn.evaluation.v1`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from jenjang_shared.contracts.base import Event, Golongan, Nip
from jenjang_shared.contracts.provenance import Classification
from jenjang_shared.contracts.vocabulary import (
    PeriodType,
    Predikat,
    PromotionKind,
    PromotionTrack,
    Rating,
)


class _EvaluationEvent(Event):
    service: ClassVar[str] = "evaluation"


class EvaluationRecorded(_EvaluationEvent):
    """A performance evaluation (SKP) with its predikat, computed from the matrix."""

    event_name: ClassVar[str] = "EvaluationRecorded"
    classification: ClassVar[Classification] = Classification.CONFIDENTIAL

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


class CriterionFinding(BaseModel):
    """One criterion of a promotion track and what the engine found."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    name: str = Field(examples=["years_in_rank"])
    met: bool
    detail: str | None = Field(default=None, description="What is missing, when not met")


class CreditPointsFinding(BaseModel):
    """The angka kredit of a JF holder: the start, each year's conversion, the cumulative
    total against the next rank's minimum."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    start: Decimal = Field(examples=["20"])
    start_source: str | None = Field(default=None, examples=["PAK 800/123/BKD/2024"])
    per_year: dict[str, Decimal] = Field(examples=[{"2024": "18.75", "2025": "18.75"}])
    cumulative: Decimal = Field(examples=["57.5"])
    required: Decimal = Field(description="The minimum for the next rank", examples=["50"])


class PromotionEvidence(BaseModel):
    """Why the employee is eligible: what the engine found."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    years_in_rank: float = Field(examples=[4.0])
    predikat_per_year: dict[str, Predikat] = Field(
        examples=[{"2023": "BAIK", "2024": "SANGAT_BAIK"}]
    )
    education_cap: Golongan
    exams: list[str] = Field(default_factory=list, examples=[["UJIAN_DINAS_I"]])
    # Added compatibly (docs/domain.md, "Promotion tracks"): every criterion with its finding,
    # the rule versions used, the pension date, the post's rank range and the angka kredit.
    criteria: list[CriterionFinding] = Field(default_factory=list)
    rule_versions: dict[str, str] = Field(
        default_factory=dict,
        description="The version of each rule table the decision used, by table",
        examples=[{"kp": "KP-REGULER-2025-10-01", "retirement": "BUP-2017"}],
    )
    pension_date: date | None = Field(
        default=None, description="The projected TMT pensiun the engine checked against"
    )
    rank_range: list[Golongan] | None = Field(
        default=None,
        description="Lowest and highest golongan of the post (JF grade or structural post)",
        examples=[["III/a", "III/b"]],
    )
    credit_points: CreditPointsFinding | None = None


class PromotionRecommended(_EvaluationEvent):
    """An employee is eligible for promotion at a KP period, on the track `kind` names: KP
    reguler (pelaksana), ANGKA_KREDIT (a JF holder) or PILIHAN (a structural post)."""

    event_name: ClassVar[str] = "PromotionRecommended"
    classification: ClassVar[Classification] = Classification.CONFIDENTIAL

    recommendation_id: str
    nip: Nip
    kind: PromotionKind = PromotionKind.REGULER
    track: PromotionTrack | None = Field(
        default=None,
        description="The track: REGULER, ANGKA_KREDIT (JF) or PILIHAN (structural); none = REGULER",
    )
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
    classification: ClassVar[Classification] = Classification.CONFIDENTIAL

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
