"""`create_app()`: the ASGI app of the welfare service (`uvicorn --factory welfare.main:create_app`)."""

from __future__ import annotations

from fastapi import FastAPI

from welfare.bootstrap import build_app
from welfare.config import WelfareSettings


def create_app(settings: WelfareSettings | None = None) -> FastAPI:
    return build_app(settings or WelfareSettings())
