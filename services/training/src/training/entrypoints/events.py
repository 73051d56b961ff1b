"""Every event the training service consumes, and its handler: the whole message surface."""

from __future__ import annotations

from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
    MentorshipCompleted,
)
from jenjang_shared.messaging.handlers import ServiceHandlerTable
from training.service import handlers
from training.service.ports import UnitOfWork

HANDLERS: ServiceHandlerTable[UnitOfWork] = {
    EmployeeRegistered: handlers.on_employee_registered,
    EmployeeUpdated: handlers.on_employee_updated,
    EmployeeTransferred: handlers.on_employee_transferred,
    EmployeePromoted: handlers.on_employee_promoted,
    EmployeeRetired: handlers.on_employee_retired,
    EvaluationRecorded: handlers.on_evaluation_recorded,
    MentorshipCompleted: handlers.on_mentorship_completed,
}
