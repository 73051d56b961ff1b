"""`create_app()`: the ASGI app of the evaluation service (`uvicorn --factory evaluation.main:create_app`)."""

from __future__ import annotations

from fastapi import FastAPI

from evaluation.bootstrap import build_app
from evaluation.config import EvaluationSettings
from jenjang_shared.ports import Clock


def create_app(
    settings: EvaluationSettings | None = None, *, clock: Clock | None = None
) -> FastAPI:
    return build_app(settings or EvaluationSettings(), clock=clock)
