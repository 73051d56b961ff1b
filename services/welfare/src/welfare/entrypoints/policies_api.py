"""Routes: allowance policies (versions with effective dates) and employee entitlements."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from jenjang_shared.contracts.vocabulary import Allowance
from jenjang_shared.web.app import Runtime
from jenjang_shared.web.params import NipPath
from welfare.adapters.repositories import PgRepositories
from welfare.config import WelfareSettings
from welfare.domain.policies import parse_rules
from welfare.entrypoints.schemas import (
    EmployeeProjectionPublic,
    EntitlementRowPublic,
    EntitlementsPublic,
    PolicyPublic,
    PolicyVersionCreate,
    PolicyVersionCreated,
    PolicyVersionPublic,
)
from welfare.service import queries
from welfare.service.entitlements import add_policy_version
from welfare.service.policies import policy_versions

router = APIRouter(prefix="/v1", tags=["policies and entitlements"])

AsOf = Annotated[date | None, Query(description="The day to answer for (default: today)")]


def _settings(runtime: Runtime) -> WelfareSettings:
    settings = runtime.settings
    assert isinstance(settings, WelfareSettings)
    return settings


@router.put("/policies/{allowance}", status_code=201, summary="Add a policy version")
async def put_policy(
    allowance: Allowance, body: PolicyVersionCreate, runtime: Runtime
) -> PolicyVersionCreated:
    """A new version from `effective_from` (older versions stay as they were); entitlements of
    every employee follow at once, future-dated when the version is."""
    rules = parse_rules(allowance, body.rules)
    async with runtime.unit_of_work() as uow:
        version, changes = await add_policy_version(
            allowance,
            body.effective_from,
            rules,
            body.note,
            uow=uow,
            repos=PgRepositories(uow.conn),
            ranks=_settings(runtime).rank_rules(),
        )
    public = PolicyVersionPublic.from_domain(version)
    return PolicyVersionCreated(**public.model_dump(), entitlement_changes=changes)


@router.get("/policies/{allowance}", summary="Policy versions and the one in force")
async def get_policy(allowance: Allowance, runtime: Runtime, as_of: AsOf = None) -> PolicyPublic:
    day = as_of or date.today()
    async with runtime.connection() as conn:
        versions, current = await policy_versions(allowance, day, repos=PgRepositories(conn))
    return PolicyPublic(
        allowance=allowance,
        as_of=day,
        in_force=PolicyVersionPublic.from_domain(current) if current else None,
        versions=[PolicyVersionPublic.from_domain(v) for v in versions],
    )


@router.get("/employees/{nip}/entitlements", summary="An employee's allowances on a day")
async def get_entitlements(
    nip: NipPath, runtime: Runtime, as_of: AsOf = None
) -> EntitlementsPublic:
    """What is in force on `as_of` (past or future) with the whole history of changes."""
    async with runtime.connection() as conn:
        view = await queries.entitlements_as_of(
            nip,
            as_of or date.today(),
            repos=PgRepositories(conn),
            ranks=_settings(runtime).rank_rules(),
        )
    s = view.state
    return EntitlementsPublic(
        nip=view.nip,
        as_of=view.as_of,
        employee=EmployeeProjectionPublic(
            status=s.status,
            employment_type=s.employment_type,
            golongan=s.golongan,
            rank_group=view.rank_group,
            unit_code=s.unit_code,
            work_location=s.work_location,
            job_class=s.job_class,
            job_class_used=view.job_class_used,
            predikat=s.predikat,
        ),
        entitlements=[EntitlementRowPublic.from_domain(r) for r in view.current.values() if r],
        total_idr=view.total_idr,
        history=[EntitlementRowPublic.from_domain(r) for r in view.history],
    )
