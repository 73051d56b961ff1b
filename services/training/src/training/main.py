"""`create_app()`: the ASGI app of the training service (`uvicorn --factory training.main:create_app`)."""

from __future__ import annotations

from fastapi import FastAPI

from training.bootstrap import build_app
from training.config import TrainingSettings


def create_app(settings: TrainingSettings | None = None) -> FastAPI:
    return build_app(settings or TrainingSettings())
