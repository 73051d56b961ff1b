"""Who may see and change which employee: the caller's `Visibility` (jenjang_shared.access),
applied by the stores in their SQL, and the audit of what a command changed.

Reads take the caller's visibility as it is: hr the employees of its units, a supervisor their
direct reports, an employee themself, admin and internal apps everyone. Writes take
`for_writes(visibility)`: only hr's units (or everyone), never a supervisor's reports nor the
caller's own record, so that the role that may write is the one that decides the scope. A
record out of scope is not found (404), exactly as an unknown one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from enum import Enum
from typing import Any

from jenjang_shared.access import Visibility
from jenjang_shared.errors import NotAllowed
from personnel.domain.employee import FieldChange
from personnel.service.ports import UnitOfWork


class OutOfScope(NotAllowed):
    """A write the caller's scope does not cover, where nothing is hidden by saying so (the
    unit a registration names is in the request): 403."""


def to_json_value(value: Any) -> Any:
    """A field value in its JSON form (enums by value, dates ISO)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def for_writes(visibility: Visibility) -> Visibility:
    """The records a caller may change: everyone (admin, an internal app with the write scope)
    or the employees of hr's units."""
    return replace(visibility, reports_of=None, nip=None)


def before_after(changes: Iterable[FieldChange]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The changed fields before and after, JSON-ready, for the audit log."""
    listed = list(changes)
    before = {c.field: to_json_value(c.old) for c in listed}
    after = {c.field: to_json_value(c.new) for c in listed}
    return before, after


async def audit_employee_change(
    uow: UnitOfWork,
    operation: str,
    nip: str,
    changes: Iterable[FieldChange],
    **extra: Any,
) -> None:
    """One audit row for a change of an employee's record: the changed fields before and after
    (plus `extra` facts of the change, such as the effective date and the reason)."""
    before, after = before_after(changes)
    await uow.audit(
        operation=operation,
        record_type="employee",
        record_id=nip,
        before=before,
        after={**after, **{k: to_json_value(v) for k, v in extra.items()}},
    )
