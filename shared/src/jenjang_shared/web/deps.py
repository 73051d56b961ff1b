"""Typed route dependencies every service builds its own aliases from.

Each service's `entrypoints/http/deps.py` turns these into `Annotated` aliases typed with its own
classes, for example::

    UnitOfWorkFactory = Callable[[], AbstractAsyncContextManager[UnitOfWork]]
    Transaction = Annotated[UnitOfWorkFactory, Depends(unit_of_work_factory)]
    Settings = Annotated[TrainingSettings, Depends(settings_of)]
    Today = Annotated[date, Depends(today)]

so that routes never build adapters and never cast settings.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import date
from typing import Any

from fastapi import Request

from jenjang_shared.ports import Clock


def unit_of_work_factory(request: Request) -> Callable[[], AbstractAsyncContextManager[Any]]:
    """Opens a transaction and yields the service's unit of work (set by the app's lifespan)."""
    factory: Callable[[], AbstractAsyncContextManager[Any]] = request.app.state.unit_of_work
    return factory


def settings_of(request: Request) -> Any:
    """The running service's settings (the service's alias gives it its own type)."""
    return request.app.state.settings


def clock_of(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


def today(request: Request) -> date:
    """The agency's calendar date by the app's clock."""
    return clock_of(request).today()
