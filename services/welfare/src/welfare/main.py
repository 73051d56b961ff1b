"""`create_app()`: the ASGI app of the welfare service (`uvicorn --factory welfare.main:create_app`)."""

from __future__ import annotations

from fastapi import FastAPI

from jenjang_shared.ports import Clock
from welfare.bootstrap import build_app
from welfare.config import WelfareSettings


def create_app(settings: WelfareSettings | None = None, *, clock: Clock | None = None) -> FastAPI:
    """The app with these settings (else from `WELFARE_*`) and clock (else the system's)."""
    return build_app(settings or WelfareSettings(), clock=clock)
