"""Training settings, from `TRAINING_*` environment variables."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from jenjang_shared.config import ServiceSettings


class TrainingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="TRAINING_", extra="ignore", frozen=True)

    service_name: ClassVar[str] = "training"

    database_url: str = "postgresql://postgres@127.0.0.1:55432/training"
    http_port: int = 8002
    # Pins "today" for every command (tests, demos: a JP shortfall sweep in the last quarter);
    # empty: the real date. Bootstrap turns it into a fixed clock.
    today: date | None = None
