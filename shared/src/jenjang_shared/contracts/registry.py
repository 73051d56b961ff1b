"""Every v1 contract, and the map from CloudEvents type to model."""

from __future__ import annotations

from jenjang_shared.contracts.base import Event
from jenjang_shared.contracts.evaluation import (
    EvaluationRecorded,
    PromotionRecommendationWithdrawn,
    PromotionRecommended,
)
from jenjang_shared.contracts.mentoring import (
    MentoringSessionRecorded,
    MentorshipCompleted,
    MentorshipStarted,
)
from jenjang_shared.contracts.personnel import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    PromotionProposalRejected,
)
from jenjang_shared.contracts.provenance import SERVICES as SERVICES
from jenjang_shared.contracts.training import (
    TrainingCompleted,
    TrainingEnrolled,
    TrainingRecommended,
)
from jenjang_shared.contracts.welfare import AllowanceEntitlementChanged, BenefitClaimDecided

ALL_EVENTS: tuple[type[Event], ...] = (
    EmployeeRegistered,
    EmployeeUpdated,
    EmployeeTransferred,
    EmployeePromoted,
    PromotionProposalRejected,
    EmployeeRetired,
    TrainingEnrolled,
    TrainingCompleted,
    TrainingRecommended,
    MentorshipStarted,
    MentoringSessionRecorded,
    MentorshipCompleted,
    EvaluationRecorded,
    PromotionRecommended,
    PromotionRecommendationWithdrawn,
    AllowanceEntitlementChanged,
    BenefitClaimDecided,
)

EVENT_TYPES: dict[str, type[Event]] = {model.ce_type(): model for model in ALL_EVENTS}


def model_for(ce_type: str) -> type[Event] | None:
    """The contract of a CloudEvents type, or None when this version of the code does not know it."""
    return EVENT_TYPES.get(ce_type)


def topic_of(service: str) -> str:
    """The topic a service publishes to."""
    return f"asn.{service}.v1"


def dead_letter_topic_of(service: str) -> str:
    """The dead-letter topic of a consuming service."""
    return f"asn.{service}.dlq.v1"
