"""Routes of employees as this service knows them: the projection, and their mentorships."""

from __future__ import annotations

from fastapi import APIRouter

from jenjang_shared.errors import NotFound
from jenjang_shared.web.params import NipPath
from mentoring.entrypoints.http.deps import NewUnitOfWork
from mentoring.entrypoints.http.schemas import EmployeeMentorships, EmployeePublic

router = APIRouter(prefix="/employees", tags=["employees"])

# Requests of one mentee still waiting for a mentor: one per programme at most.
_PENDING_SHOWN = 100


@router.get("/{nip}/mentorships", summary="An employee's mentorships in both roles")
async def employee_mentorships(nip: NipPath, new_uow: NewUnitOfWork) -> EmployeeMentorships:
    """As mentee and as mentor (every status), and any request still waiting for a mentor."""
    async with new_uow() as uow:
        rows = await uow.queries.mentorships_of(nip)
        pending, _ = await uow.queries.list_pending(
            status="PENDING", mentee_nip=nip, limit=_PENDING_SHOWN, offset=0
        )
    return EmployeeMentorships.model_validate(
        {
            "nip": nip,
            "as_mentee": [r for r in rows if r["mentee_nip"] == nip],
            "as_mentor": [r for r in rows if r["mentor_nip"] == nip],
            "unmatched": pending,
        }
    )


@router.get("/{nip}", summary="The employee as this service knows them")
async def get_employee(nip: NipPath, new_uow: NewUnitOfWork) -> EmployeePublic:
    """The projection built from personnel's events (rank, unit, job family, superior, status)."""
    async with new_uow() as uow:
        row = await uow.queries.get_employee(nip)
    if row is None:
        raise NotFound(f"employee {nip} is not known to the mentoring service")
    return EmployeePublic.model_validate(row)
