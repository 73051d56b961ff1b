"""Mentoring settings, from `MENTORING_*` environment variables."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from jenjang_shared.config import ServiceSettings
from mentoring.domain.policy import MentoringPolicy


class MentoringSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="MENTORING_", extra="ignore", frozen=True)

    service_name: ClassVar[str] = "mentoring"

    database_url: str = "postgresql://postgres@127.0.0.1:55432/mentoring"
    http_port: int = 8003

    default_mentor_capacity: int = Field(default=3, ge=1, le=50)
    """MENTORING_DEFAULT_MENTOR_CAPACITY: active mentees per mentor unless the pool entry says."""
    minutes_per_jp: int = Field(default=45, ge=1)
    """MENTORING_MINUTES_PER_JP: session minutes per JP credited (docs/domain.md: 1 JP = 45
    minutes)."""
    jp_credit_cap: int | None = Field(default=None, ge=0)
    """MENTORING_JP_CREDIT_CAP: the most JP one mentorship can credit (none by default)."""
    cross_scheme_ranks: bool = False
    """MENTORING_CROSS_SCHEME_RANKS: compare PPPK golongan with PNS step for step."""
    pending_retry_batch: int = Field(default=50, ge=1)

    def policy(self) -> MentoringPolicy:
        return MentoringPolicy(
            default_capacity=self.default_mentor_capacity,
            minutes_per_jp=self.minutes_per_jp,
            jp_credit_cap=self.jp_credit_cap,
            cross_scheme_ranks=self.cross_scheme_ranks,
            pending_retry_batch=self.pending_retry_batch,
        )
