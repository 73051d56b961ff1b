"""`create_app()`: the ASGI app of the personnel service (`uvicorn --factory personnel.main:create_app`)."""

from __future__ import annotations

from fastapi import FastAPI

from jenjang_shared.ports import Clock
from personnel.bootstrap import build_app
from personnel.config import PersonnelSettings


def create_app(settings: PersonnelSettings | None = None, *, clock: Clock | None = None) -> FastAPI:
    """The app on `settings` (from `PERSONNEL_*` variables when omitted) and `clock` (the
    system clock when omitted; tests pin one)."""
    return build_app(settings or PersonnelSettings(), clock=clock)
