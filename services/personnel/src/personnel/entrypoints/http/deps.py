"""The typed dependencies of personnel's routes: the unit of work, the settings, the clock, and
the access policies (who may call an operation; the caller's scope is `Visibility.of(caller)`,
applied by the use cases' queries)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import Depends

from jenjang_shared.access import Principal, Role
from jenjang_shared.ports import Clock
from jenjang_shared.web.auth import allow
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

# The policies. Every role reads, each within its scope (hr its units, a supervisor their
# direct reports, an employee themself, admin and internal apps everyone).
Reader = Annotated[
    Principal,
    Depends(allow(Role.ADMIN, Role.HR, Role.SUPERVISOR, Role.EMPLOYEE, Role.SERVICE)),
]
# The register is written by BKD, hr (its units) and internal apps granted personnel:write.
RecordKeeper = Annotated[Principal, Depends(allow(Role.ADMIN, Role.HR, Role.SERVICE))]
# Promotion proposals are decided by people: hr of the employee's unit or BKD.
HrOrAdmin = Annotated[Principal, Depends(allow(Role.ADMIN, Role.HR))]
# Imports and rank corrections: BKD only.
AdminOnly = Annotated[Principal, Depends(allow(Role.ADMIN))]
