"""Personnel's handler table: every event type of every topic, each to its service-layer
handler (service/handlers.py). Bootstrap binds it to PostgreSQL; the docs generator and the
contract tests read it through the `jenjang.handlers` entry point."""

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
from jenjang_shared.messaging.handlers import ServiceHandlerTable
from personnel.service import handlers
from personnel.service.ports import UnitOfWork

HANDLERS: ServiceHandlerTable[UnitOfWork] = {
    EmployeeRegistered: handlers.on_employee_registered,
    EmployeeUpdated: handlers.on_employee_updated,
    EmployeeTransferred: handlers.on_employee_transferred,
    EmployeePromoted: handlers.on_employee_promoted,
    PromotionProposalRejected: handlers.on_promotion_proposal_rejected,
    EmployeeRetired: handlers.on_employee_retired,
    TrainingEnrolled: handlers.on_training_enrolled,
    TrainingCompleted: handlers.on_training_completed,
    TrainingRecommended: handlers.on_training_recommended,
    MentorshipStarted: handlers.on_mentorship_started,
    MentoringSessionRecorded: handlers.on_mentoring_session_recorded,
    MentorshipCompleted: handlers.on_mentorship_completed,
    EvaluationRecorded: handlers.on_evaluation_recorded,
    PromotionRecommended: handlers.on_promotion_recommended,
    PromotionRecommendationWithdrawn: handlers.on_promotion_recommendation_withdrawn,
    AllowanceEntitlementChanged: handlers.on_allowance_entitlement_changed,
    BenefitClaimDecided: handlers.on_benefit_claim_decided,
}
