"""Typed route dependencies: the unit of work factory, the settings, today by the app's clock,
the `as_of` day the read routes share, and the access policy of every route.

Policies (every route declares one; `create_service_app` refuses a route without):

- `Caller`: every role (admin, hr, supervisor, employee, service). What a caller then sees is
  narrowed by `Visibility.of(caller)` in the queries; a `service` caller writes only with the
  scope `welfare:write` (the shared policy enforces it).
- `ClaimDecider`: admin, or hr (of the claim's unit: enforced in the query).
- `AdminOnly`: admin (BKD), e.g. a new allowance policy version.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query

from jenjang_shared.access import Principal, Role
from jenjang_shared.web.auth import allow
from jenjang_shared.web.deps import settings_of, today, unit_of_work_factory
from welfare.config import WelfareSettings
from welfare.service.ports import UnitOfWorkFactory

NewUnitOfWork = Annotated[UnitOfWorkFactory, Depends(unit_of_work_factory)]
Settings = Annotated[WelfareSettings, Depends(settings_of)]
Today = Annotated[date, Depends(today)]
AsOf = Annotated[date | None, Query(description="The day to answer for (default: today)")]

Caller = Annotated[
    Principal,
    Depends(allow(Role.ADMIN, Role.HR, Role.SUPERVISOR, Role.EMPLOYEE, Role.SERVICE)),
]
ClaimDecider = Annotated[Principal, Depends(allow(Role.ADMIN, Role.HR))]
AdminOnly = Annotated[Principal, Depends(allow(Role.ADMIN))]
