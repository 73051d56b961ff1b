"""`create_app()`: the ASGI app of the training service (`uvicorn --factory training.main:create_app`)."""

from __future__ import annotations

from fastapi import FastAPI

from jenjang_shared.ports import Clock
from training.bootstrap import build_app
from training.config import TrainingSettings


def create_app(settings: TrainingSettings | None = None, *, clock: Clock | None = None) -> FastAPI:
    return build_app(settings or TrainingSettings(), clock=clock)
