"""The HTTP API of the mentoring service (mounted under /v1 by the shared app)."""

from __future__ import annotations

from fastapi import APIRouter

from mentoring.entrypoints.http import employees, mentors, mentorships, reports, unmatched


def routers() -> list[APIRouter]:
    """Every router of the service."""
    return [mentors.router, employees.router, unmatched.router, mentorships.router, reports.router]
