"""Personnel settings, from `PERSONNEL_*` environment variables."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from jenjang_shared.config import ServiceSettings


class PersonnelSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="PERSONNEL_", extra="ignore", frozen=True)

    service_name: ClassVar[str] = "personnel"

    database_url: str = "postgresql://postgres@127.0.0.1:55432/personnel"
    http_port: int = 8001

    # docs/domain.md, "NIP": the minimum age of 18 is "[unsure]" -> configurable.
    min_appointment_age: int = Field(default=18, ge=0, le=60)
    # Bulk import: rows per batch (and transaction, in valid_rows mode) and how many rejected
    # rows a report lists (the rest are counted).
    import_batch_size: int = Field(default=1000, ge=1, le=50_000)
    import_max_listed_rejections: int = Field(default=1000, ge=0)
