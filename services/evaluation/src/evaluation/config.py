"""Evaluation settings, from `EVALUATION_*` environment variables (typed)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from evaluation.domain.credit_points import DEFAULT_COEFFICIENTS
from evaluation.domain.distribution import QuotaCurve
from jenjang_shared.config import ServiceSettings
from jenjang_shared.contracts.vocabulary import FunctionalLevel


class EvaluationSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="EVALUATION_", extra="ignore", frozen=True)

    service_name: ClassVar[str] = "evaluation"

    database_url: str = "postgresql://postgres@127.0.0.1:55432/evaluation"
    http_port: int = 8004

    # Pins "today" of HTTP commands (demos, tests with historical dates): bootstrap turns it into
    # a FixedClock. None = the system clock. Event handlers take the event's own day either way.
    today: date | None = None

    # Unit quota curve (docs/domain.md, "Unit distribution (quota curve)"): configurable.
    quota_max_baik_share: float = 0.7
    quota_max_sangat_baik_share: float = 0.7
    quota_require_below_when_baik: bool = True

    # Angka kredit coefficients per functional level, overriding the defaults (JSON object).
    credit_coefficients: dict[FunctionalLevel, Decimal] = {}

    sweep_batch_size: int = 1000

    @property
    def quota_curve(self) -> QuotaCurve:
        return QuotaCurve(
            self.quota_max_baik_share,
            self.quota_max_sangat_baik_share,
            self.quota_require_below_when_baik,
        )

    @property
    def coefficients(self) -> dict[FunctionalLevel, Decimal]:
        return {**DEFAULT_COEFFICIENTS, **self.credit_coefficients}
