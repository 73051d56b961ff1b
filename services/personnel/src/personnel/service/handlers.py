"""Every event handler of personnel, one per event type: each event goes on the career
timeline; PromotionRecommended also opens a promotion proposal and
PromotionRecommendationWithdrawn withdraws a pending one.

Personnel's own events come back from Kafka too: their entries were added when they were
published (same event id), so nothing is added twice. Mentoring events give two entries, for
the mentee and the mentor.
"""

from __future__ import annotations

from jenjang_shared.contracts import (
    AllowanceEntitlementChanged,
    BenefitClaimDecided,
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
    MentoringSessionRecorded,
    MentorshipCompleted,
    MentorshipStarted,
    PromotionProposalRejected,
    PromotionRecommendationWithdrawn,
    PromotionRecommended,
    TrainingCompleted,
    TrainingEnrolled,
    TrainingRecommended,
)
from personnel.service.ports import UnitOfWork
from personnel.service.proposals import open_proposal, withdraw_proposal
from personnel.service.timeline import add_to_timeline

# personnel


async def on_employee_registered(event: EmployeeRegistered, uow: UnitOfWork) -> None:
    await add_to_timeline(uow, event)


async def on_employee_updated(event: EmployeeUpdated, uow: UnitOfWork) -> None:
    await add_to_timeline(uow, event)


async def on_employee_transferred(event: EmployeeTransferred, uow: UnitOfWork) -> None:
    await add_to_timeline(uow, event)


async def on_employee_promoted(event: EmployeePromoted, uow: UnitOfWork) -> None:
    await add_to_timeline(uow, event)


async def on_promotion_proposal_rejected(event: PromotionProposalRejected, uow: UnitOfWork) -> None:
    await add_to_timeline(uow, event)


async def on_employee_retired(event: EmployeeRetired, uow: UnitOfWork) -> None:
    await add_to_timeline(uow, event)


# training


async def on_training_enrolled(event: TrainingEnrolled, uow: UnitOfWork) -> None:
    await add_to_timeline(uow, event)


async def on_training_completed(event: TrainingCompleted, uow: UnitOfWork) -> None:
    await add_to_timeline(uow, event)


async def on_training_recommended(event: TrainingRecommended, uow: UnitOfWork) -> None:
    await add_to_timeline(uow, event)


# mentoring


async def on_mentorship_started(event: MentorshipStarted, uow: UnitOfWork) -> None:
    await add_to_timeline(uow, event)


async def on_mentoring_session_recorded(event: MentoringSessionRecorded, uow: UnitOfWork) -> None:
    await add_to_timeline(uow, event)


async def on_mentorship_completed(event: MentorshipCompleted, uow: UnitOfWork) -> None:
    await add_to_timeline(uow, event)


# evaluation


async def on_evaluation_recorded(event: EvaluationRecorded, uow: UnitOfWork) -> None:
    await add_to_timeline(uow, event)


async def on_promotion_recommended(event: PromotionRecommended, uow: UnitOfWork) -> None:
    """Open its proposal (once per recommendation_id) and add the timeline entry."""
    await open_proposal(uow, event)
    await add_to_timeline(uow, event)


async def on_promotion_recommendation_withdrawn(
    event: PromotionRecommendationWithdrawn, uow: UnitOfWork
) -> None:
    """Withdraw its PENDING proposal (a decided one stays) and add the timeline entry."""
    await withdraw_proposal(uow, event)
    await add_to_timeline(uow, event)


# welfare


async def on_allowance_entitlement_changed(
    event: AllowanceEntitlementChanged, uow: UnitOfWork
) -> None:
    await add_to_timeline(uow, event)


async def on_benefit_claim_decided(event: BenefitClaimDecided, uow: UnitOfWork) -> None:
    await add_to_timeline(uow, event)
