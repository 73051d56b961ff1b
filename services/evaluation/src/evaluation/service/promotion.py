"""The promotion engine's use cases: explain, re-evaluate (recommend and withdraw), rejections.

Every read is set-based over a batch of employees, so that a sweep of thousands costs a few
statements per batch, not a few per employee.
"""

from __future__ import annotations

import logging
import uuid
from datetime import date

from evaluation.domain.eligibility import Eligibility, EmployeeFacts, assess, years_needed
from evaluation.domain.kp_rules import next_kp_period, rules_on
from evaluation.service.access import audit_read, not_known, visible_employee
from evaluation.service.ports import (
    NewRecommendation,
    Recommendation,
    UnitOfWork,
    Withdrawal,
)
from jenjang_shared.access import Visibility
from jenjang_shared.contracts import (
    PromotionEvidence,
    PromotionRecommendationWithdrawn,
    PromotionRecommended,
)
from jenjang_shared.contracts.evaluation import CreditPointsFinding, CriterionFinding

log = logging.getLogger(__name__)


async def assess_many(
    uow: UnitOfWork, *, employees: list[EmployeeFacts], kp_period: date
) -> list[Eligibility]:
    """Assess a batch with two set-based reads (annual predikat, exams), then the pure engine."""
    rules = rules_on(kp_period)
    nips = [e.nip for e in employees]
    # A JF holder's track reads every year of the rank (its angka kredit), the others two.
    years = sorted({y for e in employees for y in years_needed(e, kp_period, rules)})
    annual = await uow.evaluations.annual_predikat(nips, years)
    exams = await uow.employees.exams_of(nips)
    return [
        assess(e, annual.get(e.nip, {}), exams.get(e.nip, []), kp_period, rules) for e in employees
    ]


async def explain_eligibility(
    uow: UnitOfWork, *, nip: str, as_of: date, visibility: Visibility, reader_nip: str | None
) -> Eligibility:
    """Eligibility at the first KP period on or after `as_of`, criterion by criterion. Unknown
    or outside the caller's `visibility`: 404. It shows the predikat per year, so a read of
    another person's is audited (eligibility.read)."""
    facts = await uow.employees.get(nip, visible_to=visibility)
    if facts is None:
        raise not_known(nip)
    (result,) = await assess_many(uow, employees=[facts], kp_period=next_kp_period(as_of))
    await audit_read(uow, operation="eligibility.read", nip=nip, reader_nip=reader_nip)
    return result


async def recommendations_of(
    uow: UnitOfWork, *, nip: str, visibility: Visibility, reader_nip: str | None
) -> list[Recommendation]:
    """The recommendations published for an employee, newest first, with their status.
    Outside the caller's `visibility`: 404; a read of another person's (their evidence holds
    the predikat) is audited (recommendation.read)."""
    await visible_employee(uow, nip=nip, visibility=visibility)
    found = await uow.recommendations.of_employee(nip, visible_to=visibility)
    await audit_read(uow, operation="recommendation.read", nip=nip, reader_nip=reader_nip)
    return found


async def recommend_eligible(
    uow: UnitOfWork, *, employees: list[EmployeeFacts], kp_period: date
) -> int:
    """Publish PromotionRecommended for every eligible employee of the batch, exactly once per
    employee and target golongan (an open one is never repeated; a rejected target waits for a
    later KP period). Returns how many were published."""
    if not employees:
        return 0
    results = [
        r for r in await assess_many(uow, employees=employees, kp_period=kp_period) if r.eligible
    ]
    if not results:
        return 0
    nips = [r.nip for r in results]
    taken = await uow.recommendations.open_targets(nips)
    taken |= await uow.recommendations.blocked(nips, kp_period)
    events = [_recommended(r) for r in results if (r.nip, r.to_golongan) not in taken]
    if not events:
        return 0
    # The unique index on open recommendations decides races between two transactions: only
    # the recommendations actually recorded are published.
    recorded = await uow.recommendations.add([_new_recommendation(e) for e in events])
    published = [e for e in events if e.recommendation_id in recorded]
    for event in published:
        await uow.audit(
            operation="recommendation.create",
            record_type="recommendation",
            record_id=event.recommendation_id,
            after={
                "nip": event.nip,
                "from_golongan": event.from_golongan,
                "to_golongan": event.to_golongan,
                "kp_period": event.kp_period,
                "status": "OPEN",
            },
        )
    await uow.publish_many(published)
    return len(recorded)


def _recommended(result: Eligibility) -> PromotionRecommended:
    assert result.to_golongan is not None and result.from_golongan is not None
    credit = result.credit
    return PromotionRecommended(
        recommendation_id=str(uuid.uuid4()),
        nip=result.nip,
        track=result.track,
        from_golongan=result.from_golongan,
        to_golongan=result.to_golongan,
        kp_period=result.kp_period,
        rules_version=result.rules_version,
        evidence=PromotionEvidence(
            years_in_rank=result.years_in_rank,
            predikat_per_year=result.predikat_per_year,
            education_cap=result.education_cap or result.to_golongan,
            exams=result.exams,
            criteria=[
                CriterionFinding(name=c.name, met=c.met, detail=c.missing) for c in result.criteria
            ],
            rule_versions=result.rule_versions,
            pension_date=result.pension_date,
            rank_range=list(result.rank_range) if result.rank_range else None,
            credit_points=CreditPointsFinding(
                start=credit.start,
                start_source=credit.start_source,
                per_year={str(y): v for y, v in credit.per_year.items()},
                cumulative=credit.cumulative,
                required=result.credit_required,
            )
            if credit is not None and result.credit_required is not None
            else None,
        ),
    )


def _new_recommendation(event: PromotionRecommended) -> NewRecommendation:
    return NewRecommendation(
        recommendation_id=event.recommendation_id,
        nip=event.nip,
        from_golongan=event.from_golongan,
        to_golongan=event.to_golongan,
        kp_period=event.kp_period,
        rules_version=event.rules_version,
        evidence=event.evidence.model_dump(mode="json"),
    )


async def withdraw_ineligible(uow: UnitOfWork, *, employees: list[EmployeeFacts]) -> int:
    """Withdraw every OPEN recommendation of the batch that no longer holds: the same engine,
    at the recommendation's own KP period, finds the employee ineligible (or with another
    target). Each is closed as WITHDRAWN and PromotionRecommendationWithdrawn is published in
    this unit of work; only the rows actually closed are published, so a repeat publishes
    nothing. Returns how many were withdrawn."""
    if not employees:
        return 0
    facts = {e.nip: e for e in employees}
    by_period: dict[date, list[Recommendation]] = {}
    for recommendation in await uow.recommendations.open_of(list(facts)):
        by_period.setdefault(recommendation.kp_period, []).append(recommendation)
    events = []
    for kp_period, recommendations in by_period.items():
        results = await assess_many(
            uow, employees=[facts[r.nip] for r in recommendations], kp_period=kp_period
        )
        for recommendation, result in zip(recommendations, results, strict=True):
            reason = _no_longer_holds(result, recommendation.to_golongan)
            if reason is not None:
                events.append(
                    PromotionRecommendationWithdrawn(
                        recommendation_id=recommendation.recommendation_id,
                        nip=recommendation.nip,
                        to_golongan=recommendation.to_golongan,
                        kp_period=kp_period,
                        reason=reason,
                        rules_version=result.rules_version,
                    )
                )
    if not events:
        return 0
    closed = await uow.recommendations.withdraw(
        [Withdrawal(e.recommendation_id, e.reason) for e in events]
    )
    withdrawn = [e for e in events if e.recommendation_id in closed]
    for event in withdrawn:
        await uow.audit(
            operation="recommendation.withdraw",
            record_type="recommendation",
            record_id=event.recommendation_id,
            before={"status": "OPEN"},
            after={"status": "WITHDRAWN", "status_reason": event.reason},
        )
    await uow.publish_many(withdrawn)
    return len(closed)


def _no_longer_holds(result: Eligibility, to_golongan: str) -> str | None:
    """Why a recommendation for `to_golongan` no longer holds, or None when it still does."""
    if not result.eligible:
        return "; ".join(
            f"{c.name}: {c.missing or 'not met'}" for c in result.criteria if not c.met
        )
    if result.to_golongan != to_golongan:
        return f"the next golongan is now {result.to_golongan}, not {to_golongan}"
    return None


async def reevaluate_batch(
    uow: UnitOfWork, *, employees: list[EmployeeFacts], kp_period: date
) -> int:
    """Withdraw the open recommendations that no longer hold, then recommend the eligible for
    `kp_period`. Returns how many recommendations were published."""
    await withdraw_ineligible(uow, employees=employees)
    return await recommend_eligible(uow, employees=employees, kp_period=kp_period)


async def reevaluate(uow: UnitOfWork, *, nip: str, today: date) -> int:
    """Re-evaluate one employee for the next KP period on or after `today` (and withdraw an
    open recommendation that no longer holds). An employee not projected yet is left alone."""
    facts = await uow.employees.get(nip, visible_to=Visibility.unrestricted())
    if facts is None:
        return 0
    return await reevaluate_batch(uow, employees=[facts], kp_period=next_kp_period(today))


async def record_rejection(
    uow: UnitOfWork,
    *,
    nip: str,
    recommendation_id: str,
    reason: str,
    kp_period: date | None,
    to_golongan: str | None,
) -> None:
    """A rejected proposal: its recommendation is closed and its target blocked for its period
    (the period and target come from the event, else from the recommendation)."""
    recommendation = await uow.recommendations.get(recommendation_id)
    if recommendation is not None:
        await uow.recommendations.reject(recommendation_id, reason)
        await uow.audit(
            operation="recommendation.reject",
            record_type="recommendation",
            record_id=recommendation_id,
            before={"status": recommendation.status},
            after={"status": "REJECTED", "status_reason": reason},
        )
        kp_period = kp_period or recommendation.kp_period
        to_golongan = to_golongan or recommendation.to_golongan
    if kp_period is None or to_golongan is None:
        log.warning("rejection of unknown recommendation %s ignored", recommendation_id)
        return
    await uow.recommendations.block(nip, to_golongan, kp_period, reason)
