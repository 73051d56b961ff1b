"""The typed dependencies of the routes: a unit-of-work factory, the settings, today's date, and
the access policies (who may call an operation; every route declares one).

| alias | roles |
|---|---|
| `Anyone` | admin, hr, supervisor, employee, service: reads, scoped by `Visibility.of(caller)` |
| `HrOrAdmin` | admin, hr, service (with `mentoring:write` to write): the pool, matching, starting, ending, reports |
| `MentorOrAdmin` | admin, supervisor (the mentor), service: logging sessions |
| `PartyOrAdmin` | admin, supervisor, employee (the mentor or mentee), service: feedback |
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends

from jenjang_shared.access import Principal, Role
from jenjang_shared.web.auth import allow
from jenjang_shared.web.deps import settings_of, today, unit_of_work_factory
from mentoring.config import MentoringSettings
from mentoring.service.ports import UnitOfWorkFactory

NewUnitOfWork = Annotated[UnitOfWorkFactory, Depends(unit_of_work_factory)]
"""`async with new_uow() as uow:` one transaction, committed when the block succeeds."""
Settings = Annotated[MentoringSettings, Depends(settings_of)]
Today = Annotated[date, Depends(today)]
"""The agency's date by the app's clock: "today" of an HTTP command."""

Anyone = Annotated[
    Principal,
    Depends(allow(Role.ADMIN, Role.HR, Role.SUPERVISOR, Role.EMPLOYEE, Role.SERVICE)),
]
"""Every role; what each sees is its `Visibility` (the mentor pool is open to all)."""
HrOrAdmin = Annotated[Principal, Depends(allow(Role.ADMIN, Role.HR, Role.SERVICE))]
"""HR (for the employees of its units) and admin; internal apps read, or write with the scope."""
MentorOrAdmin = Annotated[Principal, Depends(allow(Role.ADMIN, Role.SUPERVISOR, Role.SERVICE))]
"""A supervisor for the mentorships they lead as mentor; admin; internal apps with the scope."""
PartyOrAdmin = Annotated[
    Principal, Depends(allow(Role.ADMIN, Role.SUPERVISOR, Role.EMPLOYEE, Role.SERVICE))
]
"""The mentor or the mentee, for their own side; admin; internal apps with the scope."""
