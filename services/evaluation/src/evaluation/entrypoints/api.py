"""HTTP routes of the evaluation service: parse, build a command, run it, map the result."""

from __future__ import annotations

from fastapi import APIRouter

from evaluation.entrypoints import routes_evaluations, routes_promotion, routes_talent

router = APIRouter(prefix="/v1")
router.include_router(routes_evaluations.router)
router.include_router(routes_promotion.router)
router.include_router(routes_talent.router)
