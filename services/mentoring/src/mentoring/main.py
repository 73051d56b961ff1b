"""`create_app()`: the ASGI app of the mentoring service
(`uvicorn --factory mentoring.main:create_app`)."""

from __future__ import annotations

from fastapi import FastAPI

from jenjang_shared.ports import Clock
from mentoring.bootstrap import build_app
from mentoring.config import MentoringSettings


def create_app(settings: MentoringSettings | None = None, *, clock: Clock | None = None) -> FastAPI:
    """The app with `settings` (from `MENTORING_*` variables when none) and `clock` (the
    system clock when none; tests pin one)."""
    return build_app(settings or MentoringSettings(), clock=clock)
