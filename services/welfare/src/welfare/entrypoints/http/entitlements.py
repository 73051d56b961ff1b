"""Route: an employee's allowances on any day, welfare's view of them, and every change."""

from __future__ import annotations

from fastapi import APIRouter

from jenjang_shared.access import Visibility
from jenjang_shared.web.params import NipPath
from welfare.entrypoints.http.deps import AsOf, Caller, NewUnitOfWork, Today
from welfare.entrypoints.http.schemas import EntitlementsPublic
from welfare.service.queries import entitlements_as_of

router = APIRouter(tags=["policies and entitlements"])


@router.get("/employees/{nip}/entitlements", summary="An employee's allowances on a day")
async def get_entitlements(
    nip: NipPath, caller: Caller, new_uow: NewUnitOfWork, today: Today, as_of: AsOf = None
) -> EntitlementsPublic:
    """What is in force on `as_of` (past or future) with the whole history of changes.
    Every role, within its visibility (404 outside); another person's read is audited."""
    async with new_uow() as uow:
        view = await entitlements_as_of(
            uow,
            nip=nip,
            as_of=as_of or today,
            visibility=Visibility.of(caller),
            reader_nip=caller.nip,
        )
    return EntitlementsPublic.model_validate(view, from_attributes=True)
