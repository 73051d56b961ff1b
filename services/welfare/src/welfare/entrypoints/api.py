"""HTTP routes of the welfare service, one module per resource; this gathers them."""

from __future__ import annotations

from fastapi import APIRouter

from welfare.entrypoints import claims_api, policies_api, statements_api

router = APIRouter()
router.include_router(policies_api.router)
router.include_router(statements_api.router)
router.include_router(claims_api.router)
