"""Ending a mentorship: completion with its JP credit, or cancellation. Either frees a slot of
the mentor, so requests waiting for a mentor are tried again in the same transaction.

Decided by HR or admin: the mentorship must have a party within the caller's `visibility` (404
otherwise), and the decider is neither its mentor nor its mentee (four eyes: 403). Audited.
"""

from __future__ import annotations

from datetime import date

from jenjang_shared.access import Visibility
from jenjang_shared.contracts import MentorshipCompleted
from jenjang_shared.contracts.vocabulary import MentoringProgram
from mentoring.domain.jp import jp_credit
from mentoring.domain.mentorship import Mentorship
from mentoring.service.access import not_own
from mentoring.service.matching import retry_pending
from mentoring.service.mentorships import locked
from mentoring.service.ports import EVERYONE, UnitOfWork


async def complete_mentorship(
    uow: UnitOfWork,
    *,
    mentorship_id: str,
    outcome: str,
    completed_on: date,
    today: date,
    visibility: Visibility = EVERYONE,
    decider_nip: str | None = None,
) -> Mentorship:
    """Complete with an outcome; the mentee earns non-classroom JP from the session minutes
    (see domain.jp.jp_credit); publish MentorshipCompleted."""
    policy = uow.policy
    mentorship = await locked(uow, mentorship_id, visibility=visibility)
    _four_eyes(decider_nip, mentorship, "complete it")
    minutes, last_session = await uow.mentorships.session_summary(mentorship_id)
    credit = jp_credit(minutes, minutes_per_jp=policy.minutes_per_jp, cap=policy.jp_credit_cap)
    done = mentorship.complete(
        outcome=outcome, on=completed_on, today=today, last_session=last_session, jp=credit
    )
    await uow.mentorships.save(done)
    await audit_end(uow, "mentorship.complete", mentorship, done)
    await uow.publish(
        MentorshipCompleted(
            mentorship_id=done.id,
            mentor_nip=done.mentor_nip,
            mentee_nip=done.mentee_nip,
            completed_on=completed_on,
            outcome=outcome,
            jp_credit=credit,
            program=MentoringProgram(done.program),
        )
    )
    await retry_pending(uow, today=today)  # a slot of the mentor is free again
    return done


async def cancel_mentorship(
    uow: UnitOfWork,
    *,
    mentorship_id: str,
    reason: str,
    today: date,
    visibility: Visibility = EVERYONE,
    decider_nip: str | None = None,
) -> Mentorship:
    """Cancel an active mentorship with a reason (no event: nothing downstream depends on it)."""
    mentorship = await locked(uow, mentorship_id, visibility=visibility)
    _four_eyes(decider_nip, mentorship, "cancel it")
    cancelled = mentorship.cancel(reason=reason, on=today)
    await uow.mentorships.save(cancelled)
    await audit_end(uow, "mentorship.cancel", mentorship, cancelled)
    await retry_pending(uow, today=today)
    return cancelled


def _four_eyes(decider_nip: str | None, mentorship: Mentorship, what: str) -> None:
    not_own(
        decider_nip, mentor_nip=mentorship.mentor_nip, mentee_nip=mentorship.mentee_nip, what=what
    )


async def audit_end(uow: UnitOfWork, operation: str, before: Mentorship, after: Mentorship) -> None:
    """The audit row of a mentorship that ended (completed or cancelled; by a caller, or by the
    service applying an event): status and the fields the ending set."""
    ended = {
        name: getattr(after, name)
        for name in ("completed_on", "outcome", "jp_credit", "ended_on", "cancel_reason")
        if getattr(after, name) != getattr(before, name)
    }
    await uow.audit(
        operation=operation,
        record_type="mentorship",
        record_id=after.id,
        before={"status": before.status.value},
        after={"status": after.status.value, **ended},
    )
