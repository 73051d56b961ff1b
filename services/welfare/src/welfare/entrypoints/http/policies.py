"""Routes: allowance policies, in versions with effective dates."""

from __future__ import annotations

from fastapi import APIRouter

from jenjang_shared.contracts.vocabulary import Allowance
from welfare.entrypoints.http.deps import AdminOnly, AsOf, Caller, NewUnitOfWork, Today
from welfare.entrypoints.http.schemas import (
    PolicyPublic,
    PolicyVersionCreate,
    PolicyVersionCreated,
    PolicyVersionPublic,
)
from welfare.service.policies import add_policy_version, policy_versions

router = APIRouter(tags=["policies and entitlements"])


@router.put("/policies/{allowance}", status_code=201, summary="Add a policy version")
async def put_policy(
    allowance: Allowance, body: PolicyVersionCreate, _: AdminOnly, new_uow: NewUnitOfWork
) -> PolicyVersionCreated:
    """A new version from `effective_from` (older versions stay as they were); entitlements of
    every employee follow at once, future-dated when the version is. Admin only; audited."""
    async with new_uow() as uow:
        version, changes = await add_policy_version(
            uow,
            allowance=allowance,
            effective_from=body.effective_from,
            rules=body.rules,
            note=body.note,
        )
    public = PolicyVersionPublic.model_validate(version, from_attributes=True)
    return PolicyVersionCreated(**public.model_dump(), entitlement_changes=changes)


@router.get("/policies/{allowance}", summary="Policy versions and the one in force")
async def get_policy(
    allowance: Allowance, _: Caller, new_uow: NewUnitOfWork, today: Today, as_of: AsOf = None
) -> PolicyPublic:
    """Every role: a policy's amounts are not personal data."""
    day = as_of or today
    async with new_uow() as uow:
        versions, current = await policy_versions(uow, allowance=allowance, as_of=day)
    return PolicyPublic.model_validate(
        {"allowance": allowance, "as_of": day, "in_force": current, "versions": versions},
        from_attributes=True,
    )
