"""The typed dependencies of the evaluation routes: unit of work, settings, today, jobs."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from datetime import date
from typing import Annotated, Any

from fastapi import Depends

from evaluation.config import EvaluationSettings
from evaluation.service.ports import UnitOfWorkFactory
from jenjang_shared.web.app import Runtime
from jenjang_shared.web.deps import settings_of, today, unit_of_work_factory

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
