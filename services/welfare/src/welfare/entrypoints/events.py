"""Every event the welfare service reacts to, and its handler: the whole message surface."""

from __future__ import annotations

from jenjang_shared.contracts import (
    EmployeePromoted,
    EmployeeRegistered,
    EmployeeRetired,
    EmployeeTransferred,
    EmployeeUpdated,
    EvaluationRecorded,
)
from jenjang_shared.messaging.handlers import ServiceHandlerTable
from welfare.service import handlers
from welfare.service.ports import UnitOfWork

HANDLERS: ServiceHandlerTable[UnitOfWork] = {
    EmployeeRegistered: handlers.on_employee_registered,
    EmployeeUpdated: handlers.on_employee_updated,
    EmployeePromoted: handlers.on_employee_promoted,
    EmployeeTransferred: handlers.on_employee_transferred,
    EmployeeRetired: handlers.on_employee_retired,
    EvaluationRecorded: handlers.on_evaluation_recorded,
}
