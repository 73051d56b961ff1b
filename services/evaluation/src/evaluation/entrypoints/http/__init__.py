"""The HTTP API of the evaluation service (mounted under /v1 by the shared app)."""

from __future__ import annotations

from fastapi import APIRouter

from evaluation.entrypoints.http import evaluations, promotion, talent


def routers() -> list[APIRouter]:
    return [evaluations.router, promotion.router, talent.router]
