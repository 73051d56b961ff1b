"""HTTP routes of the training service: parse, build a command, run it, map the result."""

from __future__ import annotations

from fastapi import APIRouter

from training.entrypoints import catalogue_routes, employee_routes, enrolment_routes

router = APIRouter(prefix="/v1")
router.include_router(catalogue_routes.router)
router.include_router(enrolment_routes.router)
router.include_router(employee_routes.router)
