"""Routes of employees as this service knows them: the projection, and their mentorships.

Scoped: HR sees the employees of its units, a supervisor their direct reports and themselves,
an employee themselves (404 for anyone else, as for an unknown NIP).
"""

from __future__ import annotations

from fastapi import APIRouter

from jenjang_shared.access import Visibility
from jenjang_shared.web.params import NipPath
from mentoring.entrypoints.http.deps import Anyone, NewUnitOfWork
from mentoring.entrypoints.http.schemas import EmployeeMentorships, EmployeePublic
from mentoring.service import reads

router = APIRouter(prefix="/employees", tags=["employees"])


@router.get("/{nip}/mentorships", summary="An employee's mentorships in both roles")
async def employee_mentorships(
    nip: NipPath, caller: Anyone, new_uow: NewUnitOfWork
) -> EmployeeMentorships:
    """As mentee and as mentor (every status), and any request still waiting for a mentor.
    Reading another person's is audited."""
    async with new_uow() as uow:
        found = await reads.employee_mentoring(
            uow, nip=nip, visibility=Visibility.of(caller), reader_nip=caller.nip
        )
    return EmployeeMentorships.model_validate(found, from_attributes=True)


@router.get("/{nip}", summary="The employee as this service knows them")
async def get_employee(nip: NipPath, caller: Anyone, new_uow: NewUnitOfWork) -> EmployeePublic:
    """The projection built from personnel's events (rank, unit, job family, superior, status)."""
    async with new_uow() as uow:
        row = await reads.employee(uow, nip=nip, visibility=Visibility.of(caller))
    return EmployeePublic.model_validate(row)
