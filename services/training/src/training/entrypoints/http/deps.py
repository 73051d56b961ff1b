"""Typed dependencies and request parameters of training's routes (the shared ones:
`jenjang_shared.web.params`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query

from jenjang_shared.access import Principal, Role
from jenjang_shared.web.auth import allow
from jenjang_shared.web.deps import today, unit_of_work_factory
from training.service.ports import UnitOfWorkFactory

NewUnitOfWork = Annotated[UnitOfWorkFactory, Depends(unit_of_work_factory)]
"""`async with new_uow() as uow:` one transaction, committed when the block succeeds."""

Today = Annotated[date, Depends(today)]
"""The agency's date by the app's clock: "today" for commands and default years."""

Year = Annotated[
    int | None, Query(ge=2000, le=2100, description="Calendar year; default this year")
]

# Who may call what: every route declares one of these (the app refuses a route without).
# An internal app (`service`) reads; it writes only with the scope `training:write`.
# The scope of each caller (which employees) is applied by the use cases' queries.

Caller = Annotated[
    Principal,
    Depends(allow(Role.ADMIN, Role.HR, Role.SUPERVISOR, Role.EMPLOYEE, Role.SERVICE)),
]
"""Any role: the catalogue, and per-employee reads filtered to the caller's `Visibility`."""

Enroller = Annotated[
    Principal,
    Depends(allow(Role.ADMIN, Role.HR, Role.SUPERVISOR, Role.EMPLOYEE, Role.SERVICE)),
]
"""Enrol and cancel: an employee (or supervisor) for themselves, hr for its units, admin."""

CatalogueEditor = Annotated[Principal, Depends(allow(Role.ADMIN, Role.SERVICE))]
"""Courses and sessions: BKD's administrators (the catalogue serves every unit, so not a
unit's hr), or an internal app (a learning platform) with `training:write`."""

TrainingRecorder = Annotated[Principal, Depends(allow(Role.ADMIN, Role.HR, Role.SERVICE))]
"""Attendance and completion: hr of the employee's unit, admin; never one's own."""

ReportReader = Annotated[Principal, Depends(allow(Role.ADMIN, Role.HR, Role.SERVICE))]
"""The JP shortfall report: admin everyone, hr its units."""

AdminOnly = Annotated[Principal, Depends(allow(Role.ADMIN))]
"""The recommendation sweep: BKD's administrators."""
