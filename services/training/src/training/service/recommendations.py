"""Recommendations: each is recorded once per employee and reason key, and TrainingRecommended
is published once with it (the unique (nip, reason_key) makes a repeat a no-op). The rules are
in `training.domain.recommending` (docs/domain.md)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import EvaluationRecorded, TrainingRecommended
from jenjang_shared.contracts.vocabulary import EmploymentType
from jenjang_shared.errors import NotFound
from training.domain import recommending as rules
from training.domain.jp import PNS_MIN_JP
from training.domain.model import Employee, Recommendation
from training.service.ports import UNRESTRICTED, UnitOfWork


async def of_employee(
    uow: UnitOfWork,
    *,
    nip: str,
    visibility: Visibility,
    caller_nip: str | None,
    limit: int,
    offset: int,
) -> tuple[list[Recommendation], int]:
    """An employee's recommendations, oldest first: the window asked for and the total.

    Someone outside the caller's scope is "not found". A recommendation says why (a weak
    predikat of an evaluation), so reading another person's is recorded in the audit log."""
    if not await uow.employees.visible(nip, visibility):
        raise NotFound(f"employee {nip} is not known to training")
    found = await uow.recommendations.for_employee(nip, scope=visibility)
    if caller_nip != nip:
        await uow.audit(operation="recommendation.read", record_type="employee", record_id=nip)
    return found[offset : offset + limit], len(found)


async def _recommend(
    uow: UnitOfWork, nip: str, suggestion: rules.Suggestion, *, publish: bool = True
) -> Recommendation | None:
    recommendation = await uow.recommendations.add(nip, suggestion, published=publish)
    if recommendation is not None and publish:
        await _announce(
            uow, recommendation.nip, recommendation.reason_key, recommendation.course_codes
        )
    return recommendation


async def _announce(
    uow: UnitOfWork, nip: str, reason_key: str, course_codes: Sequence[str]
) -> None:
    # TrainingRecommended's `reason` is the reason key: consumers tell the rules apart by it.
    await uow.publish(
        TrainingRecommended(nip=nip, course_codes=list(course_codes), reason=reason_key)
    )


async def for_new_employee(uow: UnitOfWork, employee: Employee) -> None:
    """A newly registered CPNS gets Latsar (whatever LATSAR courses the catalogue has now)."""
    if employee.employment_type is EmploymentType.CPNS:
        await _recommend(uow, employee.nip, rules.new_cpns(await uow.courses.all()))


async def for_evaluation(uow: UnitOfWork, evaluation: EvaluationRecorded) -> None:
    """A weak annual predikat gets the courses of the employee's job family. When the employee
    (or their job family) is not known yet, the recommendation is recorded and waits: it is
    completed and published when personnel's event arrives (`publish_waiting`)."""
    if not rules.is_weak_annual(evaluation.period_type, evaluation.predikat):
        return
    employee = await uow.employees.get(evaluation.nip)
    job_family = employee.job_family if employee else None
    suggestion = rules.weak_predikat(
        period=evaluation.period,
        predikat=evaluation.predikat,
        job_family=job_family,
        catalogue=await uow.courses.all(),
        passed=await uow.enrollments.passed_course_codes(evaluation.nip),
    )
    await _recommend(uow, evaluation.nip, suggestion, publish=job_family is not None)


async def publish_waiting(uow: UnitOfWork, employee: Employee) -> None:
    """Complete and publish the recommendations that waited for this employee's job family."""
    if employee.job_family is None:
        return
    waiting = await uow.recommendations.unpublished(employee.nip)
    if not waiting:
        return
    catalogue = await uow.courses.all()
    passed = await uow.enrollments.passed_course_codes(employee.nip)
    codes = rules.job_family_courses(employee.job_family, catalogue, passed=passed)
    for recommendation in waiting:
        await uow.recommendations.mark_published(recommendation.id, codes)
        await _announce(uow, employee.nip, recommendation.reason_key, codes)


@dataclass(frozen=True)
class SweepResult:
    year: int
    as_of: date
    checked: int
    below_minimum: int
    recommended: int


async def sweep_jp_shortfall(
    uow: UnitOfWork, *, year: int | None, as_of: date | None, today: date
) -> SweepResult:
    """In the last quarter, every active PNS/CPNS below 20 JP that year gets courses that fit
    the gap (once per employee and year: JP_SHORTFALL:<year>). `as_of` defaults to today and
    `year` to the year of `as_of`; a sweep ahead of today or outside the quarter is 422."""
    as_of = as_of or today
    year = year or as_of.year
    rules.check_sweep_window(year=year, as_of=as_of, today=today)
    below, below_count = await uow.ledger.below_minimum(
        year=year, minimum=PNS_MIN_JP, unit_code=None, scope=UNRESTRICTED, limit=None, offset=0
    )
    checked = await uow.employees.count_active_with_minimum()
    catalogue = await uow.courses.all()
    recommended = 0
    for row in below:
        suggestion = rules.jp_shortfall(
            year=year,
            total_jp=row.total_jp,
            minimum=PNS_MIN_JP,
            job_family=row.employee.job_family,
            catalogue=catalogue,
            passed=await uow.enrollments.passed_course_codes(row.employee.nip),
        )
        if suggestion and await _recommend(uow, row.employee.nip, suggestion):
            recommended += 1
    result = SweepResult(
        year=year,
        as_of=as_of,
        checked=checked,
        below_minimum=below_count,
        recommended=recommended,
    )
    await uow.audit(
        operation="recommendation_sweep.run",
        record_type="recommendation_sweep",
        record_id=f"JP_SHORTFALL:{year}",
        after=dataclasses.asdict(result),
    )
    return result
