"""Potential assessments, the talent box and the unit distribution, on the fakes."""

from __future__ import annotations

import pytest

from evaluation.domain.distribution import QuotaCurve
from evaluation.domain.talent_box import Potential
from evaluation.service.talent import record_potential, unit_distribution, unit_talent_box
from jenjang_shared.contracts.vocabulary import Predikat, Rating
from jenjang_shared.errors import InvalidInput
from jenjang_testing.builders import new_nip

from .fakes import FakeUnitOfWork
from .scenarios import ADMIN, EVALUATOR, EVERYONE, TODAY, annual, facts

CURVE = QuotaCurve(0.7, 0.7, True)


async def potential(uow: FakeUnitOfWork, nip: str, value: Potential, year: int = 2025) -> bool:
    _, created = await record_potential(
        uow, nip=nip, year=year, potential=value, assessor_nip=EVALUATOR, notes=None,
        caller=ADMIN, today=TODAY,
    )  # fmt: skip
    return created


async def test_a_potential_is_recorded_then_replaced():
    uow = FakeUnitOfWork()
    nip = new_nip()
    assert await potential(uow, nip, Potential.LOW) is True
    assert await potential(uow, nip, Potential.HIGH) is False
    assert await uow.potentials.for_nips([nip], 2025) == {nip: "HIGH"}


async def test_a_potential_for_a_year_not_started_or_by_oneself_is_refused():
    uow = FakeUnitOfWork()
    nip = new_nip()
    with pytest.raises(InvalidInput) as future:
        await potential(uow, nip, Potential.LOW, year=TODAY.year + 1)
    assert future.value.field == "year"
    with pytest.raises(InvalidInput) as own:
        await record_potential(
            uow, nip=nip, year=2025, potential=Potential.LOW, assessor_nip=nip, notes=None,
            caller=ADMIN, today=TODAY,
        )  # fmt: skip
    assert own.value.field == "assessor_nip"
    assert uow.potentials.rows == {}


async def test_the_talent_box_places_each_employee_of_the_unit_or_says_what_is_missing():
    uow = FakeUnitOfWork()
    staff = [facts(unit_code="DISKOMINFO") for _ in range(3)]
    elsewhere = facts(unit_code="BKD")
    for employee in [*staff, elsewhere]:
        await uow.employees.register(employee)
    await uow.evaluations.add(annual(staff[0].nip, 2025))  # BAIK: as expected
    await uow.evaluations.add(annual(staff[1].nip, 2025, Rating.DI_ATAS, Rating.DI_ATAS))
    await potential(uow, staff[0].nip, Potential.HIGH)
    await potential(uow, staff[1].nip, Potential.HIGH)
    await potential(uow, staff[2].nip, Potential.LOW)

    box = await unit_talent_box(uow, unit_code="DISKOMINFO", year=2025, visibility=EVERYONE)
    placed = {p.nip: p for p in box.placements}
    assert set(placed) == {e.nip for e in staff}
    assert placed[staff[0].nip].box == 8 and "succession pool" in placed[staff[0].nip].actions
    assert placed[staff[1].nip].box == 9
    assert placed[staff[2].nip].box is None
    assert placed[staff[2].nip].missing == "no annual evaluation for 2025"
    assert box.boxes == {8: 1, 9: 1}


async def test_the_distribution_flags_too_many_baik_of_the_units_current_staff():
    uow = FakeUnitOfWork()
    staff = [facts(unit_code="DISKOMINFO") for _ in range(4)]
    for employee in staff:
        await uow.employees.register(employee)
    for employee in staff[:3]:
        await uow.evaluations.add(annual(employee.nip, 2025))
    await uow.evaluations.add(annual(staff[3].nip, 2025, Rating.DI_ATAS, Rating.DI_ATAS))
    result = await unit_distribution(
        uow, unit_code="DISKOMINFO", period="2025", unit_result=Predikat.BAIK, curve=CURVE,
        visibility=EVERYONE,
    )  # fmt: skip
    assert result.total == 4 and result.counts[Predikat.BAIK] == 3
    assert len(result.breaches) == 2  # BAIK share 75 % and nobody below BAIK


async def test_a_distribution_for_an_unreadable_period_is_refused():
    with pytest.raises(InvalidInput) as refused:
        await unit_distribution(
            FakeUnitOfWork(), unit_code="X", period="2025-13", unit_result=Predikat.BAIK,
            curve=CURVE, visibility=EVERYONE,
        )  # fmt: skip
    assert refused.value.field == "period"
