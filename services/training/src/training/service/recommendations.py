"""Recommendations: each is recorded once per employee and reason key, and TrainingRecommended
is published once with it (the unique (nip, reason_key) makes a repeat a no-op)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jenjang_shared.contracts import EvaluationRecorded, TrainingRecommended
from jenjang_shared.contracts.vocabulary import EmploymentType
from jenjang_shared.db.unit_of_work import UnitOfWork
from training.domain import recommending as rules
from training.domain.jp import PNS_MIN_JP
from training.domain.model import Employee, Recommendation
from training.service.ports import Store


async def _recommend(
    nip: str, suggestion: rules.Suggestion, *, uow: UnitOfWork, store: Store, publish: bool = True
) -> Recommendation | None:
    recommendation = await store.recommendations.add(nip, suggestion, published=publish)
    if recommendation is not None and publish:
        await _announce(uow, recommendation)
    return recommendation


async def _announce(uow: UnitOfWork, recommendation: Recommendation) -> None:
    await uow.publish(
        TrainingRecommended(
            nip=recommendation.nip,
            course_codes=list(recommendation.course_codes),
            reason=recommendation.reason_key,
        )
    )


async def on_new_employee(employee: Employee, *, uow: UnitOfWork, store: Store) -> None:
    """A newly registered CPNS gets Latsar (whatever LATSAR courses the catalogue has now)."""
    if employee.employment_type is EmploymentType.CPNS:
        await _recommend(
            employee.nip, rules.new_cpns(await store.courses.all()), uow=uow, store=store
        )


async def on_evaluation(event: EvaluationRecorded, *, uow: UnitOfWork, store: Store) -> None:
    """A weak annual predikat gets the courses of the employee's job family. When the employee
    (or their job family) is not known yet, the recommendation is recorded and waits: it is
    completed and published when personnel's event arrives (`complete_waiting`)."""
    if not rules.is_weak_annual(event.period_type, event.predikat):
        return
    employee = await store.employees.get(event.nip)
    job_family = employee.job_family if employee else None
    suggestion = rules.weak_predikat(
        period=event.period,
        predikat=event.predikat,
        job_family=job_family,
        catalogue=await store.courses.all(),
        passed=await store.enrollments.passed_course_codes(event.nip),
    )
    await _recommend(event.nip, suggestion, uow=uow, store=store, publish=job_family is not None)


async def complete_waiting(employee: Employee, *, uow: UnitOfWork, store: Store) -> None:
    """Publish the recommendations that waited for this employee's job family."""
    if employee.job_family is None:
        return
    waiting = await store.recommendations.unpublished(employee.nip)
    if not waiting:
        return
    catalogue = await store.courses.all()
    passed = await store.enrollments.passed_course_codes(employee.nip)
    for recommendation in waiting:
        codes = rules.job_family_courses(employee.job_family, catalogue, passed=passed)
        await store.recommendations.mark_published(recommendation.id, codes)
        await uow.publish(
            TrainingRecommended(
                nip=employee.nip, course_codes=list(codes), reason=recommendation.reason_key
            )
        )


@dataclass(frozen=True)
class SweepResult:
    year: int
    as_of: date
    checked: int
    below_minimum: int
    recommended: int


async def sweep_jp_shortfall(
    *, year: int, as_of: date, today: date, uow: UnitOfWork, store: Store
) -> SweepResult:
    """In the last quarter, every active PNS/CPNS below 20 JP that year gets courses that fit
    the gap (once per employee and year: JP_SHORTFALL:<year>)."""
    rules.check_sweep_window(year=year, as_of=as_of, today=today)
    everyone = await store.ledger.below_minimum(
        year=year, minimum=PNS_MIN_JP, unit_code=None, limit=None, offset=0
    )
    checked = await store.employees.count_active_with_minimum()
    catalogue = await store.courses.all()
    recommended = 0
    for row in everyone.items:
        suggestion = rules.jp_shortfall(
            year=year,
            total_jp=row.total_jp,
            minimum=PNS_MIN_JP,
            job_family=row.employee.job_family,
            catalogue=catalogue,
            passed=await store.enrollments.passed_course_codes(row.employee.nip),
        )
        if suggestion and await _recommend(row.employee.nip, suggestion, uow=uow, store=store):
            recommended += 1
    return SweepResult(
        year=year,
        as_of=as_of,
        checked=checked,
        below_minimum=everyone.total,
        recommended=recommended,
    )
