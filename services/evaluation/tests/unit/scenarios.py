"""Ready-made states for the unit tests: an employee eligible on the next KP period, and dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from evaluation.domain.eligibility import EmployeeFacts
from evaluation.domain.evaluation import Evaluation
from evaluation.domain.predikat import predikat_of
from jenjang_shared.access import Principal, Role, Visibility
from jenjang_shared.contracts.vocabulary import (
    Education,
    EmploymentType,
    PeriodType,
    PositionKind,
    Rating,
)
from jenjang_testing.builders import new_nip

from .fakes import FakeUnitOfWork

TODAY = date(2026, 11, 28)  # the next KP period is 2026-12-01
KP = date(2026, 12, 1)
EVALUATOR = "197001012000011001"
ADMIN = Principal(subject="admin-bkd", roles=frozenset({Role.ADMIN}))
EVERYONE = Visibility.unrestricted()


def facts(nip: str | None = None, **overrides: Any) -> EmployeeFacts:
    """A PNS III/a (S1, PELAKSANA in BKD) with exactly 4 years in rank on KP."""
    base = EmployeeFacts(
        nip=nip or new_nip(),
        employment_type=EmploymentType.PNS,
        golongan="III/a",
        golongan_tmt=date(2022, 12, 1),
        education=Education.S1,
        unit_code="BKD",
        position_kind=PositionKind.PELAKSANA,
    )
    return replace(base, **overrides)


def annual(
    nip: str,
    year: int,
    hasil: Rating = Rating.SESUAI,
    perilaku: Rating = Rating.SESUAI,
    version: int = 1,
) -> Evaluation:
    return Evaluation(
        evaluation_id=f"{nip}-{year}-{version}",
        nip=nip,
        evaluator_nip=EVALUATOR,
        period_type=PeriodType.ANNUAL,
        period=str(year),
        period_year=year,
        version=version,
        hasil_kerja=hasil,
        perilaku_kerja=perilaku,
        predikat=predikat_of(hasil, perilaku),
        notes=None,
        correction_reason=None if version == 1 else "correction",
    )


async def eligible_employee(uow: FakeUnitOfWork, **overrides: Any) -> EmployeeFacts:
    """Projected, with BAIK 2024 and SANGAT_BAIK 2025: eligible III/a -> III/b on KP."""
    employee = facts(**overrides)
    await uow.employees.register(employee)
    await uow.evaluations.add(annual(employee.nip, 2024))
    await uow.evaluations.add(annual(employee.nip, 2025, Rating.DI_ATAS, Rating.DI_ATAS))
    return employee
