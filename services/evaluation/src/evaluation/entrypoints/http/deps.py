"""The typed dependencies of the evaluation routes: who may call, unit of work, settings, today,
jobs.

Every route declares one of the policies below (the shared app refuses to start otherwise);
what a caller then sees is decided by the use cases and their queries (service/access.py).
An internal app (`service`) reads; it writes only with the scope `evaluation:write`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from datetime import date
from typing import Annotated, Any

from fastapi import Depends

from evaluation.config import EvaluationSettings
from evaluation.service.ports import UnitOfWorkFactory
from jenjang_shared.access import Principal, Role
from jenjang_shared.web.app import Runtime
from jenjang_shared.web.auth import allow
from jenjang_shared.web.deps import settings_of, today, unit_of_work_factory

Reader = Annotated[
    Principal,
    Depends(allow(Role.ADMIN, Role.HR, Role.SUPERVISOR, Role.EMPLOYEE, Role.SERVICE)),
]
"""An employee's evaluations, eligibility, recommendations: every role, within its scope."""
Assessor = Annotated[Principal, Depends(allow(Role.ADMIN, Role.HR, Role.SUPERVISOR, Role.SERVICE))]
"""Records evaluations and potentials: admin, hr (its units), a supervisor (their reports)."""
TalentViewer = Annotated[
    Principal, Depends(allow(Role.ADMIN, Role.HR, Role.SUPERVISOR, Role.SERVICE))
]
"""A unit's talent box: admin, hr of the unit, a supervisor (their reports in it only)."""
UnitManager = Annotated[Principal, Depends(allow(Role.ADMIN, Role.HR, Role.SERVICE))]
"""A unit's predikat distribution: admin and hr of the unit."""
AdminOnly = Annotated[Principal, Depends(allow(Role.ADMIN))]
"""Promotion sweeps."""

NewUnitOfWork = Annotated[UnitOfWorkFactory, Depends(unit_of_work_factory)]
Settings = Annotated[EvaluationSettings, Depends(settings_of)]
Today = Annotated[date, Depends(today)]


class BackgroundJobs:
    """Starts work that outlives its request (a sweep). The running service holds each task,
    so that shutdown cancels it instead of leaving it to die with the loop."""

    def __init__(self, tasks: list[asyncio.Task[None]]) -> None:
        self._tasks = tasks

    def start(self, job: Coroutine[Any, Any, None], *, name: str) -> None:
        self._tasks.append(asyncio.create_task(job, name=name))


def background_jobs(runtime: Runtime) -> BackgroundJobs:
    return BackgroundJobs(runtime.tasks)


Jobs = Annotated[BackgroundJobs, Depends(background_jobs)]
