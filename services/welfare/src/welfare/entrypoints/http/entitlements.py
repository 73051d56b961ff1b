"""Route: an employee's allowances on any day, welfare's view of them, and every change."""

from __future__ import annotations

from fastapi import APIRouter

from jenjang_shared.web.params import NipPath
from welfare.entrypoints.http.deps import AsOf, NewUnitOfWork, Today
from welfare.entrypoints.http.schemas import EntitlementsPublic
from welfare.service.queries import entitlements_as_of

router = APIRouter(tags=["policies and entitlements"])


@router.get("/employees/{nip}/entitlements", summary="An employee's allowances on a day")
async def get_entitlements(
    nip: NipPath, new_uow: NewUnitOfWork, today: Today, as_of: AsOf = None
) -> EntitlementsPublic:
    """What is in force on `as_of` (past or future) with the whole history of changes."""
    async with new_uow() as uow:
        view = await entitlements_as_of(uow, nip=nip, as_of=as_of or today)
    return EntitlementsPublic.model_validate(view, from_attributes=True)
