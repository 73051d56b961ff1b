"""Request and response models of the HTTP API (XCreate / XPublic), documented for /docs.

Responses are validated from the service's own objects (`from_attributes`), never copied
field by field.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, field_validator

from evaluation.domain.distribution import Distribution, QuotaCurve
from evaluation.domain.eligibility import Eligibility
from evaluation.domain.talent_box import Potential
from evaluation.service.evaluations import RecordEvaluation
from jenjang_shared.contracts import Nip
from jenjang_shared.contracts.vocabulary import FunctionalLevel, PeriodType, Predikat, Rating


class EvaluationCreate(BaseModel):
    nip: Nip = Field(description="The employee evaluated")
    evaluator_nip: Nip | None = Field(
        default=None,
        description=(
            "The evaluating superior (never the employee). A supervisor records as themself "
            "(leave it out or give their own NIP); admin and hr name them (default: the token's "
            "NIP)"
        ),
    )
    period_type: PeriodType = Field(description="ANNUAL or PERIODIC")
    period: str = Field(
        max_length=7,
        description="'2025' for ANNUAL; '2025-Q3' or '2025-07' for PERIODIC; started already",
        examples=["2025"],
    )
    hasil_kerja: Rating = Field(description="Work results rating")
    perilaku_kerja: Rating = Field(description="Behaviour (BerAKHLAK) rating")
    notes: str | None = Field(default=None, max_length=4000)
    correction_reason: str | None = Field(
        default=None,
        min_length=1,
        max_length=1000,
        description="Required to correct an existing evaluation (records version n+1)",
    )
    predikat: Any = Field(
        default=None,
        description="Never accepted: the predikat is computed from the matrix (sending it is 422)",
    )

    @field_validator("predikat")
    @classmethod
    def _predikat_is_computed(cls, value: Any) -> None:
        if value is not None:
            raise ValueError("predikat is computed from hasil_kerja and perilaku_kerja")
        return None

    def to_command(self) -> RecordEvaluation:
        return RecordEvaluation(
            nip=self.nip,
            evaluator_nip=self.evaluator_nip,
            period_type=self.period_type,
            period=self.period,
            hasil_kerja=self.hasil_kerja,
            perilaku_kerja=self.perilaku_kerja,
            notes=self.notes,
            correction_reason=self.correction_reason,
        )


class EvaluationPublic(BaseModel):
    evaluation_id: str
    nip: str
    evaluator_nip: str
    period_type: PeriodType
    period: str
    version: int = Field(description="1, then 2, 3... for corrections")
    hasil_kerja: Rating
    perilaku_kerja: Rating
    predikat: Predikat = Field(description="Computed from the PermenPANRB 6/2022 matrix")
    notes: str | None
    correction_reason: str | None


class PeriodEvaluationsPublic(BaseModel):
    period_type: PeriodType
    period: str
    current: EvaluationPublic = Field(description="The latest version")
    versions: list[EvaluationPublic] = Field(description="Every version, oldest first")
    angka_kredit: float | None = Field(
        description="Annual credit points (FUNGSIONAL employees, ANNUAL periods)"
    )
    functional_level: FunctionalLevel | None


class EvaluationHistoryPage(BaseModel):
    nip: str
    items: list[PeriodEvaluationsPublic]
    total: int
    limit: int
    offset: int


class CriterionPublic(BaseModel):
    name: str
    met: bool
    value: Any = Field(description="What the engine found")
    missing: str | None = Field(description="What is missing, when not met")
    next_possible_kp: date | None = Field(
        description="The first KP period at which this criterion could be met (when knowable)"
    )


class EligibilityPublic(BaseModel):
    nip: str
    as_of: date
    kp_period: date = Field(description="The first KP period on or after as_of")
    rules_version: str
    from_golongan: str | None
    to_golongan: str | None
    eligible: bool
    criteria: list[CriterionPublic]
    years_in_rank: float
    predikat_per_year: dict[str, Predikat]
    education_cap: str | None
    exams: list[str]
    track: str = Field(description="REGULER, ANGKA_KREDIT (JF) or PILIHAN (structural)")
    pension_date: date | None = Field(description="The projected TMT pensiun checked against")
    rank_range: tuple[str, str] | None = Field(description="The post's lowest and highest golongan")
    rule_versions: dict[str, str] = Field(description="The version of each rule table used")

    @classmethod
    def of(cls, result: Eligibility, *, as_of: date) -> EligibilityPublic:
        """The engine's result, with the date it was asked about."""
        found = {name: getattr(result, name) for name in cls.model_fields if name != "as_of"}
        return cls.model_validate({**found, "as_of": as_of}, from_attributes=True)


class RecommendationPublic(BaseModel):
    recommendation_id: str
    nip: str
    from_golongan: str
    to_golongan: str
    kp_period: date
    rules_version: str
    evidence: dict[str, Any]
    status: str = Field(description="OPEN, REJECTED, PROMOTED or WITHDRAWN")
    status_reason: str | None
    created_at: datetime
    closed_at: datetime | None


class SweepCreate(BaseModel):
    kp_period: date = Field(description="A KP period date (e.g. 2026-01-01)")


class SweepPublic(BaseModel):
    sweep_id: str
    kp_period: date
    status: str = Field(description="RUNNING, COMPLETED or FAILED")
    total: int
    processed: int
    recommended: int
    error: str | None
    started_at: datetime
    finished_at: datetime | None


class QuotaPublic(BaseModel):
    max_baik_share: float
    max_sangat_baik_share: float
    require_below_when_baik: bool


class DistributionPublic(BaseModel):
    unit_code: str
    period: str
    unit_result: Predikat
    total: int
    counts: dict[Predikat, int]
    shares: dict[Predikat, float] = Field(description="Rounded to 4 decimals")
    quota: QuotaPublic
    breach: bool = Field(description="True when the distribution breaches the curve")
    breaches: list[str]

    @classmethod
    def of(
        cls,
        result: Distribution,
        *,
        unit_code: str,
        period: str,
        unit_result: Predikat,
        curve: QuotaCurve,
    ) -> DistributionPublic:
        return cls.model_validate(
            {
                "unit_code": unit_code,
                "period": period,
                "unit_result": unit_result,
                "total": result.total,
                "counts": result.counts,
                "shares": {p: round(share, 4) for p, share in result.shares.items()},
                "quota": curve,
                "breach": bool(result.breaches),
                "breaches": result.breaches,
            },
            from_attributes=True,
        )


class PotentialCreate(BaseModel):
    nip: Nip
    year: int = Field(ge=2000, le=2100, examples=[2025])
    potential: Potential
    assessor_nip: Nip | None = Field(
        default=None,
        description=(
            "Who assessed (never the employee). A supervisor assesses as themself (leave it out "
            "or give their own NIP); admin and hr may name them (default: the token's NIP)"
        ),
    )
    notes: str | None = Field(default=None, max_length=4000)


class PotentialPublic(BaseModel):
    nip: str
    year: int
    potential: Potential
    assessor_nip: str | None
    notes: str | None


class TalentPlacementPublic(BaseModel):
    nip: str
    predikat: Predikat | None
    performance: str | None = Field(description="BELOW, AS_EXPECTED or ABOVE")
    potential: Potential | None
    box: int | None = Field(description="1-9, or null when the year lacks data")
    actions: list[str]
    missing: str | None


class TalentBoxPublic(BaseModel):
    unit_code: str
    year: int
    items: list[TalentPlacementPublic]
    boxes: dict[int, int] = Field(description="Employees per box")
