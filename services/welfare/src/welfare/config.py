"""Welfare settings, from `WELFARE_*` environment variables."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from jenjang_shared.config import ServiceSettings
from welfare.domain.claims import DEFAULT_CLAIM_CAPS_IDR
from welfare.domain.ranks import DEFAULT_JOB_CLASS_FALLBACK, DEFAULT_PPPK_RANK_GROUPS, RankRules


class WelfareSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="WELFARE_", extra="ignore", frozen=True)

    service_name: ClassVar[str] = "welfare"

    database_url: str = "postgresql://postgres@127.0.0.1:55432/welfare"
    http_port: int = 8005

    # JSON in the environment, e.g. WELFARE_PPPK_RANK_GROUPS='{"IX": "III", ...}'.
    pppk_rank_groups: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_PPPK_RANK_GROUPS),
        description="PPPK golongan (I..XVII) -> rank group (I..IV)",
    )
    job_class_fallback: dict[str, int] = Field(
        default_factory=lambda: dict(DEFAULT_JOB_CLASS_FALLBACK),
        description="Job class assumed when an employee has none: by golongan or rank group",
    )
    claim_caps_idr: dict[str, int] = Field(
        default_factory=lambda: dict(DEFAULT_CLAIM_CAPS_IDR),
        description="Benefit claim kinds and the highest amount one claim may ask (rupiah)",
    )

    def rank_rules(self) -> RankRules:
        return RankRules(
            pppk_rank_groups=dict(self.pppk_rank_groups),
            job_class_fallback=dict(self.job_class_fallback),
        )
