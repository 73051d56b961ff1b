"""The HTTP API of the welfare service, one module per resource (mounted under /v1 by the
shared app)."""

from __future__ import annotations

from fastapi import APIRouter

from welfare.entrypoints.http import claims, entitlements, policies, statements


def routers() -> list[APIRouter]:
    """Every router, in the order the OpenAPI document lists them."""
    return [policies.router, entitlements.router, statements.router, claims.router]
