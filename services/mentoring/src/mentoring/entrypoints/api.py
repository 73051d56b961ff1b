"""HTTP routes of the mentoring service: parse, build a command, run it, map the result."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from jenjang_shared.errors import NotFound
from jenjang_shared.web.app import Runtime
from jenjang_shared.web.params import Limit, NipPath, NipQuery, Offset, Page
from mentoring.adapters import queries
from mentoring.adapters.store import postgres_store
from mentoring.entrypoints import api_mentorships, api_reports
from mentoring.entrypoints.deps import mentorship_public, policy_of
from mentoring.entrypoints.schemas import (
    EmployeeMentorships,
    EmployeePublic,
    MentorCreate,
    MentorPause,
    MentorPublic,
    MentorUpdate,
    UnmatchedPublic,
)
from mentoring.service import mentors

router = APIRouter(prefix="/v1")


async def _mentor(runtime: Runtime, nip: str) -> MentorPublic:
    async with runtime.connection() as conn:
        row = await queries.get_mentor(conn, nip)
    if row is None:
        raise NotFound(f"{nip} is not in the mentor pool")
    return MentorPublic.from_row(row)


@router.post("/mentors", status_code=201, summary="Designate a PNS as mentor", tags=["mentors"])
async def add_mentor(body: MentorCreate, runtime: Runtime) -> MentorPublic:
    """A registered, active PNS joins the pool (409 if already in it; 422 if unknown, not a PNS
    or retired). Requests waiting for a mentor are tried again at once."""
    async with runtime.unit_of_work() as uow:
        entry = await mentors.add_mentor(
            postgres_store(uow),
            policy_of(runtime),
            nip=body.nip,
            expertise=tuple(body.expertise),
            capacity=body.capacity,
            today=date.today(),
        )
    return await _mentor(runtime, entry.nip)


@router.get("/mentors", summary="The mentor pool", tags=["mentors"])
async def list_mentors(
    runtime: Runtime,
    job_family: Annotated[str | None, Query(description="Expertise or own job family")] = None,
    unit_code: str | None = None,
    available: Annotated[bool | None, Query(description="Only those with a free slot")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[MentorPublic]:
    async with runtime.connection() as conn:
        rows, total = await queries.list_mentors(
            conn,
            job_family=job_family,
            unit_code=unit_code,
            available=available,
            limit=limit,
            offset=offset,
        )
    items = [MentorPublic.from_row(r) for r in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)


@router.get("/mentors/{nip}", summary="One mentor of the pool", tags=["mentors"])
async def get_mentor(nip: NipPath, runtime: Runtime) -> MentorPublic:
    return await _mentor(runtime, nip)


@router.patch("/mentors/{nip}", summary="Change capacity or expertise", tags=["mentors"])
async def update_mentor(nip: NipPath, body: MentorUpdate, runtime: Runtime) -> MentorPublic:
    """Capacity can never go below the mentor's current active mentees (409)."""
    async with runtime.unit_of_work() as uow:
        await mentors.update_mentor(
            postgres_store(uow),
            policy_of(runtime),
            nip,
            capacity=body.capacity,
            expertise=tuple(body.expertise) if body.expertise is not None else None,
            today=date.today(),
        )
    return await _mentor(runtime, nip)


@router.post("/mentors/{nip}/pause", summary="Take a mentor out of matching", tags=["mentors"])
async def pause_mentor(
    nip: NipPath, runtime: Runtime, body: MentorPause | None = None
) -> MentorPublic:
    """Paused mentors get no new mentees; their active mentorships go on."""
    async with runtime.unit_of_work() as uow:
        await mentors.pause_mentor(postgres_store(uow), nip, reason=body.reason if body else None)
    return await _mentor(runtime, nip)


@router.post("/mentors/{nip}/resume", summary="Make a mentor available again", tags=["mentors"])
async def resume_mentor(nip: NipPath, runtime: Runtime) -> MentorPublic:
    async with runtime.unit_of_work() as uow:
        await mentors.resume_mentor(
            postgres_store(uow), policy_of(runtime), nip, today=date.today()
        )
    return await _mentor(runtime, nip)


@router.get(
    "/employees/{nip}/mentorships",
    summary="An employee's mentorships in both roles",
    tags=["employees"],
)
async def employee_mentorships(nip: NipPath, runtime: Runtime) -> EmployeeMentorships:
    """As mentee and as mentor (every status), and any request still waiting for a mentor."""
    async with runtime.connection() as conn:
        rows = await queries.mentorships_of(conn, nip)
        pending, _ = await queries.list_pending(
            conn, status="PENDING", mentee_nip=nip, limit=100, offset=0
        )
    return EmployeeMentorships(
        nip=nip,
        as_mentee=[mentorship_public(r) for r in rows if r["mentee_nip"] == nip],
        as_mentor=[mentorship_public(r) for r in rows if r["mentor_nip"] == nip],
        unmatched=[UnmatchedPublic.model_validate(p) for p in pending],
    )


@router.get(
    "/employees/{nip}", summary="The employee as this service knows them", tags=["employees"]
)
async def get_employee(nip: NipPath, runtime: Runtime) -> EmployeePublic:
    """The projection built from personnel's events (rank, unit, job family, superior, status)."""
    async with runtime.connection() as conn:
        row = await queries.get_employee(conn, nip)
    if row is None:
        raise NotFound(f"employee {nip} is not known to the mentoring service")
    return EmployeePublic.model_validate(row)


@router.get("/unmatched", summary="Requests waiting for a mentor", tags=["mentorships"])
async def list_unmatched(
    runtime: Runtime,
    status: Annotated[str | None, Query(pattern="^(PENDING|RESOLVED|CLOSED)$")] = "PENDING",
    mentee_nip: NipQuery = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[UnmatchedPublic]:
    """Mentorships an event asked for (new CPNS, weak evaluation, re-match) when nobody was
    eligible; each says why, rule by rule. They are tried again when a mentor appears."""
    async with runtime.connection() as conn:
        rows, total = await queries.list_pending(
            conn, status=status, mentee_nip=mentee_nip, limit=limit, offset=offset
        )
    items = [UnmatchedPublic.model_validate(r) for r in rows]
    return Page(items=items, total=total, limit=limit, offset=offset)


def routers() -> list[APIRouter]:
    """Every router of the service."""
    return [router, api_mentorships.router, api_reports.router]
