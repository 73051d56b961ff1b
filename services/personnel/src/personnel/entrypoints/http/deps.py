"""The typed dependencies of personnel's routes: the unit of work, the settings, the clock, and
who makes a change."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import Depends, Header

from jenjang_shared.errors import InvalidInput
from jenjang_shared.ports import Clock
from jenjang_shared.web.deps import clock_of, settings_of, today, unit_of_work_factory
from personnel.config import PersonnelSettings
from personnel.service.ports import UnitOfWorkFactory


def now(clock: Annotated[Clock, Depends(clock_of)]) -> datetime:
    """The current instant by the app's clock (decisions and own events are stamped with it)."""
    return clock.now()


NewUnitOfWork = Annotated[UnitOfWorkFactory, Depends(unit_of_work_factory)]
Settings = Annotated[PersonnelSettings, Depends(settings_of)]
Today = Annotated[date, Depends(today)]
Now = Annotated[datetime, Depends(now)]
ActorHeader = Annotated[
    str | None,
    Header(alias="X-Actor", description="Who makes the change, when the body does not say"),
]


def who(body_value: str | None, header_value: str | None, *, field: str = "changed_by") -> str:
    """The author of a change: the body field, else the `X-Actor` header; one is required."""
    value = body_value or (header_value.strip() if header_value else None)
    if not value:
        raise InvalidInput(
            f"say who makes the change: the `{field}` field or the `X-Actor` header", field=field
        )
    return value
