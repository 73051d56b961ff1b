"""Potential assessments, the unit talent box and the unit predikat distribution."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from evaluation.domain.distribution import Distribution, QuotaCurve, distribution
from evaluation.domain.periods import PeriodError, parse_any_period
from evaluation.domain.talent_box import ACTIONS, Potential, box_of, performance_of
from evaluation.service.access import acting_person, unit_scope, writable_employee
from evaluation.service.ports import PotentialAssessment, UnitOfWork
from jenjang_shared.access import Principal, Visibility
from jenjang_shared.contracts.vocabulary import Predikat
from jenjang_shared.errors import InvalidInput


async def record_potential(
    uow: UnitOfWork,
    *,
    nip: str,
    year: int,
    potential: Potential,
    assessor_nip: str | None,
    notes: str | None,
    caller: Principal,
    today: date,
) -> tuple[PotentialAssessment, bool]:
    """Record (or replace) the potential of an employee for a year: what was recorded, and
    True when it is new. A supervisor assesses their direct reports, as themself; hr the
    employees of its units; admin and internal apps anyone (and may name the assessor).
    Audited as potential.record with the replaced assessment as `before`."""
    _, capacity = await writable_employee(
        uow, nip=nip, caller=caller, what="record the potential of"
    )
    assessor = acting_person(caller, capacity, assessor_nip, field="assessor_nip")
    if year > today.year:
        raise InvalidInput(f"year {year} has not started yet", field="year")
    if assessor == nip:
        raise InvalidInput("an employee cannot assess themselves", field="assessor_nip")
    previous = await uow.potentials.get(nip, year)
    created = await uow.potentials.upsert(nip, year, potential.value, assessor, notes)
    recorded = PotentialAssessment(nip, year, potential.value, assessor, notes)
    await uow.audit(
        operation="potential.record",
        record_type="potential_assessment",
        record_id=f"{nip}/{year}",
        before=dataclasses.asdict(previous) if previous else None,
        after=dataclasses.asdict(recorded),
    )
    return recorded, created


@dataclass(frozen=True)
class TalentPlacement:
    nip: str
    predikat: Predikat | None
    performance: str | None
    potential: Potential | None
    box: int | None
    actions: tuple[str, ...]
    missing: str | None


@dataclass(frozen=True)
class TalentBox:
    placements: list[TalentPlacement]
    boxes: dict[int, int]  # box -> how many employees are placed in it


async def unit_talent_box(
    uow: UnitOfWork, *, unit_code: str, year: int, visibility: Visibility
) -> TalentBox:
    """Each employee of the unit in box 1-9 from the annual predikat and potential of `year`.
    For admin, internal apps and hr of the unit (another unit is 404); a supervisor gets their
    direct reports in the unit only. Audited as talent_box.read (it shows each one's predikat)."""
    unit_scope(visibility, unit_code=unit_code, superiors_too=True)
    employees = await uow.employees.in_unit(unit_code, visible_to=visibility)
    nips = [e.nip for e in employees]
    annual = await uow.evaluations.annual_predikat(nips, [year])
    potentials = await uow.potentials.for_nips(nips, year)
    placements = []
    for nip in nips:
        predikat = annual.get(nip, {}).get(year)
        potential = Potential(potentials[nip]) if nip in potentials else None
        missing = []
        if predikat is None:
            missing.append(f"no annual evaluation for {year}")
        if potential is None:
            missing.append(f"no potential assessment for {year}")
        box = box_of(predikat, potential) if predikat and potential else None
        placements.append(
            TalentPlacement(
                nip=nip,
                predikat=predikat,
                performance=performance_of(predikat).value if predikat else None,
                potential=potential,
                box=box,
                actions=ACTIONS[box] if box else (),
                missing="; ".join(missing) or None,
            )
        )
    boxes: dict[int, int] = {}
    for placement in placements:
        if placement.box:
            boxes[placement.box] = boxes.get(placement.box, 0) + 1
    await uow.audit(
        operation="talent_box.read",
        record_type="unit",
        record_id=unit_code,
        after={"year": year, "employees": len(placements)},
    )
    return TalentBox(placements, boxes)


async def unit_distribution(
    uow: UnitOfWork,
    *,
    unit_code: str,
    period: str,
    unit_result: Predikat,
    curve: QuotaCurve,
    visibility: Visibility,
) -> Distribution:
    """Predikat counts of the unit's current staff for a period (current versions only). For
    admin, internal apps and hr of the unit (another unit is 404): a count over part of a unit
    would misstate its curve."""
    unit_scope(visibility, unit_code=unit_code, superiors_too=False)
    try:
        parsed = parse_any_period(period)
    except PeriodError as exc:
        raise InvalidInput(str(exc), field="period") from exc
    evaluations = await uow.evaluations.current_for_unit(
        unit_code, parsed.text, visible_to=visibility
    )
    return distribution([e.predikat for e in evaluations], unit_result, curve)
