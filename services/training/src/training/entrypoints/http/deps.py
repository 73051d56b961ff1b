"""Typed dependencies and request parameters of training's routes (the shared ones:
`jenjang_shared.web.params`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query

from jenjang_shared.web.deps import today, unit_of_work_factory
from training.service.ports import UnitOfWorkFactory

NewUnitOfWork = Annotated[UnitOfWorkFactory, Depends(unit_of_work_factory)]
"""`async with new_uow() as uow:` one transaction, committed when the block succeeds."""

Today = Annotated[date, Depends(today)]
"""The agency's date by the app's clock: "today" for commands and default years."""

Year = Annotated[
    int | None, Query(ge=2000, le=2100, description="Calendar year; default this year")
]
