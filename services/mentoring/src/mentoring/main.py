"""`create_app()`: the ASGI app of the mentoring service (`uvicorn --factory mentoring.main:create_app`)."""

from __future__ import annotations

from fastapi import FastAPI

from mentoring.bootstrap import build_app
from mentoring.config import MentoringSettings


def create_app(settings: MentoringSettings | None = None) -> FastAPI:
    return build_app(settings or MentoringSettings())
