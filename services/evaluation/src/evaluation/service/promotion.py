"""The promotion engine's use cases: re-evaluate, and what rejections and promotions change."""

from __future__ import annotations

import logging
import uuid
from datetime import date
from typing import Any

from evaluation.domain.eligibility import Eligibility, EmployeeFacts, assess
from evaluation.domain.kp_rules import next_kp_period, rules_on
from evaluation.service.ports import Repositories
from jenjang_shared.contracts import (
    PromotionEvidence,
    PromotionRecommendationWithdrawn,
    PromotionRecommended,
)
from jenjang_shared.db.unit_of_work import UnitOfWork
from jenjang_shared.errors import NotFound

log = logging.getLogger(__name__)


async def assess_many(
    employees: list[EmployeeFacts], kp_period: date, repos: Repositories
) -> list[Eligibility]:
    """Assess a batch with three set-based reads (evaluations, exams), then the pure engine."""
    rules = rules_on(kp_period)
    nips = [e.nip for e in employees]
    years = [kp_period.year - n for n in range(rules.years_looked_at, 0, -1)]
    annual = await repos.evaluations.annual_predikat(nips, years)
    exams = await repos.employees.exams_of(nips)
    return [
        assess(e, annual.get(e.nip, {}), exams.get(e.nip, []), kp_period, rules) for e in employees
    ]


async def explain_eligibility(nip: str, as_of: date, repos: Repositories) -> Eligibility:
    """Eligibility at the first KP period on or after `as_of`, criterion by criterion."""
    facts = await repos.employees.get(nip)
    if facts is None:
        raise NotFound(f"employee {nip} is not known to the evaluation service")
    (result,) = await assess_many([facts], next_kp_period(as_of), repos)
    return result


async def recommend_eligible(
    employees: list[EmployeeFacts], kp_period: date, *, uow: UnitOfWork, repos: Repositories
) -> int:
    """Publish PromotionRecommended for every eligible employee of the batch, exactly once per
    employee and target golongan (an open one is never repeated; a rejected target waits for a
    later KP period). Returns how many were published."""
    if not employees:
        return 0
    results = [r for r in await assess_many(employees, kp_period, repos) if r.eligible]
    if not results:
        return 0
    nips = [r.nip for r in results]
    taken = await repos.promotions.open_targets(nips) | await repos.promotions.blocked(
        nips, kp_period
    )
    events = [
        _recommendation(result)
        for result in results
        if (result.nip, result.to_golongan) not in taken
    ]
    # The unique index on open recommendations decides races between two transactions: only
    # the recommendations actually inserted are published (in this transaction's outbox).
    published = await repos.promotions.add_recommendations(events, uow.outbox)
    return published


def _recommendation(result: Eligibility) -> PromotionRecommended:
    assert result.to_golongan is not None and result.from_golongan is not None
    return PromotionRecommended(
        recommendation_id=str(uuid.uuid4()),
        nip=result.nip,
        from_golongan=result.from_golongan,
        to_golongan=result.to_golongan,
        kp_period=result.kp_period,
        rules_version=result.rules_version,
        evidence=PromotionEvidence(
            years_in_rank=result.years_in_rank,
            predikat_per_year=result.predikat_per_year,
            education_cap=result.education_cap or result.to_golongan,
            exams=result.exams,
        ),
    )


async def withdraw_ineligible(
    employees: list[EmployeeFacts], *, uow: UnitOfWork, repos: Repositories
) -> int:
    """Withdraw every OPEN recommendation of the batch that no longer holds: the same engine,
    at the recommendation's own KP period, finds the employee ineligible (or with another
    target). Each is closed as WITHDRAWN and PromotionRecommendationWithdrawn is published in
    this transaction; only the rows actually closed are published, so a repeat publishes
    nothing. Returns how many were withdrawn."""
    if not employees:
        return 0
    facts = {e.nip: e for e in employees}
    open_ones = await repos.promotions.open_recommendations(list(facts))
    by_period: dict[date, list[dict[str, Any]]] = {}
    for recommendation in open_ones:
        by_period.setdefault(recommendation["kp_period"], []).append(recommendation)
    events = []
    for kp_period, recommendations in by_period.items():
        results = await assess_many([facts[r["nip"]] for r in recommendations], kp_period, repos)
        for recommendation, result in zip(recommendations, results, strict=True):
            reason = _no_longer_holds(result, recommendation["to_golongan"])
            if reason is not None:
                events.append(
                    PromotionRecommendationWithdrawn(
                        recommendation_id=recommendation["recommendation_id"],
                        nip=recommendation["nip"],
                        to_golongan=recommendation["to_golongan"],
                        kp_period=kp_period,
                        reason=reason,
                        rules_version=result.rules_version,
                    )
                )
    return await repos.promotions.withdraw(events, uow.outbox)


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
    employees: list[EmployeeFacts], kp_period: date, *, uow: UnitOfWork, repos: Repositories
) -> int:
    """Withdraw the open recommendations that no longer hold, then recommend the eligible for
    `kp_period`. Returns how many recommendations were published."""
    await withdraw_ineligible(employees, uow=uow, repos=repos)
    return await recommend_eligible(employees, kp_period, uow=uow, repos=repos)


async def reevaluate(nip: str, today: date, *, uow: UnitOfWork, repos: Repositories) -> int:
    """Re-evaluate one employee for the next KP period on or after `today` (and withdraw an
    open recommendation that no longer holds)."""
    facts = await repos.employees.get(nip)
    if facts is None:
        return 0
    return await reevaluate_batch([facts], next_kp_period(today), uow=uow, repos=repos)


async def record_rejection(
    *,
    nip: str,
    recommendation_id: str,
    reason: str,
    kp_period: date | None,
    to_golongan: str | None,
    repos: Repositories,
) -> None:
    """A rejected proposal: its recommendation is closed and its target blocked for its period."""
    recommendation = await repos.promotions.get_recommendation(recommendation_id)
    if recommendation is not None:
        await repos.promotions.reject(recommendation_id, reason)
        kp_period = kp_period or recommendation["kp_period"]
        to_golongan = to_golongan or recommendation["to_golongan"]
    if kp_period is None or to_golongan is None:
        log.warning("rejection of unknown recommendation %s for %s ignored", recommendation_id, nip)
        return
    await repos.promotions.block(nip, to_golongan, kp_period, reason)
