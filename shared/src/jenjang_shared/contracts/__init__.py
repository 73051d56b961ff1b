"""Event contracts: one module per publishing service, plus the shared vocabulary."""

from jenjang_shared.contracts.base import Event, Golongan, Nip
from jenjang_shared.contracts.evaluation import (
    EvaluationRecorded,
    PromotionEvidence,
    PromotionRecommendationWithdrawn,
    PromotionRecommended,
)
from jenjang_shared.contracts.mentoring import (
    MentoringSessionRecorded,
    MentorshipCompleted,
    MentorshipStarted,
)
from jenjang_shared.contracts.personnel import (
    EmployeeChanges,
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    PromotionProposalRejected,
)
from jenjang_shared.contracts.registry import ALL_EVENTS, EVENT_TYPES, SERVICES, model_for
from jenjang_shared.contracts.training import (
    TrainingCompleted,
    TrainingEnrolled,
    TrainingRecommended,
)
from jenjang_shared.contracts.welfare import AllowanceEntitlementChanged, BenefitClaimDecided

__all__ = [
    "ALL_EVENTS",
    "EVENT_TYPES",
    "SERVICES",
    "AllowanceEntitlementChanged",
    "BenefitClaimDecided",
    "EmployeeChanges",
    "EmployeePromoted",
    "EmployeeRegistered",
    "EmployeeRetired",
    "EmployeeTransferred",
    "EmployeeUpdated",
    "EvaluationRecorded",
    "Event",
    "Golongan",
    "MentoringSessionRecorded",
    "MentorshipCompleted",
    "MentorshipStarted",
    "Nip",
    "PromotionEvidence",
    "PromotionProposalRejected",
    "PromotionRecommendationWithdrawn",
    "PromotionRecommended",
    "TrainingCompleted",
    "TrainingEnrolled",
    "TrainingRecommended",
    "model_for",
]
