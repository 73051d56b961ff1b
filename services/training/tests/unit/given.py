"""The state a unit test starts from, put straight into the fakes: employees, courses, sessions,
enrolments and JP already earned."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from jenjang_shared.access import Visibility
from jenjang_shared.contracts.vocabulary import EmploymentType, TrainingCategory, TrainingMethod
from jenjang_testing.builders import new_nip
from training.domain.model import (
    Course,
    Employee,
    Enrollment,
    EnrollmentStatus,
    LedgerEntry,
    Session,
)
from training.service.ports import EmployeeFacts

from .fakes import FakeUnitOfWork

TODAY = date(2025, 12, 15)
"""Mid-December: inside the JP shortfall sweep's quarter."""

EVERYONE = Visibility.unrestricted()
"""The scope of an administrator (or the service's own work): every employee."""


async def employee(
    uow: FakeUnitOfWork,
    nip: str | None = None,
    *,
    employment_type: EmploymentType = EmploymentType.PNS,
    job_family: str | None = "KESEHATAN",
    unit_code: str = "DINKES",
    supervisor_nip: str | None = None,
) -> Employee:
    return await uow.employees.upsert(
        nip or new_nip(),
        EmployeeFacts(
            name="Pegawai",
            employment_type=employment_type,
            job_family=job_family,
            unit_code=unit_code,
            unit_name=f"Unit {unit_code}",
            golongan="IX" if employment_type is EmploymentType.PPPK else "III/a",
            registered=True,
            supervisor_nip=supervisor_nip,
            sets_supervisor=True,
        ),
    )


def a_course(code: str | None = None, **overrides: Any) -> Course:
    fields: dict[str, Any] = {
        "code": code or f"C-{uuid.uuid4().hex[:6].upper()}",
        "title": "Manajemen Rumah Sakit",
        "training_category": TrainingCategory.TEKNIS,
        "training_method": TrainingMethod.KLASIKAL,
        "jp": 10,
        "provider": "BPSDM Jawa Barat",
        "job_families": ("KESEHATAN",),
    }
    return Course(**{**fields, **overrides})


async def course(uow: FakeUnitOfWork, code: str | None = None, **overrides: Any) -> Course:
    added = a_course(code, **overrides)
    await uow.courses.add(added)
    return added


async def session(
    uow: FakeUnitOfWork,
    course_code: str,
    *,
    starts_on: date = TODAY,
    days: int = 3,
    capacity: int = 30,
) -> Session:
    offered = Session(
        id=uuid.uuid4(),
        course_code=course_code,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=days - 1),
        capacity=capacity,
        location="Bandung",
    )
    await uow.sessions.add(offered)
    return offered


async def enrolment(
    uow: FakeUnitOfWork,
    held: Session,
    nip: str,
    status: EnrollmentStatus = EnrollmentStatus.CONFIRMED,
) -> Enrollment:
    return await uow.enrollments.add(session=held, nip=nip, status=status)


async def earned(uow: FakeUnitOfWork, nip: str, jp: int, *, on: date = TODAY) -> None:
    """JP already in the ledger (as a mentoring credit)."""
    await uow.ledger.add(
        LedgerEntry(
            nip=nip,
            source="MENTORING",
            source_ref=str(uuid.uuid4()),
            title="Mentoring",
            training_category=TrainingCategory.MENTORING,
            training_method=TrainingMethod.NONKLASIKAL,
            jp=jp,
            earned_on=on,
        )
    )
