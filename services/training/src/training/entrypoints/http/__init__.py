"""training's HTTP routes; the shared app mounts each router under `/v1`."""

from __future__ import annotations

from fastapi import APIRouter

from training.entrypoints.http import catalogue, employees, enrolment


def routers() -> list[APIRouter]:
    return [catalogue.router, enrolment.router, employees.router]
