"""Personnel's HTTP API: its routers, each without a prefix (the app puts them under /v1)."""

from __future__ import annotations

from fastapi import APIRouter

from personnel.entrypoints.http import catalogue, changes, employees, imports, proposals


def routers() -> list[APIRouter]:
    """Every router of the API, in the order the OpenAPI document lists them."""
    return [
        employees.router,
        changes.router,
        proposals.router,
        imports.router,
        catalogue.router,
    ]
