"""The evaluation service's whole message surface: each event it consumes, and its handler."""

from __future__ import annotations

from evaluation.service import handlers
from evaluation.service.ports import UnitOfWork
from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    PromotionProposalRejected,
    TrainingCompleted,
)
from jenjang_shared.messaging.handlers import ServiceHandlerTable

HANDLERS: ServiceHandlerTable[UnitOfWork] = {
    EmployeeRegistered: handlers.on_employee_registered,
    EmployeeUpdated: handlers.on_employee_updated,
    EmployeeTransferred: handlers.on_employee_transferred,
    EmployeePromoted: handlers.on_employee_promoted,
    EmployeeRetired: handlers.on_employee_retired,
    TrainingCompleted: handlers.on_training_completed,
    PromotionProposalRejected: handlers.on_promotion_proposal_rejected,
}
