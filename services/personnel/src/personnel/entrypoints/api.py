"""HTTP routes of the personnel service: parse, build a command, run it, map the result."""

from __future__ import annotations

from fastapi import APIRouter

from personnel.entrypoints import routes_changes, routes_employees, routes_imports, routes_proposals

router = APIRouter(prefix="/v1")
router.include_router(routes_employees.router)
router.include_router(routes_changes.router)
router.include_router(routes_proposals.router)
router.include_router(routes_imports.router)
