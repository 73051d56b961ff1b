"""`create_app()`: the ASGI app of the personnel service (`uvicorn --factory personnel.main:create_app`)."""

from __future__ import annotations

from fastapi import FastAPI

from personnel.bootstrap import build_app
from personnel.config import PersonnelSettings


def create_app(settings: PersonnelSettings | None = None) -> FastAPI:
    return build_app(settings or PersonnelSettings())
