"""Routes of the mentor pool: designate a PNS as mentor, list, change, pause, resume.

The pool listing is reference data, readable by every role; it is managed by HR of the mentor's
unit and admin (404 for a mentor outside the caller's units)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from jenjang_shared.access import Visibility
from jenjang_shared.errors import NotFound
from jenjang_shared.web.params import Limit, NipPath, Offset, Page
from mentoring.entrypoints.http.deps import Anyone, HrOrAdmin, NewUnitOfWork, Today
from mentoring.entrypoints.http.schemas import MentorCreate, MentorPause, MentorPublic, MentorUpdate
from mentoring.service import mentors
from mentoring.service.ports import UnitOfWork

router = APIRouter(prefix="/mentors", tags=["mentors"])


async def _mentor(uow: UnitOfWork, nip: str) -> MentorPublic:
    row = await uow.queries.get_mentor(nip)
    if row is None:
        raise NotFound(f"{nip} is not in the mentor pool")
    return MentorPublic.model_validate(row)


@router.post("", status_code=201, summary="Designate a PNS as mentor")
async def add_mentor(
    body: MentorCreate, caller: HrOrAdmin, new_uow: NewUnitOfWork, today: Today
) -> MentorPublic:
    """A registered, active PNS joins the pool (409 if already in it; 422 if unknown, not a PNS
    or retired; 404 for HR when the employee is not of its units; 403 designating oneself).
    Requests waiting for a mentor are tried again at once."""
    async with new_uow() as uow:
        entry = await mentors.add_mentor(
            uow,
            nip=body.nip,
            expertise=tuple(body.expertise),
            capacity=body.capacity,
            today=today,
            visibility=Visibility.of(caller),
            decider_nip=caller.nip,
        )
        return await _mentor(uow, entry.nip)


@router.get("", summary="The mentor pool")
async def list_mentors(
    _: Anyone,
    new_uow: NewUnitOfWork,
    job_family: Annotated[str | None, Query(description="Expertise or own job family")] = None,
    unit_code: str | None = None,
    available: Annotated[bool | None, Query(description="Only those with a free slot")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[MentorPublic]:
    async with new_uow() as uow:
        rows, total = await uow.queries.list_mentors(
            job_family=job_family,
            unit_code=unit_code,
            available=available,
            limit=limit,
            offset=offset,
        )
    items = [MentorPublic.model_validate(r) for r in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/{nip}", summary="One mentor of the pool")
async def get_mentor(nip: NipPath, _: Anyone, new_uow: NewUnitOfWork) -> MentorPublic:
    async with new_uow() as uow:
        return await _mentor(uow, nip)


@router.patch("/{nip}", summary="Change capacity or expertise")
async def update_mentor(
    nip: NipPath, body: MentorUpdate, caller: HrOrAdmin, new_uow: NewUnitOfWork, today: Today
) -> MentorPublic:
    """Capacity can never go below the mentor's current active mentees (409); nobody changes
    their own entry (403)."""
    expertise = tuple(body.expertise) if body.expertise is not None else None
    async with new_uow() as uow:
        await mentors.update_mentor(
            uow,
            nip=nip,
            capacity=body.capacity,
            expertise=expertise,
            today=today,
            visibility=Visibility.of(caller),
            decider_nip=caller.nip,
        )
        return await _mentor(uow, nip)


@router.post("/{nip}/pause", summary="Take a mentor out of matching")
async def pause_mentor(
    nip: NipPath, caller: HrOrAdmin, new_uow: NewUnitOfWork, body: MentorPause | None = None
) -> MentorPublic:
    """Paused mentors get no new mentees; their active mentorships go on."""
    async with new_uow() as uow:
        await mentors.pause_mentor(
            uow, nip=nip, reason=body.reason if body else None, visibility=Visibility.of(caller)
        )
        return await _mentor(uow, nip)


@router.post("/{nip}/resume", summary="Make a mentor available again")
async def resume_mentor(
    nip: NipPath, caller: HrOrAdmin, new_uow: NewUnitOfWork, today: Today
) -> MentorPublic:
    async with new_uow() as uow:
        await mentors.resume_mentor(uow, nip=nip, today=today, visibility=Visibility.of(caller))
        return await _mentor(uow, nip)
