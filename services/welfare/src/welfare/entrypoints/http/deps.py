"""Typed route dependencies: the unit of work factory, the settings, today by the app's clock,
and the `as_of` day the read routes share."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query

from jenjang_shared.web.deps import settings_of, today, unit_of_work_factory
from welfare.config import WelfareSettings
from welfare.service.ports import UnitOfWorkFactory

NewUnitOfWork = Annotated[UnitOfWorkFactory, Depends(unit_of_work_factory)]
Settings = Annotated[WelfareSettings, Depends(settings_of)]
Today = Annotated[date, Depends(today)]
AsOf = Annotated[date | None, Query(description="The day to answer for (default: today)")]
