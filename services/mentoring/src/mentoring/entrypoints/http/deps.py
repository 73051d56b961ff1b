"""The typed dependencies of the routes: a unit-of-work factory, the settings, today's date."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends

from jenjang_shared.web.deps import settings_of, today, unit_of_work_factory
from mentoring.config import MentoringSettings
from mentoring.service.ports import UnitOfWorkFactory

NewUnitOfWork = Annotated[UnitOfWorkFactory, Depends(unit_of_work_factory)]
"""`async with new_uow() as uow:` one transaction, committed when the block succeeds."""
Settings = Annotated[MentoringSettings, Depends(settings_of)]
Today = Annotated[date, Depends(today)]
"""The agency's date by the app's clock: "today" of an HTTP command."""
