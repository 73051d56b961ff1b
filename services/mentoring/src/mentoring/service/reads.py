"""The reads with a decision in them: one record within the caller's scope (404 otherwise, like
an unknown one), and the audit of reading another person's mentoring records.

A mentorship in full (session notes, both sides' feedback, an outcome) and an employee's
mentorships (a coaching one says an annual predikat was weak) are personal: reading another
person's is audited ("<noun>.read"); the mentor or mentee reading their own is not. The lists
are filtered by the same scope in SQL (service.ports.MentoringQueries).
"""

from __future__ import annotations

from dataclasses import dataclass

from jenjang_shared.access import Visibility
from jenjang_shared.errors import NotFound
from mentoring.service.ports import Row, UnitOfWork

# Requests of one mentee still waiting for a mentor: one per programme at most.
_PENDING_SHOWN = 100


@dataclass(frozen=True)
class EmployeeMentoring:
    """An employee's mentorships in both roles, and their requests still waiting."""

    nip: str
    as_mentee: list[Row]
    as_mentor: list[Row]
    unmatched: list[Row]


async def employee(uow: UnitOfWork, *, nip: str, visibility: Visibility) -> Row:
    """The employee as this service knows them; 404 when unknown or outside `visibility`."""
    row = await uow.queries.get_employee(nip, visibility=visibility)
    if row is None:
        raise NotFound(f"employee {nip} is not known to the mentoring service")
    return row


async def employee_mentoring(
    uow: UnitOfWork, *, nip: str, visibility: Visibility, reader_nip: str | None
) -> EmployeeMentoring:
    """As mentee and as mentor (every status), and the requests still waiting for a mentor.
    404 when the employee is outside `visibility`: an employee the projection does not know
    yet (an event about them came first) is within it only for admin, internal apps and
    themselves. Audited unless it is the reader's own."""
    known = await uow.queries.get_employee(nip, visibility=visibility)
    if known is None and not visibility.allows(nip=nip):
        raise NotFound(f"employee {nip} is not known to the mentoring service")
    rows = await uow.queries.mentorships_of(nip, visibility=visibility)
    pending, _ = await uow.queries.list_pending(
        status="PENDING", mentee_nip=nip, limit=_PENDING_SHOWN, offset=0, visibility=visibility
    )
    if reader_nip != nip:
        await uow.audit(
            operation="employee_mentorships.read", record_type="employee", record_id=nip
        )
    return EmployeeMentoring(
        nip=nip,
        as_mentee=[r for r in rows if r["mentee_nip"] == nip],
        as_mentor=[r for r in rows if r["mentor_nip"] == nip],
        unmatched=pending,
    )


async def mentorship(
    uow: UnitOfWork, *, mentorship_id: str, visibility: Visibility, reader_nip: str | None
) -> Row:
    """One mentorship with its sessions and feedback; 404 when there is none or neither party
    is within `visibility`. Audited unless the reader is its mentor or mentee."""
    row = await uow.queries.get_mentorship(mentorship_id, visibility=visibility)
    if row is None:
        raise NotFound(f"no mentorship {mentorship_id}")
    if reader_nip not in (row["mentor_nip"], row["mentee_nip"]):
        await uow.audit(operation="mentorship.read", record_type="mentorship", record_id=row["id"])
    return row


async def feedback_report(uow: UnitOfWork, *, visibility: Visibility) -> list[Row]:
    """Average feedback per mentor within `visibility` (ratings of people): audited."""
    rows = await uow.reports.feedback_per_mentor(visibility=visibility)
    await uow.audit(operation="feedback_report.read", record_type="report", record_id="feedback")
    return rows
